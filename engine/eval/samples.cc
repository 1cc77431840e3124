// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
#include "engine/eval/samples.h"

#include <algorithm>
#include <cstdint>
#include <tuple>
#include <utility>
#include <vector>

#include "engine/common/hash.h"
#include "engine/eval/join.h"

namespace idforge::eval {
namespace {

// Samples under a fixed seed of their own, so they do not move when the engine's hash seed does.
constexpr uint64_t kSampleSeed = 0x5a3b'1e00'0000'0001ULL;

// A record of a group (the label a sample is about: a golden id for false merges).
struct Member {
  uint32_t other;   // the label on the other side
  uint32_t record;  // index into JoinedRecords
};

// One sample for a group whose records carry two or more `other` labels: the first record of the
// largest `other` subgroup and the first record of the next largest (ties: smaller label).
// REQUIRES: members holds >= 2 distinct `other` labels.
std::pair<uint32_t, uint32_t> PickPair(std::vector<Member>& members) {
  std::sort(members.begin(), members.end(), [](const Member& x, const Member& y) {
    return std::tie(x.other, x.record) < std::tie(y.other, y.record);
  });
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
  // Performance: a counting sort by group (labels are dense) instead of a sort of every record;
  // only the groups that end up sampled are sorted further (eval_benchmark:
  // BM_SampleFalseMerges_Synthetic). Stable, so each group lists its records in ascending order.
  const size_t n = joined.size();
  uint32_t group_count = 0;
  for (const uint32_t group : group_labels) group_count = std::max(group_count, group + 1);
  std::vector<uint32_t> group_begin(size_t{group_count} + 1, 0);
  for (const uint32_t group : group_labels) ++group_begin[group + 1];
  for (uint32_t group = 0; group < group_count; ++group) {
    group_begin[group + 1] += group_begin[group];
  }
  std::vector<uint32_t> records(n);
  {
    std::vector<uint32_t> fill(group_begin.begin(), group_begin.end() - 1);
    for (size_t record = 0; record < n; ++record) {
      records[fill[group_labels[record]]++] = static_cast<uint32_t>(record);
    }
  }

  struct Candidate {
    uint64_t hash;
    uint32_t group;
  };
  std::vector<Candidate> candidates;
  for (uint32_t group = 0; group < group_count; ++group) {
    const uint32_t begin = group_begin[group];
    const uint32_t end = group_begin[group + 1];
    if (end - begin < 2) continue;
    // Mixed when some record's `other` differs from the first's. A mixed group has >= 2
    // records, so its label is a real one, never a made-up singleton.
    const uint32_t first_other = other_labels[records[begin]];
    bool mixed = false;
    for (uint32_t idx = begin + 1; idx < end && !mixed; ++idx) {
      mixed = other_labels[records[idx]] != first_other;
    }
    if (mixed) candidates.push_back({HashKey(group_side.label_name(group), kSampleSeed), group});
  }
  auto before = [](const Candidate& x, const Candidate& y) {
    return std::tie(x.hash, x.group) < std::tie(y.hash, y.group);
  };
  const size_t keep = std::min(max, candidates.size());
  std::partial_sort(candidates.begin(), candidates.begin() + static_cast<std::ptrdiff_t>(keep),
                    candidates.end(), before);
  candidates.resize(keep);

  std::vector<ErrorSample> samples;
  samples.reserve(candidates.size());
  std::vector<Member> members;
  for (const Candidate& candidate : candidates) {
    members.clear();
    for (uint32_t idx = group_begin[candidate.group]; idx < group_begin[candidate.group + 1];
         ++idx) {
      const uint32_t record = records[idx];
      members.push_back({other_labels[record], record});
    }
    const auto [a, b] = PickPair(members);
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
