// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Training the Fellegi-Sunter model without labels, as Splink does: u from random record pairs
// (almost all non-matches), m by expectation-maximisation on the candidate pairs of each blocking
// rule with that rule's own fields left out (they agree by construction), and the prior from the
// expected number of matches among all candidates.
#pragma once

#include <cstdint>
#include <vector>

#include "engine/block/block_index.h"
#include "engine/common/exec_context.h"
#include "engine/match/comparisons.h"
#include "engine/match/model.h"
#include "engine/match/score.h"

namespace idforge::match {

struct TrainOptions {
  uint64_t u_sample_pairs = 1'000'000;       // random pairs for u (capped at all pairs)
  uint64_t max_pairs_per_rule = 100'000;   // larger rules are trained on a block sample
  int max_iterations = 60;
  double tolerance = 1e-7;  // stop when no parameter moves more than this
  uint64_t seed = 0x1df0'12a1;
  double threshold = 0.9;   // written into the model
  uint64_t prior_sample_pairs = 200'000;  // candidate pairs the prior is estimated on
};

// How training went, for the report.
struct TrainReport {
  uint64_t u_pairs = 0;
  std::vector<uint64_t> rule_pairs;     // pairs each rule's EM saw
  std::vector<int> rule_iterations;     // EM iterations per rule
  double candidate_match_share = 0;     // expected share of matches among candidates
  uint64_t candidate_pairs = 0;         // estimated distinct candidate pairs
};

Result<MatchModel> TrainModel(const Comparator& comparator, const block::BlockIndex& blocks,
                              uint32_t row_count, const TrainOptions& options, ExecContext& ctx,
                              TrainReport* report, const TermFrequencies* frequencies = nullptr);

// One EM run on pattern counts with u fixed: updates m of the comparisons in `update` and the
// prior `lambda`, using only comparisons in `active` (exposed for tests on synthetic data).
struct PatternCount {
  Pattern pattern;
  double count;
};
int RunEm(const std::vector<PatternCount>& patterns, const std::vector<bool>& active,
          const std::vector<bool>& update, bool update_lambda, int max_iterations, double tolerance,
          MatchModel& model);

}  // namespace idforge::match
