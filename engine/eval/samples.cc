// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
#include "engine/eval/samples.h"

#include <algorithm>
#include <cstdint>
#include <span>
#include <tuple>
#include <utility>
#include <vector>

#include "engine/common/hash.h"
#include "engine/eval/join.h"

namespace idforge::eval {
namespace {

// Samples under a fixed seed of their own, so they do not move when the engine's hash seed does.
constexpr uint64_t kSampleSeed = 0x5a3b'1e00'0000'0001ULL;

struct Member {
  uint32_t group;   // the label the sample is about (a golden id for false merges)
  uint32_t other;   // the label on the other side
  uint32_t record;  // index into JoinedRecords
};

// One sample for a group whose records carry two or more `other` labels: the first record of the
// largest `other` subgroup and the first record of the next largest.
// REQUIRES: members is sorted by (other, record) and holds >= 2 distinct `other` labels.
std::pair<uint32_t, uint32_t> PickPair(std::span<const Member> members) {
  struct Run {
    size_t size;
    uint32_t other;
    uint32_t first_record;
  };
  std::vector<Run> runs;
  for (size_t begin = 0; begin < members.size();) {
    size_t end = begin + 1;
    while (end < members.size() && members[end].other == members[begin].other) ++end;
    runs.push_back({end - begin, members[begin].other, members[begin].record});
    begin = end;
  }
  std::stable_sort(runs.begin(), runs.end(), [](const Run& x, const Run& y) {
    return x.size != y.size ? x.size > y.size : x.other < y.other;
  });
  return {runs[0].first_record, runs[1].first_record};
}

SampleRecord Describe(const TruthTable& truth, const Crosswalk& crosswalk,
                      const JoinedRecords& joined, uint32_t record) {
  SampleRecord out;
  const uint32_t truth_row = joined.truth_row[record];
  const uint32_t crosswalk_row = joined.crosswalk_row[record];
  if (truth_row != kAbsent) {
    out.source = truth.source(truth_row);
    out.source_id = truth.source_id(truth_row);
    out.entity_id = truth.label_name(truth.label(truth_row));
  }
  if (crosswalk_row != kAbsent) {
    out.source = crosswalk.source(crosswalk_row);
    out.source_id = crosswalk.source_id(crosswalk_row);
    out.golden_id = crosswalk.label_name(crosswalk.label(crosswalk_row));
  }
  return out;
}

// Groups the records by `group_labels`, finds groups holding more than one `other_labels` value,
// and samples one pair from each, in the order of a fixed hash of the group's name.
std::vector<ErrorSample> SampleMixedGroups(const TruthTable& truth, const Crosswalk& crosswalk,
                                           const JoinedRecords& joined,
                                           const std::vector<uint32_t>& group_labels,
                                           const std::vector<uint32_t>& other_labels,
                                           const RecordLabels& group_side, size_t max) {
  std::vector<Member> members(joined.size());
  for (size_t record = 0; record < joined.size(); ++record) {
    members[record] = {group_labels[record], other_labels[record], static_cast<uint32_t>(record)};
  }
  std::sort(members.begin(), members.end(), [](const Member& x, const Member& y) {
    return std::tie(x.group, x.other, x.record) < std::tie(y.group, y.other, y.record);
  });

  struct Candidate {
    uint64_t hash;
    uint32_t group;
    size_t begin;
    size_t end;
  };
  std::vector<Candidate> candidates;
  for (size_t begin = 0; begin < members.size();) {
    size_t end = begin + 1;
    while (end < members.size() && members[end].group == members[begin].group) ++end;
    // Sorted by `other`, so the group is mixed exactly when its first and last differ. A mixed
    // group has >= 2 records, so its label is a real one, never a made-up singleton.
    if (members[begin].other != members[end - 1].other) {
      const uint32_t group = members[begin].group;
      candidates.push_back({HashKey(group_side.label_name(group), kSampleSeed), group, begin, end});
    }
    begin = end;
  }
  std::sort(candidates.begin(), candidates.end(), [](const Candidate& x, const Candidate& y) {
    return std::tie(x.hash, x.group) < std::tie(y.hash, y.group);
  });
  if (candidates.size() > max) candidates.resize(max);

  std::vector<ErrorSample> samples;
  samples.reserve(candidates.size());
  for (const Candidate& candidate : candidates) {
    const auto [a, b] = PickPair(
        std::span<const Member>(members).subspan(candidate.begin, candidate.end - candidate.begin));
    samples.push_back(
        {Describe(truth, crosswalk, joined, a), Describe(truth, crosswalk, joined, b)});
  }
  return samples;
}

}  // namespace

std::vector<ErrorSample> SampleFalseMerges(const TruthTable& truth, const Crosswalk& crosswalk,
                                           size_t max) {
  const JoinedRecords joined = JoinRecords(truth, crosswalk);
  return SampleMixedGroups(truth, crosswalk, joined, joined.predicted_label, joined.truth_label,
                           crosswalk, max);
}

std::vector<ErrorSample> SampleMissedMatches(const TruthTable& truth, const Crosswalk& crosswalk,
                                             size_t max) {
  const JoinedRecords joined = JoinRecords(truth, crosswalk);
  return SampleMixedGroups(truth, crosswalk, joined, joined.truth_label, joined.predicted_label,
                           truth, max);
}

}  // namespace idforge::eval
