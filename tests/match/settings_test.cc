// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// matching.comparisons: built-in comparisons chosen by name or configured with their own level
// thresholds; the thresholds change the levels, survive model.json, and bad values are errors
// that name the path.
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "engine/match/comparisons.h"
#include "engine/match/model.h"
#include "engine/match/settings.h"
#include "engine/normalize/normalize_table.h"
#include "tests/match/normalized_people.h"

namespace idforge::match {
namespace {

const Comparison& Find(const std::vector<Comparison>& comparisons, ComparisonKind kind) {
  for (const Comparison& comparison : comparisons) {
    if (comparison.kind == kind) return comparison;
  }
  ADD_FAILURE() << "comparison missing";
  return comparisons.front();
}

TEST(ComparisonSettingsTest, NamesAndObjectsWithOverrides) {
  const auto settings = ParseMatchingSettings(
      R"({"comparisons": ["email", {"name": "first_name", "close": 0.95, "fuzzy": 0.85, "term_frequency": false},
                          {"name": "phone", "suffix_digits": 9}, {"name": "dob", "within_days": 31},
                          {"name": "address", "street": 0.9, "city": 0.95}]})",
      "job.json");
  ASSERT_TRUE(settings.ok()) << settings.status().message();
  ASSERT_EQ(settings->comparisons.size(), 5u);
  const Comparison& email = Find(settings->comparisons, ComparisonKind::kEmail);
  EXPECT_EQ(email.parameters, ComparisonParameters());  // a bare name keeps the defaults
  const Comparison& first = Find(settings->comparisons, ComparisonKind::kFirstName);
  EXPECT_DOUBLE_EQ(first.parameters.close, 0.95);
  EXPECT_DOUBLE_EQ(first.parameters.fuzzy, 0.85);
  EXPECT_FALSE(first.term_frequency);
  EXPECT_EQ(Find(settings->comparisons, ComparisonKind::kPhone).parameters.suffix_digits, 9u);
  EXPECT_EQ(Find(settings->comparisons, ComparisonKind::kDob).parameters.within_days, 31u);
  EXPECT_DOUBLE_EQ(Find(settings->comparisons, ComparisonKind::kAddress).parameters.city, 0.95);
}

TEST(ComparisonSettingsTest, ErrorsNameThePathAndWhatIsAllowed) {
  auto message = [](const char* json) {
    const auto settings = ParseMatchingSettings(json, "job.json");
    return settings.ok() ? std::string("ok") : std::string(settings.status().message());
  };
  EXPECT_EQ(message(R"({"comparisons": [{"name": "phone", "close": 0.9}]})"),
            "job.json: matching.comparisons[0].close: unknown parameter for phone; allowed: name, suffix_digits");
  EXPECT_EQ(message(R"({"comparisons": [{"name": "first_name", "close": 1.5}]})"),
            "job.json: matching.comparisons[0].close: expected a Jaro-Winkler similarity in (0, 1], e.g. 0.9");
  EXPECT_EQ(message(R"({"comparisons": [{"name": "email", "max_edits": 0}]})"),
            "job.json: matching.comparisons[0].max_edits: expected a number of edits, an integer from 1 to 3");
  EXPECT_NE(message(R"({"comparisons": [{"name": "last_name", "close": 0.7, "fuzzy": 0.8}]})").find(
                "\"close\" (0.700000) must be at least \"fuzzy\""),
            std::string::npos);
  EXPECT_EQ(message(R"({"comparisons": ["dob", {"name": "dob"}]})"),
            "job.json: matching.comparisons[1]: \"dob\" is listed twice");
  EXPECT_EQ(message(R"({"comparisons": [{"close": 0.9}]})"),
            "job.json: matching.comparisons[0].name: missing: which comparison to configure");
  EXPECT_NE(message(R"({"comparisons": ["shoe_size"]})").find("unknown comparison \"shoe_size\""),
            std::string::npos);
}

using testing::Normalize;
using testing::Person;

TEST(ComparisonParametersTest, ThresholdsMoveTheLevels) {
  const NormalizedTable table = Normalize({
      {{Field::kFirstName, "Katherine"}, {Field::kPhone, "+33612345678"}, {Field::kDob, "1980-05-04"}},
      {{Field::kFirstName, "Katharine"}, {Field::kPhone, "+33712345678"}, {Field::kDob, "1980-06-20"}},
  });
  auto level = [&](const Comparison& comparison) {
    const Comparator comparator(table, {comparison});
    return comparison.levels[comparator.Level(0, 0, 1)];
  };
  Comparison first = Find(DefaultComparisons(), ComparisonKind::kFirstName);
  EXPECT_EQ(level(first), "close");
  first.parameters.close = 0.99;
  EXPECT_EQ(level(first), "fuzzy");
  first.parameters.fuzzy = 0.98;
  EXPECT_EQ(level(first), "fuzzy");  // still: the names sound alike (Double Metaphone KTRN)

  Comparison phone = Find(DefaultComparisons(), ComparisonKind::kPhone);
  EXPECT_EQ(level(phone), "suffix8");  // 8 trailing digits agree
  phone.parameters.suffix_digits = 9;
  EXPECT_EQ(level(phone), "else");

  Comparison dob = Find(DefaultComparisons(), ComparisonKind::kDob);
  EXPECT_EQ(level(dob), "within_year");  // 47 days apart
  dob.parameters.within_days = 30;
  EXPECT_EQ(level(dob), "else");
}

TEST(ComparisonParametersTest, TheCannotLinkNameTestFollowsTheFirstNameThresholds) {
  const NormalizedTable table = Normalize({{{Field::kFirstName, "Oliver"}}, {{Field::kFirstName, "Olivia"}}});
  EXPECT_FALSE(GivenNamesConflict(table, 0, 1));  // Jaro-Winkler 0.87: "fuzzy" by default
  ComparisonParameters strict;
  strict.close = 0.95;
  strict.fuzzy = 0.9;
  EXPECT_TRUE(GivenNamesConflict(table, 0, 1, strict));
  Comparison first = Find(DefaultComparisons(), ComparisonKind::kFirstName);
  first.parameters = strict;
  EXPECT_EQ(FirstNameParameters({Find(DefaultComparisons(), ComparisonKind::kEmail), first}), strict);
  EXPECT_EQ(FirstNameParameters({}), ComparisonParameters());
}

TEST(ComparisonParametersTest, ModelJsonKeepsThem) {
  MatchModel model;
  for (const Comparison& built_in : DefaultComparisons()) {
    ComparisonModel comparison{built_in, std::vector<LevelParameters>(built_in.levels.size())};
    for (size_t level = 1; level < built_in.levels.size(); ++level) {
      comparison.levels[level] = {1.0 / static_cast<double>(built_in.levels.size() - 1),
                                  1.0 / static_cast<double>(built_in.levels.size() - 1)};
    }
    model.comparisons.push_back(comparison);
  }
  model.comparisons[0].comparison.parameters.close = 0.95;
  model.comparisons[0].comparison.term_frequency = false;
  model.comparisons[3].comparison.parameters.suffix_digits = 10;
  const std::string json = model.ToJson();
  EXPECT_NE(json.find("\"close\": 0.95"), std::string::npos) << json.substr(0, 600);
  const auto loaded = MatchModel::FromJson(json, "model.json");
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  for (size_t c = 0; c < model.comparisons.size(); ++c) {
    EXPECT_EQ(loaded->comparisons[c].comparison.parameters, model.comparisons[c].comparison.parameters);
    EXPECT_EQ(loaded->comparisons[c].comparison.term_frequency, model.comparisons[c].comparison.term_frequency);
  }
  EXPECT_EQ(loaded->ToJson(), json);
}

}  // namespace
}  // namespace idforge::match
