// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// FoldText: a table of real-world spellings in many scripts, then seeded properties (idempotent,
// always valid UTF-8, the ASCII fast path agrees with the general path).
#include "engine/normalize/text.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "engine/common/utf8.h"
#include "tests/testing/test_util.h"

namespace idforge::normalize {
namespace {

struct FoldCase {
  std::string_view in;
  std::string_view want;
};

constexpr FoldCase kFoldCases[] = {
    // The example: three spellings of one person meet.
    {"JÉRÔME Lefèvre", "jerome lefevre"},
    {"jerome lefevre", "jerome lefevre"},
    {"Lefevre, Jérôme", "lefevre jerome"},
    // Apostrophes join, hyphens and dots separate.
    {"O'Brien", "obrien"},
    {"D’Angelo", "dangelo"},
    {"N`Diaye", "ndiaye"},
    {"Jean-Pierre", "jean pierre"},
    {"J.R.R. Tolkien", "j r r tolkien"},
    {"Saʿid al-Masri", "said al masri"},
    {"Gal·la Placídia", "galla placidia"},
    // Latin accents and letters without a decomposition.
    {"Müller", "muller"},
    {"François", "francois"},
    {"Ñúñez", "nunez"},
    {"Straße", "strasse"},
    {"STRASSE", "strasse"},
    {"Łukasz Żółć", "lukasz zolc"},
    {"Søren Kierkegaard", "soren kierkegaard"},
    {"Ærø Œuvre", "aero oeuvre"},
    {"Đorđe Đoković", "dorde dokovic"},
    {"İsmail Işık", "ismail isik"},
    {"Nguyễn Thị Minh Khai", "nguyen thi minh khai"},
    {"Þórður", "thordur"},
    // Other scripts are case-folded and kept, never dropped.
    {"Владимир Путин", "владимир путин"},
    {"Ёлкин Андрей", "елкин андреи"},
    {"Οδυσσέας Ελύτης", "οδυσσεασ ελυτησ"},
    {"王小明", "王小明"},
    {"毛 泽东", "毛 泽东"},
    {"مُحَمَّد بن سلمان", "محمد بن سلمان"},
    {"שָׁלוֹם כהן", "שלום כהן"},
    {"राम कुमार", "राम कुमार"},
    {"김민준", "김민준"},
    {"ガギグ", "ガギグ"},
    {"ｶﾞｷﾞ", "ガギ"},
    // Compatibility forms (NFKC).
    {"ＡＢＣ Ｓｍｉｔｈ", "abc smith"},
    {"ﬁnn", "finn"},
    {"Henri Ⅳ", "henri iv"},
    {"½", "1 2"},
    {"x²", "x2"},
    // Whitespace, invisible characters, symbols.
    {"  a -- b  ", "a b"},
    {"Mary\tAnn\r\nSmith", "mary ann smith"},
    {"a\u00A0b\u3000c", "a b c"},
    {"soft\u00ADhyphen", "softhyphen"},
    {"zero\u200Bwidth\uFEFF", "zerowidth"},
    {"e\u0301\u0301", "e"},
    {"😀 Smile ★", "smile"},
    {"", ""},
    {"---", ""},
    {"&", ""},
    // Invalid UTF-8 bytes are dropped.
    {"bad\xFF byte", "bad byte"},
    {"Jos\xE9", "jos"},
    {"\xC3", ""},
    {"\xED\xA0\x80x", "x"},
    {"\xC0\xAFx", "x"},
};

TEST(FoldTextTest, FoldsRealWorldSpellings) {
  std::string out;
  for (const FoldCase& c : kFoldCases) {
    FoldText(c.in, out);
    EXPECT_EQ(out, c.want) << "input: " << c.in;
  }
}

TEST(FoldTextTest, ReusesTheOutputBuffer) {
  std::string out = "stale contents that must disappear";
  FoldText("Ana", out);
  EXPECT_EQ(out, "ana");
  FoldText("José", out);
  EXPECT_EQ(out, "jose");
}

TEST(FoldTextTest, HandlesAOneMegabyteField) {
  std::string big;
  for (int rep = 0; rep < 100'000; ++rep) big += "Éléonore ";
  std::string out;
  FoldText(big, out);
  EXPECT_EQ(out.size(), 100'000u * 9 - 1);
  EXPECT_EQ(out.substr(0, 18), "eleonore eleonore ");
}

TEST(FoldTextTest, LongWordWithoutSpacesIsComposedWhole) {
  // Longer than the inline word buffer: hangul syllables decompose into jamo and recompose.
  std::string word;
  for (int rep = 0; rep < 200; ++rep) word += "한";
  std::string out;
  FoldText(word, out);
  EXPECT_EQ(out, word);
}

TEST(IsAsciiTest, DetectsHighBytesAnywhere) {
  EXPECT_TRUE(IsAscii(""));
  EXPECT_TRUE(IsAscii("plain ascii text, longer than eight bytes"));
  EXPECT_FALSE(IsAscii("é"));
  EXPECT_FALSE(IsAscii("0123456789abcdef\x80"));
  EXPECT_FALSE(
      IsAscii("\xFF"
              "234567"));
}

TEST(AppendValidUtf8Test, DropsOnlyIllFormedBytes) {
  std::string out = "x";
  AppendValidUtf8("é\xFFü\xC3", out);
  EXPECT_EQ(out, "xéü");
}

// Random text from a pool that covers every branch of the folder: ASCII letters, punctuation,
// Latin-1, combining marks, several scripts, kana voicing marks, compatibility forms, emoji and
// ill-formed bytes.
class RandomText {
 public:
  explicit RandomText(uint64_t seed) : rng_(seed) {}

  std::string Next() {
    static constexpr std::string_view kPieces[] = {"a",      "Z",      "m",        "e",
                                                   " ",      "  ",     "-",        "'",
                                                   ".",      ",",      "\t",       "é",
                                                   "Ñ",      "ß",      "ø",        "Ł",
                                                   "İ",      "\u0301", "\u0308",   "\u0323",
                                                   "\u3099", "\u093F", "\u094D",   "й",
                                                   "Ё",      "Σ",      "ς",        "ά",
                                                   "王",     "한",     "\u1100",   "\u1161",
                                                   "ガ",     "ｶ",      "ﾞ",        "م",
                                                   "\u064E", "ש",      "\u05BC",   "ﬁ",
                                                   "Ａ",     "½",      "Ⅳ",        "😀",
                                                   "\u00AD", "\u200B", "´",        "’",
                                                   "\xFF",   "\xC3",   "\xE2\x82", "\xED\xA0\x80",
                                                   "\u0345", "ᾳ",      "\uFDFA",   "ǅ",
                                                   "\u0CC6", "\u0CC2"};
    std::uniform_int_distribution<size_t> length(0, 12);
    std::uniform_int_distribution<size_t> pick(0, std::size(kPieces) - 1);
    std::string text;
    for (size_t count = length(rng_); count > 0; --count) text += kPieces[pick(rng_)];
    return text;
  }

  std::string Bytes() {
    std::uniform_int_distribution<size_t> length(0, 24);
    std::uniform_int_distribution<int> byte(0, 255);
    std::string bytes(length(rng_), '\0');
    for (char& c : bytes) c = static_cast<char>(byte(rng_));
    return bytes;
  }

  std::string Ascii() {
    std::uniform_int_distribution<size_t> length(0, 20);
    std::uniform_int_distribution<int> byte(0, 127);
    std::string bytes(length(rng_), '\0');
    for (char& c : bytes) c = static_cast<char>(byte(rng_));
    return bytes;
  }

 private:
  std::mt19937_64 rng_;
};

TEST(FoldTextTest, IsIdempotentAndValidOnRandomText) {
  const uint64_t seed = test::Seed();
  SCOPED_TRACE("IDFORGE_TEST_SEED=" + std::to_string(seed));
  RandomText gen(seed);
  std::string once;
  std::string twice;
  for (int n = 0; n < 20'000; ++n) {
    const std::string in = n % 2 == 0 ? gen.Next() : gen.Bytes();
    FoldText(in, once);
    ASSERT_TRUE(utf8::IsValid(once)) << "input: " << utf8::EscapeInvalid(in);
    ASSERT_EQ(once.find("  "), std::string::npos) << in;
    ASSERT_TRUE(once.empty() || (once.front() != ' ' && once.back() != ' ')) << in;
    FoldText(once, twice);
    ASSERT_EQ(twice, once) << "input: " << utf8::EscapeInvalid(in);
  }
}

TEST(FoldTextTest, AsciiFastPathAgreesWithGeneralPath) {
  // A soft hyphen is deleted without a boundary, so appending one forces the general path
  // without changing the expected output.
  const uint64_t seed = test::Seed();
  SCOPED_TRACE("IDFORGE_TEST_SEED=" + std::to_string(seed));
  RandomText gen(seed);
  std::string fast;
  std::string general;
  for (int n = 0; n < 20'000; ++n) {
    const std::string in = gen.Ascii();
    FoldText(in, fast);
    FoldText(in + "\u00AD", general);
    ASSERT_EQ(fast, general) << "input: " << utf8::EscapeInvalid(in);
  }
}

}  // namespace
}  // namespace idforge::normalize
