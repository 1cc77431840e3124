// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
#include "engine/match/train.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>
#include <unordered_set>

#include <oneapi/tbb/enumerable_thread_specific.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/parallel_sort.h>

#include "engine/common/hash.h"
#include "engine/match/pair_iteration.h"
#include "engine/match/score.h"

namespace idforge::match {
namespace {

using PatternMap = std::unordered_map<Pattern, uint64_t>;

uint64_t SplitMix64(uint64_t& state) {
  uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

// Sorted by pattern so floating-point sums in EM are in a fixed order.
std::vector<PatternCount> Sorted(const PatternMap& map, double scale = 1.0) {
  std::vector<PatternCount> out;
  out.reserve(map.size());
  for (const auto& [pattern, count] : map) out.push_back({pattern, static_cast<double>(count) * scale});
  std::sort(out.begin(), out.end(),
            [](const PatternCount& a, const PatternCount& b) { return a.pattern < b.pattern; });
  return out;
}

// u: level frequencies over random pairs, with add-one smoothing so no level has u = 0.
// The pairs are all pairs among k rows drawn at random (k(k-1)/2 >= the sample size): as
// unbiased for u as independent pairs, but the k rows stay in cache, where independent pairs
// would read ~two dozen scattered cache lines each and run ~10x slower.
void EstimateU(const Comparator& comparator, uint32_t rows, const TrainOptions& options,
               ExecContext& ctx, MatchModel& model, TrainReport& report) {
  const uint64_t all_pairs = static_cast<uint64_t>(rows) * (rows - 1) / 2;
  const uint64_t wanted = std::min(options.u_sample_pairs, all_pairs);
  auto k = static_cast<uint32_t>(std::ceil((1.0 + std::sqrt(1.0 + 8.0 * static_cast<double>(wanted))) / 2.0));
  k = std::clamp<uint32_t>(k, 2, rows);
  // k distinct rows (Floyd's algorithm), ascending.
  std::vector<uint32_t> sample;
  if (k == rows) {
    sample.resize(rows);
    for (uint32_t row = 0; row < rows; ++row) sample[row] = row;
  } else {
    std::unordered_set<uint32_t> chosen;
    uint64_t state = options.seed;
    for (uint32_t j = rows - k; j < rows; ++j) {
      const auto t = static_cast<uint32_t>(SplitMix64(state) % (static_cast<uint64_t>(j) + 1));
      chosen.insert(chosen.contains(t) ? j : t);
    }
    sample.assign(chosen.begin(), chosen.end());
    std::sort(sample.begin(), sample.end());
  }
  const size_t comparisons = model.comparisons.size();
  tbb::enumerable_thread_specific<std::vector<uint64_t>> locals(
      std::vector<uint64_t>(comparisons * kMaxLevels, 0));
  ctx.task_arena().execute([&] {
    tbb::parallel_for(tbb::blocked_range<uint32_t>(0, k, 8), [&](const auto& range) {
      std::vector<uint64_t>& counts = locals.local();
      for (uint32_t i = range.begin(); i != range.end(); ++i) {
        for (uint32_t j = i + 1; j < k; ++j) {
          const Pattern pattern = comparator.Compare(sample[i], sample[j]);
          for (size_t c = 0; c < comparisons; ++c) ++counts[c * kMaxLevels + LevelOf(pattern, c)];
        }
      }
    });
  });
  std::vector<uint64_t> counts(comparisons * kMaxLevels, 0);
  for (const auto& local : locals) {
    for (size_t i = 0; i < counts.size(); ++i) counts[i] += local[i];
  }
  for (size_t c = 0; c < comparisons; ++c) {
    auto& levels = model.comparisons[c].levels;
    double total = 0;
    for (size_t level = 1; level < levels.size(); ++level) {
      total += static_cast<double>(counts[c * kMaxLevels + level]) + 1.0;
    }
    for (size_t level = 1; level < levels.size(); ++level) {
      levels[level].u = (static_cast<double>(counts[c * kMaxLevels + level]) + 1.0) / total;
    }
  }
  report.u_pairs = static_cast<uint64_t>(k) * (k - 1) / 2;
}

// Starting m: agreement levels likely among matches, "else" unlikely.
void InitialM(ComparisonModel& comparison) {
  auto& levels = comparison.levels;
  double total = 0;
  for (size_t level = 1; level < levels.size(); ++level) {
    levels[level].m = level == kElseLevel ? 0.05 : std::exp2(static_cast<double>(level));
    total += levels[level].m;
  }
  for (size_t level = 1; level < levels.size(); ++level) levels[level].m /= total;
}

// The value a personal identifier comparison agrees on exactly, or empty.
std::string_view IdentifierValue(const NormalizedTable& table, ComparisonKind kind, uint32_t row) {
  switch (kind) {
    case ComparisonKind::kEmail: {
      if (table.flags(row) & flag::kEmailRole) return {};  // a shared mailbox identifies nobody
      const std::string_view canonical = table.Get(DerivedKey::kEmailCanonical, row);
      return canonical.empty() ? table.Get(Field::kEmail, row) : canonical;
    }
    case ComparisonKind::kPhone: return table.Get(Field::kPhone, row);
    case ComparisonKind::kNationalId: return table.Get(Field::kNationalId, row);
    default: return {};
  }
}

// How often records agree exactly on one personal identifier (email, phone, national id), from
// its value frequencies: no sampling, so even rare agreement is counted.
struct IdentifierAgreement {
  double coverage = 0;         // share of records that give it
  double agreeing_pairs = 0;   // pairs with the same value
  double non_match_pairs = 0;  // of those, estimated to be two people sharing it
  // Whether the estimate rests on enough pairs with first names on both sides to be trusted.
  bool non_match_known = false;
};

// A value shared by more records than this is a shared line or mailbox: all its pairs count as
// non-matches, and its pairs are not enumerated.
constexpr uint32_t kSharedValueSize = 64;

// Within a small group of records sharing a value, pairs whose first names conflict are two people
// sharing it (a household's landline or mailbox), less the share of one person's records whose
// first name is garbled (first_name_else_m, the "else" level's m).
IdentifierAgreement AnalyzeIdentifier(const Comparator& comparator, ComparisonKind kind,
                                      double first_name_else_m, ExecContext& ctx) {
  const NormalizedTable& table = comparator.table();
  const ComparisonParameters first_name = FirstNameParameters(comparator.comparisons());
  const uint32_t rows = table.row_count();
  std::vector<std::pair<uint64_t, uint32_t>> keyed;
  keyed.reserve(rows);
  for (uint32_t row = 0; row < rows; ++row) {
    const std::string_view value = IdentifierValue(table, kind, row);
    if (!value.empty()) keyed.emplace_back(HashKey(value), row);
  }
  IdentifierAgreement out;
  out.coverage = static_cast<double>(keyed.size()) / std::max<uint32_t>(rows, 1);
  ctx.task_arena().execute([&] { tbb::parallel_sort(keyed.begin(), keyed.end()); });
  double shared_pairs = 0;
  double named_pairs = 0;
  double conflicting_pairs = 0;
  for (size_t begin = 0; begin < keyed.size();) {
    size_t end = begin + 1;
    while (end < keyed.size() && keyed[end].first == keyed[begin].first) ++end;
    const auto n = static_cast<double>(end - begin);
    out.agreeing_pairs += n * (n - 1) / 2;
    if (end - begin > kSharedValueSize) {
      shared_pairs += n * (n - 1) / 2;
    } else {
      for (size_t i = begin; i < end; ++i) {
        for (size_t j = i + 1; j < end; ++j) {
          const uint32_t a = keyed[i].second;
          const uint32_t b = keyed[j].second;
          if (table.Get(Field::kFirstName, a).empty() || table.Get(Field::kFirstName, b).empty()) continue;
          named_pairs += 1;
          conflicting_pairs += GivenNamesConflict(table, a, b, first_name) ? 1 : 0;
        }
      }
    }
    begin = end;
  }
  double conflict_share = named_pairs > 0 ? conflicting_pairs / named_pairs : 0;
  conflict_share = std::max(0.0, (conflict_share - first_name_else_m) / (1 - first_name_else_m));
  out.non_match_pairs = shared_pairs + (out.agreeing_pairs - shared_pairs) * conflict_share;
  out.non_match_known = named_pairs >= 100 && named_pairs >= 0.5 * (out.agreeing_pairs - shared_pairs);
  return out;
}

struct SampledPair {
  uint32_t a;
  uint32_t b;
  Pattern pattern;
  double weight;  // how many candidates this one stands for
};

// The expected share of matches among candidates: the fixed point of lambda = mean posterior
// match probability of the sampled pairs, each pair's Bayes factor fixed (EM on the mixing weight
// alone). The sample is sorted first so the sums run in a fixed order.
double CandidateMatchShare(const Comparator& comparator, const MatchModel& model,
                           const TermFrequencies& frequencies, std::vector<SampledPair>& sample,
                           const TrainOptions& options) {
  std::sort(sample.begin(), sample.end(), [](const SampledPair& x, const SampledPair& y) {
    return x.a != y.a ? x.a < y.a : x.b < y.b;
  });
  std::vector<double> log_factor(sample.size());
  const double prior = model.PriorLogOdds();
  double total = 0;
  for (size_t i = 0; i < sample.size(); ++i) {
    log_factor[i] =
        PairWeight(comparator, model, frequencies, sample[i].a, sample[i].b, sample[i].pattern) - prior;
    total += sample[i].weight;
  }
  double share = 0.1;
  for (int iteration = 0; iteration < options.max_iterations * 4; ++iteration) {
    const double log_odds = std::log2(share / (1 - share));
    double expected = 0;
    for (size_t i = 0; i < sample.size(); ++i) {
      expected += sample[i].weight / (1 + std::exp2(-(log_odds + log_factor[i])));
    }
    const double next = std::clamp(expected / total, 1e-12, 1 - 1e-9);
    const bool done = std::abs(next - share) <= options.tolerance;
    share = next;
    if (done) break;
  }
  return share;
}

}  // namespace

int RunEm(const std::vector<PatternCount>& patterns, const std::vector<bool>& active,
          const std::vector<bool>& update, bool update_lambda, int max_iterations, double tolerance,
          MatchModel& model) {
  const size_t comparisons = model.comparisons.size();
  // Log Bayes factors per comparison and level, refreshed each iteration.
  std::vector<double> log_bf(comparisons * kMaxLevels, 0.0);
  int iteration = 0;
  for (; iteration < max_iterations; ++iteration) {
    for (size_t c = 0; c < comparisons; ++c) {
      for (size_t level = 1; level < model.comparisons[c].levels.size(); ++level) {
        const LevelParameters& p = model.comparisons[c].levels[level];
        log_bf[c * kMaxLevels + level] = std::log(p.m / p.u);
      }
    }
    const double prior = std::log(model.lambda / (1 - model.lambda));
    std::vector<double> m_sum(comparisons * kMaxLevels, 0.0);
    double match_weight = 0;
    double total = 0;
    for (const PatternCount& entry : patterns) {
      double log_odds = prior;
      for (size_t c = 0; c < comparisons; ++c) {
        if (active[c]) log_odds += log_bf[c * kMaxLevels + LevelOf(entry.pattern, c)];
      }
      const double probability = 1.0 / (1.0 + std::exp(-log_odds));
      const double weight = probability * entry.count;
      match_weight += weight;
      total += entry.count;
      for (size_t c = 0; c < comparisons; ++c) {
        const uint8_t level = LevelOf(entry.pattern, c);
        if (update[c] && level != kNullLevel) m_sum[c * kMaxLevels + level] += weight;
      }
    }
    double change = 0;
    for (size_t c = 0; c < comparisons; ++c) {
      if (!update[c]) continue;
      auto& levels = model.comparisons[c].levels;
      double sum = 0;
      for (size_t level = 1; level < levels.size(); ++level) sum += m_sum[c * kMaxLevels + level];
      if (sum <= 0) continue;
      for (size_t level = 1; level < levels.size(); ++level) {
        // A floor keeps every Bayes factor finite: an unseen level is rare, not impossible.
        const double m = std::max(m_sum[c * kMaxLevels + level] / sum, 1e-6);
        change = std::max(change, std::abs(m - levels[level].m));
        levels[level].m = m;
      }
      double renormalize = 0;
      for (size_t level = 1; level < levels.size(); ++level) renormalize += levels[level].m;
      for (size_t level = 1; level < levels.size(); ++level) levels[level].m /= renormalize;
    }
    if (update_lambda && total > 0) {
      const double lambda = std::clamp(match_weight / total, 1e-12, 1 - 1e-9);
      change = std::max(change, std::abs(lambda - model.lambda));
      model.lambda = lambda;
    }
    if (change < tolerance) {
      ++iteration;
      break;
    }
  }
  return iteration;
}

Result<MatchModel> TrainModel(const Comparator& comparator, const block::BlockIndex& blocks,
                              uint32_t row_count, const TrainOptions& options, ExecContext& ctx,
                              TrainReport* report_out, const TermFrequencies* frequencies) {
  TrainReport report;
  MatchModel model;
  model.threshold = options.threshold;
  for (size_t r = 0; r < blocks.rule_count(); ++r) model.blocking_rules.push_back(blocks.rule(r).text);
  for (const Comparison& comparison : comparator.comparisons()) {
    ComparisonModel comparison_model{comparison, std::vector<LevelParameters>(comparison.levels.size())};
    InitialM(comparison_model);
    model.comparisons.push_back(std::move(comparison_model));
  }
  const size_t comparisons = model.comparisons.size();
  if (row_count < 2) {
    for (ComparisonModel& comparison : model.comparisons) {
      for (size_t level = 1; level < comparison.levels.size(); ++level) {
        comparison.levels[level].u = 1.0 / static_cast<double>(comparison.levels.size() - 1);
      }
    }
    if (report_out) *report_out = report;
    return model;
  }
  EstimateU(comparator, row_count, options, ctx, model, report);

  // Pattern counts per rule (all its pairs, or a block sample) and of the distinct candidates.
  std::vector<PatternMap> rule_counts(blocks.rule_count());
  PatternMap union_counts;
  // About options.prior_sample_pairs candidates over all rules are kept for the prior.
  uint64_t all_rule_pairs = 0;
  for (size_t r = 0; r < blocks.rule_count(); ++r) all_rule_pairs += blocks.stats(r).candidate_pairs;
  const uint64_t pair_keep =
      all_rule_pairs <= options.prior_sample_pairs
          ? uint64_t{1} << 20
          : std::max<uint64_t>(1, (options.prior_sample_pairs << 20) / all_rule_pairs);
  std::vector<SampledPair> candidate_sample;
  for (size_t r = 0; r < blocks.rule_count(); ++r) {
    const uint64_t pairs = blocks.stats(r).candidate_pairs;
    // Keep a block with probability keep / 2^20, chosen by a hash of (rule, block).
    const uint64_t keep = pairs <= options.max_pairs_per_rule
                              ? (uint64_t{1} << 20)
                              : std::max<uint64_t>(1, (options.max_pairs_per_rule << 20) / pairs);
    const double scale = static_cast<double>(uint64_t{1} << 20) / static_cast<double>(keep);
    // Distinct candidates for the prior, each kept with probability pair_keep / 2^20 (by a hash
    // of the pair, so the sample does not depend on scheduling) and weighted by both rates.
    const double pair_scale = scale * static_cast<double>(uint64_t{1} << 20) / static_cast<double>(pair_keep);
    tbb::enumerable_thread_specific<std::pair<PatternMap, PatternMap>> locals;
    tbb::enumerable_thread_specific<std::vector<SampledPair>> sampled_locals;
    ctx.task_arena().execute([&] {
      tbb::parallel_for(tbb::blocked_range<uint32_t>(0, blocks.block_count(r), 64),
                        [&](const auto& range) {
                          auto& [rule_local, union_local] = locals.local();
                          std::vector<SampledPair>& sampled = sampled_locals.local();
                          auto kept = [&](uint32_t b) {
                            return (HashCombine(r, b) & ((uint64_t{1} << 20) - 1)) < keep;
                          };
                          auto prefetch = [&](uint32_t row) {
                            comparator.Prefetch(row);
                            blocks.PrefetchFingerprints(row);
                          };
                          // The next kept block's records load while this block is compared.
                          uint32_t next = range.begin();
                          while (next != range.end() && !kept(next)) ++next;
                          while (next != range.end()) {
                            const uint32_t b = next;
                            for (++next; next != range.end() && !kept(next);) ++next;
                            if (next != range.end()) PrefetchBlock(blocks, r, next, prefetch);
                            ForEachPairInBlock(blocks, r, b, [&](uint32_t x, uint32_t y) {
                              const Pattern pattern = comparator.Compare(x, y);
                              ++rule_local[pattern];
                              if (blocks.ProposedEarlier(r, x, y)) return;
                              ++union_local[pattern];
                              if ((HashCombine(x, y) & ((uint64_t{1} << 20) - 1)) < pair_keep) {
                                sampled.push_back({std::min(x, y), std::max(x, y), pattern, pair_scale});
                              }
                            }, prefetch);
                          }
                        });
    });
    // Sum the exact counts first and scale once: rounding per thread-local map would make the
    // model depend on how TBB split the blocks.
    PatternMap union_rule;
    for (auto& [rule_local, union_local] : locals) {
      for (const auto& [pattern, count] : rule_local) rule_counts[r][pattern] += count;
      for (const auto& [pattern, count] : union_local) union_rule[pattern] += count;
    }
    for (const auto& [pattern, count] : union_rule) {
      union_counts[pattern] += static_cast<uint64_t>(std::llround(static_cast<double>(count) * scale));
    }
    for (std::vector<SampledPair>& part : sampled_locals) {
      candidate_sample.insert(candidate_sample.end(), part.begin(), part.end());
    }
  }

  // m: EM per rule without the rule's own fields, then averaged over the rules that saw each
  // comparison.
  const MatchModel initial = model;
  std::vector<std::vector<double>> m_sum(comparisons, std::vector<double>(kMaxLevels, 0.0));
  std::vector<int> m_runs(comparisons, 0);
  for (size_t r = 0; r < blocks.rule_count(); ++r) {
    std::vector<PatternCount> patterns = Sorted(rule_counts[r]);
    uint64_t pairs = 0;
    for (const auto& [pattern, count] : rule_counts[r]) pairs += count;
    report.rule_pairs.push_back(pairs);
    if (pairs < 50) {
      report.rule_iterations.push_back(0);
      continue;
    }
    std::vector<bool> active(comparisons, true);
    for (size_t c = 0; c < comparisons; ++c) {
      const auto& rule_fields = blocks.rule(r).fields;
      for (Field field : model.comparisons[c].comparison.fields) {
        if (std::find(rule_fields.begin(), rule_fields.end(), field) != rule_fields.end()) active[c] = false;
      }
    }
    MatchModel rule_model = initial;
    rule_model.lambda = 0.5;  // blocked pairs are rich in matches
    report.rule_iterations.push_back(RunEm(patterns, active, active, true, options.max_iterations,
                                           options.tolerance, rule_model));
    for (size_t c = 0; c < comparisons; ++c) {
      if (!active[c]) continue;
      ++m_runs[c];
      for (size_t level = 1; level < model.comparisons[c].levels.size(); ++level) {
        m_sum[c][level] += rule_model.comparisons[c].levels[level].m;
      }
    }
  }
  for (size_t c = 0; c < comparisons; ++c) {
    if (m_runs[c] == 0) continue;  // never trainable: keep the starting values
    for (size_t level = 1; level < model.comparisons[c].levels.size(); ++level) {
      model.comparisons[c].levels[level].m = m_sum[c][level] / m_runs[c];
    }
  }

  // Prior: the share of matches among distinct candidates (m and u fixed), scaled to all pairs.
  // Estimated on a sample of candidate pairs scored as the run scores them, term frequencies
  // included: pooled by pattern, every pair agreeing on a common name would count with the
  // average name's weight, and namesakes would pass for matches.
  double candidate_pairs = 0;
  for (const auto& [pattern, count] : union_counts) candidate_pairs += static_cast<double>(count);
  if (candidate_pairs > 0 && !candidate_sample.empty()) {
    const TermFrequencies own_frequencies =
        frequencies ? TermFrequencies()
                    : TermFrequencies::Build(comparator.table(), comparator.comparisons(), ctx);
    const double share = CandidateMatchShare(comparator, model, frequencies ? *frequencies : own_frequencies,
                                             candidate_sample, options);
    report.candidate_match_share = share;
    const double all_pairs = static_cast<double>(row_count) * (row_count - 1) / 2;
    // Candidates are selected for agreeing (on names, mostly), so among them namesakes look like
    // matches and this estimate runs high, more so the larger the data. The personal
    // identifiers bound it from above.
    //
    // An identifier's exact agreement also gets its u from the same counts: random pairs
    // almost never agree on an email, so the sampled u is mostly made of the few matches the
    // sample happens to hold, and with millions of records that is as often as the prior.
    double matches = share * candidate_pairs;
    double first_name_else_m = 0;
    for (const ComparisonModel& comparison : model.comparisons) {
      if (comparison.comparison.kind == ComparisonKind::kFirstName) first_name_else_m = comparison.levels[kElseLevel].m;
    }
    for (size_t c = 0; c < comparisons; ++c) {
      ComparisonModel& comparison = model.comparisons[c];
      const ComparisonKind kind = comparison.comparison.kind;
      if (kind != ComparisonKind::kEmail && kind != ComparisonKind::kPhone &&
          kind != ComparisonKind::kNationalId) {
        continue;
      }
      const double m_exact = comparison.levels.back().m;
      const IdentifierAgreement agreement = AnalyzeIdentifier(comparator, kind, first_name_else_m, ctx);
      if (agreement.coverage < 0.05 || m_exact < 0.2) continue;  // too sparse to tell
      const double both_given = agreement.coverage * agreement.coverage;
      matches = std::min(matches, (agreement.agreeing_pairs - agreement.non_match_pairs) / (m_exact * both_given));
      if (!agreement.non_match_known) continue;  // organisations, sparse names: keep the sampled u
      LevelParameters& exact = comparison.levels.back();
      // At most 10 bits stronger than sampled: one pair in the whole data is not a bound to trust.
      const double u_exact =
          std::max(std::max(agreement.non_match_pairs, 1.0) / (all_pairs * both_given), exact.u / 1024);
      if (u_exact < exact.u) {
        comparison.levels[kElseLevel].u += exact.u - u_exact;  // u still sums to 1
        exact.u = u_exact;
      }
    }
    model.lambda = std::clamp(matches / all_pairs, 1e-12, 0.5);
  }
  report.candidate_pairs = static_cast<uint64_t>(candidate_pairs);
  if (report_out) *report_out = report;
  IDFORGE_RETURN_IF_ERROR(model.Validate());
  return model;
}

}  // namespace idforge::match
