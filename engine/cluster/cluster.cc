// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
#include "engine/cluster/cluster.h"

#include <algorithm>
#include <limits>
#include <numeric>

namespace idforge::cluster {
namespace {

class UnionFind {
 public:
  explicit UnionFind(uint32_t n) : parent_(n), size_(n, 1) { std::iota(parent_.begin(), parent_.end(), 0u); }
  uint32_t Find(uint32_t x) {
    while (parent_[x] != x) {
      parent_[x] = parent_[parent_[x]];  // path halving
      x = parent_[x];
    }
    return x;
  }
  // The smaller root wins: a set's root is always its smallest element.
  void Union(uint32_t ra, uint32_t rb) {
    if (ra == rb) return;
    if (rb < ra) std::swap(ra, rb);
    parent_[rb] = ra;
    size_[ra] += size_[rb];
  }
  uint32_t size(uint32_t root) const { return size_[root]; }
  void Reset(uint32_t x) {
    parent_[x] = x;
    size_[x] = 1;
  }

 private:
  std::vector<uint32_t> parent_;
  std::vector<uint32_t> size_;
};

}  // namespace

Clustering ConnectEdges(uint32_t row_count, std::span<const Edge> edges,
                        const ClusterOptions& options, const CannotLink& cannot_link,
                        ExecContext& ctx) {
  UnionFind sets(row_count);
  for (const Edge& edge : edges) sets.Union(sets.Find(edge.a), sets.Find(edge.b));

  // Members of each component (counting sort by root).
  std::vector<uint32_t> root_of(row_count);
  for (uint32_t row = 0; row < row_count; ++row) root_of[row] = sets.Find(row);
  std::vector<uint32_t> start(row_count + 1, 0);
  for (uint32_t row = 0; row < row_count; ++row) ++start[root_of[row] + 1];
  for (uint32_t i = 1; i <= row_count; ++i) start[i] += start[i - 1];
  std::vector<uint32_t> members(row_count);
  {
    std::vector<uint32_t> fill(start.begin(), start.end() - 1);
    for (uint32_t row = 0; row < row_count; ++row) members[fill[root_of[row]]++] = row;
  }

  // Which components a guard must re-cluster.
  const uint32_t max_size = std::max<uint32_t>(2, options.max_entity_size);
  std::vector<GuardEvent> events;
  std::vector<uint32_t> flagged_roots;
  for (uint32_t root = 0; root < row_count; ++root) {
    const uint32_t size = start[root + 1] - start[root];
    if (size < 2) continue;
    if (size > max_size) {
      flagged_roots.push_back(root);
      events.push_back({root, "max_entity_size", size, 0});
      continue;
    }
    if (!cannot_link || size > options.cannot_link_check_limit) continue;
    const std::span<const uint32_t> group(members.data() + start[root], size);
    bool conflict = false;
    for (size_t i = 0; i < group.size() && !conflict; ++i) {
      for (size_t j = i + 1; j < group.size() && !conflict; ++j) conflict = cannot_link(group[i], group[j]);
    }
    if (conflict) {
      flagged_roots.push_back(root);
      events.push_back({root, "cannot_link", size, 0});
    }
  }

  std::vector<Edge> kept;
  if (flagged_roots.empty()) {
    kept.assign(edges.begin(), edges.end());
  } else {
    std::vector<uint8_t> flagged(row_count, 0);
    for (uint32_t root : flagged_roots) flagged[root] = 1;
    std::vector<Edge> redo;
    for (const Edge& edge : edges) (flagged[root_of[edge.a]] ? redo : kept).push_back(edge);
    // Strongest links first; ties by rows, so the result is deterministic.
    std::sort(redo.begin(), redo.end(), [](const Edge& x, const Edge& y) {
      if (x.weight != y.weight) return x.weight > y.weight;
      return x.a != y.a ? x.a < y.a : x.b < y.b;
    });
    for (uint32_t root : flagged_roots) {
      for (uint32_t i = start[root]; i < start[root + 1]; ++i) sets.Reset(members[i]);
    }
    // Current members of each growing set, to check cannot-link across two sets.
    std::vector<std::vector<uint32_t>> set_members(row_count);
    for (uint32_t root : flagged_roots) {
      for (uint32_t i = start[root]; i < start[root + 1]; ++i) set_members[members[i]] = {members[i]};
    }
    for (const Edge& edge : redo) {
      const uint32_t ra = sets.Find(edge.a);
      const uint32_t rb = sets.Find(edge.b);
      if (ra == rb) {
        kept.push_back(edge);
        continue;
      }
      if (sets.size(ra) + sets.size(rb) > max_size) continue;
      bool conflict = false;
      if (cannot_link) {
        for (uint32_t x : set_members[ra]) {
          for (uint32_t y : set_members[rb]) {
            if (cannot_link(x, y)) {
              conflict = true;
              break;
            }
          }
          if (conflict) break;
        }
      }
      if (conflict) continue;
      sets.Union(ra, rb);
      const uint32_t into = std::min(ra, rb);
      const uint32_t from = std::max(ra, rb);
      set_members[into].insert(set_members[into].end(), set_members[from].begin(), set_members[from].end());
      set_members[from].clear();
      set_members[from].shrink_to_fit();
      kept.push_back(edge);
    }
  }

  Clustering out;
  out.best_weight.assign(row_count, -std::numeric_limits<float>::infinity());
  for (const Edge& edge : kept) {
    out.best_weight[edge.a] = std::max(out.best_weight[edge.a], edge.weight);
    out.best_weight[edge.b] = std::max(out.best_weight[edge.b], edge.weight);
  }
  out.entity_of.assign(row_count, 0);
  for (uint32_t row = 0; row < row_count; ++row) {
    const uint32_t root = sets.Find(row);
    if (root == row) {
      out.entity_of[row] = static_cast<uint32_t>(out.entity_first.size());
      out.entity_first.push_back(row);
    } else {
      out.entity_of[row] = out.entity_of[root];  // root < row: already numbered
    }
  }
  for (GuardEvent& event : events) {
    std::vector<uint32_t> parts;
    for (uint32_t i = start[event.first_row]; i < start[event.first_row + 1]; ++i) {
      parts.push_back(out.entity_of[members[i]]);
    }
    std::sort(parts.begin(), parts.end());
    event.parts = static_cast<uint32_t>(std::unique(parts.begin(), parts.end()) - parts.begin());
  }
  out.guards = std::move(events);
  ctx.stats().Add("cluster.entities", out.entity_count());
  ctx.stats().Add("cluster.edges", static_cast<int64_t>(kept.size()));
  ctx.stats().Add("cluster.guard_splits", static_cast<int64_t>(out.guards.size()));
  return out;
}

}  // namespace idforge::cluster
