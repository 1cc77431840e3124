// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// LoadTruth() and LoadCrosswalk(): columns found by name, RFC 4180 quoting, and errors that name
// the file and line of the bad row.
#include "engine/eval/labels.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "tests/eval/eval_test_util.h"
#include "tests/testing/test_util.h"

namespace idforge::eval {
namespace {

// Expects `status` to be InvalidArgument with a message containing `needle`.
void ExpectError(const Status& status, std::string_view needle) {
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(status.message().find(needle), std::string_view::npos)
      << "message: " << status.message() << "\nexpected to contain: " << needle;
}

TEST(LoadTruthTest, ReadsRowsInFileOrder) {
  test::TempDir dir;
  const auto truth =
      LoadTruth(dir.WriteFile("truth.csv", "source,source_id,entity_id\ncrm,1,7\nshop,a,7\n"));
  ASSERT_TRUE(truth.ok()) << truth.status().ToString();
  ASSERT_EQ(truth->size(), 2u);
  EXPECT_EQ(truth->source(1), "shop");
  EXPECT_EQ(truth->source_id(1), "a");
  EXPECT_EQ(truth->label(0), truth->label(1));
  EXPECT_EQ(truth->label_name(truth->label(0)), "7");
  EXPECT_EQ(truth->Find("crm", "1"), 0u);
  EXPECT_EQ(truth->Find("crm", "a"), std::nullopt);
  EXPECT_EQ(truth->Find("web", "1"), std::nullopt);
}

TEST(LoadTruthTest, FindsColumnsByNameInAnyOrderAndCase) {
  test::TempDir dir;
  const auto truth = LoadTruth(
      dir.WriteFile("truth.csv", "Entity_ID,extra,Source_Id,SOURCE\n7,x,1,crm\n8,y,2,crm\n"));
  ASSERT_TRUE(truth.ok()) << truth.status().ToString();
  ASSERT_EQ(truth->size(), 2u);
  EXPECT_EQ(truth->source(0), "crm");
  EXPECT_EQ(truth->source_id(1), "2");
  EXPECT_EQ(truth->label_name(truth->label(1)), "8");
}

TEST(LoadTruthTest, HandlesQuotesBomCrlfBlankLinesAndSpacesAfterCommas) {
  test::TempDir dir;
  const auto truth = LoadTruth(dir.WriteFile("truth.csv",
                                             "\xEF\xBB\xBFsource, source_id, entity_id\r\n"
                                             "crm, \"a,b\", 1\r\n"
                                             "\r\n"
                                             "crm,\"multi\nline\",\"say \"\"hi\"\"\"\r\n"
                                             "crm,\" padded \",2"));  // no final newline
  ASSERT_TRUE(truth.ok()) << truth.status().ToString();
  ASSERT_EQ(truth->size(), 3u);
  EXPECT_EQ(truth->source_id(0), "a,b");
  EXPECT_EQ(truth->label_name(truth->label(0)), "1");
  EXPECT_EQ(truth->source_id(1), "multi\nline");
  EXPECT_EQ(truth->label_name(truth->label(1)), "say \"hi\"");
  EXPECT_EQ(truth->source_id(2), " padded ");
}

TEST(LoadCrosswalkTest, IgnoresMatchProbability) {
  test::TempDir dir;
  const auto crosswalk = LoadCrosswalk(dir.WriteFile(
      "crosswalk.csv", "source,source_id,golden_id,match_probability\ncrm,1,g1,0.98\ncrm,2,g1,\n"));
  ASSERT_TRUE(crosswalk.ok()) << crosswalk.status().ToString();
  EXPECT_EQ(crosswalk->size(), 2u);
  EXPECT_EQ(crosswalk->label_count(), 1u);
}

TEST(LoadTruthTest, MissingFileIsNotFound) {
  const auto truth = LoadTruth("/nonexistent/truth.csv");
  ASSERT_FALSE(truth.ok());
  EXPECT_EQ(truth.status().code(), StatusCode::kNotFound);
  EXPECT_NE(truth.status().message().find("/nonexistent/truth.csv"), std::string_view::npos);
}

TEST(LoadTruthTest, EmptyFileIsAnError) {
  test::TempDir dir;
  ExpectError(LoadTruth(dir.WriteFile("t.csv", "")).status(), "t.csv: empty file");
}

TEST(LoadTruthTest, MissingColumnIsNamed) {
  test::TempDir dir;
  ExpectError(LoadTruth(dir.WriteFile("t.csv", "source,source_id,golden_id\ncrm,1,g\n")).status(),
              "t.csv:1: missing column \"entity_id\"");
  ExpectError(LoadCrosswalk(dir.WriteFile("c.csv", "source,id,golden_id\n")).status(),
              "c.csv:1: missing column \"source_id\"");
}

TEST(LoadTruthTest, DuplicateRecordNamesBothLines) {
  test::TempDir dir;
  const std::string path =
      dir.WriteFile("t.csv", "source,source_id,entity_id\ncrm,1,A\ncrm,2,A\n\ncrm,1,B\n");
  ExpectError(
      LoadTruth(path).status(),
      "t.csv:5: duplicate record (source \"crm\", source_id \"1\"), first listed on line 2");
}

TEST(LoadTruthTest, WrongFieldCountNamesTheLine) {
  test::TempDir dir;
  // Line numbers are physical lines: the quoted newline in row 1 puts the bad row on line 5.
  const std::string path =
      dir.WriteFile("t.csv", "source,source_id,entity_id\ncrm,\"x\ny\",A\ncrm,2,A\ncrm,3\n");
  ExpectError(LoadTruth(path).status(), "t.csv:5: expected 3 fields (as in the header), found 2");
}

TEST(LoadTruthTest, EmptyIdsAreErrors) {
  test::TempDir dir;
  ExpectError(LoadTruth(dir.WriteFile("t.csv", "source,source_id,entity_id\ncrm,,A\n")).status(),
              "t.csv:2: empty source_id");
  ExpectError(LoadTruth(dir.WriteFile("u.csv", "source,source_id,entity_id\ncrm,1,\n")).status(),
              "u.csv:2: empty entity_id");
}

TEST(LoadTruthTest, UnterminatedQuoteNamesTheLineItOpensOn) {
  test::TempDir dir;
  ExpectError(
      LoadTruth(dir.WriteFile("t.csv", "source,source_id,entity_id\ncrm,1,A\ncrm,\"2,A\ncrm,3,A\n"))
          .status(),
      "t.csv:3: unterminated quoted field");
}

TEST(LoadTruthTest, TextAfterClosingQuoteIsAnError) {
  test::TempDir dir;
  ExpectError(
      LoadTruth(dir.WriteFile("t.csv", "source,source_id,entity_id\ncrm,\"1\"x,A\n")).status(),
      "t.csv:2: unexpected character 'x' after a closing quote");
}

TEST(LoadTruthTest, HeaderNamingAColumnTwiceIsAnError) {
  test::TempDir dir;
  ExpectError(
      LoadTruth(dir.WriteFile("t.csv", "source,source_id,entity_id,Source\ncrm,1,A,x\n")).status(),
      "names column \"source\" twice");
}

TEST(RecordLabelsTest, AddRejectsDuplicatesAndLeavesTheTableUnchanged) {
  TruthTable truth;
  ASSERT_TRUE(truth.Add("crm", "1", "A").ok());
  EXPECT_FALSE(truth.Add("crm", "1", "B").ok());
  EXPECT_EQ(truth.size(), 1u);
  EXPECT_EQ(truth.label_count(), 1u);
  // Source names and ids are compared as whole strings: ("c", "rm1") is not ("crm", "1").
  EXPECT_TRUE(truth.Add("c", "rm1", "A").ok());
  EXPECT_TRUE(truth.Add("crm1", "", "A").ok());
  EXPECT_EQ(truth.size(), 3u);
}

TEST(RecordLabelsTest, ManyRecordsStayFindable) {
  Crosswalk crosswalk;
  for (uint32_t row = 0; row < 100'000; ++row) {
    ASSERT_TRUE(
        crosswalk
            .Add(fixtures::Name("s", row % 7), std::to_string(row), fixtures::Name("g", row / 3))
            .ok());
  }
  EXPECT_EQ(crosswalk.label_count(), 33'334u);
  for (uint32_t row = 0; row < 100'000; row += 997) {
    ASSERT_EQ(crosswalk.Find(fixtures::Name("s", row % 7), std::to_string(row)), row);
  }
  EXPECT_EQ(crosswalk.Find("s0", "1"), std::nullopt);
}

}  // namespace
}  // namespace idforge::eval
