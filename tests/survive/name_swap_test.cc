// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Given and family names swapped in some records never survive into a duplicated name
// ("Smith Smith"): members are oriented by majority, ties by the best record, and a golden
// record whose first and last name still agree is re-chosen.
#include <gtest/gtest.h>

#include <cctype>
#include <string>
#include <vector>

#include "engine/survive/survive.h"
#include "tests/survive/survive_test_util.h"

namespace idforge::survive {
namespace {

using namespace ::idforge::survive::testutil;  // NOLINT(build/namespaces)

TestRow Person(std::string entity, uint16_t source, std::string id, std::string first,
               std::string last, std::string updated_at = "") {
  std::string first_key = first;
  std::string last_key = last;
  for (char& c : first_key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (char& c : last_key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return {.entity = std::move(entity),
          .source = source,
          .source_id = std::move(id),
          .updated_at = std::move(updated_at),
          .raw = {{Field::kFirstName, first}, {Field::kLastName, last}},
          .norm = {{Field::kFirstName, first_key}, {Field::kLastName, last_key}}};
}

std::string FullName(const GoldenTable& golden, uint32_t entity) {
  return std::string(golden.Get(entity, Field::kFirstName)) + " " +
         std::string(golden.Get(entity, Field::kLastName));
}

TEST(NameSwapTest, TwoRecordsSwappedKeepTheBestRecordsOrientation) {
  // Field by field, "Smith" wins both fields (equal frequency, longer). The crm record has the
  // better source priority, so its orientation holds.
  const Tables t = Build({Person("a", 0, "1", "John", "Smith"), Person("a", 1, "2", "Smith", "John")});
  const GoldenTable golden = Survive(t);
  EXPECT_EQ(FullName(golden, 0), "John Smith");
  EXPECT_EQ(Why(t, golden, 0, Field::kFirstName), "crm:1:only_value");
  EXPECT_EQ(Why(t, golden, 0, Field::kLastName), "crm:1:only_value");
  // The other way round: the swapped record comes from the trusted source.
  const Tables swapped = Build({Person("a", 1, "1", "John", "Smith"), Person("a", 0, "2", "Smith", "John")});
  EXPECT_EQ(FullName(Survive(swapped), 0), "Smith John");
}

TEST(NameSwapTest, MajorityOrientationWinsWhateverTheOrder) {
  std::vector<TestRow> rows = {Person("a", 0, "1", "Smith", "John"), Person("a", 1, "2", "John", "Smith"),
                               Person("a", 2, "3", "JOHN", "SMITH")};
  EXPECT_EQ(FullName(Survive(Build(rows)), 0), "John Smith");
  std::swap(rows[0], rows[2]);
  EXPECT_EQ(FullName(Survive(Build(rows), {}, 4), 0), "John Smith");
}

TEST(NameSwapTest, PartialSwapWithATypoStillNeverDuplicatesTheName) {
  // Not the same two names (Jon/John), so no orientation vote; the duplicate check re-chooses.
  const Tables t = Build({Person("a", 0, "1", "John", "Smith"), Person("a", 1, "2", "Smith", "Jon")});
  const GoldenTable golden = Survive(t);
  EXPECT_NE(golden.Get(0, Field::kFirstName), golden.Get(0, Field::kLastName));
  // First name "Smith" wins on length; the last name is re-chosen among the other values.
  EXPECT_EQ(FullName(golden, 0), "Smith Jon");
  EXPECT_EQ(Why(t, golden, 0, Field::kLastName), "shop:2:only_value");
}

TEST(NameSwapTest, RealIdenticalNamesAndUnswappedEntitiesAreUntouched) {
  const Tables t = Build({Person("a", 0, "1", "Lee", "Lee"), Person("a", 1, "2", "Lee", "Lee"),
                          Person("b", 0, "3", "Anna", "Berg"), Person("b", 1, "4", "Anna", "Bergström"),
                          Person("c", 0, "5", "Jean", "Paul"), Person("c", 1, "6", "", "Jean")});
  const GoldenTable golden = Survive(t);
  EXPECT_EQ(FullName(golden, 0), "Lee Lee");
  EXPECT_EQ(FullName(golden, 1), "Anna Bergström");  // most_complete, as without the check
  EXPECT_EQ(FullName(golden, 2), "Jean Paul");         // not "Jean Jean"
}

TEST(NameSwapTest, GroupedNamesAreLeftToTheGroup) {
  // With first and last name in one group, one record supplies both: nothing to fix.
  const Tables t = Build({Person("a", 0, "1", "John", "Smith"), Person("a", 1, "2", "Smith", "John")});
  const GoldenTable golden =
      Survive(t, Parse(R"({"groups": [["first_name", "last_name"]]})"));
  EXPECT_EQ(FullName(golden, 0), "John Smith");  // tie on everything -> smallest source (crm)
}

}  // namespace
}  // namespace idforge::survive
