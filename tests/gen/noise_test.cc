// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
#include "engine/gen/noise.h"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <vector>

#include "engine/gen/random.h"
#include "engine/gen/render.h"
#include "tests/testing/test_util.h"

namespace idforge::gen {
namespace {

bool ValidUtf8(const std::string& s) {
  for (size_t pos = 0; pos < s.size();) {
    const auto byte = static_cast<unsigned char>(s[pos]);
    const size_t length = byte < 0x80 ? 1 : byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC2 ? 2 : 0;
    if (length == 0 || pos + length > s.size()) return false;
    for (size_t k = 1; k < length; ++k) {
      if ((static_cast<unsigned char>(s[pos + k]) & 0xC0) != 0x80) return false;
    }
    pos += length;
  }
  return true;
}

TEST(NoiseTest, EditsKeepUtf8ValidAndChangeTheWord) {
  const uint64_t seed = test::Seed();
  SCOPED_TRACE("IDFORGE_TEST_SEED=" + std::to_string(seed));
  Rng rng(seed);
  const std::vector<std::string> words = {"Jérôme", "Müller", "Núñez", "Françoise", "Schmidt",
                                          "Phillips", "Zoë", "O'Brien", "Karl-Heinz"};
  for (int round = 0; round < 2000; ++round) {
    for (const std::string& word : words) {
      std::string edited = word;
      if (KeyboardTypo(edited, rng)) {
        EXPECT_NE(edited, word);
      }
      PhoneticMisspelling(edited, rng);
      OcrConfusion(edited, rng);
      ASSERT_TRUE(ValidUtf8(edited)) << word << " -> " << edited;
    }
  }
}

TEST(NoiseTest, AccentsAndCase) {
  std::string name = "Jérôme Müller-Groß";
  EXPECT_TRUE(DropAccents(name, false));
  EXPECT_EQ(name, "Jerome Muller-Gross");
  name = "Jürgen Köhler";
  EXPECT_TRUE(DropAccents(name, true));
  EXPECT_EQ(name, "Juergen Koehler");
  name = "Plain";
  EXPECT_FALSE(DropAccents(name, false));
  name = "élodie de la Cruz";
  ToUpper(name);
  EXPECT_EQ(name, "ÉLODIE DE LA CRUZ");
  ToLower(name);
  EXPECT_EQ(name, "élodie de la cruz");
  std::string email;
  AppendEmailWord(email, "Jean-Pierre O'Néill", false);
  EXPECT_EQ(email, "jeanpierreoneill");
}

TEST(NoiseTest, PhoneticAndOcrRulesMakeKnownConfusions) {
  Rng rng(7);
  std::set<std::string> seen;
  for (int round = 0; round < 200; ++round) {
    std::string name = "Phillips";
    PhoneticMisspelling(name, rng);
    seen.insert(name);
  }
  EXPECT_TRUE(seen.count("Fillips") || seen.count("Philips")) << seen.size();
  std::string ocr = "Bernard";
  for (int round = 0; round < 50 && ocr == "Bernard"; ++round) OcrConfusion(ocr, rng);
  EXPECT_NE(ocr, "Bernard");
}

TEST(RandomTest, AliasTableFollowsTheWeights) {
  const std::vector<double> weights = {5, 3, 1, 1};
  const AliasTable table(weights);
  Rng rng(test::Seed());
  std::vector<int> counts(4);
  constexpr int kDraws = 200000;
  for (int draw = 0; draw < kDraws; ++draw) ++counts[table.Sample(rng)];
  for (size_t k = 0; k < 4; ++k) {
    EXPECT_NEAR(counts[k] / static_cast<double>(kDraws), weights[k] / 10.0, 0.01) << k;
  }
}

TEST(RandomTest, ScatterIsABijection) {
  std::vector<bool> seen(1u << 20);
  // Distinct inputs give distinct outputs (checked on a prefix of the domain).
  std::set<uint32_t> outputs;
  for (uint64_t value = 0; value < 200000; ++value) {
    const uint32_t scattered = Scatter27(value, 42);
    EXPECT_LT(scattered, 1u << 27);
    outputs.insert(scattered);
  }
  EXPECT_EQ(outputs.size(), 200000u);
}

TEST(RenderTest, DatesAndEscaping) {
  CivilDate date = CivilFromDays(0);
  EXPECT_EQ(date.year, 1970);
  date = CivilFromDays(-12784);
  EXPECT_EQ(date.year, 1935);
  EXPECT_EQ(date.month, 1u);
  EXPECT_EQ(date.day, 1u);
  std::string out;
  AppendTimestamp(out, 1546300800, TimeStyle::kSalesforce);
  EXPECT_EQ(out, "2019-01-01T00:00:00.000Z");
  out.clear();
  AppendCsvQuoted(out, "Head of \"Growth\"");
  EXPECT_EQ(out, "\"Head of \"\"Growth\"\"\"");
  out.clear();
  AppendCsvMinimal(out, "plain", ';');
  AppendCsvMinimal(out, "a;b", ';');
  EXPECT_EQ(out, "plain\"a;b\"");
  out.clear();
  AppendJsonString(out, "a\"b\\c\nd");
  EXPECT_EQ(out, "\"a\\\"b\\\\c\\nd\"");
}

}  // namespace
}  // namespace idforge::gen
