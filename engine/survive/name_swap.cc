// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
#include "engine/survive/name_swap.h"

#include <string_view>

namespace idforge::survive {

void MarkSwappedNames(const RecordTable& raw, const NormalizedTable& norm,
                      const std::vector<int64_t>& recency, std::span<const uint32_t> members,
                      std::vector<uint8_t>& swapped) {
  if (members.size() < 2) return;
  auto first = [&](size_t i) { return norm.Get(Field::kFirstName, members[i]); };
  auto last = [&](size_t i) { return norm.Get(Field::kLastName, members[i]); };
  auto rank_before = [&](size_t a, size_t b) {
    const SourceInfo& source_a = raw.sources()[raw.source(members[a])];
    const SourceInfo& source_b = raw.sources()[raw.source(members[b])];
    if (source_a.priority != source_b.priority) return source_a.priority < source_b.priority;
    if (recency[members[a]] != recency[members[b]]) return recency[members[a]] > recency[members[b]];
    if (source_a.name != source_b.name) return source_a.name < source_b.name;
    return raw.source_id(members[a]) < raw.source_id(members[b]);
  };
  for (size_t member_idx = 0; member_idx < members.size(); ++member_idx) {
    const std::string_view given = first(member_idx);
    const std::string_view family = last(member_idx);
    if (given.empty() || family.empty() || given == family) continue;
    uint32_t same = 0;
    uint32_t opposite = 0;
    size_t best = member_idx;
    for (size_t other_idx = 0; other_idx < members.size(); ++other_idx) {
      const bool is_same = first(other_idx) == given && last(other_idx) == family;
      const bool is_opposite = first(other_idx) == family && last(other_idx) == given;
      if (!is_same && !is_opposite) continue;
      (is_same ? same : opposite) += 1;
      if (rank_before(other_idx, best)) best = other_idx;
    }
    if (opposite == 0) continue;
    swapped[member_idx] = opposite > same || (opposite == same && first(best) != given) ? 1 : 0;
  }
}

}  // namespace idforge::survive
