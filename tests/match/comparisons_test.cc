// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Comparison levels of the built-in comparisons on normalized records, and the household rule:
// agreement on what a household shares is not counted when the first names conflict and no
// personal identifier agrees.
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "engine/match/comparisons.h"
#include "engine/match/score.h"
#include "engine/normalize/normalize_table.h"
#include "tests/match/normalized_people.h"

namespace idforge::match {
namespace {

using testing::Normalize;
using testing::Person;

size_t IndexOf(ComparisonKind kind) {
  const auto& all = DefaultComparisons();
  for (size_t c = 0; c < all.size(); ++c) {
    if (all[c].kind == kind) return c;
  }
  ADD_FAILURE() << "no such comparison";
  return 0;
}

std::string LevelName(ComparisonKind kind, const Person& a, const Person& b) {
  const NormalizedTable table = Normalize({a, b});
  const Comparator comparator(table, DefaultComparisons());
  const size_t c = IndexOf(kind);
  return DefaultComparisons()[c].levels[comparator.Level(c, 0, 1)];
}

TEST(FirstNameLevelTest, LevelsFromExactToConflict) {
  auto level = [](std::string x, std::string y) {
    return LevelName(ComparisonKind::kFirstName, {{Field::kFirstName, x}}, {{Field::kFirstName, y}});
  };
  EXPECT_EQ(level("Jérôme", "jerome"), "exact");
  EXPECT_EQ(level("Bob", "Robert"), "nickname");
  EXPECT_EQ(level("Katherine", "Katharine"), "close");
  EXPECT_EQ(level("J.", "John"), "initial");
  EXPECT_EQ(level("Claude", "Jean-Claude"), "initial");  // one token of the other
  EXPECT_EQ(level("Loïc", "Amina"), "else");
  EXPECT_EQ(level("", "Amina"), "null");
}

TEST(EmailLevelTest, NameLikeLocalPartsAreNotFuzzyAgreement) {
  auto level = [](std::string x, std::string y) {
    return LevelName(ComparisonKind::kEmail, {{Field::kEmail, x}}, {{Field::kEmail, y}});
  };
  EXPECT_EQ(level("J.Smith+shop@GMail.com", "jsmith@gmail.com"), "exact");
  EXPECT_EQ(level("jsmith@gmail.com", "jsmith@yahoo.com"), "local_part");
  EXPECT_EQ(level("sarah.smith46842@outlook.com", "sarah.smiht46842@outlook.com"), "fuzzy");
  // Two people named Sarah Smith: similar only because the names are.
  EXPECT_EQ(level("sarahsmith29939@outlook.com", "sarah.smith46842@outlook.com"), "else");
  EXPECT_EQ(level("john.smith1@free.fr", "john.smith2@free.fr"), "else");
}

TEST(HouseholdTest, FirstNameConflictWithoutPersonalAgreementIsAHousehold) {
  const Person loic = {{Field::kFirstName, "Loïc"}, {Field::kLastName, "Beaunier"},
                       {Field::kStreet, "67 rue de la Gare"}, {Field::kCity, "Marseille"},
                       {Field::kPostcode, "13009"}, {Field::kEmail, "loic.beaunier@free.fr"}};
  Person amina = loic;
  amina[Field::kFirstName] = "Amina";
  amina[Field::kEmail] = "amina.b@orange.fr";
  Person typo = loic;
  typo[Field::kFirstName] = "Xavier";  // a garbled name, but the same personal email
  Person initial = loic;
  initial[Field::kFirstName] = "L";
  initial[Field::kEmail] = "";
  const NormalizedTable table = Normalize({loic, amina, typo, initial});
  const Comparator comparator(table, DefaultComparisons());
  EXPECT_TRUE(FirstNamesConflict(comparator.comparisons(), comparator.Compare(0, 1)));
  EXPECT_FALSE(FirstNamesConflict(comparator.comparisons(), comparator.Compare(0, 2)));
  EXPECT_FALSE(FirstNamesConflict(comparator.comparisons(), comparator.Compare(0, 3)));
  EXPECT_TRUE(GivenNamesConflict(table, 0, 1));
  EXPECT_FALSE(GivenNamesConflict(table, 0, 3));

  const Comparison& address = DefaultComparisons()[IndexOf(ComparisonKind::kAddress)];
  const Comparison& email = DefaultComparisons()[IndexOf(ComparisonKind::kEmail)];
  EXPECT_TRUE(address.household);
  EXPECT_FALSE(email.household);
  EXPECT_EQ(CountedWeight(address, 14.8, true), 0.0);   // agreement not counted
  EXPECT_EQ(CountedWeight(address, -4.1, true), -4.1);  // disagreement still counts
  EXPECT_EQ(CountedWeight(address, 14.8, false), 14.8);
  EXPECT_EQ(CountedWeight(email, 15.8, true), 15.8);
}

// The comparator reads short values from its rows and long ones (or hashed ones, to confirm an
// equal hash) from the columns. Whatever the mix, every level equals the level computed from
// the columns alone: long names, spaces in surnames, emails without '@', near-equal emails,
// long phones and cities, swapped names, nicknames.
TEST(ComparatorRowsTest, EveryLevelEqualsTheColumnLevel) {
  const std::vector<std::string> firsts = {"", "Jean", "Jean-Claude", "Bob", "Robert", "J",
                                           "Maximiliano Alejandro", "Anne Sophie", "Smith",
                                           "Wolfeschlegelsteinhausen", "Élodie", "Elodie", "李",
                                           "Katherine", "Katharine"};
  const std::vector<std::string> lasts = {"", "Smith", "Smyth", "de la Fontaine", "Delafontaine",
                                          "Jean", "Van Der Berg-Oppenheimerstein", "Müller",
                                          "Mueller", "Bob", "Johnson", "Jonhson"};
  const std::vector<std::string> emails = {
      "", "jsmith@gmail.com", "j.smith+x@gmail.com", "jsmith@yahoo.com", "jsmiht@gmail.com",
      "not-an-email", "not-an-emial", "sarah.smith46842@outlook.com", "sarah.smiht46842@outlook.com",
      "john.smith1@free.fr", "john.smith2@free.fr", "averyveryverylongaddress.name@example.org"};
  const std::vector<std::string> phones = {"", "+33612345678", "0612345678", "612345678",
                                           "+331234567890123456", "555-1234", "+14155550123"};
  const std::vector<std::string> dobs = {"", "1980-05-04", "1980-04-05", "1981-05-04", "1980-05-14",
                                         "1.5.1980"};
  const std::vector<std::string> streets = {"", "12 rue de la Gare", "12 r de la gare",
                                            "67 avenue Victor Hugo", "12 Rue de la Gare"};
  const std::vector<std::string> cities = {"", "Paris", "Pariss", "Saint-Germain-en-Laye",
                                           "St Germain en Laye", "Lyon"};
  const std::vector<std::string> postcodes = {"", "75001", "75002", "SW1A 1AA", "94105-1234"};
  std::vector<Person> people;
  uint64_t state = 12345;
  auto pick = [&](const std::vector<std::string>& values) -> const std::string& {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return values[(state >> 33) % values.size()];
  };
  for (int i = 0; i < 160; ++i) {
    people.push_back({{Field::kFirstName, pick(firsts)}, {Field::kLastName, pick(lasts)},
                      {Field::kEmail, pick(emails)}, {Field::kPhone, pick(phones)},
                      {Field::kDob, pick(dobs)}, {Field::kStreet, pick(streets)},
                      {Field::kCity, pick(cities)}, {Field::kPostcode, pick(postcodes)}});
  }
  const NormalizedTable table = Normalize(people);
  ExecContext ctx(2);
  const Comparator comparator(table, DefaultComparisons(), &ctx);
  std::vector<size_t> seen(DefaultComparisons().size() * kMaxLevels, 0);
  for (uint32_t a = 0; a < table.row_count(); ++a) {
    for (uint32_t b = 0; b < table.row_count(); ++b) {
      for (size_t c = 0; c < DefaultComparisons().size(); ++c) {
        const uint8_t level = comparator.Level(c, a, b);
        ASSERT_EQ(level, comparator.ColumnLevel(c, a, b))
            << DefaultComparisons()[c].name << " rows " << a << ", " << b;
        ++seen[c * kMaxLevels + level];
      }
    }
  }
  // The data reach every level of the comparisons it fills (not a test of nothing).
  for (ComparisonKind kind : {ComparisonKind::kFirstName, ComparisonKind::kLastName,
                              ComparisonKind::kEmail, ComparisonKind::kDob, ComparisonKind::kAddress}) {
    const size_t c = IndexOf(kind);
    for (size_t level = 0; level < DefaultComparisons()[c].levels.size(); ++level) {
      EXPECT_GT(seen[c * kMaxLevels + level], 0u)
          << DefaultComparisons()[c].name << " level " << DefaultComparisons()[c].levels[level];
    }
  }
}

TEST(TermFrequencyTest, SwappedNamesGetTheCommonSidesAdjustment) {
  // Nine Anthony Smiths and one "Smith Anthony": as a first name "smith" is rare, but the pair
  // agrees on a common name and must not get a rare name's bonus.
  std::vector<Person> people(9, {{Field::kFirstName, "Anthony"}, {Field::kLastName, "Smith"}});
  people.push_back({{Field::kFirstName, "Smith"}, {Field::kLastName, "Anthony"}});
  people.push_back({{Field::kFirstName, "Zebulon"}, {Field::kLastName, "Quartermaine"}});
  const NormalizedTable table = Normalize(people);
  ExecContext ctx(1);
  const TermFrequencies frequencies = TermFrequencies::Build(table, DefaultComparisons(), ctx);
  const size_t first = IndexOf(ComparisonKind::kFirstName);
  const double u_exact = 0.01;
  const double swapped_side = frequencies.Adjustment(first, 9, u_exact);
  const double common_side = frequencies.Adjustment(first, 0, u_exact);
  EXPECT_GT(swapped_side, common_side);
  EXPECT_EQ(frequencies.PairAdjustment(first, 9, 0, u_exact), common_side);
  EXPECT_EQ(frequencies.PairAdjustment(first, 0, 9, u_exact), common_side);
  EXPECT_EQ(frequencies.PairAdjustment(first, 0, 1, u_exact), common_side);
}

}  // namespace
}  // namespace idforge::match
