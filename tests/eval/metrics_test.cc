// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Evaluate(): hand-computed pairwise and B-cubed values on small cases, the singleton treatment of
// records missing from one side, and the contingency-table counts against brute force over all
// pairs on random inputs.
#include "engine/eval/metrics.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <utility>
#include <vector>

#include "tests/eval/eval_test_util.h"
#include "tests/testing/test_util.h"

namespace idforge::eval {
namespace {

using fixtures::FromLabels;
using fixtures::Make;

// Truth for records 1..6: A = {1, 2, 3}, B = {4, 5}, C = {6}: 3 + 1 = 4 true pairs.
TruthTable SixRecordTruth() { return FromLabels<TruthTable>({"A", "A", "A", "B", "B", "C"}); }

void ExpectPairwise(const Evaluation& e, uint64_t tp, uint64_t fp, uint64_t fn, double precision,
                    double recall, double f1) {
  EXPECT_EQ(e.pairwise.true_positives, tp);
  EXPECT_EQ(e.pairwise.false_positives, fp);
  EXPECT_EQ(e.pairwise.false_negatives, fn);
  EXPECT_DOUBLE_EQ(e.pairwise.precision, precision);
  EXPECT_DOUBLE_EQ(e.pairwise.recall, recall);
  EXPECT_DOUBLE_EQ(e.pairwise.f1, f1);
}

void ExpectBCubed(const Evaluation& e, double precision, double recall, double f1) {
  EXPECT_DOUBLE_EQ(e.bcubed.precision, precision);
  EXPECT_DOUBLE_EQ(e.bcubed.recall, recall);
  EXPECT_DOUBLE_EQ(e.bcubed.f1, f1);
}

TEST(EvaluateTest, EmptyInputsArePerfectVacuously) {
  const Evaluation e = Evaluate(TruthTable(), Crosswalk());
  EXPECT_EQ(e.records_evaluated, 0u);
  ExpectPairwise(e, 0, 0, 0, 1.0, 1.0, 1.0);
  ExpectBCubed(e, 1.0, 1.0, 1.0);
}

TEST(EvaluateTest, PerfectPredictionScoresOneWhateverTheGoldenIds) {
  const Evaluation e =
      Evaluate(SixRecordTruth(), FromLabels<Crosswalk>({"g1", "g1", "g1", "g4", "g4", "g6"}));
  ExpectPairwise(e, 4, 0, 0, 1.0, 1.0, 1.0);
  ExpectBCubed(e, 1.0, 1.0, 1.0);
  EXPECT_EQ(e.records_evaluated, 6u);
  EXPECT_EQ(e.records_only_in_truth, 0u);
  EXPECT_EQ(e.records_only_in_crosswalk, 0u);
  EXPECT_EQ(e.true_entities, 3u);
  EXPECT_EQ(e.predicted_entities, 3u);
}

TEST(EvaluateTest, AllMergedIntoOneCluster) {
  const Evaluation e =
      Evaluate(SixRecordTruth(), FromLabels<Crosswalk>({"g", "g", "g", "g", "g", "g"}));
  // 15 predicted pairs, 4 of them true. P = 4/15, R = 1, F1 = 8/19.
  ExpectPairwise(e, 4, 11, 0, 4.0 / 15, 1.0, 8.0 / 19);
  // Per-record precision: A 3/6 (x3), B 2/6 (x2), C 1/6: (3/2 + 2/3 + 1/6) / 6 = 7/18.
  // F1 = 2 * (7/18) / (25/18) = 14/25.
  ExpectBCubed(e, 7.0 / 18, 1.0, 14.0 / 25);
  EXPECT_EQ(e.predicted_entities, 1u);
}

TEST(EvaluateTest, AllSingletonsProposeNoPair) {
  const Evaluation e =
      Evaluate(SixRecordTruth(), FromLabels<Crosswalk>({"1", "2", "3", "4", "5", "6"}));
  // No predicted pair: precision is vacuously 1, recall 0.
  ExpectPairwise(e, 0, 0, 4, 1.0, 0.0, 0.0);
  // Per-record recall: A 1/3 (x3), B 1/2 (x2), C 1: 3/6 = 1/2. F1 = 2 * 0.5 / 1.5 = 2/3.
  ExpectBCubed(e, 1.0, 0.5, 2.0 / 3);
}

TEST(EvaluateTest, OneFalseMerge) {
  // Record 6 (entity C) is merged into B's cluster: pairs (4,6) and (5,6) are false.
  const Evaluation e =
      Evaluate(SixRecordTruth(), FromLabels<Crosswalk>({"x", "x", "x", "y", "y", "y"}));
  ExpectPairwise(e, 4, 2, 0, 4.0 / 6, 1.0, 0.8);
  // Precision: A 1 (x3), B 2/3 (x2), C 1/3: (3 + 4/3 + 1/3) / 6 = 7/9. F1 = 2 * (7/9) / (16/9).
  ExpectBCubed(e, 7.0 / 9, 1.0, 0.875);
}

TEST(EvaluateTest, OneSplit) {
  // Entity A is split into {1, 2} and {3}: pairs (1,3) and (2,3) are missed.
  const Evaluation e =
      Evaluate(SixRecordTruth(), FromLabels<Crosswalk>({"x", "x", "z", "y", "y", "w"}));
  ExpectPairwise(e, 2, 0, 2, 1.0, 0.5, 2.0 / 3);
  // Recall: records 1, 2: 2/3; record 3: 1/3; B, C: 1: (4/3 + 1/3 + 3) / 6 = 7/9.
  ExpectBCubed(e, 1.0, 7.0 / 9, 0.875);
}

TEST(EvaluateTest, RecordsMissingFromOneSideAreSingletonsThere) {
  // Truth: A = {1, 2, 3}. The run dropped record 3, and added record 9 (not in the truth) to
  // the cluster of 1 and 2.
  const TruthTable truth = Make<TruthTable>({{"s", "1", "A"}, {"s", "2", "A"}, {"s", "3", "A"}});
  const Crosswalk crosswalk = Make<Crosswalk>({{"s", "1", "g"}, {"s", "2", "g"}, {"s", "9", "g"}});
  const Evaluation e = Evaluate(truth, crosswalk);
  EXPECT_EQ(e.records_evaluated, 4u);
  EXPECT_EQ(e.records_only_in_truth, 1u);
  EXPECT_EQ(e.records_only_in_crosswalk, 1u);
  EXPECT_EQ(e.true_entities, 1u);
  EXPECT_EQ(e.predicted_entities, 1u);
  // True pairs: (1,2) (1,3) (2,3). Predicted: (1,2) (1,9) (2,9). Only (1,2) is both.
  ExpectPairwise(e, 1, 2, 2, 1.0 / 3, 1.0 / 3, 1.0 / 3);
  // Precision: 1, 2: 2/3 each; 3 (predicted singleton): 1; 9: 1/3. Sum 8/3, over 4: 2/3.
  // Recall: 1, 2: 2/3 each; 3: 1/3; 9 (truth singleton): 1. Sum 8/3, over 4: 2/3.
  ExpectBCubed(e, 2.0 / 3, 2.0 / 3, 2.0 / 3);
}

TEST(EvaluateTest, SameSourceIdInTwoSourcesIsTwoRecords) {
  const TruthTable truth = Make<TruthTable>({{"crm", "1", "A"}, {"shop", "1", "A"}});
  const Evaluation split =
      Evaluate(truth, Make<Crosswalk>({{"crm", "1", "g1"}, {"shop", "1", "g2"}}));
  ExpectPairwise(split, 0, 0, 1, 1.0, 0.0, 0.0);
  const Evaluation merged =
      Evaluate(truth, Make<Crosswalk>({{"crm", "1", "g1"}, {"shop", "1", "g1"}}));
  ExpectPairwise(merged, 1, 0, 0, 1.0, 1.0, 1.0);
}

TEST(EvaluateTest, CheckedInAccuracyTruthFilesHaveTheDocumentedPairCounts) {
  // bench/accuracy/README.md documents these; an empty crosswalk misses every true pair.
  const std::vector<std::pair<std::string, uint64_t>> jobs = {
      {"febrl1", 500},  {"febrl2", 1934},           {"febrl3", 6538},
      {"febrl4", 5000}, {"splink_fake_1000", 2031}, {"senzing", 108},
      {"dedupe", 6608}};
  for (const auto& [name, true_pairs] : jobs) {
    const auto truth = LoadTruth(test::SourceDir() + "/bench/accuracy/truth/" + name + ".csv");
    ASSERT_TRUE(truth.ok()) << truth.status().ToString();
    const Evaluation e = Evaluate(*truth, Crosswalk());
    EXPECT_EQ(e.pairwise.false_negatives, true_pairs) << name;
    EXPECT_EQ(e.records_only_in_truth, truth->size()) << name;
  }
}

// The all-pairs definition, written out: O(n²), obviously correct.
struct BruteForce {
  uint64_t tp = 0, fp = 0, fn = 0;
  double bcubed_precision = 1.0, bcubed_recall = 1.0;
};

// `truth[u]` / `predicted[u]`: labels of record u, or -1 when that side does not list it (a
// singleton there).
BruteForce AllPairs(const std::vector<int>& truth, const std::vector<int>& predicted) {
  BruteForce out;
  const size_t n = truth.size();
  auto same = [](const std::vector<int>& labels, size_t x, size_t y) {
    return x == y || (labels[x] >= 0 && labels[x] == labels[y]);
  };
  double precision_sum = 0.0;
  double recall_sum = 0.0;
  for (size_t x = 0; x < n; ++x) {
    uint64_t cluster = 0, entity = 0, both = 0;
    for (size_t y = 0; y < n; ++y) {
      const bool in_truth = same(truth, x, y);
      const bool in_predicted = same(predicted, x, y);
      cluster += in_predicted;
      entity += in_truth;
      both += in_truth && in_predicted;
      if (y <= x) continue;
      if (in_truth && in_predicted) ++out.tp;
      if (!in_truth && in_predicted) ++out.fp;
      if (in_truth && !in_predicted) ++out.fn;
    }
    precision_sum += static_cast<double>(both) / static_cast<double>(cluster);
    recall_sum += static_cast<double>(both) / static_cast<double>(entity);
  }
  if (n > 0) {
    out.bcubed_precision = precision_sum / static_cast<double>(n);
    out.bcubed_recall = recall_sum / static_cast<double>(n);
  }
  return out;
}

TEST(EvaluateTest, ContingencyCountsMatchAllPairsBruteForce) {
  const uint64_t seed = test::Seed();
  SCOPED_TRACE("IDFORGE_TEST_SEED=" + std::to_string(seed));
  std::mt19937_64 rng(seed);
  for (int round = 0; round < 200; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    const size_t n = rng() % 301;
    // Few labels for many shared pairs in some rounds, many labels for mostly singletons in others.
    const int truth_labels = 1 + static_cast<int>(rng() % (1 + rng() % 300));
    const int predicted_labels = 1 + static_cast<int>(rng() % (1 + rng() % 300));
    const int missing_percent = round % 3 == 0 ? 0 : 10;
    std::vector<int> truth_of(n), predicted_of(n);
    TruthTable truth;
    Crosswalk crosswalk;
    for (size_t u = 0; u < n; ++u) {
      const std::string source = fixtures::Name("src", rng() % 3);
      const std::string id = std::to_string(u);
      const bool missing_truth = static_cast<int>(rng() % 100) < missing_percent;
      const bool missing_predicted =
          !missing_truth && static_cast<int>(rng() % 100) < missing_percent;
      truth_of[u] =
          missing_truth ? -1 : static_cast<int>(rng() % static_cast<uint64_t>(truth_labels));
      predicted_of[u] = missing_predicted
                            ? -1
                            : static_cast<int>(rng() % static_cast<uint64_t>(predicted_labels));
      if (truth_of[u] >= 0) {
        ASSERT_TRUE(truth.Add(source, id, fixtures::Name("t", truth_of[u])).ok());
      }
      if (predicted_of[u] >= 0) {
        ASSERT_TRUE(crosswalk.Add(source, id, fixtures::Name("p", predicted_of[u])).ok());
      }
    }
    const BruteForce expected = AllPairs(truth_of, predicted_of);
    const Evaluation e = Evaluate(truth, crosswalk);
    ASSERT_EQ(e.records_evaluated, n);
    ASSERT_EQ(e.pairwise.true_positives, expected.tp);
    ASSERT_EQ(e.pairwise.false_positives, expected.fp);
    ASSERT_EQ(e.pairwise.false_negatives, expected.fn);
    ASSERT_NEAR(e.bcubed.precision, expected.bcubed_precision, 1e-12);
    ASSERT_NEAR(e.bcubed.recall, expected.bcubed_recall, 1e-12);
  }
}

}  // namespace
}  // namespace idforge::eval
