// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
#include "engine/match/score.h"

#include <algorithm>
#include <cmath>
#include <optional>

#include <oneapi/tbb/enumerable_thread_specific.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/parallel_sort.h>

#include "engine/common/arena.h"
#include "engine/common/hash.h"
#include "engine/common/parallel_progress.h"
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

// Cheap, decisive comparisons first, so most non-matches stop after a few: dates, phones and
// genders are short fixed strings; names need Jaro-Winkler; the address reads three fields.
int CostRank(ComparisonKind kind) {
  switch (kind) {
    case ComparisonKind::kGender: return 0;
    case ComparisonKind::kDob: return 1;
    case ComparisonKind::kPhone: return 2;
    case ComparisonKind::kNationalId: return 3;
    case ComparisonKind::kEmail: return 4;
    case ComparisonKind::kLastName: return 5;
    case ComparisonKind::kFirstName: return 6;
    case ComparisonKind::kCompany: return 7;
    case ComparisonKind::kAddress: return 8;
  }
  return 9;
}

// What early exit needs: the order in which comparisons are made and, per record, the best
// weight each comparison could still add (its best level, with the record's own term-frequency
// adjustment on the exact level). Precomputed once per run: O(records * comparisons).
struct EarlyExitPlan {
  std::vector<uint8_t> order;
  std::vector<double> best;                   // [comparison]: best level weight, no tf
  std::vector<double> exact_weight;           // [comparison]: the exact level's weight, no tf
  // [comparison][row]: the row's term-frequency adjustment (TermFrequencies::Adjustment), or
  // empty. Kept so the pair loop takes the smaller of two adjustments without a log2 per pair.
  std::vector<std::vector<double>> tf_adjust;
  double prior = 0;

  // The most a pair with `row` can weigh: the prior plus each comparison's best. Summed per pair
  // rather than stored per row (80 MB at 10 M records); the sum is the same in the same order.
  double RowBound(uint32_t row) const {
    double bound = prior;
    for (size_t c = 0; c < best.size(); ++c) bound += Best(c, row);
    return bound;
  }

  // The exact level's weight with the row's adjustment. REQUIRES: !tf_adjust[c].empty().
  double TfExact(size_t c, uint32_t row) const { return exact_weight[c] + tf_adjust[c][row]; }

  void Prefetch(uint32_t row) const {
    for (const std::vector<double>& adjust : tf_adjust) {
      if (!adjust.empty()) __builtin_prefetch(adjust.data() + row);
    }
  }

  double Best(size_t c, uint32_t row) const {
    return tf_adjust[c].empty() ? best[c] : std::max(best[c], TfExact(c, row));
  }

  // The full pattern, or nothing once the weight can no longer reach `cut`.
  std::optional<Pattern> Compare(const Comparator& comparator, const std::vector<double>& level_weight,
                                 uint32_t x, uint32_t y, double cut) const {
    double bound = RowBound(x);
    Pattern pattern = 0;
    for (const uint8_t c : order) {
      const uint8_t level = comparator.Level(c, x, y);
      pattern |= static_cast<Pattern>(level) << (4 * c);
      const bool tf_exact_level = !tf_adjust[c].empty() && level != kNullLevel &&
                                  level + 1u == comparator.comparisons()[c].levels.size();
      const double gained = tf_exact_level ? TfExact(c, x) : level_weight[c * kMaxLevels + level];
      bound += gained - Best(c, x);
      if (bound < cut) return std::nullopt;
    }
    return pattern;
  }
};

EarlyExitPlan MakeEarlyExitPlan(const Comparator& comparator, const MatchModel& model,
                                const TermFrequencies& frequencies, ExecContext& ctx) {
  const size_t comparisons = model.comparisons.size();
  const uint32_t rows = comparator.table().row_count();
  EarlyExitPlan plan;
  for (size_t c = 0; c < comparisons; ++c) plan.order.push_back(static_cast<uint8_t>(c));
  std::stable_sort(plan.order.begin(), plan.order.end(), [&](uint8_t a, uint8_t b) {
    return CostRank(comparator.comparisons()[a].kind) < CostRank(comparator.comparisons()[b].kind);
  });
  plan.best.assign(comparisons, 0.0);  // the null level adds 0
  plan.tf_adjust.resize(comparisons);
  plan.exact_weight.assign(comparisons, 0.0);
  for (size_t c = 0; c < comparisons; ++c) {
    const auto& levels = model.comparisons[c].levels;
    const bool tf = comparator.comparisons()[c].term_frequency;
    for (size_t level = 1; level < levels.size(); ++level) {
      if (tf && level + 1 == levels.size()) continue;
      plan.best[c] = std::max(plan.best[c], model.LogBayesFactor(c, static_cast<uint8_t>(level)));
    }
    if (!tf || levels.size() < 2) continue;
    const auto exact = static_cast<uint8_t>(levels.size() - 1);
    plan.exact_weight[c] = model.LogBayesFactor(c, exact);
    AssignOnHugePages(plan.tf_adjust[c], rows);
    ctx.task_arena().execute([&] {
      tbb::parallel_for(tbb::blocked_range<uint32_t>(0, rows, 4096), [&](const auto& range) {
        for (uint32_t row = range.begin(); row != range.end(); ++row) {
          plan.tf_adjust[c][row] = frequencies.Adjustment(c, row, levels[exact].u);
        }
      });
    });
  }
  plan.prior = model.PriorLogOdds();
  return plan;
}

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
    AssignOnHugePages(frequency, rows, 0.0f);
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
  const bool conflict = FirstNamesConflict(comparator.comparisons(), pattern);
  double weight = model.PriorLogOdds();
  for (size_t c = 0; c < model.comparisons.size(); ++c) {
    const uint8_t level = LevelOf(pattern, c);
    double added = model.LogBayesFactor(c, level);
    const auto& levels = model.comparisons[c].levels;
    if (level != kNullLevel && level + 1u == levels.size() &&
        comparator.comparisons()[c].term_frequency) {
      added += frequencies.PairAdjustment(c, a, b, levels[level].u);
    }
    weight += CountedWeight(comparator.comparisons()[c], added, conflict);
  }
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
  const bool early_exit = !options.keep_all_pairs && options.early_exit_margin >= 0;
  // Tiny floor: the bound is summed in another order than the weight, so never cut at exactly
  // the threshold.
  const double cut = threshold - std::max(options.early_exit_margin, 1e-6);
  const int histogram_min =
      early_exit ? std::clamp(static_cast<int>(std::ceil(cut)), ScoreResult::kHistogramMin,
                              ScoreResult::kHistogramMax)
                 : ScoreResult::kHistogramMin;
  const int bins = ScoreResult::kHistogramMax - histogram_min + 2;
  const EarlyExitPlan plan = early_exit ? MakeEarlyExitPlan(comparator, model, frequencies, ctx)
                                        : EarlyExitPlan{};

  struct Local {
    std::vector<Edge> edges;
    std::vector<ScoredPair> pairs;
    std::vector<uint64_t> histogram;
    std::vector<uint64_t> per_rule;
    uint64_t stopped = 0;
  };
  tbb::enumerable_thread_specific<Local> locals([&] {
    Local local;
    local.histogram.assign(static_cast<size_t>(bins), 0);
    local.per_rule.assign(blocks.rule_count(), 0);
    return local;
  });
  // The exact weight, summed in comparison order (explain and PairWeight() agree with it).
  auto exact_weight = [&](uint32_t x, uint32_t y, Pattern pattern) {
    const bool conflict = FirstNamesConflict(comparator.comparisons(), pattern);
    double weight = prior;
    for (size_t c = 0; c < comparisons; ++c) {
      const uint8_t level = LevelOf(pattern, c);
      double added = level_weight[c * kMaxLevels + level];
      if (level != kNullLevel && level + 1u == model.comparisons[c].levels.size()) {
        // The plan's per-row adjustments are TermFrequencies::Adjustment's values: the same
        // minimum as PairAdjustment, without its two log2.
        added += early_exit && !plan.tf_adjust[c].empty()
                     ? std::min(plan.tf_adjust[c][x], plan.tf_adjust[c][y])
                     : frequencies.PairAdjustment(c, x, y, model.comparisons[c].levels[level].u);
      }
      weight += CountedWeight(comparator.comparisons()[c], added, conflict);
    }
    return weight;
  };
  // Work items: (rule, block), numbered rule after rule, so one huge rule still spreads over all
  // threads. Mapped on the fly (a list of them was 128 MB at 10 M records).
  std::vector<size_t> rule_first_item{0};
  for (size_t r = 0; r < blocks.rule_count(); ++r) {
    rule_first_item.push_back(rule_first_item.back() + blocks.block_count(r));
  }
  auto item_at = [&](size_t item) {
    const auto rule = static_cast<size_t>(
        std::upper_bound(rule_first_item.begin(), rule_first_item.end(), item) - rule_first_item.begin() - 1);
    return std::pair<uint32_t, uint32_t>(static_cast<uint32_t>(rule),
                                         static_cast<uint32_t>(item - rule_first_item[rule]));
  };
  // Everything a pair reads of one record, requested before the pair is scored: most blocks
  // are small, so the blocks two items ahead are prefetched as well as members within a block.
  auto prefetch_row = [&](uint32_t row) {
    comparator.Prefetch(row);
    blocks.PrefetchFingerprints(row);
    if (!early_exit) frequencies.Prefetch(row);  // else the plan holds what pairs read of them
    plan.Prefetch(row);
  };
  constexpr size_t kBlocksAhead = 2;
  ParallelForWithProgress(ctx, "compare", rule_first_item.back(), 256, [&](size_t first, size_t last) {
      Local& local = locals.local();
      for (size_t item = first; item != last; ++item) {
        if (item + kBlocksAhead < last) {
          const auto [ahead_rule, ahead_block] = item_at(item + kBlocksAhead);
          PrefetchBlock(blocks, ahead_rule, ahead_block, prefetch_row);
        }
        const auto [r, b] = item_at(item);
        ForEachPairInBlock(blocks, r, b, [&](uint32_t x, uint32_t y) {
          if (blocks.ProposedEarlier(r, x, y)) return;
          ++local.per_rule[r];
          Pattern pattern;
          if (early_exit) {
            const std::optional<Pattern> full = plan.Compare(comparator, level_weight, x, y, cut);
            if (!full) {
              ++local.stopped;
              ++local.histogram[0];
              return;
            }
            pattern = *full;
          } else {
            pattern = comparator.Compare(x, y);
          }
          const double weight = exact_weight(x, y, pattern);
          const int bin = std::clamp(static_cast<int>(std::floor(weight)) - histogram_min + 1, 0, bins - 1);
          ++local.histogram[static_cast<size_t>(bin)];
          if (weight >= threshold) local.edges.push_back({x, y, static_cast<float>(weight)});
          if (options.keep_all_pairs) local.pairs.push_back({x, y, pattern, static_cast<float>(weight)});
        }, prefetch_row);
      }
  });

  ScoreResult result;
  result.histogram_min = histogram_min;
  result.weight_histogram.assign(static_cast<size_t>(bins), 0);
  result.pairs_per_rule.assign(blocks.rule_count(), 0);
  for (Local& local : locals) {
    result.edges.insert(result.edges.end(), local.edges.begin(), local.edges.end());
    result.all_pairs.insert(result.all_pairs.end(), local.pairs.begin(), local.pairs.end());
    for (size_t bin = 0; bin < result.weight_histogram.size(); ++bin) result.weight_histogram[bin] += local.histogram[bin];
    for (size_t r = 0; r < blocks.rule_count(); ++r) result.pairs_per_rule[r] += local.per_rule[r];
    result.pairs_stopped_early += local.stopped;
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
