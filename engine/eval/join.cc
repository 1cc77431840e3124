// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
#include "engine/eval/join.h"

namespace idforge::eval {

JoinedRecords JoinRecords(const TruthTable& truth, const Crosswalk& crosswalk) {
  JoinedRecords joined;
  const size_t reserve = size_t{truth.size()} + crosswalk.size();
  joined.truth_label.reserve(reserve);
  joined.predicted_label.reserve(reserve);
  joined.truth_row.reserve(reserve);
  joined.crosswalk_row.reserve(reserve);
  joined.truth_label_count = truth.label_count();
  joined.predicted_label_count = crosswalk.label_count();

  std::vector<bool> crosswalk_seen(crosswalk.size(), false);
  for (uint32_t row = 0; row < truth.size(); ++row) {
    const std::optional<uint32_t> other = crosswalk.Find(truth.source(row), truth.source_id(row));
    joined.truth_label.push_back(truth.label(row));
    joined.truth_row.push_back(row);
    if (other) {
      crosswalk_seen[*other] = true;
      joined.predicted_label.push_back(crosswalk.label(*other));
      joined.crosswalk_row.push_back(*other);
    } else {
      joined.predicted_label.push_back(joined.predicted_label_count++);
      joined.crosswalk_row.push_back(kAbsent);
      ++joined.only_in_truth;
    }
  }
  for (uint32_t row = 0; row < crosswalk.size(); ++row) {
    if (crosswalk_seen[row]) continue;
    joined.truth_label.push_back(joined.truth_label_count++);
    joined.truth_row.push_back(kAbsent);
    joined.predicted_label.push_back(crosswalk.label(row));
    joined.crosswalk_row.push_back(row);
    ++joined.only_in_crosswalk;
  }
  return joined;
}

}  // namespace idforge::eval
