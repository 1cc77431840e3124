// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Scoring: every distinct candidate pair gets its comparison vector and match weight (prior log
// odds + the log Bayes factors of its levels, with term-frequency adjustment for exact names and
// cities); pairs at or above the threshold become edges for clustering.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

#include "engine/block/block_index.h"
#include "engine/common/edge.h"
#include "engine/common/exec_context.h"
#include "engine/match/comparisons.h"
#include "engine/match/model.h"

namespace idforge::match {

// Per-row relative frequency of the value of each term-frequency comparison.
// Immutable once built; thread-safe to read.
class TermFrequencies {
 public:
  TermFrequencies() = default;
  // O(n log n) per term-frequency comparison; parallel sort.
  static TermFrequencies Build(const NormalizedTable& table, const std::vector<Comparison>& comparisons,
                               ExecContext& ctx);
  // log2(u_exact / tf(value)), clamped: > 0 for a rare value, < 0 for a common one. 0 when the
  // comparison has no term frequencies.
  double Adjustment(size_t comparison, uint32_t row, double u_exact) const;
  // The adjustment of an exact agreement between rows a and b: the smaller of the two. They
  // differ only for swapped names ("Smith Anthony" / "Anthony Smith"), where "smith" is rare as
  // a first name but is not a rare name.
  double PairAdjustment(size_t comparison, uint32_t a, uint32_t b, double u_exact) const {
    return std::min(Adjustment(comparison, a, u_exact), Adjustment(comparison, b, u_exact));
  }
  // Starts loading a row's frequencies (pair loops call it ahead of the pair).
  void Prefetch(uint32_t row) const {
    for (const std::vector<float>& frequency : frequency_) {
      if (!frequency.empty()) __builtin_prefetch(frequency.data() + row);
    }
  }

 private:
  std::vector<std::vector<float>> frequency_;  // [comparison][row]; empty when not tf
};

struct ScoreOptions {
  bool keep_all_pairs = false;  // also return every scored pair (output.pairs)
  // Early exit: a pair stops comparing once its weight, with the best levels still possible on
  // the comparisons not yet made, is more than this many bits below the threshold. Decisions
  // are unchanged; pairs at or above threshold - margin get their exact weight (and histogram
  // bin), the others are counted in the first bin. Off when keep_all_pairs (every pair's levels
  // are written) or when negative.
  double early_exit_margin = 10.0;
};

struct ScoredPair {
  uint32_t a;
  uint32_t b;
  Pattern pattern;
  float weight;
};

struct ScoreResult {
  std::vector<Edge> edges;              // accepted pairs, sorted by (a, b)
  std::vector<ScoredPair> all_pairs;    // when keep_all_pairs, sorted by (a, b)
  uint64_t pairs_scored = 0;            // distinct candidate pairs
  std::vector<uint64_t> pairs_per_rule;  // distinct pairs first proposed by each rule
  // Match weights of all scored pairs in 1-bit bins from histogram_min (first bin: below it).
  std::vector<uint64_t> weight_histogram;
  // kHistogramMin without early exit; floor(threshold weight - margin) with it, when higher
  // (pairs that stopped early are only known to be below that).
  int histogram_min = kHistogramMin;
  uint64_t pairs_stopped_early = 0;  // compared on only some comparisons (early exit)
  static constexpr int kHistogramMin = -40;
  static constexpr int kHistogramMax = 40;
};

// Parallel over blocks; the result is sorted, so it does not depend on the thread count.
Result<ScoreResult> ScoreCandidates(const Comparator& comparator, const block::BlockIndex& blocks,
                                    const MatchModel& model, const TermFrequencies& frequencies,
                                    const ScoreOptions& options, ExecContext& ctx);

// The weight of one pair (explain, tests): prior + sum of level weights + tf adjustments.
double PairWeight(const Comparator& comparator, const MatchModel& model,
                  const TermFrequencies& frequencies, uint32_t a, uint32_t b, Pattern pattern);

}  // namespace idforge::match
