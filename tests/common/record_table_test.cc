// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// The columnar store: values round-trip, block-relative offsets work across block boundaries,
// appends and row copies keep every column aligned.
#include "idforge/record_table.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "tests/testing/test_util.h"

namespace idforge {
namespace {

TEST(StringColumnTest, EmptyColumnHasNoRows) {
  StringColumn column;
  EXPECT_EQ(column.size(), 0u);
  EXPECT_EQ(column.NonEmptyCount(), 0u);
}

TEST(StringColumnTest, ValuesRoundTripAcrossBlockBoundaries) {
  const uint64_t seed = test::Seed();
  SCOPED_TRACE("IDFORGE_TEST_SEED=" + std::to_string(seed));
  std::mt19937_64 rng(seed);
  StringColumn column;
  std::vector<std::string> expected;
  for (uint32_t row = 0; row < 5 * StringColumn::kRowsPerBlock + 7; ++row) {
    std::string value(rng() % 40, 'a');
    for (char& c : value) c = static_cast<char>('a' + rng() % 26);
    if (row % 13 == 0) value.clear();
    column.Append(value);
    expected.push_back(value);
  }
  ASSERT_EQ(column.size(), expected.size());
  for (uint32_t row = 0; row < column.size(); ++row) {
    ASSERT_EQ(column.Get(row), expected[row]) << "row " << row;
    ASSERT_EQ(column.IsEmpty(row), expected[row].empty());
  }
}

TEST(StringColumnTest, PiecesBuildOneValue) {
  StringColumn column;
  column.AppendPiece("12 ");
  column.AppendPiece("Main St");
  column.FinishValue();
  column.Append("");
  EXPECT_EQ(column.Get(0u), "12 Main St");
  EXPECT_EQ(column.Get(1u), "");
  EXPECT_EQ(column.NonEmptyCount(), 1u);
}

TEST(StringColumnTest, MegabyteValuesFitInOneBlock) {
  StringColumn column;
  const std::string big(StringColumn::kMaxFieldBytes, 'x');
  for (int i = 0; i < 5; ++i) column.Append(big);
  column.Append("tail");
  EXPECT_EQ(column.Get(4u).size(), StringColumn::kMaxFieldBytes);
  EXPECT_EQ(column.Get(5u), "tail");
}

TEST(StringColumnTest, AppendColumnConcatenates) {
  StringColumn a;
  StringColumn b;
  for (int i = 0; i < 2000; ++i) a.Append("a" + std::to_string(i));
  for (int i = 0; i < 1500; ++i) b.Append("b" + std::to_string(i));
  a.AppendColumn(b);
  ASSERT_EQ(a.size(), 3500u);
  EXPECT_EQ(a.Get(1999u), "a1999");
  EXPECT_EQ(a.Get(2000u), "b0");
  EXPECT_EQ(a.Get(3499u), "b1499");
}

RecordTable OneSourceTable(int rows, uint64_t first_line) {
  RecordTable table({"tier"});
  table.AddSource({.name = "crm", .path = "crm.csv"});
  for (int row = 0; row < rows; ++row) {
    table.mutable_source_id_column().Append("id" + std::to_string(row));
    table.mutable_updated_at_column().Append("");
    for (Field field : AllFields()) {
      table.mutable_field(field).Append(field == Field::kEmail ? "x" + std::to_string(row) + "@a.com" : "");
    }
    table.mutable_extra(0).Append("gold");
    table.AppendRowMeta(0, first_line + static_cast<uint64_t>(row));
  }
  return table;
}

TEST(RecordTableTest, BuiltTableValidates) {
  RecordTable table = OneSourceTable(3, 2);
  EXPECT_TRUE(table.Validate().ok());
  EXPECT_EQ(table.row_count(), 3u);
  EXPECT_EQ(table.Get(Field::kEmail, 1), "x1@a.com");
  EXPECT_EQ(table.line(2), 4u);
  EXPECT_EQ(table.extra(0).Get(0u), "gold");
}

TEST(RecordTableTest, MisalignedColumnFailsValidation) {
  RecordTable table = OneSourceTable(3, 2);
  table.mutable_field(Field::kCity).Append("extra");
  EXPECT_EQ(table.Validate().code(), StatusCode::kInternal);
}

TEST(RecordTableTest, AppendRowsOffsetsLines) {
  RecordTable all = OneSourceTable(0, 0);
  all.AppendRows(OneSourceTable(2, 0), 10);
  all.AppendRow(OneSourceTable(3, 0), 2, 100, "renamed");
  ASSERT_TRUE(all.Validate().ok());
  ASSERT_EQ(all.row_count(), 3u);
  EXPECT_EQ(all.line(1), 11u);
  EXPECT_EQ(all.line(2), 102u);
  EXPECT_EQ(all.source_id(2), "renamed");
  EXPECT_EQ(all.Get(Field::kEmail, 2), "x2@a.com");
}

TEST(RecordTableTest, EqualityComparesValues) {
  EXPECT_EQ(OneSourceTable(4, 1), OneSourceTable(4, 1));
  EXPECT_FALSE(OneSourceTable(4, 1) == OneSourceTable(4, 2));
}

TEST(RecordTableTest, FieldNamesRoundTrip) {
  for (Field field : AllFields()) EXPECT_EQ(FieldFromName(FieldName(field)), field);
  EXPECT_FALSE(FieldFromName("loyalty_tier").has_value());
}

}  // namespace
}  // namespace idforge
