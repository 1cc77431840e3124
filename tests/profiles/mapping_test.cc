// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Mapping (which column feeds which field), value quirks and known identity links, table-driven
// over the tools' headers and the fixture exports in tests/profiles/data.
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "engine/common/exec_context.h"
#include "engine/profiles/detect.h"
#include "engine/profiles/links.h"
#include "engine/profiles/resolve.h"
#include "engine/read/read_inputs.h"
#include "tests/testing/test_util.h"

namespace idforge::profiles {
namespace {

std::vector<Profile> Builtin() {
  auto loaded = BuiltinProfiles();
  EXPECT_TRUE(loaded.ok()) << loaded.status().ToString();
  return loaded.ok() ? *loaded : std::vector<Profile>{};
}

std::string Columns(const std::optional<FieldMapping>& mapping) {
  if (!mapping) return "";
  std::string out;
  for (const std::string& column : mapping->columns) out += (out.empty() ? "" : "+") + column;
  return out;
}

struct MappingCase {
  const char* profile;
  std::vector<std::string> header;
  std::map<std::string, std::string> expected;  // field/"id"/"updated_at"/extra -> columns
};

TEST(MappingTest, ProfilesMapTheColumnsTheFileHas) {
  const std::vector<Profile> profiles = Builtin();
  const MappingCase cases[] = {
      {"hubspot",
       {"Record ID", "First Name", "Last Name", "Email", "Phone Number", "Mobile Phone Number",
        "Postal Code", "Date of birth", "Last Modified Date", "Contact owner"},
       {{"id", "Record ID"}, {"updated_at", "Last Modified Date"}, {"first_name", "First Name"},
        {"phone", "Phone Number"}, {"postcode", "Postal Code"}, {"dob", "Date of birth"},
        {"link:hubspot", "Record ID"}}},
      {"hubspot",  // French labels
       {"ID de fiche d'informations", "Prénom", "Nom", "E-mail", "Code postal", "Ville"},
       {{"id", "ID de fiche d'informations"}, {"first_name", "Prénom"}, {"last_name", "Nom"},
        {"email", "E-mail"}, {"postcode", "Code postal"}, {"city", "Ville"}}},
      {"salesforce",  // ALL CAPS
       {"ID", "MASTERRECORDID", "FIRSTNAME", "LASTNAME", "MAILINGPOSTALCODE", "BIRTHDATE",
        "LASTMODIFIEDDATE"},
       {{"id", "ID"}, {"updated_at", "LASTMODIFIEDDATE"}, {"postcode", "MAILINGPOSTALCODE"},
        {"dob", "BIRTHDATE"}, {"link:salesforce", "ID+MASTERRECORDID"}}},
      {"salesforce",  // Lead
       {"Id", "FirstName", "LastName", "Company", "Street", "PostalCode", "ConvertedContactId"},
       {{"street", "Street"}, {"postcode", "PostalCode"}, {"company", "Company"},
        {"link:salesforce", "Id+ConvertedContactId"}}},
      {"mailchimp",
       {"Email Address", "First Name", "Address", "Birthday", "LEID", "EUID", "LAST_CHANGED"},
       {{"id", "LEID"}, {"email", "Email Address"}, {"address", "Address"},
        {"updated_at", "LAST_CHANGED"}, {"birthday", "Birthday"}, {"link:mailchimp", "EUID"}}},
      {"shopify",
       {"Customer ID", "Email", "Default Address Address1", "Default Address Address2",
        "Default Address Zip", "Phone", "Default Address Phone"},
       {{"id", "Customer ID"}, {"street", "Default Address Address1+Default Address Address2"},
        {"postcode", "Default Address Zip"}, {"phone", "Phone"}, {"link:shopify", "Customer ID"}}},
      {"shopify",  // legacy
       {"First Name", "Email", "Address1", "Address2", "Zip", "Province Code", "Country Code"},
       {{"street", "Address1+Address2"}, {"postcode", "Zip"}, {"region", "Province Code"},
        {"country", "Country Code"}}},
      {"segment",
       {"type", "messageId", "userId", "anonymousId", "previousId", "traits.email", "traits.name",
        "traits.address.postalCode", "timestamp"},
       {{"id", "messageId"}, {"email", "traits.email"}, {"full_name", "traits.name"},
        {"postcode", "traits.address.postalCode"}, {"updated_at", "timestamp"},
        {"link:segment", "userId+anonymousId+previousId"}}},
      {"klaviyo",
       {"Email", "Klaviyo ID", "Address", "Address 2", "State / Region", "Zip Code"},
       {{"id", "Klaviyo ID"}, {"street", "Address+Address 2"}, {"region", "State / Region"},
        {"postcode", "Zip Code"}}},
      {"stripe",
       {"id", "Name", "Email", "Created (UTC)", "Address Line1", "Address Zip"},
       {{"id", "id"}, {"full_name", "Name"}, {"street", "Address Line1"}, {"postcode", "Address Zip"},
        {"link:stripe", "id"}}},
  };
  for (const MappingCase& c : cases) {
    const Profile* profile = FindProfile(profiles, c.profile);
    ASSERT_NE(profile, nullptr);
    FileSniff sniff;
    sniff.columns = c.header;
    sniff.format = profile->formats.front();
    const SourceSpec spec = BuildSource(*profile, sniff, "s");
    EXPECT_EQ(spec.profile, c.profile);
    for (const auto& [target, columns] : c.expected) {
      std::string got;
      if (target == "id") {
        got = spec.id_column;
      } else if (target == "updated_at") {
        got = spec.updated_at_column;
      } else if (std::optional<Field> field = FieldFromName(target)) {
        got = Columns(spec.field(*field));
      } else {
        for (const auto& [name, mapping] : spec.extras) {
          if (name == target) got = Columns(mapping);
        }
      }
      EXPECT_EQ(got, columns) << c.profile << " " << target;
    }
    // Only columns of the file are ever mapped.
    for (const auto& mapping : spec.fields) {
      if (!mapping) continue;
      for (const std::string& column : mapping->columns) {
        EXPECT_NE(std::find(c.header.begin(), c.header.end(), column), c.header.end()) << column;
      }
    }
  }
  // Date formats travel with the mapping.
  FileSniff sniff;
  sniff.columns = {"Birthdate"};
  EXPECT_EQ(BuildSource(*FindProfile(profiles, "salesforce"), sniff, "s").field(Field::kDob)->format,
            "%Y-%m-%d");
}

// Reads the fixture files through their detected profiles, quirks undone.
RecordTable ReadFixtures(const std::vector<std::string>& files, JobSpec* job_out = nullptr) {
  const std::vector<Profile> profiles = Builtin();
  std::vector<std::string> paths;
  for (const std::string& file : files) paths.push_back(test::SourceDir() + "/tests/profiles/data/" + file);
  auto zero = BuildZeroConfigJob(paths, "out", profiles);
  EXPECT_TRUE(zero.ok()) << zero.status().ToString();
  if (!zero.ok()) return RecordTable();
  ExecContext ctx(1);
  auto table = read::ReadInputs(zero->job.sources, ReadOptions{}, ctx);
  EXPECT_TRUE(table.ok()) << table.status().ToString();
  if (!table.ok()) return RecordTable();
  ApplyValueQuirks(zero->job, profiles, *table);
  if (job_out != nullptr) *job_out = zero->job;
  return std::move(*table);
}

TEST(QuirksTest, ShopifyApostrophesAndMailchimpAddressesAreUndone) {
  const RecordTable table = ReadFixtures({"shopify.csv", "mailchimp.csv"});
  ASSERT_GT(table.row_count(), 0u);
  const struct {
    uint32_t row;
    std::string_view id, phone, postcode, address;
  } expected[] = {
      {0, "8779761975521", "+13238255790", "90049", ""},
      {6, "8779761975527", "+16175550199", "02108", ""},
      // Mailchimp's one-cell address stays as it is: the address parser knows its double spaces.
      {7, "103797793", "+13238255790", "", "663 Lake Ln  Los Angeles  CA  90049  US"},
      {9, "103798001", "06 39 98 48 67", "", "17 place de la République  Paris  75003  FR"},
  };
  for (const auto& e : expected) {
    EXPECT_EQ(table.source_id(e.row), e.id) << e.row;
    EXPECT_EQ(table.Get(Field::kPhone, e.row), e.phone) << e.row;
    EXPECT_EQ(table.Get(Field::kPostcode, e.row), e.postcode) << e.row;
    EXPECT_EQ(table.Get(Field::kAddress, e.row), e.address) << e.row;
  }
  // An apostrophe inside a value is data, not a quirk.
  EXPECT_EQ(table.Get(Field::kLastName, 6), "O'Connor");
}

TEST(QuirksTest, DoubleSpaceSeparatedPartsBecomeCommas) {
  Profile profile;
  profile.name = "tool";
  profile.quirks.address_double_space = {"address"};
  JobSpec job;
  job.sources.push_back(SourceSpec{});
  job.sources[0].profile = "tool";
  job.sources.push_back(SourceSpec{});  // no profile: untouched
  RecordTable table;
  table.AddSource({.name = "a"});
  table.AddSource({.name = "b"});
  const char* values[] = {"1 Main St  Springfield   IL  ", "1 Main St  Springfield"};
  for (uint16_t row = 0; row < 2; ++row) {
    for (Field field : AllFields()) {
      table.mutable_field(field).Append(field == Field::kAddress ? values[row] : "");
    }
    table.mutable_source_id_column().Append(std::to_string(row));
    table.mutable_updated_at_column().FinishValue();
    table.AppendRowMeta(row, row + 1);
  }
  ApplyValueQuirks(job, {profile}, table);
  EXPECT_EQ(table.Get(Field::kAddress, 0), "1 Main St, Springfield, IL");
  EXPECT_EQ(table.Get(Field::kAddress, 1), "1 Main St  Springfield");
}

TEST(KnownLinksTest, SalesforceMergesAndConversionsLink) {
  const RecordTable table = ReadFixtures({"salesforce_contacts.csv", "salesforce_leads.csv"});
  ASSERT_EQ(table.row_count(), 5u);
  const KnownLinks links = FindKnownLinks(table);
  // Contact 0 <- merged contact 1 (MasterRecordId); contact 0 <- converted lead 3.
  ASSERT_EQ(links.edges.size(), 2u);
  EXPECT_EQ(links.edges[0].a, 0u);
  EXPECT_EQ(links.edges[0].b, 1u);
  EXPECT_EQ(links.edges[1].a, 0u);
  EXPECT_EQ(links.edges[1].b, 3u);
  EXPECT_EQ(links.edges[0].weight, kKnownLinkWeight);
  EXPECT_TRUE(links.SameIdentity(1, 3));
  EXPECT_FALSE(links.SameIdentity(2, 4));
}

TEST(KnownLinksTest, SegmentAliasesAndUserIdsLink) {
  const RecordTable table = ReadFixtures({"segment.jsonl"});
  ASSERT_EQ(table.row_count(), 5u);
  const KnownLinks links = FindKnownLinks(table);
  // m-001 ~ m-002 (anonymousId), m-002 ~ m-003 (userId), m-003 ~ m-004 (previousId = anonymousId).
  EXPECT_TRUE(links.SameIdentity(0, 3));
  EXPECT_FALSE(links.SameIdentity(0, 4));
  for (const Edge& edge : links.edges) EXPECT_LT(edge.a, edge.b);
}

TEST(KnownLinksTest, NamespacesNeverMix) {
  RecordTable table(std::vector<std::string>{"link:a", "link:b", "note"});
  table.AddSource({.name = "s"});
  const char* cells[][3] = {{"x y", "", "z"}, {"", "x", "z"}, {"y", "", ""}};
  for (uint32_t row = 0; row < 3; ++row) {
    for (Field field : AllFields()) table.mutable_field(field).FinishValue();
    for (size_t e = 0; e < 3; ++e) table.mutable_extra(e).Append(cells[row][e]);
    table.mutable_source_id_column().Append(std::to_string(row));
    table.mutable_updated_at_column().FinishValue();
    table.AppendRowMeta(0, row + 1);
  }
  ASSERT_TRUE(table.Validate().ok());
  const KnownLinks links = FindKnownLinks(table);
  ASSERT_EQ(links.edges.size(), 1u);  // rows 0 and 2 share "y" in link:a; "x" is in two namespaces
  EXPECT_EQ(links.edges[0].a, 0u);
  EXPECT_EQ(links.edges[0].b, 2u);
}

}  // namespace
}  // namespace idforge::profiles
