// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// The matching half of the pipeline: block, train (or load) the model, score, cluster; and the
// files it produces (crosswalk.csv, model.json, pairs.csv).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "engine/block/block_index.h"
#include "engine/cluster/cluster.h"
#include "engine/common/exec_context.h"
#include "engine/common/normalized_table.h"
#include "engine/match/comparisons.h"
#include "engine/match/model.h"
#include "engine/match/score.h"
#include "idforge/idforge.h"

namespace idforge::pipeline {

struct MatchOutcome {
  match::MatchModel model;
  std::vector<match::Comparison> comparisons;
  cluster::Clustering clustering;
  std::vector<match::ScoredPair> pairs;  // when output.pairs
  std::vector<std::string> golden_ids;   // per entity
  // Blocking recall needs the blocks; counted while they exist when the run has a truth file.
  uint64_t blocking_true_pairs_proposed = 0;
  uint64_t blocking_true_pairs = 0;
};

// Blocking and the model (trained, or loaded from options.model_path): what scoring needs.
struct MatchPlan {
  std::vector<match::Comparison> comparisons;
  block::BlockIndex blocks;
  match::MatchModel model;
  bool trained = false;
  uint32_t max_entity_size = 200;
  std::vector<block::BlockingRule> deterministic_rules;  // matching.rules
  uint32_t max_block_size = 1000;
  // Built for training and kept for scoring (each is a pass over every record); empty when the
  // model was loaded.
  std::unique_ptr<match::Comparator> comparator;
  std::unique_ptr<match::TermFrequencies> frequencies;
};
Result<MatchPlan> PrepareMatching(const NormalizedTable& normalized, const JobSpec& job,
                                  const RunOptions& options, ExecContext& ctx);

// Runs block -> train/load -> score -> cluster, recording timings and MatchStats in ctx.stats().
Result<MatchOutcome> RunMatching(const RecordTable& raw, const NormalizedTable& normalized,
                                 const JobSpec& job, const RunOptions& options, ExecContext& ctx);

// The cannot-link evidence the batch run clusters with (conflicting first names, by the
// comparisons' first-name thresholds, with clearly different emails or birth dates), for
// incremental runs that re-cluster entities on their own.
cluster::CannotLink CannotLinkRule(const NormalizedTable& normalized,
                                   const std::vector<match::Comparison>& comparisons);

// The stable id of an entity: "g" + 16 hex digits of XXH3 over its smallest (source, source_id),
// so ids do not depend on thread count or input order.
std::vector<std::string> GoldenIds(const RecordTable& raw, const cluster::Clustering& clustering);

// The explain waterfall for rows a and b (text for a person).
std::string ExplainText(const RecordTable& raw, const NormalizedTable& normalized,
                        const MatchPlan& plan, uint32_t a, uint32_t b, ExecContext& ctx);

// Scores the run's crosswalk against a truth file and measures blocking recall; fills
// ctx.stats().evaluation().
Status EvaluateRun(const RecordTable& raw, const MatchOutcome& outcome, const std::string& truth_path,
                   ExecContext& ctx);

Status WriteCrosswalk(const std::string& path, const RecordTable& raw, const MatchOutcome& outcome);
Status WriteModel(const std::string& path, const match::MatchModel& model);
Status WritePairs(const std::string& path, const RecordTable& raw, const MatchOutcome& outcome);

}  // namespace idforge::pipeline
