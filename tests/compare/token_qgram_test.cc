// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Token-set and q-gram comparators: reordered names, subsets, padding, the signature estimate,
// and differential checks against std::set-based references on seeded random strings.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "engine/compare/qgram.h"
#include "engine/compare/token_set.h"
#include "tests/compare/random_strings.h"
#include "tests/testing/reference/string_metrics.h"
#include "tests/testing/test_util.h"

namespace idforge::compare {
namespace {

TEST(TokenJaccardTest, SetSemantics) {
  EXPECT_EQ(TokenJaccard("lefevre jerome", "jerome lefevre"), 1.0);
  EXPECT_EQ(TokenJaccard("jerome jerome lefevre", "lefevre jerome"), 1.0);
  EXPECT_DOUBLE_EQ(TokenJaccard("jerome marie lefevre", "jerome lefevre"), 2.0 / 3.0);
  EXPECT_EQ(TokenJaccard("anna", "bob"), 0.0);
  EXPECT_EQ(TokenJaccard("", ""), 1.0);
  EXPECT_EQ(TokenJaccard("", "anna"), 0.0);
  EXPECT_EQ(TokenJaccard("  anna  ", "anna"), 1.0);  // empty runs are not tokens
  EXPECT_DOUBLE_EQ(TokenJaccard("王 小明", "小明 李"), 1.0 / 3.0);
}

TEST(TokenSetSimilarityTest, Definition) {
  EXPECT_EQ(TokenSetSimilarity("lefevre jerome", "jerome lefevre"), 1.0);
  EXPECT_EQ(TokenSetSimilarity("jerome marie lefevre", "jerome lefevre"), 1.0);  // subset
  EXPECT_EQ(TokenSetSimilarity("", ""), 1.0);
  EXPECT_EQ(TokenSetSimilarity("anna", ""), 0.0);
  // No common token: Indel similarity of the sorted joins "ab" vs "ac" = 1 - 2/4.
  EXPECT_DOUBLE_EQ(TokenSetSimilarity("ab", "ac"), 0.5);
  // rapidfuzz: token_set_ratio("fuzzy was a bear", "fuzzy fuzzy was a bear") == 100.
  EXPECT_EQ(TokenSetSimilarity("fuzzy was a bear", "fuzzy fuzzy was a bear"), 1.0);
  // s = "smith", t_ab = "smith john", t_ba = "smith jon": LCS("john","jon") = 3,
  // Indel(t_ab, t_ba) = 1 - 1/19; Indel(s, t_ab) = 1 - 5/15.
  EXPECT_DOUBLE_EQ(TokenSetSimilarity("john smith", "smith jon"), 1.0 - 1.0 / 19.0);
  EXPECT_EQ(TokenSetSimilarity("john smith", "smith jon", 0.99), 0.0);
}

TEST(QGramJaccardTest, PaddedBigrams) {
  // ^j jo on n$ vs ^j jo oh hn n$: 3 shared of 6.
  EXPECT_DOUBLE_EQ(QGramJaccard("jon", "john"), 0.5);
  EXPECT_EQ(QGramJaccard("anna", "anna"), 1.0);
  EXPECT_EQ(QGramJaccard("", ""), 1.0);
  EXPECT_EQ(QGramJaccard("a", ""), 0.0);
  EXPECT_EQ(QGramJaccard("a", "a"), 1.0);
  EXPECT_EQ(QGramJaccard("ab", "ba"), 0.0);  // ^a ab b$ vs ^b ba a$
  // é is one character: "jé" has ^j jé é$.
  EXPECT_DOUBLE_EQ(QGramJaccard("jé", "je"), 1.0 / 5.0);
  EXPECT_DOUBLE_EQ(QGramJaccard("jon", "john", 1), 3.0 / 4.0);  // unpadded unigrams
  EXPECT_DOUBLE_EQ(QGramJaccard("jon", "john", 3), reference::QGramJaccard("jon", "john", 3));
}

TEST(QGramSignatureTest, EstimatesJaccard) {
  EXPECT_EQ(SignatureJaccard(MakeSignature("anna"), MakeSignature("anna")), 1.0);
  EXPECT_EQ(SignatureJaccard(MakeSignature(""), MakeSignature("")), 1.0);
  EXPECT_EQ(SignatureJaccard(MakeSignature(""), MakeSignature("a")), 0.0);
  const uint64_t seed = test::Seed();
  SCOPED_TRACE("IDFORGE_TEST_SEED=" + std::to_string(seed));
  testing::RandomStrings gen(seed);
  double total_error = 0;
  constexpr int kPairs = 2000;
  for (int n = 0; n < kPairs; ++n) {
    const auto [a, b] = gen.Pair(30);
    const double estimate = SignatureJaccard(MakeSignature(a), MakeSignature(b));
    ASSERT_GE(estimate, 0.0);
    ASSERT_LE(estimate, 1.0);
    ASSERT_EQ(estimate, SignatureJaccard(MakeSignature(b), MakeSignature(a)));
    total_error += std::fabs(estimate - QGramJaccard(a, b));
  }
  EXPECT_LT(total_error / kPairs, 0.03);  // short strings: few collisions in 256 bits
}

TEST(TokenQGramTest, MatchReferencesOnRandomStrings) {
  const uint64_t seed = test::Seed();
  SCOPED_TRACE("IDFORGE_TEST_SEED=" + std::to_string(seed));
  testing::RandomStrings gen(seed);
  for (int n = 0; n < 3000; ++n) {
    const auto [a, b] = gen.Pair(n % 10 == 0 ? 200 : 60);
    SCOPED_TRACE("a=\"" + a + "\" b=\"" + b + "\"");
    ASSERT_DOUBLE_EQ(TokenJaccard(a, b), reference::TokenJaccard(a, b));
    const double token_set = TokenSetSimilarity(a, b);
    ASSERT_NEAR(token_set, reference::TokenSetRatio(a, b), 1e-12);
    ASSERT_EQ(token_set, TokenSetSimilarity(b, a));
    ASSERT_EQ(TokenSetSimilarity(a, a), 1.0);
    const double cutoff = static_cast<double>(gen.Uniform(0, 10)) / 10.0;
    ASSERT_EQ(TokenSetSimilarity(a, b, cutoff), token_set >= cutoff ? token_set : 0.0);
    const int q = static_cast<int>(gen.Uniform(1, 4));
    const double qgram = QGramJaccard(a, b, q);
    ASSERT_DOUBLE_EQ(qgram, reference::QGramJaccard(a, b, q)) << "q=" << q;
    ASSERT_EQ(qgram, QGramJaccard(b, a, q));
    ASSERT_EQ(QGramJaccard(a, a, q), 1.0);
  }
}

}  // namespace
}  // namespace idforge::compare
