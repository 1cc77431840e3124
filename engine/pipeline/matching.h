// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// The matching half of the pipeline: block, train (or load) the model, score, cluster; and the
// files it produces (crosswalk.csv, model.json, pairs.csv).
#pragma once

#include <string>
#include <vector>

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
};

// Runs block -> train/load -> score -> cluster, recording timings and MatchStats in ctx.stats().
Result<MatchOutcome> RunMatching(const RecordTable& raw, const NormalizedTable& normalized,
                                 const JobSpec& job, const RunOptions& options, ExecContext& ctx);

// The stable id of an entity: "g" + 16 hex digits of XXH3 over its smallest (source, source_id),
// so ids do not depend on thread count or input order.
std::vector<std::string> GoldenIds(const RecordTable& raw, const cluster::Clustering& clustering);

Status WriteCrosswalk(const std::string& path, const RecordTable& raw, const MatchOutcome& outcome);
Status WriteModel(const std::string& path, const match::MatchModel& model);
Status WritePairs(const std::string& path, const RecordTable& raw, const MatchOutcome& outcome);

}  // namespace idforge::pipeline
