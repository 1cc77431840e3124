// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Deterministic rules (matching.rules): "email_canonical & last_name_compact" means two records
// whose keys under the rule agree are a match whatever their score. Same syntax as blocking
// rules; a generic key value (shared by more than max_block_size records: test@test.com) never
// links, so one placeholder cannot merge thousands of people.
#pragma once

#include <vector>

#include "engine/block/block_index.h"
#include "engine/common/edge.h"
#include "engine/match/comparisons.h"
#include "engine/match/model.h"
#include "engine/match/score.h"

namespace idforge::match {

// Edges for every pair some rule links, sorted by (a, b), each once, weighted with the pair's
// model weight but at least the threshold weight (they are matches). O(records log records) per
// rule plus the pairs of its (bounded) blocks.
Result<std::vector<Edge>> DeterministicEdges(const std::vector<block::BlockingRule>& rules,
                                             const Comparator& comparator, const MatchModel& model,
                                             const TermFrequencies& frequencies,
                                             uint32_t max_block_size, ExecContext& ctx);

// `scored` and `forced` both sorted by (a, b): their union, sorted, one edge per pair (the larger
// weight).
std::vector<Edge> MergeEdges(const std::vector<Edge>& scored, const std::vector<Edge>& forced);

}  // namespace idforge::match
