// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Jaro and Jaro-Winkler: Winkler 1990's published pairs, the 0.7 boost threshold, multi-byte
// characters, cutoff semantics, cached == uncached, and the textbook reference on random strings.
#include "engine/compare/jaro_winkler.h"

#include <gtest/gtest.h>

#include <string>

#include "tests/compare/random_strings.h"
#include "tests/testing/reference/string_metrics.h"
#include "tests/testing/test_util.h"

namespace idforge::compare {
namespace {

TEST(JaroWinklerTest, PublishedValues) {
  // Winkler 1990 / Wikipedia, upper case as published.
  EXPECT_NEAR(JaroSimilarity("MARTHA", "MARHTA"), 0.944, 0.0005);
  EXPECT_NEAR(JaroWinklerSimilarity("MARTHA", "MARHTA"), 0.961, 0.0005);
  EXPECT_NEAR(JaroSimilarity("DWAYNE", "DUANE"), 0.822, 0.0005);
  EXPECT_NEAR(JaroWinklerSimilarity("DWAYNE", "DUANE"), 0.840, 0.0005);
  EXPECT_NEAR(JaroSimilarity("DIXON", "DICKSONX"), 0.767, 0.0005);
  EXPECT_NEAR(JaroWinklerSimilarity("DIXON", "DICKSONX"), 0.813, 0.0005);
  EXPECT_NEAR(JaroWinklerSimilarity("JONES", "JOHNSON"), 0.832, 0.0005);
  EXPECT_NEAR(JaroWinklerSimilarity("SHACKLEFORD", "SHACKELFORD"), 0.982, 0.0005);
}

TEST(JaroWinklerTest, EdgeCases) {
  EXPECT_EQ(JaroSimilarity("", ""), 1.0);
  EXPECT_EQ(JaroSimilarity("", "a"), 0.0);
  EXPECT_EQ(JaroWinklerSimilarity("a", ""), 0.0);
  EXPECT_EQ(JaroSimilarity("a", "a"), 1.0);
  EXPECT_EQ(JaroSimilarity("ab", "cd"), 0.0);
  EXPECT_EQ(JaroWinklerSimilarity("jerome", "jerome"), 1.0);
}

TEST(JaroWinklerTest, BoostOnlyAboveThreshold) {
  // "abcxyz" vs "abcpqr...": Jaro = 0.5 < 0.7, so a 3-character prefix adds nothing.
  const double jaro = JaroSimilarity("abcdef", "abcxyz");
  ASSERT_LE(jaro, 0.7);
  EXPECT_EQ(JaroWinklerSimilarity("abcdef", "abcxyz"), jaro);
  EXPECT_EQ(JaroWinklerSimilarity("MARTHA", "MARHTA", 0.0), JaroSimilarity("MARTHA", "MARHTA"));
}

TEST(JaroWinklerTest, CountsCodePoints) {
  // é is one character: the strings have 6 characters, 5 matching.
  EXPECT_DOUBLE_EQ(JaroSimilarity("jérôme", "jerôme"), reference::Jaro("jérôme", "jerôme"));
  EXPECT_NEAR(JaroSimilarity("jérôme", "jerôme"), (5.0 / 6 + 5.0 / 6 + 1.0) / 3, 1e-12);
  EXPECT_EQ(JaroWinklerSimilarity("владимир", "владимир"), 1.0);
  EXPECT_GT(JaroWinklerSimilarity("王小明", "王晓明"), 0.7);
}

TEST(JaroWinklerTest, MatchesReferenceOnRandomStrings) {
  const uint64_t seed = test::Seed();
  SCOPED_TRACE("IDFORGE_TEST_SEED=" + std::to_string(seed));
  testing::RandomStrings gen(seed);
  for (int n = 0; n < 5000; ++n) {
    const auto [a, b] = gen.Pair(n % 10 == 0 ? 200 : 90);
    SCOPED_TRACE("a=\"" + a + "\" b=\"" + b + "\"");
    const double want = reference::Jaro(a, b);
    ASSERT_NEAR(JaroSimilarity(a, b), want, 1e-12);
    ASSERT_NEAR(JaroSimilarity(b, a), reference::Jaro(b, a), 1e-12);
    ASSERT_NEAR(JaroWinklerSimilarity(a, b), reference::JaroWinkler(a, b), 1e-12);
  }
}

TEST(JaroWinklerTest, Properties) {
  const uint64_t seed = test::Seed();
  SCOPED_TRACE("IDFORGE_TEST_SEED=" + std::to_string(seed));
  testing::RandomStrings gen(seed);
  for (int n = 0; n < 5000; ++n) {
    const auto [a, b] = gen.Pair(n % 10 == 0 ? 200 : 90);
    SCOPED_TRACE("a=\"" + a + "\" b=\"" + b + "\"");
    const double jw = JaroWinklerSimilarity(a, b);
    ASSERT_GE(jw, 0.0);
    ASSERT_LE(jw, 1.0);
    ASSERT_EQ(jw, JaroWinklerSimilarity(b, a));
    ASSERT_EQ(JaroWinklerSimilarity(a, a), 1.0);
    const double weight = static_cast<double>(gen.Uniform(0, 25)) / 100.0;
    const double jw_weighted = JaroWinklerSimilarity(a, b, weight);
    const double cutoff = static_cast<double>(gen.Uniform(0, 20)) / 20.0;
    for (const double cut : {cutoff, jw_weighted}) {
      const double got = JaroWinklerSimilarity(a, b, weight, cut);
      ASSERT_EQ(got, jw_weighted >= cut ? jw_weighted : 0.0) << "cutoff " << cut;
    }
    const CachedJaroWinkler cached(a, weight);
    ASSERT_EQ(cached.Similarity(b), jw_weighted);
    ASSERT_EQ(cached.Similarity(b, cutoff), JaroWinklerSimilarity(a, b, weight, cutoff));
    const CachedJaroWinkler cached_b(b, weight);
    ASSERT_EQ(cached_b.Similarity(a), jw_weighted);
  }
}

}  // namespace
}  // namespace idforge::compare
