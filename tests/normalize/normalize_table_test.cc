// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// The normalize stage over a table: the same person written by different tools gets the same
// keys, junk is blanked and counted per source, and the result does not depend on threads.
#include "engine/normalize/normalize_table.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "engine/common/utf8.h"
#include "tests/testing/test_util.h"

namespace idforge::normalize {
namespace {

struct Row {
  uint16_t source = 0;
  std::vector<std::pair<Field, std::string>> values;
};

RecordTable MakeTable(const std::vector<Row>& rows) {
  RecordTable table;
  table.AddSource({.name = "crm", .default_country = "FR"});
  table.AddSource({.name = "shop", .default_country = "US", .dob_format = "%m/%d/%Y"});
  for (size_t index = 0; index < rows.size(); ++index) {
    for (Field field : AllFields()) {
      std::string value;
      for (const auto& [f, v] : rows[index].values) {
        if (f == field) value = v;
      }
      table.mutable_field(field).Append(value);
    }
    table.mutable_source_id_column().Append(std::to_string(index + 1));
    table.mutable_updated_at_column().Append("");
    table.AppendRowMeta(rows[index].source, index + 2);
  }
  EXPECT_TRUE(table.Validate().ok());
  return table;
}

NormalizedTable Normalize(const RecordTable& table, int threads = 2, uint32_t rows_per_task = 8192) {
  ExecContext ctx(threads);
  NormalizeOptions options;
  options.today = {2026, 11, 29};
  options.rows_per_task = rows_per_task;
  auto normalized = NormalizeTable(table, options, ctx);
  EXPECT_TRUE(normalized.ok()) << normalized.status().ToString();
  return std::move(normalized).value();
}

TEST(NormalizeTableTest, OnePersonFromThreeToolsGetsTheSameKeys) {
  const RecordTable table = MakeTable({
      {0, {{Field::kFirstName, "JÉRÔME"}, {Field::kLastName, "Lefèvre"},
           {Field::kEmail, "J.Lefevre+shop@GMail.com"}, {Field::kPhone, "06.12.34.56.78"},
           {Field::kDob, "1984-07-21"}, {Field::kCountry, "France"}}},
      {1, {{Field::kFullName, "Lefevre, Jérôme"}, {Field::kEmail, "jlefevre@gmail.com"},
           {Field::kPhone, "+33 6 12 34 56 78"}, {Field::kDob, "07/21/1984"}}},
  });
  const NormalizedTable n = Normalize(table);
  ASSERT_EQ(n.row_count(), 2u);
  EXPECT_EQ(n.Get(Field::kFirstName, 0), n.Get(Field::kFirstName, 1));
  EXPECT_EQ(n.Get(Field::kLastName, 0), "lefevre");
  EXPECT_EQ(n.Get(Field::kLastName, 1), "lefevre");
  EXPECT_EQ(n.Get(DerivedKey::kEmailCanonical, 0), n.Get(DerivedKey::kEmailCanonical, 1));
  EXPECT_EQ(n.Get(Field::kPhone, 0), "+33612345678");
  EXPECT_EQ(n.Get(Field::kPhone, 1), "+33612345678");
  EXPECT_EQ(n.Get(Field::kDob, 0), "1984-07-21");
  EXPECT_EQ(n.Get(Field::kDob, 1), "1984-07-21");
  EXPECT_EQ(n.Get(Field::kCountry, 0), "FR");
  EXPECT_TRUE(n.flags(1) & flag::kNameFromFullName);
  EXPECT_TRUE(n.flags(0) & flag::kEmailValid);
  EXPECT_EQ(n.Get(DerivedKey::kSurnamePhonetic, 0), n.Get(DerivedKey::kSurnamePhonetic, 1));
}

TEST(NormalizeTableTest, ReleasingDerivedKeysKeepsFieldsAndRows) {
  const RecordTable table = MakeTable({
      {0, {{Field::kFirstName, "Bob"}, {Field::kLastName, "de la Fontaine"}, {Field::kEmail, "b.f+x@gmail.com"}}},
      {0, {{Field::kFirstName, "Anna"}, {Field::kCity, "Lyon"}}},
  });
  NormalizedTable n = Normalize(table);
  const NormalizedTable before = Normalize(table);
  ASSERT_FALSE(n.Get(DerivedKey::kGivenCanonical, 0).empty());
  const uint64_t bytes = n.MemoryBytes();
  n.ReleaseDerivedKeys();
  EXPECT_EQ(n.row_count(), 2u);
  EXPECT_LT(n.MemoryBytes(), bytes);
  for (uint32_t row = 0; row < 2; ++row) {
    for (Field field : AllFields()) EXPECT_EQ(n.Get(field, row), before.Get(field, row));
    for (size_t key = 0; key < kDerivedKeyCount; ++key) {
      EXPECT_EQ(n.derived(static_cast<DerivedKey>(key)).size(), 2u);
      EXPECT_TRUE(n.Get(static_cast<DerivedKey>(key), row).empty());
    }
    EXPECT_EQ(n.flags(row), before.flags(row));
  }
}

TEST(NormalizeTableTest, NicknamesResolveToTheFormalName) {
  const RecordTable table =
      MakeTable({{0, {{Field::kFirstName, "Bob"}}}, {0, {{Field::kFirstName, "Robert"}}}});
  const NormalizedTable n = Normalize(table);
  EXPECT_EQ(n.Get(DerivedKey::kGivenCanonical, 0), "robert");
  EXPECT_EQ(n.Get(DerivedKey::kGivenCanonical, 1), "robert");
}

TEST(NormalizeTableTest, JunkIsBlankedAndCountedPerSource) {
  const RecordTable table = MakeTable({
      {0, {{Field::kEmail, "test@test.com"}, {Field::kFirstName, "n/a"}, {Field::kDob, "1900-01-01"},
           {Field::kPhone, "000-000-0000"}}},
      {1, {{Field::kEmail, "not an email"}, {Field::kDob, "02/30/1990"}, {Field::kCity, "unknown"}}},
  });
  ExecContext ctx(1);
  NormalizeOptions options;
  options.today = {2026, 11, 29};
  auto n = NormalizeTable(table, options, ctx);
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(n->Get(Field::kEmail, 0), "");
  EXPECT_EQ(n->Get(Field::kFirstName, 0), "");
  EXPECT_EQ(n->Get(Field::kDob, 0), "");
  EXPECT_EQ(n->Get(Field::kPhone, 0), "");
  EXPECT_EQ(n->Get(Field::kDob, 1), "");
  EXPECT_EQ(n->Get(Field::kCity, 1), "");
  const auto& quality = ctx.stats().quality();
  ASSERT_EQ(quality.size(), 2u);
  auto at = [&](uint16_t source, Field field) { return quality[source][static_cast<size_t>(field)]; };
  EXPECT_EQ(at(0, Field::kEmail).junk, 1u);
  EXPECT_EQ(at(0, Field::kFirstName).junk, 1u);
  EXPECT_EQ(at(0, Field::kDob).junk, 1u);
  EXPECT_EQ(at(0, Field::kPhone).junk, 1u);
  EXPECT_EQ(at(1, Field::kEmail).invalid, 1u);
  EXPECT_EQ(at(1, Field::kDob).invalid, 1u);
  EXPECT_EQ(at(1, Field::kCity).junk, 1u);
  EXPECT_EQ(at(1, Field::kEmail).filled, 1u);
}

TEST(NormalizeTableTest, FutureBirthDatesAreInvalid) {
  const RecordTable table = MakeTable({{0, {{Field::kDob, "2031-01-01"}}}});
  EXPECT_EQ(Normalize(table).Get(Field::kDob, 0), "");
}

TEST(NormalizeTableTest, FreeFormAddressIsParsedWhenPartsAreAbsent) {
  const RecordTable table = MakeTable({
      {0, {{Field::kAddress, "12 rue Victor Hugo  Lyon  69002  FR"}}},
      {0, {{Field::kStreet, "12 Rue Victor-Hugo"}, {Field::kCity, "LYON"}, {Field::kPostcode, "69002"}}},
  });
  const NormalizedTable n = Normalize(table);
  EXPECT_EQ(n.Get(Field::kStreet, 0), n.Get(Field::kStreet, 1));
  EXPECT_EQ(n.Get(Field::kCity, 0), "lyon");
  EXPECT_EQ(n.Get(Field::kPostcode, 0), "69002");
  EXPECT_TRUE(n.flags(0) & flag::kAddressFromLine);
}

TEST(NormalizeTableTest, GenderVariantsMapToOneCode) {
  EXPECT_EQ(NormalizeGender("Female"), "f");
  EXPECT_EQ(NormalizeGender("Mme."), "f");
  EXPECT_EQ(NormalizeGender("HOMME"), "m");
  EXPECT_EQ(NormalizeGender("divers"), "x");
  EXPECT_EQ(NormalizeGender("?"), "");
}

TEST(NormalizeTableTest, ResultDoesNotDependOnThreadsOrTaskSize) {
  const uint64_t seed = test::Seed();
  SCOPED_TRACE("IDFORGE_TEST_SEED=" + std::to_string(seed));
  std::mt19937_64 rng(seed);
  const std::vector<std::string> firsts = {"Jérôme", "BOB", "Zoë", "n/a", "", "Jean-Pierre", "李"};
  const std::vector<std::string> emails = {"a.b+x@gmail.com", "test@test.com", "bad@", "", "Z@Y.fr"};
  const std::vector<std::string> phones = {"06 12 34 56 78", "+1 (415) 872-1034", "", "1111111111"};
  const std::vector<std::string> dobs = {"21/07/1984", "1984-07-21", "19560924", "99-May-99", ""};
  std::vector<Row> rows;
  for (int index = 0; index < 3000; ++index) {
    rows.push_back({static_cast<uint16_t>(rng() % 2),
                    {{Field::kFirstName, firsts[rng() % firsts.size()]},
                     {Field::kEmail, emails[rng() % emails.size()]},
                     {Field::kPhone, phones[rng() % phones.size()]},
                     {Field::kDob, dobs[rng() % dobs.size()]}}});
  }
  const RecordTable table = MakeTable(rows);
  const NormalizedTable reference = Normalize(table, 1, 100000);
  for (int threads : {2, 8}) {
    for (uint32_t per_task : {1u, 97u, 4096u}) {
      const NormalizedTable other = Normalize(table, threads, per_task);
      for (Field field : AllFields()) {
        ASSERT_EQ(other.value(field), reference.value(field)) << FieldName(field);
      }
      for (uint32_t row = 0; row < table.row_count(); ++row) {
        ASSERT_EQ(other.flags(row), reference.flags(row));
      }
    }
  }
}

// Output columns that no raw field of the table feeds are appended once per part instead of row
// by row: the rows must stay aligned and equal to what the same rows give when every column is
// fed (the reference appends one fully filled row, which feeds every column).
TEST(NormalizeTableTest, ColumnsNoRawFieldFeedsMatchAFullyFedTable) {
  const std::vector<std::pair<Field, std::string>> full_row = {
      {Field::kFirstName, "Bob"},       {Field::kMiddleName, "J"},
      {Field::kLastName, "de la Cruz"}, {Field::kFullName, "Mr Bob de la Cruz"},
      {Field::kEmail, "Bob@Mail.com"},  {Field::kPhone, "06 12 34 56 78"},
      {Field::kStreet, "1 Main St"},    {Field::kAddress, "2 rue de la Paix 75002 Paris"},
      {Field::kCity, "Paris"},          {Field::kRegion, "IDF"},
      {Field::kPostcode, "75002"},      {Field::kCountry, "FR"},
      {Field::kDob, "1984-07-21"},      {Field::kGender, "M"},
      {Field::kCompany, "Acme"},        {Field::kJobTitle, "CEO"},
      {Field::kNationalId, "AB123"}};
  const std::vector<std::vector<Field>> subsets = {
      {},
      {Field::kFirstName},
      {Field::kFullName},
      {Field::kLastName, Field::kEmail},
      {Field::kAddress},
      {Field::kAddress, Field::kCountry},
      {Field::kPhone, Field::kDob, Field::kGender},
      {Field::kCompany, Field::kJobTitle, Field::kNationalId, Field::kRegion}};
  for (const std::vector<Field>& subset : subsets) {
    std::vector<Row> rows;
    for (int index = 0; index < 50; ++index) {
      Row row{static_cast<uint16_t>(index % 2), {}};
      for (const auto& [field, value] : full_row) {
        // Every other row of the subset's fields is filled; the rest are empty cells.
        const bool in_subset = std::find(subset.begin(), subset.end(), field) != subset.end();
        if (in_subset && index % 3 != 0) row.values.emplace_back(field, value);
      }
      rows.push_back(row);
    }
    const RecordTable sparse = MakeTable(rows);
    rows.push_back({0, full_row});
    const RecordTable fed = MakeTable(rows);
    for (uint32_t per_task : {7u, 8192u}) {
      const NormalizedTable a = Normalize(sparse, 2, per_task);
      const NormalizedTable b = Normalize(fed, 2, per_task);
      ASSERT_EQ(a.row_count(), sparse.row_count());
      for (uint32_t row = 0; row < sparse.row_count(); ++row) {
        for (Field field : AllFields()) {
          ASSERT_EQ(a.Get(field, row), b.Get(field, row)) << FieldName(field) << " row " << row;
        }
        for (size_t key = 0; key < kDerivedKeyCount; ++key) {
          ASSERT_EQ(a.Get(static_cast<DerivedKey>(key), row),
                    b.Get(static_cast<DerivedKey>(key), row))
              << "derived " << key << " row " << row;
        }
        ASSERT_EQ(a.flags(row), b.flags(row));
      }
    }
  }
}

// Whatever bytes a library caller passes (the readers validate UTF-8, other callers may not),
// every normalized value is valid UTF-8: the writers and the report emit them as they are.
TEST(NormalizeTableTest, EveryOutputIsValidUtf8WhateverTheInput) {
  const uint64_t seed = test::Seed();
  SCOPED_TRACE("IDFORGE_TEST_SEED=" + std::to_string(seed));
  std::mt19937_64 rng(seed);
  const std::vector<std::string> pieces = {"J\xc3\xa9r\xc3\xb4me", "\xff", "\xc3", "\xe2\x82",
                                           "@",        "gmail.com", "+33 6", "12",
                                           " ",        "-",         "Rue",   "\xed\xa0\x80",
                                           "\xf0\x9f\x98\x80", "\x80", ".",     "1984"};
  std::vector<Row> rows;
  for (int index = 0; index < 2000; ++index) {
    Row row{static_cast<uint16_t>(index % 2), {}};
    for (Field field : AllFields()) {
      std::string value;
      for (int count = static_cast<int>(rng() % 5); count > 0; --count) {
        value += pieces[rng() % pieces.size()];
      }
      row.values.emplace_back(field, value);
    }
    rows.push_back(row);
  }
  const NormalizedTable n = Normalize(MakeTable(rows));
  for (uint32_t row = 0; row < n.row_count(); ++row) {
    for (Field field : AllFields()) {
      ASSERT_TRUE(utf8::IsValid(n.Get(field, row))) << FieldName(field) << " row " << row;
    }
    for (size_t key = 0; key < kDerivedKeyCount; ++key) {
      ASSERT_TRUE(utf8::IsValid(n.Get(static_cast<DerivedKey>(key), row)))
          << "derived " << key << " row " << row;
    }
  }
}

}  // namespace
}  // namespace idforge::normalize
