// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Profile files: every built-in profile parses, and a bad profile is an error naming its JSON path.
#include <gtest/gtest.h>

#include "engine/profiles/header_key.h"
#include "engine/profiles/profile.h"

namespace idforge::profiles {
namespace {

TEST(ProfileTest, BuiltinProfilesParseAndCoverTheTools) {
  auto profiles = BuiltinProfiles();
  ASSERT_TRUE(profiles.ok()) << profiles.status().ToString();
  for (std::string_view name : {"generic", "hubspot", "klaviyo", "mailchimp", "salesforce",
                                "segment", "shopify", "stripe"}) {
    const Profile* profile = FindProfile(*profiles, name);
    ASSERT_NE(profile, nullptr) << name;
    EXPECT_FALSE(profile->formats.empty()) << name;
    EXPECT_EQ(profile->is_generic(), name == "generic") << name;
  }
  for (std::string_view name : {"hubspot", "mailchimp", "salesforce", "shopify", "klaviyo"}) {
    EXPECT_TRUE(FindProfile(*profiles, name)->export_spec.has_value()) << name;
  }
  EXPECT_EQ(EmbeddedProfileFiles().size(), profiles->size());
}

TEST(ProfileTest, ParsesEveryPart) {
  auto profile = ParseProfile(R"({
    "name": "crm_x", "tool": "X", "formats": ["csv", "jsonl"],
    "fingerprint": [["X ID", "x_id"]], "id": ["X ID"], "updated_at": ["Modified"],
    "fields": {"email": ["E-mail"], "dob": {"aliases": ["Born"], "format": "%d/%m/%Y"},
               "street": {"join": [["Line 1"], ["Line 2"]]}},
    "carry": {"score": ["Score"]}, "links": {"x": ["id", "Merged Into"]}, "known": ["Owner"],
    "quirks": {"strip_leading_apostrophe": ["id", "phone"], "address_double_space": ["address"]},
    "export": {"file": "export_x.csv", "quote_all": true,
               "columns": [{"header": "X ID", "value": "tool_id"},
                           {"header": "Born", "field": "dob", "format": "%m/%d/%Y"}]}})",
                              "x.json");
  ASSERT_TRUE(profile.ok()) << profile.status().ToString();
  EXPECT_EQ(profile->name, "crm_x");
  ASSERT_TRUE(profile->fields[static_cast<size_t>(Field::kDob)].has_value());
  EXPECT_EQ(profile->fields[static_cast<size_t>(Field::kDob)]->format, "%d/%m/%Y");
  EXPECT_EQ(profile->fields[static_cast<size_t>(Field::kStreet)]->parts.size(), 2u);
  ASSERT_EQ(profile->links.size(), 1u);
  EXPECT_EQ(profile->links[0].second, (Aliases{"id", "Merged Into"}));
  ASSERT_TRUE(profile->export_spec);
  EXPECT_TRUE(profile->export_spec->quote_all);
  EXPECT_EQ(profile->export_spec->columns[1].field, Field::kDob);
}

TEST(ProfileTest, ErrorsNameTheJsonPath) {
  struct Case {
    const char* json;
    const char* path;
  };
  const Case cases[] = {
      {R"([])", "$"},
      {R"({"formats": ["csv"], "fields": {}})", "name"},
      {R"({"name": "X", "formats": ["csv"], "fields": {}})", "name"},
      {R"({"name": "x", "formats": ["xlsx"], "fields": {}})", "formats[0]"},
      {R"({"name": "x", "formats": ["csv"], "fields": {"emial": ["E"]}})", "fields.emial"},
      {R"({"name": "x", "formats": ["csv"], "fields": {"email": []}})", "fields.email"},
      {R"({"name": "x", "formats": ["csv"], "fields": {"email": {"aliases": ["E"], "fmt": "x"}}})",
       "fields.email.fmt"},
      {R"({"name": "x", "formats": ["csv"], "fields": {}, "fingerprint": [[]]})", "fingerprint[0]"},
      {R"({"name": "x", "formats": ["csv"], "fields": {}, "quirks": {"strip_leading_apostrophe": ["zip"]}})",
       "quirks.strip_leading_apostrophe[0]"},
      {R"({"name": "x", "formats": ["csv"], "fields": {}, "carry": {"email": ["E"]}})", "carry.email"},
      {R"({"name": "x", "formats": ["csv"], "fields": {}, "export": {"file": "a/b.csv", "columns": []}})",
       "export.file"},
      {R"({"name": "x", "formats": ["csv"], "fields": {}, "export": {"file": "x.csv", "columns": [{"header": "A", "value": "uuid"}]}})",
       "export.columns[0].value"},
      {R"({"name": "x", "formats": ["csv"], "fields": {}, "colour": 1})", "colour"},
  };
  for (const Case& c : cases) {
    auto profile = ParseProfile(c.json, "p.json");
    ASSERT_FALSE(profile.ok()) << c.json;
    EXPECT_EQ(profile.status().code(), StatusCode::kInvalidArgument);
    const std::string expected = std::string("p.json: ") + c.path + ":";
    EXPECT_NE(std::string(profile.status().message()).find(expected), std::string::npos)
        << profile.status().message() << "\nexpected path: " << c.path;
  }
  EXPECT_FALSE(ParseProfile("{", "p.json").ok());
}

TEST(HeaderMatchKeyTest, FoldsCaseAccentsAndPunctuation) {
  const std::pair<const char*, const char*> cases[] = {
      {"State / Region", "stateregion"}, {"Country/Region", "countryregion"},
      {"MAILINGPOSTALCODE", "mailingpostalcode"}, {"Prénom", "prenom"},
      {"PRÉNOM", "prenom"}, {"código postal", "codigopostal"}, {"Straße", "strasse"},
      {"e-mail", "email"}, {"E_Mail", "email"}, {"  Zip Code ", "zipcode"},
      {"Företagsnamn", "foretagsnamn"}, {"$timezone", "timezone"}, {"Œuvre", "oeuvre"},
  };
  for (const auto& [header, key] : cases) EXPECT_EQ(HeaderMatchKey(header), key) << header;
  EXPECT_EQ(HeaderMatchKey("\xff\xfe"), "");  // invalid bytes dropped, never a crash
  EXPECT_EQ(HeaderMatchKey("Имя"), "Имя");    // other scripts kept whole
}

}  // namespace
}  // namespace idforge::profiles
