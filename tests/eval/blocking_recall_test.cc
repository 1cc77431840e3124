// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// TruthIndex and blocking recall: records are found by (source name, source_id), each true pair
// counts once however often and in whatever order blocking proposes it, and pairs by block equal
// pairs one by one.
#include "engine/eval/blocking_recall.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "tests/eval/eval_test_util.h"
#include "tests/testing/test_util.h"

namespace idforge::eval {
namespace {

using fixtures::LabelRow;
using fixtures::Make;

// A RecordTable holding only keys: (source, source_id) per row, every field empty.
RecordTable KeysTable(const std::vector<std::pair<std::string, std::string>>& keys) {
  RecordTable table;
  std::vector<std::string> source_names;
  for (const auto& [source, source_id] : keys) {
    size_t source_idx = 0;
    while (source_idx < source_names.size() && source_names[source_idx] != source) ++source_idx;
    if (source_idx == source_names.size()) {
      source_names.push_back(source);
      table.AddSource(SourceInfo{.name = source});
    }
    table.AppendRowMeta(static_cast<uint16_t>(source_idx), table.row_count() + 1);
    table.mutable_source_id_column().Append(source_id);
    table.mutable_updated_at_column().Append("");
    for (const Field field : AllFields()) table.mutable_field(field).Append("");
  }
  EXPECT_TRUE(table.Validate().ok());
  return table;
}

RecordId Id(uint32_t row) { return static_cast<RecordId>(row); }

// Truth: A = {crm:1, crm:2, shop:1}, B = {shop:2, shop:3}, C = {crm:9} (not in the run).
// True pairs: 3 + 1 = 4.
TruthTable SmallTruth() {
  return Make<TruthTable>({{"crm", "1", "A"},
                           {"crm", "2", "A"},
                           {"shop", "1", "A"},
                           {"shop", "2", "B"},
                           {"shop", "3", "B"},
                           {"crm", "9", "C"}});
}

// Rows: 0 crm:1, 1 crm:2, 2 shop:1, 3 shop:2, 4 shop:3, 5 web:1 (not in the truth).
RecordTable SmallRun() {
  return KeysTable(
      {{"crm", "1"}, {"crm", "2"}, {"shop", "1"}, {"shop", "2"}, {"shop", "3"}, {"web", "1"}});
}

TEST(TruthIndexTest, MapsRunRecordsToTruthEntities) {
  const TruthTable truth = SmallTruth();
  const RecordTable run = SmallRun();
  const TruthIndex index(truth, run);
  EXPECT_EQ(index.row_count(), 6u);
  EXPECT_EQ(index.true_pairs(), 4u);
  EXPECT_EQ(index.records_not_in_truth(), 1u);
  EXPECT_EQ(index.entity(Id(5)), TruthIndex::kNoEntity);
  EXPECT_EQ(truth.label_name(index.entity(Id(2))), "A");
  EXPECT_EQ(index.truth_row(Id(2)), 2u);
  EXPECT_TRUE(index.SameEntity(Id(0), Id(2)));
  EXPECT_FALSE(index.SameEntity(Id(0), Id(3)));
  EXPECT_FALSE(index.SameEntity(Id(5), Id(5)));
}

TEST(BlockingRecallTest, CountsEachTruePairOnce) {
  const TruthTable truth = SmallTruth();
  const RecordTable run = SmallRun();
  const TruthIndex index(truth, run);
  const std::vector<std::pair<RecordId, RecordId>> candidates = {
      {Id(0), Id(1)}, {Id(1), Id(0)}, {Id(0), Id(1)},  // one true pair, three times
      {Id(3), Id(4)},                                  // true
      {Id(0), Id(3)}, {Id(2), Id(5)}, {Id(5), Id(5)},  // false, unknown, self
  };
  const BlockingRecall recall = MeasureBlockingRecall(index, candidates);
  EXPECT_EQ(recall.true_pairs, 4u);
  EXPECT_EQ(recall.proposed_true_pairs, 2u);
  EXPECT_DOUBLE_EQ(recall.recall, 0.5);
}

TEST(BlockingRecallTest, NoTruePairsIsVacuouslyComplete) {
  const TruthTable truth = Make<TruthTable>({{"crm", "1", "A"}, {"crm", "2", "B"}});
  const RecordTable run = KeysTable({{"crm", "1"}, {"crm", "2"}});
  const TruthIndex index(truth, run);
  const BlockingRecall recall = MeasureBlockingRecall(index, {});
  EXPECT_EQ(recall.true_pairs, 0u);
  EXPECT_DOUBLE_EQ(recall.recall, 1.0);
}

TEST(BlockingRecallTest, RepeatedKeyInTheRunNeverMakesAPairTheTruthLacks) {
  // The run read crm:1 twice (a source repeating an id): both rows are one truth record.
  const TruthTable truth = Make<TruthTable>({{"crm", "1", "A"}, {"crm", "2", "A"}});
  const RecordTable run = KeysTable({{"crm", "1"}, {"crm", "1"}, {"crm", "2"}});
  const TruthIndex index(truth, run);
  BlockingRecallCounter counter(index);
  const std::vector<RecordId> block = {Id(0), Id(1), Id(2)};
  counter.AddBlock(block);
  counter.AddPair(Id(0), Id(1));
  const BlockingRecall recall = counter.Finish();
  EXPECT_EQ(recall.proposed_true_pairs, 1u);
  EXPECT_DOUBLE_EQ(recall.recall, 1.0);
}

TEST(BlockingRecallTest, BlocksPairsAndMergedCountersAgree) {
  const uint64_t seed = test::Seed();
  SCOPED_TRACE("IDFORGE_TEST_SEED=" + std::to_string(seed));
  std::mt19937_64 rng(seed);
  std::vector<LabelRow> truth_rows;
  std::vector<std::pair<std::string, std::string>> keys;
  for (uint32_t row = 0; row < 300; ++row) {
    const std::string source = row % 2 == 0 ? "a" : "b";
    keys.emplace_back(source, std::to_string(row));
    if (rng() % 10 != 0)
      truth_rows.push_back({source, std::to_string(row), std::to_string(rng() % 60)});
  }
  const TruthTable truth = Make<TruthTable>(truth_rows);
  const RecordTable run = KeysTable(keys);
  const TruthIndex index(truth, run);

  BlockingRecallCounter by_block(index);
  BlockingRecallCounter first_half(index), second_half(index);
  std::vector<std::pair<RecordId, RecordId>> pairs;
  for (int block_idx = 0; block_idx < 80; ++block_idx) {
    std::vector<RecordId> members;
    const size_t size = rng() % 12;
    for (size_t member = 0; member < size; ++member)
      members.push_back(Id(static_cast<uint32_t>(rng() % 300)));
    if (block_idx % 2 == 0) {
      by_block.AddBlock(members);
    } else {
      std::vector<uint32_t> rows;
      for (const RecordId id : members) rows.push_back(Row(id));
      by_block.AddBlock(rows);  // the row overload, as engine/block hands them out
    }
    for (size_t x = 0; x < members.size(); ++x) {
      for (size_t y = x + 1; y < members.size(); ++y) {
        pairs.emplace_back(members[x], members[y]);
        if (block_idx % 2 == 0) {
          first_half.AddPair(members[y], members[x]);
        } else {
          second_half.AddPair(Row(members[y]), Row(members[x]));
        }
      }
    }
  }
  // Brute force: distinct unordered pairs of distinct truth records with the same entity.
  std::set<std::pair<uint32_t, uint32_t>> expected;
  for (const auto& [a, b] : pairs) {
    if (!index.SameEntity(a, b) || index.truth_row(a) == index.truth_row(b)) continue;
    expected.emplace(std::min(index.truth_row(a), index.truth_row(b)),
                     std::max(index.truth_row(a), index.truth_row(b)));
  }
  first_half.Merge(second_half);
  const BlockingRecall from_blocks = by_block.Finish();
  const BlockingRecall from_pairs = MeasureBlockingRecall(index, pairs);
  const BlockingRecall merged = first_half.Finish();
  EXPECT_EQ(from_blocks.proposed_true_pairs, expected.size());
  EXPECT_EQ(from_pairs.proposed_true_pairs, expected.size());
  EXPECT_EQ(merged.proposed_true_pairs, expected.size());
  EXPECT_GT(expected.size(), 0u);
}

}  // namespace
}  // namespace idforge::eval
