// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Lines up a truth table and a crosswalk on (source, source_id): the record universe that metrics
// and error samples are computed over. Private to engine/eval.
#pragma once

#include <cstdint>
#include <vector>

#include "engine/eval/labels.h"

namespace idforge::eval {

inline constexpr uint32_t kAbsent = UINT32_MAX;

// The union of the records of both sides. Record u has a truth label and a predicted label; a
// record missing from one side gets a fresh singleton label there (ids past that side's
// label_count()), so it is in no pair on that side.
// Order: truth rows in file order, then crosswalk-only rows in file order.
struct JoinedRecords {
  std::vector<uint32_t> truth_label;
  std::vector<uint32_t> predicted_label;
  std::vector<uint32_t> truth_row;      // kAbsent when only in the crosswalk
  std::vector<uint32_t> crosswalk_row;  // kAbsent when only in the truth
  uint32_t truth_label_count = 0;       // including the singletons made up for missing records
  uint32_t predicted_label_count = 0;
  uint64_t only_in_truth = 0;
  uint64_t only_in_crosswalk = 0;

  size_t size() const { return truth_label.size(); }
};

// O(n) expected: one hash lookup per record.
JoinedRecords JoinRecords(const TruthTable& truth, const Crosswalk& crosswalk);

}  // namespace idforge::eval
