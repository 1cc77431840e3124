// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Differential test: Evaluate() and the error samples against the sort-based implementations
// they replaced (issue #7), kept here as the slow, obviously correct reference. The metrics must
// be bit-identical (the B-cubed sums are added in the same cell order), not merely close.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <span>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "engine/common/hash.h"
#include "engine/eval/join.h"
#include "engine/eval/labels.h"
#include "engine/eval/metrics.h"
#include "engine/eval/samples.h"
#include "tests/eval/eval_test_util.h"
#include "tests/testing/test_util.h"

namespace idforge::eval {
namespace {

uint64_t Pairs(uint64_t n) { return n < 2 ? 0 : n * (n - 1) / 2; }

struct ReferenceMetrics {
  uint64_t true_positives = 0;
  uint64_t true_pairs = 0;
  uint64_t predicted_pairs = 0;
  double precision_sum = 0.0;
  double recall_sum = 0.0;
};

// One 64-bit (truth, predicted) key per record, sorted: cells are runs.
ReferenceMetrics SortedCells(const JoinedRecords& joined) {
  const size_t n = joined.size();
  std::vector<uint32_t> truth_size(joined.truth_label_count, 0);
  std::vector<uint32_t> predicted_size(joined.predicted_label_count, 0);
  std::vector<uint64_t> cells(n);
  for (size_t u = 0; u < n; ++u) {
    ++truth_size[joined.truth_label[u]];
    ++predicted_size[joined.predicted_label[u]];
    cells[u] = (uint64_t{joined.truth_label[u]} << 32) | joined.predicted_label[u];
  }
  std::sort(cells.begin(), cells.end());
  ReferenceMetrics out;
  for (const uint32_t size : truth_size) out.true_pairs += Pairs(size);
  for (const uint32_t size : predicted_size) out.predicted_pairs += Pairs(size);
  for (size_t begin = 0; begin < n;) {
    size_t end = begin + 1;
    while (end < n && cells[end] == cells[begin]) ++end;
    const uint64_t size = end - begin;
    out.true_positives += Pairs(size);
    const double squared = static_cast<double>(size) * static_cast<double>(size);
    out.precision_sum += squared / predicted_size[static_cast<uint32_t>(cells[begin])];
    out.recall_sum += squared / truth_size[static_cast<uint32_t>(cells[begin] >> 32)];
    begin = end;
  }
  return out;
}

struct Member {
  uint32_t group;
  uint32_t other;
  uint32_t record;
};

// The samples as a sort of every (group, other, record) triple computed them.
std::vector<std::pair<uint32_t, uint32_t>> SortedSamples(const JoinedRecords& joined,
                                                         const std::vector<uint32_t>& group_labels,
                                                         const std::vector<uint32_t>& other_labels,
                                                         const RecordLabels& group_side,
                                                         size_t max) {
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
    if (members[begin].other != members[end - 1].other) {
      const uint32_t group = members[begin].group;
      candidates.push_back(
          {HashKey(group_side.label_name(group), 0x5a3b'1e00'0000'0001ULL), group, begin, end});
    }
    begin = end;
  }
  std::sort(candidates.begin(), candidates.end(), [](const Candidate& x, const Candidate& y) {
    return std::tie(x.hash, x.group) < std::tie(y.hash, y.group);
  });
  if (candidates.size() > max) candidates.resize(max);
  std::vector<std::pair<uint32_t, uint32_t>> samples;
  for (const Candidate& candidate : candidates) {
    struct Run {
      size_t size;
      uint32_t other;
      uint32_t first_record;
    };
    std::vector<Run> runs;
    for (size_t begin = candidate.begin; begin < candidate.end;) {
      size_t end = begin + 1;
      while (end < candidate.end && members[end].other == members[begin].other) ++end;
      runs.push_back({end - begin, members[begin].other, members[begin].record});
      begin = end;
    }
    std::stable_sort(runs.begin(), runs.end(), [](const Run& x, const Run& y) {
      return x.size != y.size ? x.size > y.size : x.other < y.other;
    });
    samples.emplace_back(runs[0].first_record, runs[1].first_record);
  }
  return samples;
}

std::string Key(const SampleRecord& record) {
  return record.source + "\x1f" + record.source_id + "\x1f" + record.entity_id + "\x1f" +
         record.golden_id;
}

// The (source, source_id, labels) of joined record `record`, as SampleRecord prints it.
std::string Key(const TruthTable& truth, const Crosswalk& crosswalk, const JoinedRecords& joined,
                uint32_t record) {
  SampleRecord out;
  if (joined.truth_row[record] != kAbsent) {
    out.source = truth.source(joined.truth_row[record]);
    out.source_id = truth.source_id(joined.truth_row[record]);
    out.entity_id = truth.label_name(truth.label(joined.truth_row[record]));
  }
  if (joined.crosswalk_row[record] != kAbsent) {
    out.source = crosswalk.source(joined.crosswalk_row[record]);
    out.source_id = crosswalk.source_id(joined.crosswalk_row[record]);
    out.golden_id = crosswalk.label_name(crosswalk.label(joined.crosswalk_row[record]));
  }
  return Key(out);
}

TEST(SortReferenceTest, MetricsAndSamplesEqualTheSortBasedOnes) {
  const uint64_t seed = test::Seed();
  SCOPED_TRACE("IDFORGE_TEST_SEED=" + std::to_string(seed));
  std::mt19937_64 rng(seed);
  for (int round = 0; round < 40; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    // Up to 30k records, so entities, clusters and the join's batches span many sizes.
    const size_t n = round < 20 ? rng() % 400 : 1000 + rng() % 30'000;
    const uint64_t truth_labels = 1 + rng() % (1 + n / (1 + rng() % 4));
    const uint64_t predicted_labels = 1 + rng() % (1 + n / (1 + rng() % 4));
    const int missing_percent = round % 3 == 0 ? 0 : 7;
    std::vector<fixtures::LabelRow> truth_rows, crosswalk_rows;
    for (size_t u = 0; u < n; ++u) {
      const std::string source = fixtures::Name("src", rng() % 3);
      const std::string id = std::to_string(rng() % 7 == 0 ? u * 1000003 : u);
      const bool missing_truth = static_cast<int>(rng() % 100) < missing_percent;
      const bool missing_predicted =
          !missing_truth && static_cast<int>(rng() % 100) < missing_percent;
      if (!missing_truth)
        truth_rows.push_back({source, id, fixtures::Name("t", rng() % truth_labels)});
      if (!missing_predicted) {
        crosswalk_rows.push_back({source, id, fixtures::Name("p", rng() % predicted_labels)});
      }
    }
    // The crosswalk lists records in another order than the truth file, as runs do.
    std::shuffle(crosswalk_rows.begin(), crosswalk_rows.end(), rng);
    const TruthTable truth = fixtures::Make<TruthTable>(truth_rows);
    const Crosswalk crosswalk = fixtures::Make<Crosswalk>(crosswalk_rows);

    const JoinedRecords joined = JoinRecords(truth, crosswalk);
    const ReferenceMetrics expected = SortedCells(joined);
    const Evaluation e = Evaluate(truth, crosswalk);
    ASSERT_EQ(e.records_evaluated, joined.size());
    ASSERT_EQ(e.pairwise.true_positives, expected.true_positives);
    ASSERT_EQ(e.pairwise.false_positives, expected.predicted_pairs - expected.true_positives);
    ASSERT_EQ(e.pairwise.false_negatives, expected.true_pairs - expected.true_positives);
    if (joined.size() > 0) {
      // Bit-identical, not near: the report must not change by a single digit.
      ASSERT_EQ(e.bcubed.precision, expected.precision_sum / static_cast<double>(joined.size()));
      ASSERT_EQ(e.bcubed.recall, expected.recall_sum / static_cast<double>(joined.size()));
    }

    for (const size_t max : {size_t{0}, size_t{1}, size_t{20}, size_t{100000}}) {
      const std::vector<ErrorSample> merges = SampleFalseMerges(truth, crosswalk, max);
      const auto expected_merges =
          SortedSamples(joined, joined.predicted_label, joined.truth_label, crosswalk, max);
      ASSERT_EQ(merges.size(), expected_merges.size());
      for (size_t idx = 0; idx < merges.size(); ++idx) {
        ASSERT_EQ(Key(merges[idx].a), Key(truth, crosswalk, joined, expected_merges[idx].first));
        ASSERT_EQ(Key(merges[idx].b), Key(truth, crosswalk, joined, expected_merges[idx].second));
      }
      const std::vector<ErrorSample> missed = SampleMissedMatches(truth, crosswalk, max);
      const auto expected_missed =
          SortedSamples(joined, joined.truth_label, joined.predicted_label, truth, max);
      ASSERT_EQ(missed.size(), expected_missed.size());
      for (size_t idx = 0; idx < missed.size(); ++idx) {
        ASSERT_EQ(Key(missed[idx].a), Key(truth, crosswalk, joined, expected_missed[idx].first));
        ASSERT_EQ(Key(missed[idx].b), Key(truth, crosswalk, joined, expected_missed[idx].second));
      }
    }
  }
}

// The join against a lookup per record, on a table large enough for many FindMany() groups and
// with sources, ids and orders that differ between the two sides.
TEST(SortReferenceTest, JoinEqualsOneFindPerRecord) {
  const uint64_t seed = test::Seed();
  SCOPED_TRACE("IDFORGE_TEST_SEED=" + std::to_string(seed));
  std::mt19937_64 rng(seed);
  std::vector<fixtures::LabelRow> truth_rows, crosswalk_rows;
  for (uint32_t u = 0; u < 50'000; ++u) {
    const std::string id = std::string(rng() % 40, 'x') + std::to_string(u);
    const std::string source = fixtures::Name("s", rng() % 5);
    if (rng() % 10 != 0) truth_rows.push_back({source, id, fixtures::Name("t", u / 3)});
    if (rng() % 10 != 0) {
      // A few records under a source the truth file never names.
      crosswalk_rows.push_back(
          {rng() % 50 == 0 ? std::string("other") : source, id, fixtures::Name("p", u / 2)});
    }
  }
  std::shuffle(crosswalk_rows.begin(), crosswalk_rows.end(), rng);
  const TruthTable truth = fixtures::Make<TruthTable>(truth_rows);
  const Crosswalk crosswalk = fixtures::Make<Crosswalk>(crosswalk_rows);
  const JoinedRecords joined = JoinRecords(truth, crosswalk);
  for (uint32_t row = 0; row < truth.size(); ++row) {
    const std::optional<uint32_t> other = crosswalk.Find(truth.source(row), truth.source_id(row));
    ASSERT_EQ(joined.truth_row[row], row);
    ASSERT_EQ(joined.crosswalk_row[row], other ? *other : kAbsent);
  }
}

}  // namespace
}  // namespace idforge::eval
