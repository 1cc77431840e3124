// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Levenshtein and OSA: published values, multi-byte characters, the max_distance and cutoff
// contracts, cached == uncached, and a differential check against the full-matrix reference on
// seeded random strings (short, around 64 characters, and longer).
#include "engine/compare/levenshtein.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <string_view>

#include "tests/compare/random_strings.h"
#include "tests/testing/reference/string_metrics.h"
#include "tests/testing/test_util.h"

namespace idforge::compare {
namespace {

TEST(LevenshteinTest, KnownValues) {
  EXPECT_EQ(LevenshteinDistance("kitten", "sitting"), 3u);
  EXPECT_EQ(LevenshteinDistance("flaw", "lawn"), 2u);
  EXPECT_EQ(LevenshteinDistance("", ""), 0u);
  EXPECT_EQ(LevenshteinDistance("", "abc"), 3u);
  EXPECT_EQ(LevenshteinDistance("abc", ""), 3u);
  EXPECT_EQ(LevenshteinDistance("jerome lefevre", "jerome lefevre"), 0u);
  EXPECT_EQ(LevenshteinDistance("ca", "abc"), 3u);
  EXPECT_DOUBLE_EQ(LevenshteinSimilarity("kitten", "sitting"), 1.0 - 3.0 / 7.0);
  EXPECT_DOUBLE_EQ(LevenshteinSimilarity("", ""), 1.0);
}

TEST(LevenshteinTest, CountsCodePointsNotBytes) {
  EXPECT_EQ(LevenshteinDistance("jérôme", "jerome"), 2u);
  EXPECT_EQ(LevenshteinDistance("владимир", "владимiр"), 1u);
  EXPECT_EQ(LevenshteinDistance("王小明", "王明"), 1u);
  EXPECT_EQ(LevenshteinDistance("😀", "a"), 1u);
  EXPECT_DOUBLE_EQ(LevenshteinSimilarity("müller", "muller"), 1.0 - 1.0 / 6.0);
}

TEST(LevenshteinTest, MaxDistanceStopsEarly) {
  EXPECT_EQ(LevenshteinDistance("kitten", "sitting", 2), 3u);  // max + 1
  EXPECT_EQ(LevenshteinDistance("kitten", "sitting", 3), 3u);
  EXPECT_EQ(LevenshteinDistance("a", "abcdefgh", 2), 3u);  // length gap alone
  EXPECT_EQ(LevenshteinDistance("abc", "abd", 0), 1u);
  EXPECT_EQ(LevenshteinDistance("abc", "abc", 0), 0u);
}

TEST(LevenshteinTest, LongStringsUseTheFallback) {
  const std::string a(200, 'a');
  std::string b = a;
  b[10] = 'b';
  b[150] = 'c';
  EXPECT_EQ(LevenshteinDistance(a, b), 2u);
  EXPECT_EQ(LevenshteinDistance(a + "xyz", b), 5u);
  EXPECT_EQ(LevenshteinDistance(a, std::string(300, 'b'), 10), 11u);
}

TEST(OsaTest, KnownValues) {
  EXPECT_EQ(OsaDistance("ca", "abc"), 3u);  // unrestricted Damerau gives 2
  EXPECT_EQ(OsaDistance("ab", "ba"), 1u);
  EXPECT_EQ(LevenshteinDistance("ab", "ba"), 2u);
  EXPECT_EQ(OsaDistance("martha", "marhta"), 1u);
  EXPECT_EQ(OsaDistance("kitten", "sitting"), 3u);
  EXPECT_EQ(OsaDistance("jérôme", "jéôrme"), 1u);
  EXPECT_EQ(OsaDistance("", "ab"), 2u);
  EXPECT_DOUBLE_EQ(OsaSimilarity("ab", "ba"), 0.5);
}

template <typename Fn>
void ForRandomPairs(size_t count, size_t max_chars, Fn&& check) {
  const uint64_t seed = test::Seed();
  SCOPED_TRACE("IDFORGE_TEST_SEED=" + std::to_string(seed));
  testing::RandomStrings gen(seed);
  for (size_t n = 0; n < count; ++n) {
    const auto [a, b] = gen.Pair(max_chars);
    SCOPED_TRACE("a=\"" + a + "\" b=\"" + b + "\"");
    check(a, b, gen);
    if (::testing::Test::HasFatalFailure()) return;
  }
}

TEST(LevenshteinTest, MatchesReferenceOnRandomStrings) {
  ForRandomPairs(4000, 90, [](const std::string& a, const std::string& b, auto& gen) {
    const uint32_t want = reference::Levenshtein(a, b);
    ASSERT_EQ(LevenshteinDistance(a, b), want);
    ASSERT_EQ(OsaDistance(a, b), reference::Osa(a, b));
    const auto max = static_cast<uint32_t>(gen.Uniform(0, 6));
    ASSERT_EQ(LevenshteinDistance(a, b, max), std::min(want, max + 1));
    ASSERT_EQ(OsaDistance(a, b, max), std::min(reference::Osa(a, b), max + 1));
  });
}

TEST(LevenshteinTest, MatchesReferenceOnLongStrings) {
  ForRandomPairs(300, 220, [](const std::string& a, const std::string& b, auto& gen) {
    const std::string long_a = a + std::string(70, 'x') + b;
    const std::string long_b = gen.Mutate(long_a);
    ASSERT_EQ(LevenshteinDistance(long_a, long_b), reference::Levenshtein(long_a, long_b));
    ASSERT_EQ(OsaDistance(long_a, long_b), reference::Osa(long_a, long_b));
    ASSERT_EQ(LevenshteinDistance(long_a, b), reference::Levenshtein(long_a, b));
    const uint32_t want = reference::Levenshtein(long_a, a);
    ASSERT_EQ(LevenshteinDistance(long_a, a, 3), std::min(want, 4u));
  });
}

TEST(LevenshteinTest, SimilarityProperties) {
  ForRandomPairs(3000, 90, [](const std::string& a, const std::string& b, auto& gen) {
    const double sim = LevenshteinSimilarity(a, b);
    ASSERT_GE(sim, 0.0);
    ASSERT_LE(sim, 1.0);
    ASSERT_EQ(sim, LevenshteinSimilarity(b, a));
    ASSERT_EQ(LevenshteinSimilarity(a, a), 1.0);
    ASSERT_EQ(OsaSimilarity(a, b), OsaSimilarity(b, a));
    const double cutoff = static_cast<double>(gen.Uniform(0, 20)) / 20.0;
    for (const double cut : {cutoff, sim}) {  // also exactly at the score
      const double got = LevenshteinSimilarity(a, b, cut);
      ASSERT_TRUE(got == 0.0 || (got >= cut && got == sim)) << got << " cutoff " << cut;
      if (sim >= cut) {
        ASSERT_EQ(got, sim);
      }
      const double osa = OsaSimilarity(a, b);
      const double osa_cut = OsaSimilarity(a, b, cut);
      ASSERT_EQ(osa_cut, osa >= cut ? osa : 0.0);
    }
  });
}

TEST(LevenshteinTest, CachedEqualsUncached) {
  ForRandomPairs(3000, 90, [](const std::string& a, const std::string& b, auto& gen) {
    const CachedLevenshtein lev(a);
    const CachedOsa osa(a);
    const auto max = static_cast<uint32_t>(gen.Uniform(0, 8));
    ASSERT_EQ(lev.Distance(b), LevenshteinDistance(a, b));
    ASSERT_EQ(lev.Distance(b, max), LevenshteinDistance(a, b, max));
    ASSERT_EQ(osa.Distance(b), OsaDistance(a, b));
    ASSERT_EQ(osa.Distance(b, max), OsaDistance(a, b, max));
    const double cutoff = static_cast<double>(gen.Uniform(0, 10)) / 10.0;
    ASSERT_EQ(lev.Similarity(b, cutoff), LevenshteinSimilarity(a, b, cutoff));
    ASSERT_EQ(osa.Similarity(b, cutoff), OsaSimilarity(a, b, cutoff));
  });
}

}  // namespace
}  // namespace idforge::compare
