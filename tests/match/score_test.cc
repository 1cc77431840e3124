// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Early exit in ScoreCandidates() must not change any decision: the same edges with the same
// weights, the same pair counts, and a histogram that agrees with the full computation on every
// bin it reports exactly.
#include <gtest/gtest.h>

#include <cmath>

#include "engine/block/block_index.h"
#include "engine/match/comparisons.h"
#include "engine/match/score.h"
#include "engine/match/train.h"
#include "engine/normalize/normalize_table.h"
#include "tests/match/synthetic_customers.h"

namespace idforge::match {
namespace {

struct Scored {
  NormalizedTable normalized;
  block::BlockIndex blocks;
  MatchModel model;
  TermFrequencies frequencies;
};

Scored Prepare(uint32_t persons, uint64_t seed, ExecContext& ctx) {
  Scored s;
  const RecordTable raw = test::SyntheticCustomers(persons, seed);
  s.normalized = std::move(normalize::NormalizeTable(raw, {}, ctx)).value();
  s.blocks = std::move(block::BuildBlocks(s.normalized, {}, ctx)).value();
  const Comparator comparator(s.normalized, DefaultComparisons());
  s.model = std::move(TrainModel(comparator, s.blocks, s.normalized.row_count(), {}, ctx, nullptr)).value();
  s.frequencies = TermFrequencies::Build(s.normalized, DefaultComparisons(), ctx);
  return s;
}

void ExpectSameDecisions(const Scored& s, double margin, ExecContext& ctx) {
  const Comparator comparator(s.normalized, DefaultComparisons());
  ScoreOptions full_options;
  full_options.keep_all_pairs = true;  // every pair's exact weight, no early exit
  const ScoreResult full =
      std::move(ScoreCandidates(comparator, s.blocks, s.model, s.frequencies, full_options, ctx)).value();
  ScoreOptions fast_options;
  fast_options.early_exit_margin = margin;
  const ScoreResult fast =
      std::move(ScoreCandidates(comparator, s.blocks, s.model, s.frequencies, fast_options, ctx)).value();

  ASSERT_GT(full.edges.size(), 100u);
  EXPECT_GT(fast.pairs_stopped_early, 0u) << "the sample should exercise early exit";
  EXPECT_EQ(fast.pairs_scored, full.pairs_scored);
  EXPECT_EQ(fast.pairs_per_rule, full.pairs_per_rule);
  ASSERT_EQ(fast.edges.size(), full.edges.size());
  for (size_t i = 0; i < full.edges.size(); ++i) {
    ASSERT_EQ(fast.edges[i].a, full.edges[i].a) << i;
    ASSERT_EQ(fast.edges[i].b, full.edges[i].b) << i;
    ASSERT_EQ(fast.edges[i].weight, full.edges[i].weight) << i;  // bit-identical
  }
  // Re-bin the exact weights with the fast run's lower end: every bin must agree.
  ASSERT_GE(fast.histogram_min, full.histogram_min);
  std::vector<uint64_t> expected(fast.weight_histogram.size(), 0);
  const int bins = static_cast<int>(expected.size());
  for (const ScoredPair& pair : full.all_pairs) {
    const double weight = PairWeight(comparator, s.model, s.frequencies, pair.a, pair.b, pair.pattern);
    EXPECT_FLOAT_EQ(static_cast<float>(weight), pair.weight);
    const int bin = std::clamp(static_cast<int>(std::floor(weight)) - fast.histogram_min + 1, 0, bins - 1);
    ++expected[static_cast<size_t>(bin)];
  }
  EXPECT_EQ(fast.weight_histogram, expected);
}

TEST(ScoreCandidatesTest, EarlyExitKeepsEveryDecisionAndWeight) {
  ExecContext ctx(2);
  const Scored s = Prepare(3000, 7, ctx);
  ExpectSameDecisions(s, 10.0, ctx);
}

TEST(ScoreCandidatesTest, EarlyExitAtTheThresholdItselfKeepsDecisions) {
  // Margin 0: pairs stop as soon as they cannot reach the threshold; edges still identical.
  ExecContext ctx(1);
  const Scored s = Prepare(2000, 11, ctx);
  ExpectSameDecisions(s, 0.0, ctx);
}

TEST(ScoreCandidatesTest, ResultDoesNotDependOnThreadCount) {
  ExecContext one(1);
  ExecContext two(2);
  const Scored s = Prepare(2000, 3, one);
  const Comparator comparator(s.normalized, DefaultComparisons());
  const ScoreResult a = std::move(ScoreCandidates(comparator, s.blocks, s.model, s.frequencies, {}, one)).value();
  const ScoreResult b = std::move(ScoreCandidates(comparator, s.blocks, s.model, s.frequencies, {}, two)).value();
  ASSERT_EQ(a.edges.size(), b.edges.size());
  for (size_t i = 0; i < a.edges.size(); ++i) {
    EXPECT_EQ(a.edges[i].a, b.edges[i].a);
    EXPECT_EQ(a.edges[i].b, b.edges[i].b);
    EXPECT_EQ(a.edges[i].weight, b.edges[i].weight);
  }
  EXPECT_EQ(a.weight_histogram, b.weight_histogram);
  EXPECT_EQ(a.pairs_stopped_early, b.pairs_stopped_early);
}

}  // namespace
}  // namespace idforge::match
