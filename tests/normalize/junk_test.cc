// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Placeholder detection: the filler values found in CRM exports, and real values that must pass.
#include "engine/normalize/junk.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace idforge::normalize {
namespace {

constexpr std::string_view kPlaceholders[] = {
    "test",
    "TEST",
    "Test Test",
    "testing",
    "n/a",
    "N/A",
    "n.a.",
    "NA",
    "N / A",
    "unknown",
    "Unknown",
    "unkown",
    "none",
    "None",
    "null",
    "NULL",
    "nil",
    "asdf",
    "asdfgh",
    "qwerty",
    "xxx",
    "XXXX",
    "x x x",
    "-",
    "--",
    ".",
    "?",
    "???",
    "tbd",
    "TBA",
    "no name",
    "NoName",
    "not provided",
    "Not Provided",
    "declined",
    "refused",
    "0",
    "000",
    "000-000-0000",
    "1111111111",
    "99999",
    "aaaa",
    "zzzzz",
    "123",
    "1234",
    "123456789",
    "  none  ",
    "n/d",
    "dummy",
    "fake",
    "sample",
    "placeholder",
    "no email",
    "noemail",
    "deleted",
    "undefined",
    "NaN",
    "(none)",
    "[null]",
};

constexpr std::string_view kRealValues[] = {
    "Smith",
    "Li",
    "O'Neil",
    "Jean-Luc",
    "Müller",
    "Anne",
    "Bob",
    "12",
    "111",
    "1111",
    "a",
    "J",
    "Ng",
    "Paris",
    "10 Downing Street",
    "Las Vegas",
    "69002",
    "jlefevre@gmail.com",
    "Testa",
    "Nadia",
    "Anna",
    "Xu",
    "Yi",
    "Noe",
    "Nonna",
    "Tessa",
    "José",
    "李",
    "Ивanov",
    "Xavier",
    "ZZ Top",
    "Unknown Pleasures Records",
    "1990",
    "SW1A 2AA",
    "+33612345678",
    "AA",
    "Oo",
};

TEST(IsPlaceholderValueTest, PlaceholdersAreDetected) {
  for (const std::string_view value : kPlaceholders) {
    EXPECT_TRUE(IsPlaceholderValue(value)) << "'" << value << "'";
  }
}

TEST(IsPlaceholderValueTest, RealValuesPass) {
  for (const std::string_view value : kRealValues) {
    EXPECT_FALSE(IsPlaceholderValue(value)) << "'" << value << "'";
  }
}

TEST(IsPlaceholderValueTest, EmptyAndBlankAreNotPlaceholders) {
  EXPECT_FALSE(IsPlaceholderValue(""));
  EXPECT_FALSE(IsPlaceholderValue("   "));
  EXPECT_FALSE(IsPlaceholderValue("\t\r\n"));
}

TEST(IsPlaceholderValueTest, LongValuesAreOnlyRepeatedCharacters) {
  EXPECT_TRUE(IsPlaceholderValue(std::string(1 << 20, 'x')));
  EXPECT_FALSE(IsPlaceholderValue(std::string(1 << 20, 'x') + "y"));
  EXPECT_FALSE(IsPlaceholderValue("not provided by the customer at the time of the first order"));
}

TEST(IsPlaceholderValueTest, NonAsciiOnlyValueIsNotPunctuation) {
  EXPECT_FALSE(IsPlaceholderValue("李"));
  EXPECT_FALSE(IsPlaceholderValue("—é"));
  EXPECT_TRUE(IsPlaceholderValue("—"));  // an em dash alone is punctuation
  EXPECT_TRUE(IsPlaceholderValue("\u00a0-\u2026"));
}

}  // namespace
}  // namespace idforge::normalize
