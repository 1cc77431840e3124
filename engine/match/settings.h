// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// The job's "matching" object: everything the built-in model does can be overridden there.
//   {"blocking": ["email_canonical", "last_name_compact & dob"], "threshold": 0.9,
//    "max_block_size": 1000,
//    "comparisons": ["first_name", {"name": "last_name", "close": 0.95, "term_frequency": false}],
//    "rules": ["email_canonical & last_name_compact"]}
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "engine/block/block_index.h"
#include "engine/match/train.h"

namespace idforge::match {

struct MatchingSettings {
  block::BlockingOptions blocking;      // rules empty: the built-in rules
  // The comparisons to use, with any overridden parameters; empty: every built-in comparison
  // whose fields have data.
  std::vector<Comparison> comparisons;
  TrainOptions train;
  // Deterministic rules: pairs agreeing on every key of one of them are matches (same syntax as
  // blocking rules).
  std::vector<block::BlockingRule> rules;
  uint32_t max_entity_size = 200;  // over-merge guard: larger components are re-clustered
};

// Parses the minified "matching" JSON of a job; messages name `display_name` and the JSON path.
Result<MatchingSettings> ParseMatchingSettings(std::string_view json, std::string_view display_name);

}  // namespace idforge::match
