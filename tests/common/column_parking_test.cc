// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// ParkedFields: the field, carried and update-time columns come back byte for byte (across
// compression chunks and offset blocks), source ids and link columns stay readable while parked,
// and parking saves memory.
#include "engine/common/column_parking.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "tests/testing/test_util.h"

namespace idforge {
namespace {

RecordTable MakeTable(uint32_t rows, uint64_t seed) {
  std::mt19937_64 rng(seed);
  RecordTable table({"total_spent", "link:hubspot"});
  table.AddSource({.name = "crm"});
  const std::vector<std::string> names = {"anna", "jérôme", "smith", "o'brien", "müller", "李"};
  for (uint32_t row = 0; row < rows; ++row) {
    table.AppendRowMeta(0, row + 2);
    for (Field field : AllFields()) {
      std::string value;
      switch (field) {
        case Field::kFirstName: value = names[rng() % names.size()]; break;
        case Field::kLastName: value = names[rng() % names.size()] + std::to_string(rng() % 1000); break;
        case Field::kEmail: value = rng() % 5 == 0 ? "" : "user" + std::to_string(row) + "@example.com"; break;
        // Long values now and then: more than one 4 MiB compression chunk in total.
        case Field::kStreet: value = std::string(rng() % 40 == 0 ? 20000 : 30, static_cast<char>('a' + row % 26)); break;
        default: break;  // the other fields stay empty: unmaterialized columns
      }
      table.mutable_field(field).Append(value);
    }
    table.mutable_extra(0).Append(std::to_string(row % 97));
    table.mutable_extra(1).Append(row % 3 == 0 ? std::to_string(row / 3) : std::string());
    table.mutable_source_id_column().Append("id" + std::to_string(row));
    table.mutable_updated_at_column().Append("2026-11-" + std::to_string(10 + row % 20));
  }
  return table;
}

TEST(ParkedFieldsTest, RestoresEveryColumnExactly) {
  const uint64_t seed = test::Seed();
  SCOPED_TRACE("IDFORGE_TEST_SEED=" + std::to_string(seed));
  const RecordTable expected = MakeTable(20000, seed);
  RecordTable table = MakeTable(20000, seed);
  ExecContext ctx(2);
  ParkedFields parked = ParkedFields::Park(table, "link:", ctx);
  EXPECT_GT(parked.raw_bytes(), uint64_t{4} << 20);  // several chunks
  EXPECT_LT(parked.compressed_bytes(), parked.raw_bytes() / 2);
  EXPECT_LT(table.MemoryBytes(), expected.MemoryBytes() / 4);
  // What matching reads of the raw table stays readable.
  for (uint32_t row = 0; row < table.row_count(); row += 997) {
    EXPECT_EQ(table.source_id(row), expected.source_id(row));
    EXPECT_EQ(table.extra(1).Get(row), expected.extra(1).Get(row));
  }
  parked.Restore(table, ctx);
  for (Field field : AllFields()) {
    SCOPED_TRACE(std::string(FieldName(field)));
    ASSERT_EQ(table.field(field).size(), expected.field(field).size());
    EXPECT_TRUE(table.field(field) == expected.field(field));
  }
  EXPECT_TRUE(table.extra(0) == expected.extra(0));
  EXPECT_TRUE(table.extra(1) == expected.extra(1));
  EXPECT_TRUE(table.updated_at_column() == expected.updated_at_column());
  EXPECT_TRUE(table.Validate().ok());
}

TEST(ParkedFieldsTest, EmptyTableAndRepeatedRestoreAreHarmless) {
  RecordTable table;
  ExecContext ctx(1);
  ParkedFields parked = ParkedFields::Park(table, "link:", ctx);
  EXPECT_EQ(parked.raw_bytes(), 0u);
  parked.Restore(table, ctx);
  parked.Restore(table, ctx);
  EXPECT_EQ(table.row_count(), 0u);
}

}  // namespace
}  // namespace idforge
