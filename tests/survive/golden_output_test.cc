// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// golden.jsonl: every golden record as one JSON object with golden.csv's fields, parsed back
// with simdjson; written atomically (no temporary file left behind).
#include <gtest/gtest.h>
#include <simdjson.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "engine/survive/survive.h"
#include "tests/survive/survive_test_util.h"
#include "tests/testing/test_util.h"

namespace idforge::survive {
namespace {

using namespace ::idforge::survive::testutil;  // NOLINT(build/namespaces)

TEST(GoldenJsonlTest, OneObjectPerEntityWithTheCsvFieldsMemberCountAndSources) {
  const Tables t = Build(
      {
          {.entity = "a",
           .source = 0,
           .source_id = "1",
           .raw = {{Field::kLastName, "O\"Brien"}, {Field::kCompany, "Acme, Inc."}},
           .norm = {{Field::kLastName, "obrien"}},
           .extras = {"vip\n"}},
          {.entity = "a", .source = 2, .source_id = "9", .raw = {{Field::kCity, "Zürich"}}},
          {.entity = "b", .source = 1, .source_id = "x,2", .raw = {{Field::kGender, "M"}}},
      },
      {"tier"});
  const GoldenTable golden = Survive(t);
  test::TempDir dir;
  const std::string path = dir.path() + "/golden.jsonl";
  ASSERT_TRUE(WriteGoldenJsonl(path, t.raw, golden).ok());
  const std::string text = test::ReadFileOrDie(path);

  simdjson::ondemand::parser parser;
  simdjson::padded_string padded(text);
  simdjson::ondemand::document_stream stream;
  ASSERT_EQ(parser.iterate_many(padded).get(stream), simdjson::SUCCESS);
  std::vector<std::string> ids;
  uint32_t entity = 0;
  for (auto doc : stream) {
    simdjson::ondemand::object object;
    ASSERT_EQ(doc.get_object().get(object), simdjson::SUCCESS);
    size_t keys = 0;
    for (auto field : object) {
      std::string_view key;
      ASSERT_EQ(field.unescaped_key().get(key), simdjson::SUCCESS);
      simdjson::ondemand::value value = field.value();
      if (key == "golden_id") {
        std::string_view id;
        ASSERT_EQ(value.get_string().get(id), simdjson::SUCCESS);
        EXPECT_EQ(id, golden.golden_id.Get(entity));
        ids.emplace_back(id);
      } else if (key == "member_count") {
        uint64_t count = 0;
        ASSERT_EQ(value.get_uint64().get(count), simdjson::SUCCESS);
        EXPECT_EQ(count, golden.member_count[entity]);
      } else if (key == "sources") {
        std::string joined;
        for (auto source : value.get_array()) {
          std::string_view name;
          ASSERT_EQ(source.get_string().get(name), simdjson::SUCCESS);
          joined += (joined.empty() ? "" : ";") + std::string(name);
        }
        EXPECT_EQ(joined, golden.sources.Get(entity));
      } else {
        const size_t column = keys - 3;  // golden.csv's column order
        ASSERT_LT(column, golden.columns.size());
        EXPECT_EQ(key, ColumnName(t.raw, column));
        if (golden.value(entity, column).empty()) {
          bool is_null = false;
          ASSERT_EQ(value.is_null().get(is_null), simdjson::SUCCESS);
          EXPECT_TRUE(is_null) << key;
        } else {
          std::string_view got;
          ASSERT_EQ(value.get_string().get(got), simdjson::SUCCESS);
          EXPECT_EQ(got, golden.value(entity, column)) << key;
        }
      }
      ++keys;
    }
    EXPECT_EQ(keys, 3 + golden.columns.size());
    ++entity;
  }
  EXPECT_EQ(ids, (std::vector<std::string>{"g-a", "g-b"}));
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 2);  // one line per record
  EXPECT_NE(text.find("\"last_name\":\"O\\\"Brien\""), std::string::npos);
  EXPECT_NE(text.find("\"sources\":[\"crm\",\"web\"]"), std::string::npos);
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()),
                          std::filesystem::directory_iterator()),
            1);
}

}  // namespace
}  // namespace idforge::survive
