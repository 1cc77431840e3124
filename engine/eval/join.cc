// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
#include "engine/eval/join.h"

#include <algorithm>
#include <string_view>
#include <vector>

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
  // Performance: the crosswalk rows of the truth rows are looked up a batch at a time
  // (RecordLabels::FindMany()), which overlaps their cache misses.
  constexpr uint32_t kBatch = 4096;
  std::vector<std::string_view> sources;
  std::vector<std::string_view> source_ids;
  std::vector<uint32_t> others;
  for (uint32_t begin = 0; begin < truth.size(); begin += kBatch) {
    const uint32_t end = std::min(truth.size(), begin + kBatch);
    sources.clear();
    source_ids.clear();
    for (uint32_t row = begin; row < end; ++row) {
      sources.push_back(truth.source(row));
      source_ids.push_back(truth.source_id(row));
    }
    others.resize(sources.size());
    crosswalk.FindMany(sources, source_ids, others);
    for (uint32_t row = begin; row < end; ++row) {
      const uint32_t other = others[row - begin];
      joined.truth_label.push_back(truth.label(row));
      joined.truth_row.push_back(row);
      if (other != RecordLabels::kNotFound) {
        crosswalk_seen[other] = true;
        joined.predicted_label.push_back(crosswalk.label(other));
        joined.crosswalk_row.push_back(other);
      } else {
        joined.predicted_label.push_back(joined.predicted_label_count++);
        joined.crosswalk_row.push_back(kAbsent);
        ++joined.only_in_truth;
      }
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
