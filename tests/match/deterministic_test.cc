// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// matching.rules: pairs agreeing on a rule's keys are edges at or above the threshold; a
// generic value links nobody; merging keeps one edge per pair with the larger weight.
#include <gtest/gtest.h>

#include "engine/match/deterministic.h"
#include "engine/match/settings.h"
#include "engine/match/train.h"
#include "engine/normalize/normalize_table.h"
#include "tests/match/synthetic_customers.h"

namespace idforge::match {
namespace {

TEST(DeterministicRulesTest, RulePairsBecomeEdgesAtLeastAtTheThreshold) {
  ExecContext ctx(1);
  std::vector<uint32_t> entity_of;
  const RecordTable raw = test::SyntheticCustomers(400, 13, &entity_of);
  const NormalizedTable table = std::move(normalize::NormalizeTable(raw, {}, ctx)).value();
  const Comparator comparator(table, DefaultComparisons());
  const block::BlockIndex blocks = std::move(block::BuildBlocks(table, {}, ctx)).value();
  const MatchModel model = std::move(TrainModel(comparator, blocks, table.row_count(), {}, ctx, nullptr)).value();
  const TermFrequencies frequencies = TermFrequencies::Build(table, DefaultComparisons(), ctx);
  const std::vector<block::BlockingRule> rules = {
      std::move(block::ParseBlockingRule("last_name_compact & dob")).value()};
  const std::vector<Edge> edges =
      std::move(DeterministicEdges(rules, comparator, model, frequencies, 1000, ctx)).value();
  ASSERT_FALSE(edges.empty());
  uint64_t expected = 0;
  for (uint32_t a = 0; a < table.row_count(); ++a) {
    for (uint32_t b = a + 1; b < table.row_count(); ++b) {
      const auto email = table.Get(DerivedKey::kSurnameCompact, a);
      const auto dob = table.Get(Field::kDob, a);
      expected += !email.empty() && !dob.empty() && email == table.Get(DerivedKey::kSurnameCompact, b) &&
                  dob == table.Get(Field::kDob, b);
    }
  }
  EXPECT_EQ(edges.size(), expected);
  for (size_t i = 0; i < edges.size(); ++i) {
    EXPECT_LT(edges[i].a, edges[i].b);
    EXPECT_GE(edges[i].weight, static_cast<float>(model.ThresholdWeight()));
    if (i > 0) {
      EXPECT_TRUE(edges[i - 1].a < edges[i].a || edges[i - 1].b < edges[i].b);
    }
  }
  // A generic value (block larger than max_block_size) links nobody.
  const std::vector<Edge> none =
      std::move(DeterministicEdges(rules, comparator, model, frequencies, 2, ctx)).value();
  for (const Edge& edge : none) EXPECT_NE(edge.a, edge.b);
  EXPECT_LE(none.size(), edges.size());
}

TEST(DeterministicRulesTest, MergeKeepsOneEdgePerPairWithTheLargerWeight) {
  const std::vector<Edge> scored = {{0, 1, 5.0f}, {0, 3, 4.0f}, {2, 5, 9.0f}};
  const std::vector<Edge> forced = {{0, 1, 7.0f}, {1, 2, 3.5f}, {2, 5, 3.5f}};
  const std::vector<Edge> merged = MergeEdges(scored, forced);
  ASSERT_EQ(merged.size(), 4u);
  EXPECT_EQ(merged[0].b, 1u);
  EXPECT_EQ(merged[0].weight, 7.0f);
  EXPECT_EQ(merged[1].b, 3u);
  EXPECT_EQ(merged[2].a, 1u);
  EXPECT_EQ(merged[3].weight, 9.0f);
}

TEST(DeterministicRulesTest, SettingsParseRulesAndNameBadOnes) {
  const auto settings = ParseMatchingSettings(R"({"rules":["email_canonical & last_name_compact"]})", "job.json");
  ASSERT_TRUE(settings.ok());
  ASSERT_EQ(settings->rules.size(), 1u);
  EXPECT_EQ(settings->rules[0].parts.size(), 2u);
  const auto bad = ParseMatchingSettings(R"({"rules":["email_canonical & shoe_size"]})", "job.json");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(std::string(bad.status().message()).find("matching.rules[0]"), std::string::npos);
  EXPECT_NE(std::string(bad.status().message()).find("shoe_size"), std::string::npos);
}

}  // namespace
}  // namespace idforge::match
