// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Job files: what a valid job turns into, and that every mistake is an error naming the JSON path.
#include "engine/job/job_file.h"

#include <gtest/gtest.h>

#include "tests/testing/test_util.h"

namespace idforge::job {
namespace {

Result<JobSpec> Parse(std::string_view json) { return ParseJobJson(json, "job.json", "/data"); }

// Expects a parse error whose message contains `needle`.
void ExpectError(std::string_view json, std::string_view needle) {
  auto job = Parse(json);
  ASSERT_FALSE(job.ok()) << "parsed: " << json;
  EXPECT_EQ(job.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(job.status().message().find(needle), std::string::npos)
      << "message: " << job.status().message() << "\nexpected to contain: " << needle;
}

constexpr std::string_view kSpecExample = R"({
  "sources": [
    {
      "name": "crm", "path": "crm.csv", "format": "csv", "delimiter": ",", "id": "Id",
      "default_country": "US", "updated_at": "LastModifiedDate", "priority": 1,
      "fields": {
        "first_name": "FirstName", "last_name": "LastName", "email": "Email",
        "street": ["MailingStreet", "MailingStreet2"],
        "dob": {"column": "Birthdate", "format": "%Y-%m-%d"},
        "loyalty_tier": "Tier__c"
      }
    },
    {"name": "shop", "path": "shop.jsonl.gz", "id": "id",
     "fields": {"email": "email", "city": "default_address.city"}}
  ],
  "output": {"dir": "out", "pairs": true},
  "on_error": "fail",
  "matching": {"threshold": 0.9},
  "survivorship": {}
})";

TEST(JobFileTest, SpecExampleParses) {
  auto job = Parse(kSpecExample);
  ASSERT_TRUE(job.ok()) << job.status().ToString();
  ASSERT_EQ(job->sources.size(), 2u);
  const SourceSpec& crm = job->sources[0];
  EXPECT_EQ(crm.name, "crm");
  EXPECT_EQ(crm.path, "/data/crm.csv");
  EXPECT_EQ(crm.format, InputFormat::kCsv);
  EXPECT_EQ(crm.delimiter, ',');
  EXPECT_EQ(crm.id_column, "Id");
  EXPECT_EQ(crm.default_country, "US");
  EXPECT_EQ(crm.updated_at_column, "LastModifiedDate");
  EXPECT_EQ(crm.priority, 1);
  ASSERT_TRUE(crm.field(Field::kStreet).has_value());
  EXPECT_EQ(crm.field(Field::kStreet)->columns,
            (std::vector<std::string>{"MailingStreet", "MailingStreet2"}));
  ASSERT_TRUE(crm.field(Field::kDob).has_value());
  EXPECT_EQ(crm.field(Field::kDob)->format, "%Y-%m-%d");
  ASSERT_EQ(crm.extras.size(), 1u);
  EXPECT_EQ(crm.extras[0].first, "loyalty_tier");
  EXPECT_FALSE(crm.field(Field::kPhone).has_value());
  const SourceSpec& shop = job->sources[1];
  EXPECT_EQ(shop.format, InputFormat::kAuto);
  EXPECT_EQ(shop.field(Field::kCity)->columns[0], "default_address.city");
  EXPECT_EQ(shop.priority, 2);  // position in the job when not given
  EXPECT_EQ(job->output.dir, "/data/out");
  EXPECT_TRUE(job->output.pairs);
  EXPECT_EQ(job->on_error, OnError::kFail);
  EXPECT_EQ(job->matching_json, R"({"threshold":0.9})");
  EXPECT_EQ(job->survivorship_json, "{}");
}

TEST(JobFileTest, UnknownDateDirectiveNamesThePath) {
  ExpectError(R"({"sources": [{"path": "a.csv", "fields": {"email": "E"}},
                  {"path": "b.csv", "fields": {"dob": {"column": "D", "format": "%d/%Q"}}}]})",
              "job.json: sources[1].fields.dob.format: unknown date format directive %Q");
}

TEST(JobFileTest, MisspelledKeySuggestsTheRightOne) {
  ExpectError(R"({"sources": [{"path": "a.csv", "delimeter": ";", "fields": {"email": "E"}}]})",
              "sources[0].delimeter: unknown key (did you mean \"delimiter\"?)");
  ExpectError(R"({"source": []})", "source: unknown key (did you mean \"sources\"?)");
}

TEST(JobFileTest, SyntaxErrorGivesLineAndColumn) {
  ExpectError("{\n  \"sources\": [\n    {\"path\": \"a.csv\",}\n  ]\n}", "not valid JSON at line 3");
}

TEST(JobFileTest, TypeErrorsSayWhatWasExpected) {
  ExpectError(R"({"sources": [{"path": 42, "fields": {"email": "E"}}]})",
              "sources[0].path: expected a string, found a number");
  ExpectError(R"({"sources": [{"path": "a.csv", "trim": "yes", "fields": {"email": "E"}}]})",
              "sources[0].trim: expected true or false");
  ExpectError(R"({"sources": [{"path": "a.csv", "fields": {"email": 3}}]})",
              "sources[0].fields.email: expected a column name");
  ExpectError(R"({"sources": {}})", "sources: expected an array");
}

TEST(JobFileTest, MissingPiecesAreErrors) {
  ExpectError(R"({})", "sources: missing");
  ExpectError(R"({"sources": []})", "sources: no source");
  ExpectError(R"({"sources": [{"fields": {"email": "E"}}]})", "sources[0]: missing \"path\"");
  ExpectError(R"({"sources": [{"path": "a.csv"}]})", "sources[0]: missing \"fields\"");
  ExpectError(R"({"sources": [{"path": "a.csv", "fields": {}}]})", "no field is mapped");
  ExpectError(R"({"sources": [{"path": "a.csv", "fields": {"email": []}}]})", "empty list");
}

TEST(JobFileTest, BadEnumValuesListTheAllowedOnes) {
  ExpectError(R"({"sources": [{"path": "a.csv", "format": "xlsx", "fields": {"email": "E"}}]})",
              "use csv, jsonl or json");
  ExpectError(R"({"sources": [{"path": "a.csv", "encoding": "utf-16", "fields": {"email": "E"}}]})",
              "use \"utf-8\" or \"latin1\"");
  ExpectError(R"({"sources": [{"path": "a.csv", "fields": {"email": "E"}}], "on_error": "skip"})",
              "on_error: expected \"reject\" or \"fail\"");
  ExpectError(R"({"sources": [{"path": "a.csv", "delimiter": ";;", "fields": {"email": "E"}}]})",
              "sources[0].delimiter");
  ExpectError(R"({"sources": [{"path": "a.csv", "default_country": "France", "fields": {"email": "E"}}]})",
              "ISO 3166 alpha-2");
}

TEST(JobFileTest, DuplicateSourceNamesAreRejected) {
  ExpectError(R"({"sources": [{"path": "x/crm.csv", "fields": {"email": "E"}},
                              {"path": "y/crm.csv.gz", "fields": {"email": "E"}}]})",
              "source name \"crm\" is used twice");
}

TEST(JobFileTest, FieldMappedTwiceIsAnError) {
  ExpectError(R"({"sources": [{"path": "a.csv", "fields": {"email": "E", "email": "F"}}]})",
              "sources[0].fields.email: mapped twice");
}

TEST(JobFileTest, SourceNameDefaultsToFileNameWithoutExtensions) {
  EXPECT_EQ(SourceNameFromPath("exports/crm.csv.gz"), "crm");
  EXPECT_EQ(SourceNameFromPath("/a/b/Mailchimp Export.csv"), "Mailchimp Export");
  auto job = Parse(R"({"sources": [{"path": "in/shop.jsonl.zst", "fields": {"email": "e"}}]})");
  ASSERT_TRUE(job.ok()) << job.status().ToString();
  EXPECT_EQ(job->sources[0].name, "shop");
}

TEST(JobFileTest, TabDelimiterAndLatin1AreAccepted) {
  auto job = Parse(R"({"sources": [{"path": "a.tsv", "delimiter": "\t", "encoding": "ISO-8859-1",
                                   "trim": true, "fields": {"email": "E"}}]})");
  ASSERT_TRUE(job.ok()) << job.status().ToString();
  EXPECT_EQ(job->sources[0].delimiter, '\t');
  EXPECT_EQ(job->sources[0].encoding, Encoding::kLatin1);
  EXPECT_TRUE(job->sources[0].trim);
}

TEST(JobFileTest, AbsolutePathsAreKept) {
  auto job = Parse(R"({"sources": [{"path": "/abs/a.csv", "fields": {"email": "E"}}],
                      "output": {"dir": "/tmp/out"}})");
  ASSERT_TRUE(job.ok());
  EXPECT_EQ(job->sources[0].path, "/abs/a.csv");
  EXPECT_EQ(job->output.dir, "/tmp/out");
}

TEST(JobFileTest, OutputFormatsChooseGoldenCsvAndOrJsonl) {
  auto formats = [](std::string_view list) {
    return Parse(R"({"sources": [{"path": "a.csv", "fields": {"email": "E"}}], "output": {"formats": )" +
                 std::string(list) + "}}");
  };
  auto defaults = Parse(R"({"sources": [{"path": "a.csv", "fields": {"email": "E"}}]})");
  ASSERT_TRUE(defaults.ok());
  EXPECT_TRUE(defaults->output.golden_csv);
  EXPECT_FALSE(defaults->output.golden_jsonl);
  auto both = formats(R"(["csv", "jsonl"])");
  ASSERT_TRUE(both.ok()) << both.status().ToString();
  EXPECT_TRUE(both->output.golden_csv);
  EXPECT_TRUE(both->output.golden_jsonl);
  auto jsonl = formats(R"(["jsonl"])");
  ASSERT_TRUE(jsonl.ok());
  EXPECT_FALSE(jsonl->output.golden_csv);
  EXPECT_TRUE(jsonl->output.golden_jsonl);
  auto unknown = formats(R"(["csv", "parquet"])");
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.status().message().find("output.formats[1]"), std::string::npos);
  EXPECT_NE(unknown.status().message().find("parquet"), std::string::npos);
  EXPECT_FALSE(formats("[]").ok());
  EXPECT_FALSE(formats(R"("jsonl")").ok());
}

TEST(JobFileTest, MissingJobFileIsNotFound) {
  auto job = ParseJobFile("/nonexistent/job.json");
  ASSERT_FALSE(job.ok());
  EXPECT_EQ(job.status().code(), StatusCode::kNotFound);
}

TEST(JobFileTest, BundledSampleJobParses) {
  const std::string path = test::SourceDir() + "/datasets/sample/job.json";
  auto job = ParseJobFile(path);
  ASSERT_TRUE(job.ok()) << job.status().ToString();
  EXPECT_EQ(job->sources.size(), 3u);
}

}  // namespace
}  // namespace idforge::job
