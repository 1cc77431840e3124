// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
#include "engine/match/score.h"

#include <algorithm>
#include <cmath>

#include <oneapi/tbb/enumerable_thread_specific.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/parallel_sort.h>

#include "engine/common/hash.h"
#include "engine/match/pair_iteration.h"

namespace idforge::match {
namespace {

// The value a term-frequency comparison counts.
std::string_view TfValue(const NormalizedTable& table, ComparisonKind kind, uint32_t row) {
  switch (kind) {
    case ComparisonKind::kFirstName: return table.Get(Field::kFirstName, row);
    case ComparisonKind::kLastName: return table.Get(DerivedKey::kSurnameCompact, row);
    default: return {};
  }
}

// Bounds of the term-frequency adjustment in bits: a unique surname may add up to 6 bits, a very
// common one remove up to 10.
constexpr double kMaxTfBonus = 6.0;
constexpr double kMaxTfPenalty = -10.0;

}  // namespace

TermFrequencies TermFrequencies::Build(const NormalizedTable& table,
                                       const std::vector<Comparison>& comparisons,
                                       ExecContext& ctx) {
  TermFrequencies out;
  out.frequency_.resize(comparisons.size());
  const uint32_t rows = table.row_count();
  for (size_t c = 0; c < comparisons.size(); ++c) {
    if (!comparisons[c].term_frequency) continue;
    std::vector<std::pair<uint64_t, uint32_t>> keyed;
    keyed.reserve(rows);
    for (uint32_t row = 0; row < rows; ++row) {
      const std::string_view value = TfValue(table, comparisons[c].kind, row);
      if (!value.empty()) keyed.emplace_back(HashKey(value), row);
    }
    ctx.task_arena().execute([&] { tbb::parallel_sort(keyed.begin(), keyed.end()); });
    std::vector<float>& frequency = out.frequency_[c];
    frequency.assign(rows, 0.0f);
    const auto total = static_cast<double>(keyed.size());
    size_t begin = 0;
    while (begin < keyed.size()) {
      size_t end = begin + 1;
      while (end < keyed.size() && keyed[end].first == keyed[begin].first) ++end;
      const auto tf = static_cast<float>(static_cast<double>(end - begin) / total);
      for (size_t i = begin; i < end; ++i) frequency[keyed[i].second] = tf;
      begin = end;
    }
  }
  return out;
}

double TermFrequencies::Adjustment(size_t comparison, uint32_t row, double u_exact) const {
  if (comparison >= frequency_.size() || frequency_[comparison].empty()) return 0;
  const float tf = frequency_[comparison][row];
  if (tf <= 0) return 0;
  return std::clamp(std::log2(u_exact / tf), kMaxTfPenalty, kMaxTfBonus);
}

double PairWeight(const Comparator& comparator, const MatchModel& model,
                  const TermFrequencies& frequencies, uint32_t a, uint32_t b, Pattern pattern) {
  double weight = model.PriorLogOdds();
  for (size_t c = 0; c < model.comparisons.size(); ++c) {
    const uint8_t level = LevelOf(pattern, c);
    weight += model.LogBayesFactor(c, level);
    const auto& levels = model.comparisons[c].levels;
    if (level != kNullLevel && level + 1u == levels.size() &&
        comparator.comparisons()[c].term_frequency) {
      weight += frequencies.Adjustment(c, a, levels[level].u);
    }
  }
  (void)b;
  return weight;
}

Result<ScoreResult> ScoreCandidates(const Comparator& comparator, const block::BlockIndex& blocks,
                                    const MatchModel& model, const TermFrequencies& frequencies,
                                    const ScoreOptions& options, ExecContext& ctx) {
  const size_t comparisons = model.comparisons.size();
  if (comparisons != comparator.comparisons().size()) {
    return InvalidArgument("the match model has " + std::to_string(comparisons) +
                           " comparisons but the run uses " +
                           std::to_string(comparator.comparisons().size()) +
                           "; retrain the model (idforge train) for this job");
  }
  // Level weights in a flat table: the inner loop only adds.
  std::vector<double> level_weight(comparisons * kMaxLevels, 0.0);
  for (size_t c = 0; c < comparisons; ++c) {
    for (size_t level = 0; level < model.comparisons[c].levels.size(); ++level) {
      level_weight[c * kMaxLevels + level] = model.LogBayesFactor(c, static_cast<uint8_t>(level));
    }
  }
  const double prior = model.PriorLogOdds();
  const double threshold = model.ThresholdWeight();
  constexpr int kBins = ScoreResult::kHistogramMax - ScoreResult::kHistogramMin + 2;

  struct Local {
    std::vector<Edge> edges;
    std::vector<ScoredPair> pairs;
    std::vector<uint64_t> histogram = std::vector<uint64_t>(kBins, 0);
    std::vector<uint64_t> per_rule;
  };
  tbb::enumerable_thread_specific<Local> locals([&] {
    Local local;
    local.per_rule.assign(blocks.rule_count(), 0);
    return local;
  });
  // Work items: (rule, block), so one huge rule still spreads over all threads.
  std::vector<std::pair<uint32_t, uint32_t>> items;
  for (size_t r = 0; r < blocks.rule_count(); ++r) {
    for (uint32_t b = 0; b < blocks.block_count(r); ++b) items.emplace_back(static_cast<uint32_t>(r), b);
  }
  ctx.task_arena().execute([&] {
    tbb::parallel_for(tbb::blocked_range<size_t>(0, items.size(), 256), [&](const auto& range) {
      Local& local = locals.local();
      for (size_t item = range.begin(); item != range.end(); ++item) {
        const auto [r, b] = items[item];
        ForEachPairInBlock(blocks, r, b, [&](uint32_t x, uint32_t y) {
          if (blocks.ProposedEarlier(r, x, y)) return;
          const Pattern pattern = comparator.Compare(x, y);
          double weight = prior;
          for (size_t c = 0; c < comparisons; ++c) {
            const uint8_t level = LevelOf(pattern, c);
            weight += level_weight[c * kMaxLevels + level];
            if (level != kNullLevel && level + 1u == model.comparisons[c].levels.size()) {
              weight += frequencies.Adjustment(c, x, model.comparisons[c].levels[level].u);
            }
          }
          ++local.per_rule[r];
          const int bin = std::clamp(static_cast<int>(std::floor(weight)) - ScoreResult::kHistogramMin + 1,
                                     0, kBins - 1);
          ++local.histogram[static_cast<size_t>(bin)];
          if (weight >= threshold) local.edges.push_back({x, y, static_cast<float>(weight)});
          if (options.keep_all_pairs) local.pairs.push_back({x, y, pattern, static_cast<float>(weight)});
        });
      }
    });
  });

  ScoreResult result;
  result.weight_histogram.assign(kBins, 0);
  result.pairs_per_rule.assign(blocks.rule_count(), 0);
  for (Local& local : locals) {
    result.edges.insert(result.edges.end(), local.edges.begin(), local.edges.end());
    result.all_pairs.insert(result.all_pairs.end(), local.pairs.begin(), local.pairs.end());
    for (size_t bin = 0; bin < result.weight_histogram.size(); ++bin) result.weight_histogram[bin] += local.histogram[bin];
    for (size_t r = 0; r < blocks.rule_count(); ++r) result.pairs_per_rule[r] += local.per_rule[r];
  }
  for (uint64_t count : result.pairs_per_rule) result.pairs_scored += count;
  auto by_pair = [](const auto& x, const auto& y) { return x.a != y.a ? x.a < y.a : x.b < y.b; };
  ctx.task_arena().execute([&] {
    tbb::parallel_sort(result.edges.begin(), result.edges.end(), by_pair);
    tbb::parallel_sort(result.all_pairs.begin(), result.all_pairs.end(), by_pair);
  });
  // A pair of a generic block can also come from a later rule: keep it once.
  auto same_pair = [](const auto& x, const auto& y) { return x.a == y.a && x.b == y.b; };
  result.edges.erase(std::unique(result.edges.begin(), result.edges.end(), same_pair), result.edges.end());
  result.all_pairs.erase(std::unique(result.all_pairs.begin(), result.all_pairs.end(), same_pair),
                         result.all_pairs.end());
  return result;
}

}  // namespace idforge::match
