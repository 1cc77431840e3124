// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Survivorship on hand-built tables: each rule, the tie-breakers, the address group, the golden
// forms of email/phone/dob, name casing, override parsing, and independence from row order.
#include "engine/survive/survive.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "tests/survive/survive_test_util.h"
#include "tests/testing/test_util.h"

namespace idforge::survive {
namespace {

using namespace ::idforge::survive::testutil;  // NOLINT(build/namespaces)

TEST(SurviveTest, EmptyInputGivesNoGoldenRecords) {
  const Tables t = Build({});
  const GoldenTable golden = Survive(t);
  EXPECT_EQ(golden.entity_count(), 0u);
  EXPECT_EQ(golden.columns.size(), kFieldCount);
  EXPECT_EQ(golden.provenance_count, 0u);
}

TEST(SurviveTest, SingleRecordCopiesItsValues) {
  const Tables t = Build({{.entity = "a",
                           .source = 1,
                           .source_id = "7",
                           .raw = {{Field::kLastName, "Dupont"}, {Field::kGender, "F"}},
                           .norm = {{Field::kLastName, "dupont"}, {Field::kGender, "f"}}}});
  const GoldenTable golden = Survive(t);
  ASSERT_EQ(golden.entity_count(), 1u);
  EXPECT_EQ(golden.golden_id.Get(0), "g-a");
  EXPECT_EQ(golden.member_count[0], 1u);
  EXPECT_EQ(golden.sources.Get(0), "shop");
  EXPECT_EQ(golden.Get(0, Field::kLastName), "Dupont");
  EXPECT_EQ(golden.Get(0, Field::kGender), "F");
  EXPECT_EQ(golden.Get(0, Field::kEmail), "");
  EXPECT_EQ(Why(t, golden, 0, Field::kLastName), "shop:7:only_value");
  EXPECT_EQ(golden.provenance_of(0).size(), 2u);  // empty values have no provenance
}

TEST(SurviveTest, NamePrefersMostFrequentValueInItsBestCasedSpelling) {
  const Tables t = Build({
      {.entity = "a",
       .source = 0,
       .source_id = "1",
       .raw = {{Field::kFirstName, "JEROME"}},
       .norm = {{Field::kFirstName, "jerome"}}},
      {.entity = "a",
       .source = 1,
       .source_id = "2",
       .raw = {{Field::kFirstName, "Jerry"}},
       .norm = {{Field::kFirstName, "jerry"}}},
      {.entity = "a",
       .source = 2,
       .source_id = "3",
       .raw = {{Field::kFirstName, "Jérôme"}},
       .norm = {{Field::kFirstName, "jerome"}}},
      {.entity = "a",
       .source = 1,
       .source_id = "4",
       .raw = {{Field::kFirstName, "jerome"}},
       .norm = {{Field::kFirstName, "jerome"}}},
  });
  const GoldenTable golden = Survive(t);
  EXPECT_EQ(golden.Get(0, Field::kFirstName), "Jérôme");
  EXPECT_EQ(Why(t, golden, 0, Field::kFirstName), "web:3:most_frequent");
  EXPECT_EQ(golden.member_count[0], 4u);
  EXPECT_EQ(golden.sources.Get(0), "crm;shop;web");
}

TEST(SurviveTest, NameTieOnFrequencyGoesToMostComplete) {
  const Tables t = Build({
      {.entity = "a",
       .source = 0,
       .source_id = "1",
       .raw = {{Field::kLastName, "Fontaine"}},
       .norm = {{Field::kLastName, "fontaine"}}},
      {.entity = "a",
       .source = 1,
       .source_id = "2",
       .raw = {{Field::kLastName, "de la Fontaine"}},
       .norm = {{Field::kLastName, "de la fontaine"}}},
  });
  const GoldenTable golden = Survive(t);
  EXPECT_EQ(golden.Get(0, Field::kLastName), "de la Fontaine");
  EXPECT_EQ(Why(t, golden, 0, Field::kLastName), "shop:2:most_complete");
}

TEST(SurviveTest, PlaceholderNameNeverBeatsARealOne) {
  // "N/A" is more frequent, but normalize blanked it: only a real name may win.
  const Tables t = Build({
      {.entity = "a", .source = 0, .source_id = "1", .raw = {{Field::kFirstName, "N/A"}}},
      {.entity = "a", .source = 0, .source_id = "2", .raw = {{Field::kFirstName, "N/A"}}},
      {.entity = "a",
       .source = 1,
       .source_id = "3",
       .raw = {{Field::kFirstName, "Ana"}},
       .norm = {{Field::kFirstName, "ana"}}},
  });
  const GoldenTable golden = Survive(t);
  EXPECT_EQ(golden.Get(0, Field::kFirstName), "Ana");
  EXPECT_EQ(Why(t, golden, 0, Field::kFirstName), "shop:3:valid_only");
}

TEST(SurviveTest, ValidEmailBeatsMoreFrequentInvalidOneAndIsLowerCase) {
  const Tables t = Build({
      {.entity = "a",
       .source = 0,
       .source_id = "1",
       .raw = {{Field::kEmail, "bob@@example.com"}},
       .norm = {{Field::kEmail, "bob@@example.com"}}},
      {.entity = "a",
       .source = 0,
       .source_id = "2",
       .raw = {{Field::kEmail, "bob@@example.com"}},
       .norm = {{Field::kEmail, "bob@@example.com"}}},
      {.entity = "a",
       .source = 2,
       .source_id = "3",
       .raw = {{Field::kEmail, "Bob@Example.COM"}},
       .norm = {{Field::kEmail, "bob@example.com"}},
       .flags = flag::kEmailValid},
  });
  const GoldenTable golden = Survive(t);
  EXPECT_EQ(golden.Get(0, Field::kEmail), "bob@example.com");
  EXPECT_EQ(Why(t, golden, 0, Field::kEmail), "web:3:valid_only");
}

TEST(SurviveTest, PhoneIsTheParsedE164Form) {
  const Tables t = Build({
      {.entity = "a",
       .source = 0,
       .source_id = "1",
       .raw = {{Field::kPhone, "612 34"}},
       .norm = {{Field::kPhone, "61234"}}},
      {.entity = "a",
       .source = 1,
       .source_id = "2",
       .raw = {{Field::kPhone, "06 12 34 56 78"}},
       .norm = {{Field::kPhone, "+33612345678"}},
       .flags = flag::kPhoneE164 | flag::kPhoneValid},
      {.entity = "b",
       .source = 1,
       .source_id = "3",
       .raw = {{Field::kPhone, "555-0100"}},
       .norm = {{Field::kPhone, "5550100"}}},
  });
  const GoldenTable golden = Survive(t);
  EXPECT_EQ(golden.Get(EntityOf(golden, "g-a"), Field::kPhone), "+33612345678");
  EXPECT_EQ(Why(t, golden, EntityOf(golden, "g-a"), Field::kPhone), "shop:2:valid_only");
  // Not E.164: the raw form, as written.
  EXPECT_EQ(golden.Get(EntityOf(golden, "g-b"), Field::kPhone), "555-0100");
}

TEST(SurviveTest, DobIsTheNormalizedIsoDateAndInvalidOnesLose) {
  const Tables t = Build({
      {.entity = "a", .source = 0, .source_id = "1", .raw = {{Field::kDob, "31/02/1990"}}},
      {.entity = "a",
       .source = 1,
       .source_id = "2",
       .raw = {{Field::kDob, "31/01/1990"}},
       .norm = {{Field::kDob, "1990-01-31"}},
       .flags = flag::kDobValid},
  });
  const GoldenTable golden = Survive(t);
  EXPECT_EQ(golden.Get(0, Field::kDob), "1990-01-31");
  EXPECT_EQ(Why(t, golden, 0, Field::kDob), "shop:2:valid_only");
}

TEST(SurviveTest, MostRecentParsesEveryDateFormAndUnparsableIsOldest) {
  auto email_row = [](std::string id, std::string updated, std::string email) {
    return TestRow{.entity = "a",
                   .source = 1,
                   .source_id = std::move(id),
                   .updated_at = std::move(updated),
                   .raw = {{Field::kEmail, email}},
                   .norm = {{Field::kEmail, email}},
                   .flags = flag::kEmailValid};
  };
  const Tables t = Build({
      email_row("1", "not a date", "a@x.com"),
      email_row("2", "2024-03-05 09:59:59", "b@x.com"),
      email_row("3", "2024-03-05T10:00:00.123Z", "c@x.com"),
      email_row("4", "20240304", "d@x.com"),
      email_row("5", "2024-03-04", "e@x.com"),
  });
  const GoldenTable golden = Survive(t);
  EXPECT_EQ(golden.Get(0, Field::kEmail), "c@x.com");
  EXPECT_EQ(Why(t, golden, 0, Field::kEmail), "shop:3:most_recent");

  // Without the two newest rows: the YYYYMMDD and YYYY-MM-DD rows tie on recency, and the rest of
  // the email rules cannot separate them either, so the smallest source_id decides.
  const Tables older =
      Build({email_row("1", "garbage", "a@x.com"), email_row("5", "2024-03-04", "e@x.com"),
             email_row("4", "20240304", "d@x.com")});
  const GoldenTable older_golden = Survive(older);
  EXPECT_EQ(older_golden.Get(0, Field::kEmail), "d@x.com");
  EXPECT_EQ(Why(older, older_golden, 0, Field::kEmail), "shop:4:tie_break");
}

TEST(SurviveTest, SourcePriorityBreaksARecencyTie) {
  const Tables t = Build({
      {.entity = "a",
       .source = 2,
       .source_id = "1",
       .updated_at = "2024-01-01",
       .raw = {{Field::kCompany, "Acme Inc"}}},
      {.entity = "a",
       .source = 0,
       .source_id = "2",
       .updated_at = "2024-01-01",
       .raw = {{Field::kCompany, "ACME"}}},
  });
  const GoldenTable golden = Survive(t);
  EXPECT_EQ(golden.Get(0, Field::kCompany), "ACME");
  EXPECT_EQ(Why(t, golden, 0, Field::kCompany), "crm:2:source_priority");
}

TEST(SurviveTest, FinalTieBreakIsSmallestSourceThenSourceId) {
  const SurvivorshipOptions options = Parse(R"({"fields":{"company":["most_complete"]}})");
  const Tables t = Build({
      {.entity = "a", .source = 2, .source_id = "1", .raw = {{Field::kCompany, "Beta"}}},
      {.entity = "a", .source = 1, .source_id = "9", .raw = {{Field::kCompany, "Acme"}}},
      {.entity = "a", .source = 1, .source_id = "10", .raw = {{Field::kCompany, "Zeta"}}},
  });
  const GoldenTable golden = Survive(t, options);
  // "shop" < "web"; then "10" < "9" as strings.
  EXPECT_EQ(golden.Get(0, Field::kCompany), "Zeta");
  EXPECT_EQ(Why(t, golden, 0, Field::kCompany), "shop:10:tie_break");
}

TEST(SurviveTest, AgreeingMembersReportOnlyValue) {
  const Tables t = Build({
      {.entity = "a",
       .source = 2,
       .source_id = "1",
       .raw = {{Field::kEmail, "A@x.com"}},
       .norm = {{Field::kEmail, "a@x.com"}},
       .flags = flag::kEmailValid},
      {.entity = "a",
       .source = 0,
       .source_id = "2",
       .raw = {{Field::kEmail, "a@x.com"}},
       .norm = {{Field::kEmail, "a@x.com"}},
       .flags = flag::kEmailValid},
  });
  const GoldenTable golden = Survive(t);
  EXPECT_EQ(golden.Get(0, Field::kEmail), "a@x.com");
  EXPECT_EQ(Why(t, golden, 0, Field::kEmail), "crm:2:only_value");
}

TEST(SurviveTest, AddressSurvivesTogetherFromOneRecord) {
  const Tables t = Build({
      {.entity = "a",
       .source = 0,
       .source_id = "new",
       .updated_at = "2025-01-01",
       .raw = {{Field::kCity, "Lyon"}, {Field::kCountry, "France"}},
       .norm = {{Field::kCity, "lyon"}, {Field::kCountry, "FR"}}},
      {.entity = "a",
       .source = 1,
       .source_id = "old",
       .updated_at = "2020-01-01",
       .raw = {{Field::kStreet, "1 rue de la Paix"},
               {Field::kCity, "Paris"},
               {Field::kPostcode, "75002"}},
       .norm = {{Field::kStreet, "1 rue de la paix"},
                {Field::kCity, "paris"},
                {Field::kPostcode, "75002"}}},
  });
  const GoldenTable golden = Survive(t);
  EXPECT_EQ(golden.Get(0, Field::kStreet), "1 rue de la Paix");
  EXPECT_EQ(golden.Get(0, Field::kCity), "Paris");
  EXPECT_EQ(golden.Get(0, Field::kPostcode), "75002");
  EXPECT_EQ(golden.Get(0, Field::kCountry), "");  // never mixed in from the other record
  EXPECT_EQ(Why(t, golden, 0, Field::kStreet), "shop:old:most_complete");
  EXPECT_EQ(Why(t, golden, 0, Field::kCity), "shop:old:most_complete");
  EXPECT_EQ(Why(t, golden, 0, Field::kPostcode), "shop:old:most_complete");
  EXPECT_EQ(Why(t, golden, 0, Field::kCountry), "");
}

TEST(SurviveTest, GroupsOverrideLetsAddressPartsSurviveAlone) {
  const SurvivorshipOptions options =
      Parse(R"({"groups":[["street","postcode"]],"fields":{"city":["most_complete"]}})");
  const Tables t = Build({
      {.entity = "a",
       .source = 0,
       .source_id = "1",
       .raw = {{Field::kCity, "Saint-Étienne"}},
       .norm = {{Field::kCity, "saint etienne"}}},
      {.entity = "a",
       .source = 1,
       .source_id = "2",
       .raw = {{Field::kStreet, "2 Main St"},
               {Field::kPostcode, "42000"},
               {Field::kCity, "St-Etienne"}},
       .norm = {{Field::kStreet, "2 main st"},
                {Field::kPostcode, "42000"},
                {Field::kCity, "st etienne"}}},
  });
  const GoldenTable golden = Survive(t, options);
  EXPECT_EQ(golden.Get(0, Field::kCity), "Saint-Étienne");
  EXPECT_EQ(Why(t, golden, 0, Field::kCity), "crm:1:most_complete");
  EXPECT_EQ(golden.Get(0, Field::kStreet), "2 Main St");
  EXPECT_EQ(Why(t, golden, 0, Field::kStreet), "shop:2:only_value");
}

TEST(SurviveTest, CarriedFieldsSurviveByRecencyAndCanBeOverridden) {
  const std::vector<std::string> extras = {"loyalty_tier"};
  const std::vector<TestRow> rows = {
      {.entity = "a",
       .source = 0,
       .source_id = "1",
       .updated_at = "2023-05-01",
       .extras = {"platinum"}},
      {.entity = "a",
       .source = 1,
       .source_id = "2",
       .updated_at = "2024-05-01",
       .extras = {"gold"}},
  };
  const Tables t = Build(rows, extras);
  const GoldenTable golden = Survive(t);
  ASSERT_EQ(golden.columns.size(), kFieldCount + 1);
  EXPECT_EQ(golden.value(0, kFieldCount), "gold");
  EXPECT_EQ(Why(t, golden, 0, kFieldCount), "shop:2:most_recent");

  const GoldenTable by_priority =
      Survive(t, Parse(R"({"fields":{"loyalty_tier":["source_priority"]}})"));
  EXPECT_EQ(by_priority.value(0, kFieldCount), "platinum");
  EXPECT_EQ(Why(t, by_priority, 0, kFieldCount), "crm:1:source_priority");
}

TEST(SurviveTest, ParsesOverrides) {
  const SurvivorshipOptions options = Parse(
      R"({"fields":{"email":["source_priority","most_recent"]},"groups":[["street","city"]]})");
  ASSERT_EQ(options.fields.size(), 1u);
  EXPECT_EQ(options.fields[0].first, "email");
  EXPECT_EQ(options.fields[0].second,
            (std::vector<SurvivorshipRule>{{SurvivorshipRule::Kind::kSourcePriority},
                                           {SurvivorshipRule::Kind::kMostRecent}}));
  ASSERT_TRUE(options.groups.has_value());
  EXPECT_EQ(*options.groups, (std::vector<std::vector<std::string>>{{"street", "city"}}));
  const SurvivorshipOptions empty = Parse("{}");
  EXPECT_TRUE(empty.fields.empty());
  EXPECT_FALSE(empty.groups.has_value());
}

TEST(SurviveTest, OverrideErrorsNameTheJsonPathAndAllowedNames) {
  struct Case {
    std::string json;
    std::vector<std::string> expected;  // substrings of the message
  };
  const std::vector<Case> cases = {
      {R"({"fields":{"email":["source_priority","newest"]}})",
       {"survivorship.fields.email[1]", "unknown rule \"newest\"",
        "allowed rules: valid_only, source_priority, most_recent, most_frequent, most_complete"}},
      {R"({"fields":{"email":"most_recent"}})",
       {"survivorship.fields.email", "expected an array", "allowed rules"}},
      {R"({"fields":{"email":[]}})", {"survivorship.fields.email", "lists no rule"}},
      {R"({"fields":{"email":[3]}})", {"survivorship.fields.email[0]", "found a number"}},
      {R"({"fields":[]})", {"survivorship.fields", "expected an object"}},
      {R"({"rules":{}})", {"survivorship.rules", "unknown key", "fields, groups"}},
      {R"({"groups":["street"]})", {"survivorship.groups[0]", "expected an array"}},
      {R"({"groups":[[]]})", {"survivorship.groups[0]", "is empty"}},
      {R"({"groups":[["street",1]]})", {"survivorship.groups[0][1]", "expected a field name"}},
      {R"({"fields":)", {"survivorship", "invalid JSON"}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.json);
    const Result<SurvivorshipOptions> options = ParseSurvivorshipOptions(c.json);
    ASSERT_FALSE(options.ok());
    EXPECT_EQ(options.status().code(), StatusCode::kInvalidArgument);
    for (const std::string& part : c.expected) {
      EXPECT_NE(options.status().message().find(part), std::string_view::npos)
          << options.status().message();
    }
  }
}

TEST(SurviveTest, OverridesNamingUnknownOrGroupedFieldsAreRejected) {
  const Tables t = Build({{.entity = "a", .source = 0, .source_id = "1"}}, {"tier"});
  struct Case {
    std::string json;
    std::vector<std::string> expected;
  };
  const std::vector<Case> cases = {
      {R"({"fields":{"emial":["most_recent"]}})",
       {"survivorship.fields.emial", "unknown field", "known fields: first_name", "tier"}},
      {R"({"fields":{"city":["most_recent"]}})",
       {"survivorship.fields.city", "built-in address group", "\"groups\""}},
      {R"({"groups":[["street"],["city","street"]]})",
       {"survivorship.groups[1][1]", "already in survivorship.groups[0]"}},
      {R"({"groups":[["street","town"]]})",
       {"survivorship.groups[0][1]", "unknown field \"town\""}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.json);
    ExecContext ctx(1);
    const Result<GoldenTable> golden =
        BuildGolden(t.raw, t.norm, t.clustering, t.golden_ids, Parse(c.json), ctx);
    ASSERT_FALSE(golden.ok());
    EXPECT_EQ(golden.status().code(), StatusCode::kInvalidArgument);
    for (const std::string& part : c.expected) {
      EXPECT_NE(golden.status().message().find(part), std::string_view::npos)
          << golden.status().message();
    }
  }
}

// Random entities with colliding values, so every rule and tie-breaker is exercised.
std::vector<TestRow> RandomRows(uint64_t seed, uint32_t count) {
  std::mt19937_64 rng(seed);
  auto pick = [&](uint32_t n) { return static_cast<uint32_t>(rng() % n); };
  const std::vector<std::string> names = {"Anne", "ANNE", "anne", "Anna", "Ann-Marie"};
  const std::vector<std::string> dates = {"", "2024-01-01", "20240101", "2023-12-31T23:59:59",
                                          "bad"};
  std::vector<TestRow> rows;
  for (uint32_t row = 0; row < count; ++row) {
    TestRow r;
    r.entity = std::to_string(pick(count / 4 + 1));
    r.source = static_cast<uint16_t>(pick(3));
    r.source_id = std::to_string(pick(count / 2 + 1));  // duplicates on purpose
    r.updated_at = dates[pick(static_cast<uint32_t>(dates.size()))];
    const std::string& name = names[pick(static_cast<uint32_t>(names.size()))];
    std::string key = name;
    std::transform(key.begin(), key.end(), key.begin(), [](char c) {
      return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    });
    r.raw[Field::kFirstName] = name;
    r.norm[Field::kFirstName] = key;
    const std::string email = "u" + std::to_string(pick(3)) + "@x.com";
    r.raw[Field::kEmail] = email;
    r.norm[Field::kEmail] = email;
    r.flags = pick(2) == 0 ? flag::kEmailValid : 0;
    r.raw[Field::kCity] = pick(2) == 0 ? "Paris" : "";
    r.raw[Field::kStreet] = pick(2) == 0 ? "1 Rue " + std::to_string(pick(3)) : "";
    r.raw[Field::kCompany] = pick(2) == 0 ? "Acme" : "Globex";
    r.extras = {std::to_string(pick(4))};
    rows.push_back(std::move(r));
  }
  return rows;
}

// Every golden record as text, keyed by golden id, with provenance as (source, source_id, rule).
std::map<std::string, std::string> Snapshot(const Tables& t, const GoldenTable& golden) {
  std::map<std::string, std::string> out;
  for (uint32_t entity = 0; entity < golden.entity_count(); ++entity) {
    std::string text =
        std::to_string(golden.member_count[entity]) + "|" + std::string(golden.sources.Get(entity));
    for (size_t column = 0; column < golden.columns.size(); ++column) {
      text +=
          "|" + std::string(golden.value(entity, column)) + "<-" + Why(t, golden, entity, column);
    }
    out[std::string(golden.golden_id.Get(entity))] = text;
  }
  return out;
}

TEST(SurviveTest, GoldenRecordsDoNotDependOnRowOrderOrThreads) {
  const uint64_t seed = test::Seed();
  SCOPED_TRACE("IDFORGE_TEST_SEED=" + std::to_string(seed));
  std::vector<TestRow> rows = RandomRows(seed, 10000);
  const Tables t = Build(rows, {"segment"});
  const std::map<std::string, std::string> expected = Snapshot(t, Survive(t));
  ASSERT_GT(expected.size(), 100u);
  EXPECT_EQ(Snapshot(t, Survive(t, {}, 4)), expected);
  std::mt19937_64 rng(seed);
  for (int round = 0; round < 3; ++round) {
    std::shuffle(rows.begin(), rows.end(), rng);
    const Tables shuffled = Build(rows, {"segment"});
    EXPECT_EQ(Snapshot(shuffled, Survive(shuffled, {}, 4)), expected) << "round " << round;
  }
}

TEST(SurviveTest, WritesGoldenAndProvenanceCsv) {
  const Tables t = Build(
      {
          {.entity = "a",
           .source = 0,
           .source_id = "1",
           .raw = {{Field::kCompany, "Acme, Inc."}, {Field::kJobTitle, "the \"boss\""}},
           .extras = {" vip"}},
          {.entity = "b", .source = 1, .source_id = "x,2", .raw = {{Field::kGender, "M"}}},
      },
      {"tier"});
  const GoldenTable golden = Survive(t);
  test::TempDir dir;
  const std::string golden_path = dir.path() + "/golden.csv";
  const std::string provenance_path = dir.path() + "/golden_provenance.csv";
  ASSERT_TRUE(WriteGoldenCsv(golden_path, t.raw, golden).ok());
  ASSERT_TRUE(WriteProvenanceCsv(provenance_path, t.raw, golden).ok());
  EXPECT_EQ(test::ReadFileOrDie(golden_path),
            "golden_id,member_count,sources,first_name,middle_name,last_name,full_name,email,phone,"
            "street,address,city,region,postcode,country,dob,gender,company,job_title,national_id,"
            "tier\n"
            "g-a,1,crm,,,,,,,,,,,,,,,\"Acme, Inc.\",\"the \"\"boss\"\"\",,\" vip\"\n"
            "g-b,1,shop,,,,,,,,,,,,,,M,,,,\n");
  EXPECT_EQ(test::ReadFileOrDie(provenance_path),
            "golden_id,field,source,source_id,rule\n"
            "g-a,company,crm,1,only_value\n"
            "g-a,job_title,crm,1,only_value\n"
            "g-a,tier,crm,1,only_value\n"
            "g-b,gender,shop,\"x,2\",only_value\n");
}

}  // namespace
}  // namespace idforge::survive
