// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Write-back: each tool's import file, re-read through the tool's own profile, gives the golden
// records back unchanged; tool ids are the entity's own records; dates follow the tool's format.
#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "engine/common/exec_context.h"
#include "engine/export/writeback.h"
#include "engine/job/job_file.h"
#include "engine/normalize/address.h"
#include "engine/profiles/resolve.h"
#include "engine/read/read_inputs.h"
#include "idforge/idforge.h"
#include "tests/testing/test_util.h"

namespace idforge {
namespace {

std::string Data(std::string_view file) {
  return test::SourceDir() + "/tests/profiles/data/" + std::string(file);
}

// Reads `path` through `profile` (its id column dropped: new entities have none) with quirks undone.
RecordTable ReadThrough(const std::string& path, const std::string& profile) {
  JobSpec job;
  job.job_path = "roundtrip";
  SourceSpec source;
  source.name = "x";
  source.path = path;
  source.profile = profile;
  job.sources.push_back(source);
  auto resolved = profiles::ResolveJobProfiles(job);
  EXPECT_TRUE(resolved.ok()) << resolved.status().ToString();
  if (!resolved.ok()) return RecordTable();
  resolved->sources[0].id_column.clear();
  std::erase_if(resolved->sources[0].extras,
                [](const auto& extra) { return extra.first.starts_with(profiles::kLinkPrefix); });
  ExecContext ctx(1);
  auto table = read::ReadInputs(resolved->sources, ReadOptions{}, ctx);
  EXPECT_TRUE(table.ok()) << table.status().ToString();
  if (!table.ok()) return RecordTable();
  EXPECT_TRUE(profiles::ApplyValueQuirks(*resolved, *table).ok());
  EXPECT_EQ(ctx.rejects().size(), 0u) << path;
  return std::move(*table);
}

// golden.csv read back with its own column names.
RecordTable ReadGolden(const std::string& dir) {
  SourceSpec source;
  source.name = "golden";
  source.path = dir + "/golden.csv";
  source.id_column = "golden_id";
  const std::string header = test::ReadFileOrDie(source.path).substr(0, test::ReadFileOrDie(source.path).find('\n'));
  for (Field field : AllFields()) {
    if (header.find("," + std::string(FieldName(field))) != std::string::npos) {
      source.fields[static_cast<size_t>(field)] = FieldMapping{{std::string(FieldName(field))}, ""};
    }
  }
  ExecContext ctx(1);
  auto table = read::ReadInputs({source}, ReadOptions{}, ctx);
  EXPECT_TRUE(table.ok()) << table.status().ToString();
  return table.ok() ? std::move(*table) : RecordTable();
}

class WritebackTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto builtin = profiles::BuiltinProfiles();
    ASSERT_TRUE(builtin.ok());
    auto zero = profiles::BuildZeroConfigJob(
        {Data("hubspot.csv"), Data("mailchimp.csv"), Data("shopify.csv"),
         Data("salesforce_contacts.csv")},
        out_.path(), *builtin);
    ASSERT_TRUE(zero.ok()) << zero.status().ToString();
    zero->job.output.profiles = {"hubspot", "mailchimp", "shopify"};
    RunOptions options;
    options.today = "2026-11-29";
    options.export_profiles = {"salesforce", "klaviyo", "hubspot", "generic", "jsonl"};
    auto run = RunJob(zero->job, options);
    ASSERT_TRUE(run.ok()) << run.status().ToString();
    summary_ = *run;
    golden_ = ReadGolden(out_.path());
  }

  test::TempDir out_;
  RunSummary summary_;
  RecordTable golden_;
};

TEST_F(WritebackTest, WritesEveryRequestedFileOnce) {
  for (const char* file : {"export_hubspot.csv", "export_mailchimp.csv", "export_shopify.csv",
                           "export_salesforce.csv", "export_klaviyo.csv", "export_generic.csv",
                           "export_golden.jsonl"}) {
    const std::string path = out_.path() + "/" + file;
    EXPECT_TRUE(std::filesystem::exists(path)) << file;
    EXPECT_EQ(std::count(summary_.files_written.begin(), summary_.files_written.end(), path), 1)
        << file;
  }
  const std::string jsonl = test::ReadFileOrDie(out_.path() + "/export_golden.jsonl");
  EXPECT_EQ(static_cast<uint64_t>(std::count(jsonl.begin(), jsonl.end(), '\n')), summary_.entities);
  EXPECT_NE(jsonl.find("\"record_ids\":{\"hubspot\":[\"51234001\"],\"mailchimp\":[\"103797793\"],"
                       "\"shopify\":[\"8779761975521\"]}"),
            std::string::npos);
}

TEST_F(WritebackTest, ToolFilesReadBackAsTheGoldenRecords) {
  ASSERT_GT(golden_.row_count(), 0u);
  const struct {
    const char* file;
    const char* profile;
    std::vector<Field> fields;  // the golden fields the tool's file carries as they are
  } cases[] = {
      {"export_hubspot.csv", "hubspot",
       {Field::kFirstName, Field::kLastName, Field::kEmail, Field::kPhone, Field::kStreet,
        Field::kCity, Field::kRegion, Field::kPostcode, Field::kCountry, Field::kDob,
        Field::kCompany, Field::kJobTitle}},
      {"export_salesforce.csv", "salesforce",
       {Field::kFirstName, Field::kLastName, Field::kEmail, Field::kPhone, Field::kStreet,
        Field::kCity, Field::kRegion, Field::kPostcode, Field::kCountry, Field::kDob, Field::kJobTitle}},
      {"export_shopify.csv", "shopify",
       {Field::kFirstName, Field::kLastName, Field::kPhone, Field::kStreet, Field::kCity,
        Field::kRegion, Field::kPostcode, Field::kCompany}},
      {"export_klaviyo.csv", "klaviyo",
       {Field::kFirstName, Field::kLastName, Field::kEmail, Field::kPhone, Field::kStreet,
        Field::kCity, Field::kRegion, Field::kPostcode, Field::kCountry, Field::kCompany}},
      {"export_mailchimp.csv", "mailchimp", {Field::kFirstName, Field::kLastName, Field::kPhone}},
      {"export_generic.csv", "generic",
       {Field::kFirstName, Field::kLastName, Field::kEmail, Field::kPhone, Field::kStreet,
        Field::kCity, Field::kRegion, Field::kPostcode, Field::kCountry, Field::kDob,
        Field::kCompany, Field::kJobTitle, Field::kAddress}},
  };
  for (const auto& c : cases) {
    const RecordTable back = ReadThrough(out_.path() + "/" + c.file, c.profile);
    ASSERT_EQ(back.row_count(), golden_.row_count()) << c.file;
    for (uint32_t row = 0; row < golden_.row_count(); ++row) {
      for (Field field : c.fields) {
        EXPECT_EQ(back.Get(field, row), golden_.Get(field, row))
            << c.file << " entity " << golden_.source_id(row) << " " << FieldName(field);
      }
    }
  }
  // Shopify wants ISO country codes: "United States" goes out as "US".
  const RecordTable shopify = ReadThrough(out_.path() + "/export_shopify.csv", "shopify");
  for (uint32_t row = 0; row < golden_.row_count(); ++row) {
    const std::string_view country = golden_.Get(Field::kCountry, row);
    const std::string_view code = normalize::CountryCode(country);
    EXPECT_EQ(shopify.Get(Field::kCountry, row), code.empty() ? country : code);
  }
  // Mailchimp's one-cell address holds the golden address parts.
  const RecordTable mailchimp = ReadThrough(out_.path() + "/export_mailchimp.csv", "mailchimp");
  for (uint32_t row = 0; row < golden_.row_count(); ++row) {
    std::string parts;
    for (Field field : {Field::kStreet, Field::kCity, Field::kRegion, Field::kPostcode, Field::kCountry}) {
      if (!golden_.Get(field, row).empty()) parts += (parts.empty() ? "" : "  ") + std::string(golden_.Get(field, row));
    }
    if (parts.empty()) parts = golden_.Get(Field::kAddress, row);
    EXPECT_EQ(mailchimp.Get(Field::kAddress, row), parts) << golden_.source_id(row);
  }
}

TEST_F(WritebackTest, ToolIdsAreTheEntitysOwnRecords) {
  const std::string hubspot = test::ReadFileOrDie(out_.path() + "/export_hubspot.csv");
  EXPECT_EQ(hubspot.substr(0, hubspot.find('\n')),
            "\"Record ID\",\"First Name\",\"Last Name\",\"Email\",\"Phone Number\",\"Street Address\","
            "\"City\",\"State/Region\",\"Postal Code\",\"Country/Region\",\"Date of birth\","
            "\"Company Name\",\"Job Title\"");
  // Emily Wright has two HubSpot records (51234004, 51234005): the most recently updated wins.
  EXPECT_NE(hubspot.find("\"51234005\",\"Emily\""), std::string::npos) << hubspot;
  EXPECT_EQ(hubspot.find("\"51234004\""), std::string::npos);
  // Entities without a HubSpot record have an empty Record ID: the import creates them.
  EXPECT_NE(hubspot.find("\"\",\"Aiko\",\"Tanaka\""), std::string::npos);
  const std::string salesforce = test::ReadFileOrDie(out_.path() + "/export_salesforce.csv");
  EXPECT_NE(salesforce.find("\"0035g00000AbCdEAA1\",\"Karen\""), std::string::npos);
  // Mailchimp keys on the member's address.
  const std::string mailchimp = test::ReadFileOrDie(out_.path() + "/export_mailchimp.csv");
  EXPECT_EQ(mailchimp.substr(0, mailchimp.find('\n')),
            "Email Address,First Name,Last Name,Address,Phone Number,Company");
}

TEST(FormatIsoDateTest, ToolDateFormats) {
  EXPECT_EQ(writeback::FormatIsoDate("1985-03-02", "%m/%d/%Y"), "03/02/1985");
  EXPECT_EQ(writeback::FormatIsoDate("1985-03-02", "%e.%m.%y"), "2.03.85");
  EXPECT_EQ(writeback::FormatIsoDate("1985-03-02", "%Y-%m-%d 100%%"), "1985-03-02 100%");
  EXPECT_EQ(writeback::FormatIsoDate("03/02/1985", "%Y"), "03/02/1985");  // not ISO: as is
  EXPECT_EQ(writeback::FormatIsoDate("", "%Y"), "");
}

TEST(WritebackNamesTest, UnknownNamesFailBeforeTheRun) {
  JobSpec job;
  job.output.profiles = {"hubspot"};
  EXPECT_EQ(writeback::ExportNames(job, {"mailchimp", "hubspot"}),
            (std::vector<std::string>{"hubspot", "mailchimp"}));
  EXPECT_TRUE(writeback::ValidateRunExports(job, {"jsonl", "generic"}).ok());
  const Status bad = writeback::ValidateRunExports(job, {"hubsopt"});
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(std::string(bad.message()).find("hubsopt"), std::string::npos);
  EXPECT_FALSE(writeback::ValidateRunExports(job, {"segment"}).ok());  // no import format
}

}  // namespace
}  // namespace idforge
