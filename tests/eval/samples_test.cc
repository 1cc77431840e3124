// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Error samples: each names both records and their labels on both sides, one per cluster, and the
// same inputs always give the same samples.
#include "engine/eval/samples.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "tests/eval/eval_test_util.h"

namespace idforge::eval {
namespace {

using fixtures::FromLabels;
using fixtures::Make;

TEST(SampleFalseMergesTest, NamesHostAndIntruder) {
  // Cluster y holds B = {4, 5} and the intruder 6 (entity C).
  const TruthTable truth = FromLabels<TruthTable>({"A", "A", "A", "B", "B", "C"});
  const Crosswalk crosswalk = FromLabels<Crosswalk>({"x", "x", "x", "y", "y", "y"});
  const std::vector<ErrorSample> samples = SampleFalseMerges(truth, crosswalk, 10);
  ASSERT_EQ(samples.size(), 1u);
  EXPECT_EQ(samples[0].a.source, "s");
  EXPECT_EQ(samples[0].a.source_id, "4");
  EXPECT_EQ(samples[0].a.entity_id, "B");
  EXPECT_EQ(samples[0].a.golden_id, "y");
  EXPECT_EQ(samples[0].b.source_id, "6");
  EXPECT_EQ(samples[0].b.entity_id, "C");
  EXPECT_EQ(samples[0].b.golden_id, "y");
  EXPECT_TRUE(SampleMissedMatches(truth, crosswalk, 10).empty());
}

TEST(SampleMissedMatchesTest, NamesTheSplitRecords) {
  const TruthTable truth = FromLabels<TruthTable>({"A", "A", "A", "B", "B", "C"});
  const Crosswalk crosswalk = FromLabels<Crosswalk>({"x", "x", "z", "y", "y", "w"});
  const std::vector<ErrorSample> samples = SampleMissedMatches(truth, crosswalk, 10);
  ASSERT_EQ(samples.size(), 1u);
  EXPECT_EQ(samples[0].a.source_id, "1");
  EXPECT_EQ(samples[0].a.golden_id, "x");
  EXPECT_EQ(samples[0].b.source_id, "3");
  EXPECT_EQ(samples[0].b.golden_id, "z");
  EXPECT_EQ(samples[0].b.entity_id, "A");
  EXPECT_TRUE(SampleFalseMerges(truth, crosswalk, 10).empty());
}

TEST(SampleMissedMatchesTest, RecordMissingFromTheCrosswalkHasNoGoldenId) {
  const TruthTable truth = Make<TruthTable>({{"s", "1", "A"}, {"s", "2", "A"}});
  const Crosswalk crosswalk = Make<Crosswalk>({{"s", "1", "g"}});
  const std::vector<ErrorSample> samples = SampleMissedMatches(truth, crosswalk, 10);
  ASSERT_EQ(samples.size(), 1u);
  EXPECT_EQ(samples[0].a.source_id, "1");
  EXPECT_EQ(samples[0].b.source_id, "2");
  EXPECT_EQ(samples[0].b.golden_id, "");
  EXPECT_EQ(samples[0].b.entity_id, "A");
}

TEST(SampleFalseMergesTest, AtMostOnePerClusterAndDeterministic) {
  // 50 clusters of 4 records, each holding two truth entities of two records.
  std::vector<std::string> truth_labels, predicted_labels;
  for (int record = 0; record < 200; ++record) {
    truth_labels.push_back(fixtures::Name("t", record / 2));
    predicted_labels.push_back(fixtures::Name("p", record / 4));
  }
  const TruthTable truth = FromLabels<TruthTable>(truth_labels);
  const Crosswalk crosswalk = FromLabels<Crosswalk>(predicted_labels);
  const std::vector<ErrorSample> samples = SampleFalseMerges(truth, crosswalk, 20);
  ASSERT_EQ(samples.size(), 20u);
  std::set<std::string> clusters;
  for (const ErrorSample& sample : samples) {
    EXPECT_EQ(sample.a.golden_id, sample.b.golden_id);
    EXPECT_NE(sample.a.entity_id, sample.b.entity_id);
    clusters.insert(sample.a.golden_id);
  }
  EXPECT_EQ(clusters.size(), 20u);
  // The hash order spreads samples over the file instead of taking the first 20 clusters.
  std::set<std::string> first_twenty;
  for (int cluster = 0; cluster < 20; ++cluster) first_twenty.insert(fixtures::Name("p", cluster));
  EXPECT_NE(clusters, first_twenty);
  const std::vector<ErrorSample> again = SampleFalseMerges(truth, crosswalk, 20);
  ASSERT_EQ(again.size(), samples.size());
  for (size_t index = 0; index < samples.size(); ++index) {
    EXPECT_EQ(again[index].a.source_id, samples[index].a.source_id);
    EXPECT_EQ(again[index].b.source_id, samples[index].b.source_id);
  }
  EXPECT_EQ(SampleFalseMerges(truth, crosswalk, 0).size(), 0u);
  EXPECT_EQ(SampleFalseMerges(truth, crosswalk, 1000).size(), 50u);
}

}  // namespace
}  // namespace idforge::eval
