// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// GoldenTable storage (values as views into the raw table, normalized forms copied, source sets
// interned) and the parallel writers of golden.csv / golden_provenance.csv / golden.jsonl, which
// must give the bytes of a plain serial formatting for any thread count.
#include <gtest/gtest.h>

#include <oneapi/tbb/task_arena.h>

#include <random>
#include <string>
#include <vector>

#include "engine/common/csv_writer.h"
#include "engine/survive/survive.h"
#include "tests/survive/survive_test_util.h"
#include "tests/testing/test_util.h"

namespace idforge::survive {
namespace {

using namespace ::idforge::survive::testutil;  // NOLINT(build/namespaces)

TEST(GoldenTableTest, NormalizedFormValuesOutliveTheNormalizedTable) {
  Tables t = Build({{.entity = "a",
                     .source = 0,
                     .source_id = "1",
                     .raw = {{Field::kEmail, "Ann@X.com"}, {Field::kCity, "Paris"}},
                     .norm = {{Field::kEmail, "ann@x.com"},
                              {Field::kStreet, "1 rue x"},
                              {Field::kCity, "paris"}},
                     .flags = flag::kEmailValid},
                    {.entity = "a",
                     .source = 1,
                     .source_id = "2",
                     .raw = {{Field::kEmail, "ann@x.com"}},
                     .norm = {{Field::kEmail, "ann@x.com"}},
                     .flags = flag::kEmailValid}});
  const GoldenTable golden = Survive(t);
  t.norm = NormalizedTable();  // the pipeline releases it before writing
  ASSERT_EQ(golden.entity_count(), 1u);
  EXPECT_EQ(golden.Get(0, Field::kEmail), "ann@x.com");
  EXPECT_EQ(golden.Get(0, Field::kStreet), "1 rue x");
  EXPECT_EQ(golden.Get(0, Field::kCity), "Paris");
  EXPECT_EQ(golden.Get(0, Field::kPhone), "");
  EXPECT_EQ(golden.provenance_count, 3u);
  EXPECT_EQ(golden.provenance_of(0).size(), 3u);
  EXPECT_EQ(golden.columns[static_cast<size_t>(Field::kPhone)].row(0), GoldenColumn::kNoRow);
}

TEST(GoldenTableTest, AnAllEmptyColumnHoldsNoMemory) {
  const Tables t = Build({{.entity = "a", .source = 0, .source_id = "1",
                           .raw = {{Field::kGender, "F"}}, .norm = {{Field::kGender, "f"}}},
                          {.entity = "b", .source = 1, .source_id = "2"}});
  const GoldenTable golden = Survive(t);
  const GoldenColumn& phone = golden.columns[static_cast<size_t>(Field::kPhone)];
  EXPECT_EQ(phone.NonEmptyCount(), 0u);
  EXPECT_EQ(phone.MemoryBytes(), 0u);
  EXPECT_EQ(phone.Get(1), "");
  EXPECT_EQ(golden.columns[static_cast<size_t>(Field::kGender)].NonEmptyCount(), 1u);
}

TEST(GoldenTableTest, SourceSetsAreStoredOnce) {
  std::vector<TestRow> rows;
  for (int entity = 0; entity < 3000; ++entity) {
    rows.push_back({.entity = std::to_string(entity), .source = 2, .source_id = "w"});
    if (entity % 2 == 0) rows.push_back({.entity = std::to_string(entity), .source = 0});
  }
  const Tables t = Build(rows);
  const GoldenTable golden = Survive(t, {}, 2);
  ASSERT_EQ(golden.entity_count(), 3000u);
  EXPECT_EQ(golden.sources.set_count(), 2u);
  EXPECT_EQ(golden.sources.Get(0), "crm;web");
  EXPECT_EQ(golden.sources.Get(1), "web");
  EXPECT_EQ(golden.sources.Get(2998), "crm;web");
  EXPECT_EQ(golden.sources.Get(2999), "web");
}

// Entities across several writer ranges, with values that need quoting or JSON escapes.
Tables RandomTables(uint64_t seed) {
  std::mt19937_64 rng(seed);
  auto pick = [&](uint32_t n) { return static_cast<uint32_t>(rng() % n); };
  const std::vector<std::string> values = {"", "Anne", "a,b", "the \"boss\"", " lead", "x\ny",
                                           "Jérôme", "tab\there"};
  std::vector<TestRow> rows;
  for (uint32_t row = 0; row < 20000; ++row) {
    TestRow r;
    r.entity = std::to_string(pick(12000));
    r.source = static_cast<uint16_t>(pick(3));
    r.source_id = values[pick(8)] + std::to_string(row);
    for (Field field : {Field::kFirstName, Field::kCity, Field::kCompany, Field::kStreet}) {
      const std::string& value = values[pick(8)];
      if (pick(4) == 0) {
        r.norm[field] = value;  // only a normalized form: copied into the golden table
      } else {
        r.raw[field] = value;
        if (!value.empty()) r.norm[field] = "n" + value;
      }
    }
    r.extras = {values[pick(8)]};
    rows.push_back(std::move(r));
  }
  return Build(rows, {"note"});
}

std::string NaiveGoldenCsv(const RecordTable& raw, const GoldenTable& golden) {
  std::string out = "golden_id,member_count,sources";
  for (size_t column = 0; column < golden.columns.size(); ++column) {
    out += ',';
    AppendCsvField(out, ColumnName(raw, column));
  }
  out += '\n';
  for (uint32_t entity = 0; entity < golden.entity_count(); ++entity) {
    AppendCsvField(out, golden.golden_id.Get(entity));
    out += ',' + std::to_string(golden.member_count[entity]) + ',';
    AppendCsvField(out, golden.sources.Get(entity));
    for (size_t column = 0; column < golden.columns.size(); ++column) {
      out += ',';
      AppendCsvField(out, golden.value(entity, column));
    }
    out += '\n';
  }
  return out;
}

std::string NaiveProvenanceCsv(const RecordTable& raw, const GoldenTable& golden) {
  std::string out = "golden_id,field,source,source_id,rule\n";
  for (uint32_t entity = 0; entity < golden.entity_count(); ++entity) {
    for (const Provenance& entry : golden.provenance_of(entity)) {
      AppendCsvField(out, golden.golden_id.Get(entity));
      out += ',';
      AppendCsvField(out, ColumnName(raw, entry.column));
      out += ',';
      AppendCsvField(out, raw.sources()[raw.source(entry.row)].name);
      out += ',';
      AppendCsvField(out, raw.source_id(entry.row));
      out += ',';
      out += DecisionName(entry.decision);
      out += '\n';
    }
  }
  return out;
}

struct Written {
  std::string golden;
  std::string provenance;
  std::string jsonl;
};

Written WriteAll(const RecordTable& raw, const GoldenTable& golden, int threads) {
  test::TempDir dir;
  Written out;
  tbb::task_arena arena(threads);
  arena.execute([&] {
    EXPECT_TRUE(WriteGoldenCsv(dir.path() + "/g.csv", raw, golden).ok());
    EXPECT_TRUE(WriteProvenanceCsv(dir.path() + "/p.csv", raw, golden).ok());
    EXPECT_TRUE(WriteGoldenJsonl(dir.path() + "/g.jsonl", raw, golden).ok());
  });
  out.golden = test::ReadFileOrDie(dir.path() + "/g.csv");
  out.provenance = test::ReadFileOrDie(dir.path() + "/p.csv");
  out.jsonl = test::ReadFileOrDie(dir.path() + "/g.jsonl");
  return out;
}

TEST(GoldenTableTest, WritersGiveTheSerialBytesForAnyThreadCount) {
  const uint64_t seed = test::Seed();
  SCOPED_TRACE("IDFORGE_TEST_SEED=" + std::to_string(seed));
  Tables t = RandomTables(seed);
  const GoldenTable golden = Survive(t, {}, 3);
  const GoldenTable serial = Survive(t, {}, 1);
  t.norm = NormalizedTable();
  ASSERT_GT(golden.entity_count(), 8192u);  // more than two writer ranges
  const Written one = WriteAll(t.raw, golden, 1);
  EXPECT_EQ(one.golden, NaiveGoldenCsv(t.raw, golden));
  EXPECT_EQ(one.provenance, NaiveProvenanceCsv(t.raw, golden));
  const Written three = WriteAll(t.raw, serial, 3);
  EXPECT_EQ(three.golden, one.golden);
  EXPECT_EQ(three.provenance, one.provenance);
  EXPECT_EQ(three.jsonl, one.jsonl);
}

}  // namespace
}  // namespace idforge::survive
