// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
#include "engine/match/deterministic.h"

#include <algorithm>

namespace idforge::match {

Result<std::vector<Edge>> DeterministicEdges(const std::vector<block::BlockingRule>& rules,
                                             const Comparator& comparator, const MatchModel& model,
                                             const TermFrequencies& frequencies,
                                             uint32_t max_block_size, ExecContext& ctx) {
  std::vector<Edge> edges;
  if (rules.empty()) return edges;
  block::BlockingOptions options;
  options.rules = rules;
  options.max_block_size = max_block_size;
  IDFORGE_ASSIGN_OR_RETURN(block::BlockIndex blocks,
                           block::BuildBlocks(comparator.table(), options, ctx));
  const auto threshold = static_cast<float>(model.ThresholdWeight());
  for (size_t r = 0; r < blocks.rule_count(); ++r) {
    for (uint32_t b = 0; b < blocks.block_count(r); ++b) {
      if (blocks.is_generic(r, b)) continue;  // a placeholder value links nobody
      const auto members = blocks.members(r, b);
      for (size_t i = 0; i < members.size(); ++i) {
        for (size_t j = i + 1; j < members.size(); ++j) {
          const uint32_t x = members[i];
          const uint32_t y = members[j];
          if (blocks.ProposedEarlier(r, x, y)) continue;
          const double weight =
              PairWeight(comparator, model, frequencies, x, y, comparator.Compare(x, y));
          edges.push_back({x, y, std::max(static_cast<float>(weight), threshold)});
        }
      }
    }
  }
  std::sort(edges.begin(), edges.end(),
            [](const Edge& p, const Edge& q) { return p.a != q.a ? p.a < q.a : p.b < q.b; });
  return edges;
}

std::vector<Edge> MergeEdges(const std::vector<Edge>& scored, const std::vector<Edge>& forced) {
  std::vector<Edge> out;
  out.reserve(scored.size() + forced.size());
  size_t i = 0;
  size_t j = 0;
  auto less = [](const Edge& p, const Edge& q) { return p.a != q.a ? p.a < q.a : p.b < q.b; };
  while (i < scored.size() || j < forced.size()) {
    if (j == forced.size() || (i < scored.size() && less(scored[i], forced[j]))) {
      out.push_back(scored[i++]);
    } else if (i == scored.size() || less(forced[j], scored[i])) {
      out.push_back(forced[j++]);
    } else {
      Edge edge = scored[i++];
      edge.weight = std::max(edge.weight, forced[j++].weight);
      out.push_back(edge);
    }
  }
  return out;
}

}  // namespace idforge::match
