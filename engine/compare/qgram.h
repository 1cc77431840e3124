// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// q-gram similarity: the Jaccard index of the sets of q-character substrings, and a 256-bit
// signature of that set whose popcount Jaccard (~3.5 ns) is a cheap pre-filter before the exact
// kernels. Characters are Unicode code points (chars.h).
#pragma once

#include <cstdint>
#include <string_view>

namespace idforge::compare {

// Padding: each string is framed by q - 1 start markers and q - 1 end markers (values outside
// Unicode, so they never equal a character) before its q-grams are taken, as in Ukkonen's and
// most record-linkage q-gram comparators. So a string of n characters has n + q - 1 q-grams,
// short names still have several, and the first and last characters weigh as much as the
// middle ones (`jon` vs `john`: 3 of 6 padded bigrams shared, vs 1 of 4 unpadded).
inline constexpr int kDefaultQ = 2;

// |Q(a) ∩ Q(b)| / |Q(a) ∪ Q(b)| over the padded q-gram sets. 1 when both strings are empty, 0 when
// exactly one is. REQUIRES: 1 <= q <= 8 (other values are clamped). q-grams are exact for q <= 3
// (packed 21-bit code points), 64-bit hashed beyond. Symmetric, pure and thread-safe.
// O(n log n); no heap allocation up to 128 q-grams per side.
double QGramJaccard(std::string_view a, std::string_view b, int q = kDefaultQ);

// Each padded q-gram of a string sets one of 256 bits (a multiplicative hash of the q-gram).
// A plain value: 32 bytes, cheap to store per record.
struct QGramSignature {
  uint64_t bits[4];
};

// The signature of `text`'s padded q-grams; the empty string has no bit set. Same q as above.
QGramSignature MakeSignature(std::string_view text, int q = kDefaultQ);

// popcount(a & b) / popcount(a | b); 1 when both are empty. An estimate of QGramJaccard, not a
// bound: hash collisions can move it either way, by little while the sets are far below 256.
// Performance: 4 AND/OR + popcount pairs, ~3.5 ns (BM_QGramSignature).
double SignatureJaccard(const QGramSignature& a, const QGramSignature& b);

}  // namespace idforge::compare
