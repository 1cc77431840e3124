// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
#include "engine/profile/mask_pattern.h"

#include <gtest/gtest.h>

#include <string>

namespace idforge::profile {
namespace {

std::string Pattern(std::string_view value) {
  std::string out = "stale";  // FormatPattern clears its output
  FormatPattern(value, out);
  return out;
}

TEST(FormatPatternTest, LettersDigitsAndPunctuation) {
  EXPECT_EQ(Pattern("John"), "Aaaa");
  EXPECT_EQ(Pattern("+33 6 12 34 56 78"), "+99 9 99 99 99 99");
  EXPECT_EQ(Pattern("1985-03-12"), "9999-99-99");
  EXPECT_EQ(Pattern("SW1A 1AA"), "AA9A 9AA");
  EXPECT_EQ(Pattern(""), "");
}

TEST(FormatPatternTest, LongRunsAreCut) {
  // Letter runs stop after 4 with one '+': name lengths do not multiply the patterns.
  EXPECT_EQ(Pattern("Jean-Pierre"), "Aaaa-Aaaaa+");
  EXPECT_EQ(Pattern("Christopher"), "Aaaaa+");
  EXPECT_EQ(Pattern("Chris"), "Aaaaa");  // 4 lower-case letters: not cut
  EXPECT_EQ(Pattern("john.smith@gmail.com"), "aaaa.aaaa+@aaaa+.aaa");
  // Digit runs keep their length up to 15 (E.164), then '+'.
  EXPECT_EQ(Pattern("123456789012345"), std::string(15, '9'));
  EXPECT_EQ(Pattern("12345678901234567890"), std::string(15, '9') + "+");
  EXPECT_EQ(Pattern("a------b"), "a----+a");
}

TEST(FormatPatternTest, Utf8LettersAreOneSymbol) {
  EXPECT_EQ(Pattern("Élise"), "Aaaaa");
  EXPECT_EQ(Pattern("Müller"), "Aaaaa+");
  EXPECT_EQ(Pattern("3×4"), "9×9");  // × is a symbol, kept whole
  EXPECT_EQ(Pattern("Łódź"), "aaaa");  // outside Latin-1: lower case
}

TEST(FormatPatternTest, CappedLength) {
  std::string value;
  for (int idx = 0; idx < 30; ++idx) value += "a-";
  const std::string pattern = Pattern(value);
  EXPECT_EQ(pattern.size(), kMaxPatternSymbols + std::string("…").size());
  EXPECT_TRUE(pattern.ends_with("…"));
}

TEST(MaskValueTest, Email) {
  EXPECT_EQ(MaskValue(Field::kEmail, "jean.dupont@gmail.com"), "j***@g***.com");
  EXPECT_EQ(MaskValue(Field::kEmail, "a@b.co.uk"), "a***@b***.uk");
  EXPECT_EQ(MaskValue(Field::kEmail, "x@localhost"), "x***@l***");
  EXPECT_EQ(MaskValue(Field::kEmail, "not-an-email"), "n***-a***-e***");
}

TEST(MaskValueTest, NamesAndText) {
  EXPECT_EQ(MaskValue(Field::kFullName, "John Lennon"), "J*** L***");
  EXPECT_EQ(MaskValue(Field::kFirstName, "jean-luc"), "j***-l***");
  EXPECT_EQ(MaskValue(Field::kLastName, "élodie"), "é***");
  EXPECT_EQ(MaskValue(Field::kStreet, "12 rue de la paix"), "1*** r*** d*** l*** p***");
}

TEST(MaskValueTest, NumbersKeepAPrefixAndPunctuation) {
  EXPECT_EQ(MaskValue(Field::kPhone, "+33612345678"), "+33*********");
  EXPECT_EQ(MaskValue(Field::kDob, "1985-03-12"), "198*-**-**");
  EXPECT_EQ(MaskValue(Field::kPostcode, "SW1A 1AA"), "SW1* ***");
  EXPECT_EQ(MaskValue(Field::kPhone, "12"), "12");
}

TEST(MaskValueTest, CategoriesAreNotMasked) {
  EXPECT_EQ(MaskValue(Field::kCountry, "FR"), "FR");
  EXPECT_EQ(MaskValue(Field::kGender, "f"), "f");
}

}  // namespace
}  // namespace idforge::profile
