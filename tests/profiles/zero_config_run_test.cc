// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// End to end: HubSpot, Mailchimp and Shopify exports run with no job file give the same entities
// as the equivalent hand-written job file; `init`'s job file gives the same run again; a job
// source may name a profile instead of fields; known links reach the clusters and the report.
#include <gtest/gtest.h>

#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "engine/job/job_file.h"
#include "engine/profiles/resolve.h"
#include "idforge/idforge.h"
#include "tests/testing/test_util.h"

namespace idforge {
namespace {

std::string Data(std::string_view file) {
  return test::SourceDir() + "/tests/profiles/data/" + std::string(file);
}

std::vector<profiles::Profile> Builtin() {
  auto loaded = profiles::BuiltinProfiles();
  EXPECT_TRUE(loaded.ok()) << loaded.status().ToString();
  return loaded.ok() ? *loaded : std::vector<profiles::Profile>{};
}

// crosswalk.csv as "source:id" -> golden_id.
std::map<std::string, std::string> Crosswalk(const std::string& dir) {
  std::istringstream in(test::ReadFileOrDie(dir + "/crosswalk.csv"));
  std::map<std::string, std::string> out;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::vector<std::string> cells;
    std::stringstream row(line);
    std::string cell;
    while (std::getline(row, cell, ',')) cells.push_back(cell);
    if (cells.size() >= 3) out[cells[0] + ":" + cells[1]] = cells[2];
  }
  return out;
}

// The entities as sets of records, independent of golden ids: record -> smallest member.
std::map<std::string, std::string> Partition(const std::map<std::string, std::string>& crosswalk) {
  std::map<std::string, std::string> first_member;
  for (const auto& [record, golden] : crosswalk) first_member.emplace(golden, record);
  std::map<std::string, std::string> out;
  for (const auto& [record, golden] : crosswalk) out[record] = first_member[golden];
  return out;
}

Result<RunSummary> RunTo(const JobSpec& job, const std::string& out_dir) {
  RunOptions options;
  options.out_dir = out_dir;
  options.threads = 2;
  options.today = "2026-11-29";
  return RunJob(job, options);
}

// The job a user would write for the three fixture exports, column by column.
constexpr std::string_view kHandWrittenJob = R"({
  "sources": [
    {"name": "hubspot", "path": "hubspot.csv", "id": "Record ID", "updated_at": "Last Modified Date",
     "fields": {"first_name": "First Name", "last_name": "Last Name", "email": "Email",
                "phone": "Phone Number", "street": "Street Address", "city": "City",
                "region": "State/Region", "postcode": "Postal Code", "country": "Country/Region",
                "dob": {"column": "Date of birth", "format": "%Y-%m-%d"},
                "company": "Associated Company"}},
    {"name": "mailchimp", "path": "mailchimp.csv", "id": "LEID", "updated_at": "LAST_CHANGED",
     "fields": {"email": "Email Address", "first_name": "First Name", "last_name": "Last Name",
                "address": "Address", "phone": "Phone Number"}},
    {"name": "shopify", "path": "shopify.csv", "id": "Customer ID",
     "fields": {"first_name": "First Name", "last_name": "Last Name", "email": "Email",
                "street": ["Default Address Address1", "Default Address Address2"],
                "city": "Default Address City", "region": "Default Address Province Code",
                "postcode": "Default Address Zip", "country": "Default Address Country Code",
                "phone": "Phone", "company": "Default Address Company"}}
  ]
})";

TEST(ZeroConfigRunTest, SameEntitiesAsTheHandWrittenJob) {
  const std::vector<profiles::Profile> profiles = Builtin();
  auto zero = profiles::BuildZeroConfigJob(
      {Data("hubspot.csv"), Data("mailchimp.csv"), Data("shopify.csv")}, "unused", profiles);
  ASSERT_TRUE(zero.ok()) << zero.status().ToString();
  ASSERT_EQ(zero->files.size(), 3u);
  EXPECT_EQ(zero->job.sources[0].name, "hubspot");
  EXPECT_EQ(zero->files[0].detection.profile->name, "hubspot");
  EXPECT_EQ(zero->files[1].detection.profile->name, "mailchimp");
  EXPECT_EQ(zero->files[2].detection.profile->name, "shopify");

  auto hand = job::ParseJobJson(kHandWrittenJob, "hand.json", test::SourceDir() + "/tests/profiles/data");
  ASSERT_TRUE(hand.ok()) << hand.status().ToString();

  test::TempDir zero_out;
  test::TempDir hand_out;
  auto zero_run = RunTo(zero->job, zero_out.path());
  ASSERT_TRUE(zero_run.ok()) << zero_run.status().ToString();
  auto hand_run = RunTo(*hand, hand_out.path());
  ASSERT_TRUE(hand_run.ok()) << hand_run.status().ToString();
  EXPECT_EQ(zero_run->records_accepted, 22u);
  EXPECT_EQ(zero_run->records_rejected, 0u);

  // Shopify ids lose the spreadsheet apostrophe in the zero-config run; compare on real ids.
  std::map<std::string, std::string> hand_crosswalk;
  for (const auto& [record, golden] : Crosswalk(hand_out.path())) {
    std::string key = record;
    const size_t colon = key.find(':');
    if (key.compare(colon + 1, 1, "'") == 0) key.erase(colon + 1, 1);
    hand_crosswalk[key] = golden;
  }
  const auto zero_partition = Partition(Crosswalk(zero_out.path()));
  EXPECT_EQ(zero_partition, Partition(hand_crosswalk));
  EXPECT_EQ(zero_run->entities, hand_run->entities);
  // The same people are found across the tools: Maria is in all three.
  EXPECT_EQ(zero_partition.at("mailchimp:103797793"), zero_partition.at("hubspot:51234001"));
  EXPECT_EQ(zero_partition.at("shopify:8779761975521"), zero_partition.at("hubspot:51234001"));
}

TEST(ZeroConfigRunTest, InitJobFileRunsTheSame) {
  const std::vector<profiles::Profile> profiles = Builtin();
  const std::vector<std::string> files = {Data("hubspot.csv"), Data("mailchimp.csv"),
                                          Data("shopify.csv")};
  auto zero = profiles::BuildZeroConfigJob(files, "out", profiles);
  ASSERT_TRUE(zero.ok()) << zero.status().ToString();
  const std::string json = profiles::JobToJson(zero->job);
  auto parsed = job::ParseJobJson(json, "init.json", "/");
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString() << "\n" << json;
  ASSERT_EQ(parsed->sources.size(), 3u);
  for (size_t i = 0; i < 3; ++i) {
    const SourceSpec& a = zero->job.sources[i];
    const SourceSpec& b = parsed->sources[i];
    EXPECT_EQ(a.name, b.name);
    EXPECT_EQ(a.path, b.path);
    EXPECT_EQ(a.profile, b.profile);
    EXPECT_EQ(a.id_column, b.id_column);
    EXPECT_EQ(a.delimiter, b.delimiter);
    for (Field field : AllFields()) {
      EXPECT_EQ(a.field(field).has_value(), b.field(field).has_value()) << FieldName(field);
      if (a.field(field) && b.field(field)) {
        EXPECT_EQ(a.field(field)->columns, b.field(field)->columns);
        EXPECT_EQ(a.field(field)->format, b.field(field)->format);
      }
    }
    EXPECT_EQ(a.extras.size(), b.extras.size());
  }
  test::TempDir a_out;
  test::TempDir b_out;
  ASSERT_TRUE(RunTo(zero->job, a_out.path()).ok());
  ASSERT_TRUE(RunTo(*parsed, b_out.path()).ok());
  EXPECT_EQ(test::ReadFileOrDie(a_out.path() + "/golden.csv"),
            test::ReadFileOrDie(b_out.path() + "/golden.csv"));
}

TEST(ZeroConfigRunTest, JobSourceMayNameAProfileInsteadOfFields) {
  const std::string json = R"({"sources": [
      {"path": "hubspot.csv", "profile": "hubspot"},
      {"path": "shopify.csv", "profile": "shopify", "name": "shop"}]})";
  auto job = job::ParseJobJson(json, "job.json", test::SourceDir() + "/tests/profiles/data");
  ASSERT_TRUE(job.ok()) << job.status().ToString();
  auto resolved = profiles::ResolveJobProfiles(*job);
  ASSERT_TRUE(resolved.ok()) << resolved.status().ToString();
  EXPECT_EQ(resolved->sources[1].name, "shop");
  EXPECT_EQ(resolved->sources[1].id_column, "Customer ID");
  ASSERT_TRUE(resolved->sources[0].field(Field::kEmail).has_value());
  test::TempDir out;
  auto run = RunTo(*job, out.path());
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  EXPECT_EQ(run->records_accepted, 15u);
  EXPECT_NE(Crosswalk(out.path()).count("shop:8779761975521"), 0u);  // apostrophe stripped

  auto unknown = job::ParseJobJson(R"({"sources": [{"path": "hubspot.csv", "profile": "hubspt"}]})",
                                   "job.json", test::SourceDir() + "/tests/profiles/data");
  ASSERT_TRUE(unknown.ok());
  auto bad = RunTo(*unknown, out.path());
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(std::string(bad.status().message()).find("sources[0].profile"), std::string::npos)
      << bad.status().message();
}

TEST(ZeroConfigRunTest, KnownLinksJoinRecordsAndAreCounted) {
  const std::vector<profiles::Profile> profiles = Builtin();
  auto zero = profiles::BuildZeroConfigJob(
      {Data("salesforce_contacts.csv"), Data("salesforce_leads.csv"), Data("segment.jsonl")}, "out",
      profiles);
  ASSERT_TRUE(zero.ok()) << zero.status().ToString();
  test::TempDir out;
  auto run = RunTo(zero->job, out.path());
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  const auto partition = Partition(Crosswalk(out.path()));
  // A merged contact and a converted lead with other names and emails: linked by Salesforce.
  EXPECT_EQ(partition.at("salesforce_contacts:0035g00000AbCdFAA1"),
            partition.at("salesforce_contacts:0035g00000AbCdEAA1"));
  EXPECT_EQ(partition.at("salesforce_leads:00Q5g00000LmNoPAA1"),
            partition.at("salesforce_contacts:0035g00000AbCdEAA1"));
  EXPECT_NE(partition.at("salesforce_leads:00Q5g00000LmNoQAA1"),
            partition.at("salesforce_contacts:0035g00000AbCdEAA1"));
  // Segment: an anonymous visitor, the identified user and an aliased second device.
  EXPECT_EQ(partition.at("segment:m-001"), partition.at("segment:m-004"));
  EXPECT_NE(partition.at("segment:m-001"), partition.at("segment:m-005"));
  const std::string report = test::ReadFileOrDie(out.path() + "/report.json");
  EXPECT_NE(report.find("\"known_links\": 5"), std::string::npos);
}

}  // namespace
}  // namespace idforge
