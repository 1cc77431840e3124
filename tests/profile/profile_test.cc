// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Profile metrics on tiny hand-built tables whose answers are counted by hand in the comments.
#include "engine/profile/profile.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

namespace idforge::profile {
namespace {

// One record: its source, and raw and normalized values per field (normalized = raw when absent).
struct Row {
  uint16_t source;
  std::map<Field, std::string> raw;
  std::map<Field, std::string> normalized = {};
};

struct Tables {
  RecordTable raw;
  NormalizedTable normalized;
};

Tables Build(const std::vector<std::string>& sources, const std::vector<Row>& rows) {
  Tables tables;
  for (const std::string& name : sources) tables.raw.AddSource({.name = name});
  uint64_t line = 1;
  for (const Row& row : rows) {
    tables.raw.AppendRowMeta(row.source, ++line);
    tables.raw.mutable_source_id_column().Append(std::to_string(line));
    tables.raw.mutable_updated_at_column().Append("");
    for (Field field : AllFields()) {
      auto raw_it = row.raw.find(field);
      const std::string raw = raw_it == row.raw.end() ? "" : raw_it->second;
      auto norm_it = row.normalized.find(field);
      tables.raw.mutable_field(field).Append(raw);
      tables.normalized.mutable_value(field).Append(norm_it == row.normalized.end() ? raw
                                                                                   : norm_it->second);
    }
    for (size_t key = 0; key < kDerivedKeyCount; ++key) {
      tables.normalized.mutable_derived(static_cast<DerivedKey>(key)).Append("");
    }
    tables.normalized.mutable_flags().push_back(0);
  }
  return tables;
}

ProfileStats Profile(const Tables& tables, ProfileOptions options = {}, int threads = 1) {
  ExecContext ctx(threads);
  Result<ProfileStats> stats = ProfileTable(tables.raw, tables.normalized, options, ctx);
  EXPECT_TRUE(stats.ok()) << stats.status().message();
  return stats.ok() ? *std::move(stats) : ProfileStats{};
}

const FieldProfile* Find(const SourceProfile& source, Field field) {
  for (const FieldProfile& profile : source.fields) {
    if (profile.field == field) return &profile;
  }
  return nullptr;
}

// crm: 5 records. Emails: a@x.com ×3 (one written "A@X.com", normalized the same), b@y.org,
// and one record without email. First names: Ann ×2, Bob ×2, Cy.
Tables Crm() {
  return Build({"crm"},
               {{0, {{Field::kFirstName, "Ann"}, {Field::kEmail, "a@x.com"}}},
                {0, {{Field::kFirstName, "Ann"}, {Field::kEmail, "a@x.com"}}},
                {0,
                 {{Field::kFirstName, "Bob"}, {Field::kEmail, "A@X.com"}},
                 {{Field::kFirstName, "Bob"}, {Field::kEmail, "a@x.com"}}},
                {0, {{Field::kFirstName, "Bob"}, {Field::kEmail, "b@y.org"}}},
                {0, {{Field::kFirstName, "Cy"}}}});
}

TEST(ProfileTest, DistinctTopValuesAndPatterns) {
  const ProfileStats stats = Profile(Crm(), {.top_values = 2, .report_values = true});
  ASSERT_EQ(stats.sources.size(), 1u);
  const SourceProfile& crm = stats.sources[0];
  EXPECT_EQ(crm.records, 5u);
  ASSERT_EQ(crm.fields.size(), 2u);  // first_name and email: the only fields with values

  const FieldProfile* email = Find(crm, Field::kEmail);
  ASSERT_NE(email, nullptr);
  EXPECT_EQ(email->values, 4u);
  EXPECT_EQ(email->distinct, 2u);  // a@x.com, b@y.org (normalized)
  ASSERT_EQ(email->top_values.size(), 2u);
  EXPECT_EQ(email->top_values[0].value, "a@x.com");
  EXPECT_EQ(email->top_values[0].count, 3u);
  EXPECT_EQ(email->top_values[1].value, "b@y.org");
  EXPECT_EQ(email->top_values[1].count, 1u);
  // Patterns are of the raw values: "a@x.aaa" ×3 ("a@x.com" twice, "b@y.org"), "A@A.aaa" ×1.
  EXPECT_EQ(email->patterns, 2u);
  ASSERT_EQ(email->top_patterns.size(), 2u);
  EXPECT_EQ(email->top_patterns[0].value, "a@a.aaa");
  EXPECT_EQ(email->top_patterns[0].count, 3u);
  EXPECT_EQ(email->top_patterns[1].value, "A@A.aaa");

  const FieldProfile* name = Find(crm, Field::kFirstName);
  ASSERT_NE(name, nullptr);
  EXPECT_EQ(name->distinct, 3u);
  // Ann 2, Bob 2, Cy 1: the top 2, the tie broken by the value.
  ASSERT_EQ(name->top_values.size(), 2u);
  EXPECT_EQ(name->top_values[0].value, "Ann");
  EXPECT_EQ(name->top_values[0].count, 2u);
  EXPECT_EQ(name->top_values[1].value, "Bob");
  EXPECT_EQ(name->top_values[1].count, 2u);
}

TEST(ProfileTest, TiesBreakOnTheValue) {
  const Tables tables = Build({"s"}, {{0, {{Field::kCity, "Zurich"}}},
                                      {0, {{Field::kCity, "Bern"}}},
                                      {0, {{Field::kCity, "Zurich"}}},
                                      {0, {{Field::kCity, "Bern"}}},
                                      {0, {{Field::kCity, "Aarau"}}}});
  const ProfileStats stats = Profile(tables, {.top_values = 2, .report_values = true});
  const FieldProfile* city = Find(stats.sources[0], Field::kCity);
  ASSERT_NE(city, nullptr);
  ASSERT_EQ(city->top_values.size(), 2u);
  EXPECT_EQ(city->top_values[0].value, "Bern");  // 2, before "Zurich" (2) alphabetically
  EXPECT_EQ(city->top_values[1].value, "Zurich");
}

TEST(ProfileTest, TopValuesMaskedByDefault) {
  const ProfileStats stats = Profile(Crm());
  EXPECT_FALSE(stats.values_unmasked);
  const FieldProfile* email = Find(stats.sources[0], Field::kEmail);
  ASSERT_NE(email, nullptr);
  ASSERT_FALSE(email->top_values.empty());
  EXPECT_EQ(email->top_values[0].value, "a***@x***.com");
  const FieldProfile* name = Find(stats.sources[0], Field::kFirstName);
  EXPECT_EQ(name->top_values[0].value, "A***");
}

TEST(ProfileTest, DuplicateKeysAndRecordsWithinASource) {
  const ProfileStats stats = Profile(Crm());
  const SourceProfile& crm = stats.sources[0];
  // Emails: 4 records with one, 2 distinct; a@x.com held by 3 -> 2 duplicate records, 1 group.
  EXPECT_EQ(crm.email.records, 4u);
  EXPECT_EQ(crm.email.distinct, 2u);
  EXPECT_EQ(crm.email.duplicate_records, 2u);
  EXPECT_EQ(crm.email.groups, 1u);
  EXPECT_EQ(crm.email.largest_group, 3u);
  EXPECT_EQ(crm.phone.records, 0u);
  // Records (normalized): (Ann,a@x) ×2, (Bob,a@x) ×2, (Bob,b@y), (Cy,-): 4 distinct of 5.
  EXPECT_EQ(crm.exact_records.records, 5u);
  EXPECT_EQ(crm.exact_records.distinct, 4u);
  EXPECT_EQ(crm.exact_records.duplicate_records, 1u);
  EXPECT_EQ(crm.exact_records.groups, 1u);
  EXPECT_EQ(crm.exact_records.largest_group, 2u);
}

TEST(ProfileTest, EmptyFieldsDoNotMakeRecordsEqualAcrossFields) {
  // ("x", "") and ("", "x") on two fields are different records.
  const Tables tables = Build({"s"}, {{0, {{Field::kFirstName, "x"}}},
                                      {0, {{Field::kLastName, "x"}}}});
  const ProfileStats stats = Profile(tables);
  EXPECT_EQ(stats.sources[0].exact_records.distinct, 2u);
  EXPECT_EQ(stats.sources[0].exact_records.duplicate_records, 0u);
}

TEST(ProfileTest, AcrossSources) {
  // crm fills first_name, email and phone; shop email and phone: compared on email + phone.
  // shop: a@x.com (twice), c@z.net, and one record with only a phone.
  const Tables tables = Build(
      {"crm", "shop"},
      {{0, {{Field::kFirstName, "Ann"}, {Field::kEmail, "a@x.com"}}},
       {0, {{Field::kFirstName, "Bob"}, {Field::kEmail, "b@y.org"}, {Field::kPhone, "+4112"}}},
       {0, {{Field::kFirstName, "Cy"}}},
       {1, {{Field::kEmail, "a@x.com"}, {Field::kPhone, "+4112"}}},
       {1, {{Field::kEmail, "a@x.com"}}},
       {1, {{Field::kEmail, "c@z.net"}}},
       {1, {{Field::kPhone, "+4199"}}}});
  const ProfileStats stats = Profile(tables);
  ASSERT_EQ(stats.pairs.size(), 1u);
  const SourcePairProfile& pair = stats.pairs[0];
  EXPECT_EQ(pair.a, 0u);
  EXPECT_EQ(pair.b, 1u);
  EXPECT_EQ(pair.common_fields, (std::vector<Field>{Field::kEmail, Field::kPhone}));
  // On (email, phone): crm (a@x,-) matches shop row 2 (a@x,-); crm (b@y,+4112) matches nothing.
  // shop (a@x,+4112) no; (a@x,-) yes; (c@z,-) no; (-,+4199) no. crm row 3 has neither: skipped.
  EXPECT_EQ(pair.a_records_in_b, 1u);
  EXPECT_EQ(pair.b_records_in_a, 1u);
  EXPECT_EQ(pair.shared_emails, 1u);  // a@x.com
  EXPECT_EQ(pair.shared_phones, 1u);  // +4112
  EXPECT_EQ(stats.sources[1].email.duplicate_records, 1u);
  EXPECT_EQ(stats.sources[1].records, 4u);
}

TEST(ProfileTest, SameResultForAnyThreadCount) {
  // Enough rows for several TBB chunks and many ties in the top values.
  std::vector<Row> rows;
  for (uint32_t idx = 0; idx < 30000; ++idx) {
    rows.push_back({static_cast<uint16_t>(idx % 3 == 0 ? 1 : 0),
                    {{Field::kFirstName, "n" + std::to_string(idx % 97)},
                     {Field::kEmail, "u" + std::to_string(idx % 1013) + "@e.com"},
                     {Field::kPhone, "+41" + std::to_string(idx % 5011)}}});
  }
  std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.source < b.source; });
  const Tables tables = Build({"a", "b"}, rows);
  const ProfileStats one = Profile(tables, {}, 1);
  const ProfileStats four = Profile(tables, {}, 4);
  ASSERT_EQ(one.sources.size(), four.sources.size());
  for (size_t source = 0; source < one.sources.size(); ++source) {
    const SourceProfile& a = one.sources[source];
    const SourceProfile& b = four.sources[source];
    EXPECT_EQ(a.exact_records.duplicate_records, b.exact_records.duplicate_records);
    ASSERT_EQ(a.fields.size(), b.fields.size());
    for (size_t field = 0; field < a.fields.size(); ++field) {
      EXPECT_EQ(a.fields[field].distinct, b.fields[field].distinct);
      ASSERT_EQ(a.fields[field].top_values.size(), b.fields[field].top_values.size());
      for (size_t top = 0; top < a.fields[field].top_values.size(); ++top) {
        EXPECT_EQ(a.fields[field].top_values[top].value, b.fields[field].top_values[top].value);
        EXPECT_EQ(a.fields[field].top_values[top].count, b.fields[field].top_values[top].count);
      }
    }
  }
  // 20,000 records in source a: first names n0..n96 -> 97 distinct.
  EXPECT_EQ(Find(one.sources[0], Field::kFirstName)->distinct, 97u);
  EXPECT_EQ(one.pairs[0].shared_emails, four.pairs[0].shared_emails);
}

}  // namespace
}  // namespace idforge::profile
