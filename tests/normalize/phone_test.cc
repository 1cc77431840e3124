// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Phone normalization: real-world cells (Senzing truth set, Shopify apostrophes, extensions,
// vanity numbers, trunk prefixes), the no-region fallback, placeholders, the classification
// cache, a differential check against libphonenumber's own Parse, and idempotence.
#include "engine/normalize/phone.h"

#include <gtest/gtest.h>
#include <phonenumbers/phonenumberutil.h>

#include <random>
#include <string>
#include <string_view>

#include "tests/testing/test_util.h"

namespace idforge::normalize {
namespace {

struct PhoneCase {
  std::string_view raw;
  std::string_view region;
  std::string_view out;
  bool parsed;
  bool placeholder;
  bool inferred_region;
};

constexpr PhoneCase kCases[] = {
    // raw, region, out, parsed, placeholder, inferred_region
    {"+33 6 12 34 56 78", "", "+33612345678", true, false, true},
    {"06.12.34.56.78", "FR", "+33612345678", true, false, false},
    {"06 12 34 56 78", "", "612345678", false, false, false},  // suffix of +33612345678
    {"06 12 34 56 78", "XX", "612345678", false, false, false},
    {"'+8801912010701", "", "+8801912010701", true, false, true},  // Shopify
    {"702-919-1300", "US", "+17029191300", true, false, false},
    {"(807) 422-9031", "CA", "+18074229031", true, false, false},
    {"9714218250", "US", "+19714218250", true, false, false},
    {"321-3212", "US", "3213212", false, false, false},            // 7 digits: local only
    {"0352 6553537", "IT", "+3903526553537", true, false, false},  // Italian leading zero
    {"+39 0352 6553537", "US", "+3903526553537", true, false, false},
    {"+92 42-7925774", "", "+92427925774", true, false, true},
    {"+7(4812)85-62-34", "", "+74812856234", true, false, true},
    {"18188922818", "US", "+18188922818", true, false, false},
    {"+44 (0)20 7946 0958", "", "+442079460958", true, false, true},
    {"020 7946 0958", "GB", "+442079460958", true, false, false},
    {"07700 900123", "gb", "+447700900123", true, false, false},
    {"0033 6 12 34 56 78", "", "+33612345678", true, false, true},
    {"011 33 6 12 34 56 78", "US", "+33612345678", true, false, false},
    {"33612345678", "FR", "+33612345678", true, false, false},  // typed without '+'
    {"+33 06 12 34 56 78", "", "+33612345678", true, false, true},
    {"+1 415-555-2671 x123", "", "+14155552671", true, false, true},
    {"415.555.2671 ext. 12", "US", "+14155552671", true, false, false},
    {"(415) 555-2671 #4", "US", "+14155552671", true, false, false},
    {"1-800-FLOWERS", "US", "+18003569377", true, false, false},
    {"030 1234567", "DE", "+49301234567", true, false, false},
    {"0171 1234567", "DE", "+491711234567", true, false, false},
    {"8 (495) 123-45-67", "RU", "+74951234567", true, false, false},
    {"Tel: +33 1 42 68 53 00", "", "+33142685300", true, false, true},
    {"01 23 45 67 89", "FR", "", false, true, false},  // France's classic fake number
    {"tel:+1-415-555-2671", "", "+14155552671", true, false, true},
    {"0612345678 / 0798765432", "FR", "+33612345678", true, false, false},
    {"+33 6 12 34 56 78; +33 7 98 76 54 32", "", "+33612345678", true, false, true},
    {"0612345678 (mobile)", "FR", "+33612345678", true, false, false},
    {"+4 4 20 7946 0958", "", "+442079460958", true, false, true},
    {"+999 123", "", "999123", false, false, false},  // no such calling code
    {"+33 6 12", "", "+33612", false, false, true},   // impossible length, country certain
    {"12345678901234567890123", "", "", false, false, false},
    {"000-000-0000", "US", "", false, true, false},
    {"1111111111", "", "", false, true, false},
    {"1234567890", "US", "", false, true, false},
    {"(212) 555-0123", "US", "", false, true, false},  // fictional range
    {"+1 (212) 555-1212", "", "", false, true, true},  // directory assistance
    {"00 00 00 00 00", "FR", "", false, true, false},
    {"n/a", "US", "", false, true, false},
    {"none", "", "", false, true, false},
    {"", "FR", "", false, false, false},
    {"  ", "FR", "", false, false, false},
};

TEST(PhoneNormalizerTest, RealWorldCases) {
  PhoneNormalizer normalizer;
  std::string out;
  for (const PhoneCase& c : kCases) {
    SCOPED_TRACE(std::string(c.raw) + " / " + std::string(c.region));
    const PhoneFlags flags = normalizer.Normalize(c.raw, c.region, out);
    EXPECT_EQ(out, c.out);
    EXPECT_EQ(flags.parsed, c.parsed);
    EXPECT_EQ(flags.placeholder, c.placeholder);
    EXPECT_EQ(flags.inferred_region, c.inferred_region);
    if (!flags.parsed) {
      EXPECT_FALSE(flags.valid);
      EXPECT_FALSE(flags.mobile);
      EXPECT_FALSE(flags.fixed_line);
    }
  }
}

TEST(PhoneNormalizerTest, IssueExamplesMatch) {
  PhoneNormalizer normalizer;
  std::string a, b, c;
  normalizer.Normalize("+33 6 12 34 56 78", "", a);
  normalizer.Normalize("06.12.34.56.78", "FR", b);
  normalizer.Normalize("06 12 34 56 78", "", c);
  EXPECT_EQ(a, b);
  EXPECT_TRUE(a.ends_with(c));
}

// A '+' typed before a national number ("+06 …") is a stray '+': calling codes never start with
// 0, so the digits must not read as +6x or +61 (Australia), nor as an uncertain +33 number.
TEST(PhoneNormalizerTest, StrayPlusBeforeTrunkZeroIsNational) {
  PhoneNormalizer normalizer(PhoneOptions{.classify = false});
  std::string out;
  PhoneFlags flags = normalizer.Normalize("+06 12 34 56 78", "FR", out);
  EXPECT_EQ(out, "+33612345678");
  EXPECT_TRUE(flags.parsed);
  flags = normalizer.Normalize("+061 2345678", "", out);
  EXPECT_EQ(out, "612345678");
  EXPECT_FALSE(flags.parsed);
  flags = normalizer.Normalize("+06 12 34", "US", out);  // impossible length: digits, no '+'
  EXPECT_EQ(out, "61234");
  EXPECT_FALSE(flags.parsed);
  flags = normalizer.Normalize("+61 2 9374 4000", "FR", out);  // a real +61 is still +61
  EXPECT_EQ(out, "+61293744000");
  EXPECT_TRUE(flags.parsed);
}

TEST(PhoneNormalizerTest, ClassifiesLineType) {
  PhoneNormalizer normalizer;
  std::string out;
  PhoneFlags flags = normalizer.Normalize("06 12 34 56 78", "FR", out);
  EXPECT_TRUE(flags.valid);
  EXPECT_TRUE(flags.mobile);
  EXPECT_FALSE(flags.fixed_line);
  flags = normalizer.Normalize("01 42 68 53 00", "FR", out);
  EXPECT_TRUE(flags.valid);
  EXPECT_FALSE(flags.mobile);
  EXPECT_TRUE(flags.fixed_line);
  flags = normalizer.Normalize("(650) 253-0000", "US", out);  // US: fixed line or mobile
  EXPECT_TRUE(flags.valid);
  EXPECT_TRUE(flags.mobile);
  EXPECT_TRUE(flags.fixed_line);
  flags = normalizer.Normalize("+33 0 99 99 99 99", "", out);  // possible length, invalid range
  EXPECT_TRUE(flags.parsed);
  EXPECT_FALSE(flags.valid);
}

TEST(PhoneNormalizerTest, CacheServesRepeatedNumbers) {
  PhoneNormalizer normalizer;
  std::string out;
  normalizer.Normalize("06 12 34 56 78", "FR", out);
  EXPECT_EQ(normalizer.cache_misses(), 1u);
  normalizer.Normalize("+33612345678", "", out);
  normalizer.Normalize("0033 6 12 34 56 78", "DE", out);
  EXPECT_EQ(normalizer.cache_misses(), 1u);
  EXPECT_EQ(normalizer.cache_hits(), 2u);
}

TEST(PhoneNormalizerTest, ClassificationCanBeTurnedOff) {
  PhoneNormalizer normalizer(PhoneOptions{.classify = false});
  std::string out;
  const PhoneFlags flags = normalizer.Normalize("06 12 34 56 78", "FR", out);
  EXPECT_EQ(out, "+33612345678");
  EXPECT_TRUE(flags.parsed);
  EXPECT_FALSE(flags.valid);
  EXPECT_EQ(normalizer.cache_misses(), 0u);
}

TEST(PhoneMetadataTest, ReadsLibphonenumberMetadata) {
  const PhoneMetadata& metadata = PhoneMetadata::Default();
  EXPECT_EQ(metadata.CallingCodeForRegion("FR"), 33);
  EXPECT_EQ(metadata.CallingCodeForRegion("us"), 1);
  EXPECT_EQ(metadata.CallingCodeForRegion("BD"), 880);
  EXPECT_EQ(metadata.CallingCodeForRegion("XX"), 0);
  EXPECT_EQ(metadata.CallingCodeForRegion("FRA"), 0);
  EXPECT_EQ(metadata.TrunkPrefixForRegion("FR"), "0");
  EXPECT_EQ(metadata.TrunkPrefixForRegion("US"), "1");
  EXPECT_EQ(metadata.TrunkPrefixForRegion("RU"), "8");
  EXPECT_EQ(metadata.TrunkPrefixForRegion("IT"), "");
  EXPECT_TRUE(metadata.IsPossibleLength(33, 9));
  EXPECT_FALSE(metadata.IsPossibleLength(33, 10));
  EXPECT_TRUE(metadata.IsPossibleLength(1, 10));
  EXPECT_FALSE(metadata.IsPossibleLength(1, 7));  // local only
  EXPECT_FALSE(metadata.IsKnownCallingCode(999));
}

// Differential: for national numbers with a region, the fast path agrees with libphonenumber's
// Parse + Format(E164) whenever libphonenumber calls the number valid.
TEST(PhoneNormalizerTest, AgreesWithLibphonenumberOnValidNumbers) {
  using i18n::phonenumbers::PhoneNumber;
  using i18n::phonenumbers::PhoneNumberUtil;
  const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
  const uint64_t seed = test::Seed();
  SCOPED_TRACE("IDFORGE_TEST_SEED=" + std::to_string(seed));
  std::mt19937_64 rng(seed);
  static constexpr std::string_view kRegions[] = {"FR", "US", "GB", "DE", "IT", "ES", "BE", "CH",
                                                  "CA", "RU", "IN", "BR", "MX", "AU", "JP", "BD"};
  PhoneNormalizer normalizer(PhoneOptions{.classify = false});
  std::string out, expected;
  int compared = 0;
  for (int n = 0; n < 3000; ++n) {
    const std::string region(kRegions[rng() % std::size(kRegions)]);
    PhoneNumber example;
    const auto type = static_cast<PhoneNumberUtil::PhoneNumberType>(rng() % 2);  // fixed, mobile
    if (!util.GetExampleNumberForType(region, type, &example)) continue;
    // Vary the last digits of the example number, then write it nationally.
    example.set_national_number(example.national_number() / 1000 * 1000 + rng() % 1000);
    if (!util.IsValidNumber(example)) continue;
    std::string national;
    util.Format(example, PhoneNumberUtil::NATIONAL, &national);
    util.Format(example, PhoneNumberUtil::E164, &expected);
    SCOPED_TRACE(national + " / " + region);
    if (normalizer.Normalize(national, region, out).placeholder) continue;  // 555-01xx examples
    ASSERT_EQ(out, expected);
    ++compared;
  }
  EXPECT_GT(compared, 1000);
}

TEST(PhoneNormalizerTest, IsIdempotent) {
  const uint64_t seed = test::Seed();
  SCOPED_TRACE("IDFORGE_TEST_SEED=" + std::to_string(seed));
  std::mt19937_64 rng(seed);
  static constexpr std::string_view kRegions[] = {"", "FR", "US", "GB", "DE", "IT", "XX"};
  static constexpr std::string_view kPrefixes[] = {"", "+", "00", "0", "'+", "1 ", "(0)"};
  PhoneNormalizer normalizer;
  std::string raw, once, twice;
  for (int n = 0; n < 20'000; ++n) {
    raw = kPrefixes[rng() % std::size(kPrefixes)];
    const size_t length = 6 + rng() % 9;
    for (size_t i = 0; i < length; ++i) {
      raw += static_cast<char>('0' + rng() % 10);
      if (rng() % 4 == 0) raw += " .-/()"[rng() % 6];
    }
    const std::string_view region = kRegions[rng() % std::size(kRegions)];
    SCOPED_TRACE(raw + " / " + std::string(region));
    const PhoneFlags flags = normalizer.Normalize(raw, region, once);
    if (!flags.parsed) continue;  // the no-region digits are not meant to be re-normalized
    const PhoneFlags again = normalizer.Normalize(once, region, twice);
    ASSERT_EQ(twice, once);
    ASSERT_TRUE(again.parsed);
    ASSERT_EQ(again.valid, flags.valid);
  }
}

}  // namespace
}  // namespace idforge::normalize
