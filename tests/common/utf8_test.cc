// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// UTF-8 validation (the fast SIMD path and the byte-exact fallback agree), escaping of invalid
// bytes for rejects.csv, and the CP1252 decoder.
#include "engine/common/utf8.h"

#include <gtest/gtest.h>

#include <random>

#include "engine/common/reject_log.h"
#include "tests/testing/test_util.h"

namespace idforge::utf8 {
namespace {

TEST(Utf8Test, ValidTextIsValid) {
  for (std::string_view text : {"", "ascii", "Jérôme Lefèvre", "Zoë Müller", "Ελληνικά", "日本語",
                                "emoji 😀", "\xF4\x8F\xBF\xBF"}) {
    EXPECT_TRUE(IsValid(text)) << text;
    EXPECT_EQ(FirstInvalid(text), text.size());
  }
}

TEST(Utf8Test, InvalidSequencesAreFoundAtTheirFirstByte) {
  struct Case {
    std::string_view text;
    size_t first_invalid;
  };
  const Case cases[] = {
      {"J\xE9rome", 1},             // Latin-1 é
      {"ab\xC0\xAF", 2},            // overlong '/'
      {"\xED\xA0\x80", 0},          // UTF-16 surrogate
      {"x\xF4\x90\x80\x80", 1},     // above U+10FFFF
      {"ok\xE2\x82", 2},            // truncated euro sign
      {"\x80", 0},                  // lone continuation byte
      {"fine\xFF", 4},
  };
  for (const Case& c : cases) {
    EXPECT_FALSE(IsValid(c.text));
    EXPECT_EQ(FirstInvalid(c.text), c.first_invalid) << c.text;
  }
}

TEST(Utf8Test, EscapeInvalidWritesHexAndKeepsValidText) {
  EXPECT_EQ(EscapeInvalid("J\xE9r\xC3\xB4me"), "J\\xE9rôme");
  EXPECT_EQ(EscapeInvalid("plain"), "plain");
  EXPECT_TRUE(IsValid(EscapeInvalid("\xFF\xFE\x80 a \xED\xA0\x80")));
}

TEST(Utf8Test, SanitizeRawTruncatesHugeRows) {
  const std::string huge(Reject::kMaxRawBytes + 100, 'x');
  const std::string raw = SanitizeRaw(huge);
  EXPECT_LT(raw.size(), huge.size());
  EXPECT_TRUE(raw.ends_with("[truncated]"));
}

TEST(Utf8Test, RandomBytesEscapeToValidUtf8AndFastPathAgrees) {
  const uint64_t seed = test::Seed();
  SCOPED_TRACE("IDFORGE_TEST_SEED=" + std::to_string(seed));
  std::mt19937_64 rng(seed);
  for (int round = 0; round < 2000; ++round) {
    std::string bytes(rng() % 64, '\0');
    for (char& c : bytes) c = static_cast<char>(rng() % 4 == 0 ? rng() % 256 : 'a' + rng() % 26);
    EXPECT_EQ(IsValid(bytes), FirstInvalid(bytes) == bytes.size());
    EXPECT_TRUE(IsValid(EscapeInvalid(bytes)));
  }
}

TEST(Utf8Test, Cp1252DecodesLatin1AndWindowsExtras) {
  std::string out;
  AppendCp1252AsUtf8("Fran\xE7ois \x80 \x93quoted\x94 \x9C", out);
  EXPECT_EQ(out, "François € “quoted” œ");
  EXPECT_TRUE(IsValid(out));
  std::string all;
  std::string every_byte;
  for (int b = 1; b < 256; ++b) every_byte.push_back(static_cast<char>(b));
  AppendCp1252AsUtf8(every_byte, all);
  EXPECT_TRUE(IsValid(all));
}

}  // namespace
}  // namespace idforge::utf8
