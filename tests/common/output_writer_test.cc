// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Output writing: CSV quoting (AppendCsvField) and WriteRangesInOrder, whose bytes must not
// depend on the range size or the thread count.
#include <gtest/gtest.h>

#include <oneapi/tbb/task_arena.h>

#include <string>

#include "engine/common/atomic_file.h"
#include "engine/common/csv_writer.h"
#include "engine/common/ordered_writer.h"
#include "tests/testing/test_util.h"

namespace idforge {
namespace {

std::string Csv(std::string_view value, bool quote_all = false) {
  std::string out;
  AppendCsvField(out, value, quote_all);
  return out;
}

TEST(CsvWriterTest, PlainValuesAreNotQuoted) {
  EXPECT_EQ(Csv(""), "");
  EXPECT_EQ(Csv("Jérôme"), "Jérôme");
  EXPECT_EQ(Csv("a b"), "a b");
  EXPECT_FALSE(CsvFieldNeedsQuotes("x;y"));
}

TEST(CsvWriterTest, SpecialBytesAndOuterSpacesAreQuoted) {
  EXPECT_EQ(Csv("a,b"), "\"a,b\"");
  EXPECT_EQ(Csv("line\nbreak"), "\"line\nbreak\"");
  EXPECT_EQ(Csv("cr\r"), "\"cr\r\"");
  EXPECT_EQ(Csv(" lead"), "\" lead\"");
  EXPECT_EQ(Csv("trail "), "\"trail \"");
  EXPECT_EQ(Csv(" "), "\" \"");
  EXPECT_TRUE(CsvFieldNeedsQuotes("a,b"));
}

TEST(CsvWriterTest, QuotesAreDoubled) {
  EXPECT_EQ(Csv("\""), "\"\"\"\"");
  EXPECT_EQ(Csv("the \"boss\""), "\"the \"\"boss\"\"\"");
  EXPECT_EQ(Csv("\"\"x"), "\"\"\"\"\"x\"");
  EXPECT_EQ(Csv("", true), "\"\"");
  EXPECT_EQ(Csv("a", true), "\"a\"");
}

std::string WriteNumbers(uint64_t count, uint64_t per_range, int threads) {
  test::TempDir dir;
  const std::string path = dir.path() + "/out.txt";
  Result<AtomicFile> file = AtomicFile::Open(path);
  EXPECT_TRUE(file.ok());
  tbb::task_arena arena(threads);
  arena.execute([&] {
    WriteRangesInOrder(*file, count, per_range, [](uint64_t begin, uint64_t end, std::string& out) {
      EXPECT_TRUE(out.empty());
      for (uint64_t item = begin; item < end; ++item) out += std::to_string(item) + "\n";
    });
  });
  EXPECT_TRUE(file->Commit().ok());
  return test::ReadFileOrDie(path);
}

TEST(OrderedWriterTest, RangesAreWrittenInOrderForAnyRangeSizeAndThreadCount) {
  std::string expected;
  for (uint64_t item = 0; item < 10007; ++item) expected += std::to_string(item) + "\n";
  EXPECT_EQ(WriteNumbers(10007, 1000, 1), expected);
  EXPECT_EQ(WriteNumbers(10007, 1000, 4), expected);
  EXPECT_EQ(WriteNumbers(10007, 1, 4), expected);
  EXPECT_EQ(WriteNumbers(10007, 1 << 20, 2), expected);
  EXPECT_EQ(WriteNumbers(10007, 0, 2), expected);  // a range size of 0 means 1
}

TEST(OrderedWriterTest, NoItemsWritesNothing) { EXPECT_EQ(WriteNumbers(0, 16, 2), ""); }

}  // namespace
}  // namespace idforge
