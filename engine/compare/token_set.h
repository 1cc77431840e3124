// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Token-set comparators for multi-word values (full names, street lines, company names), where
// word order and repeated words carry no identity: `lefevre jerome` vs `jerome lefevre` is 1.0.
// Tokens are the non-empty runs between ASCII spaces (the normalized form has single spaces).
#pragma once

#include <string_view>

namespace idforge::compare {

// |A ∩ B| / |A ∪ B| over the two token *sets* (duplicates count once). 1 when both have no
// token, 0 when exactly one has none. Symmetric, pure and thread-safe.
// O(k log k) for k tokens; no heap allocation up to 64 tokens per side.
double TokenJaccard(std::string_view a, std::string_view b);

// rapidfuzz's token_set_ratio, scaled to [0, 1]. With A, B the token sets, I = A ∩ B and the
// sorted, space-joined strings s = join(I), d_ab = join(A \ B), d_ba = join(B \ A),
// t_ab = s + " " + d_ab and t_ba = s + " " + d_ba (no space when s is empty):
//   - 1 when I is non-empty and A ⊆ B or B ⊆ A (`jerome lefevre` vs `jerome marie lefevre`),
//   - else max(Indel(t_ab, t_ba), Indel(s, t_ab), Indel(s, t_ba)), the last two only when s is
//     non-empty, with Indel(x, y) = 1 - (|x| + |y| - 2 LCS(x, y)) / (|x| + |y|) in characters.
// 1 when both have no token, 0 when exactly one has none. Returns 0 when below score_cutoff,
// else the uncut value. Symmetric, pure and thread-safe. The only O(n * m) part is one LCS of
// d_ab and d_ba (bit-parallel when the shorter has <= 64 characters).
double TokenSetSimilarity(std::string_view a, std::string_view b, double score_cutoff = 0.0);

}  // namespace idforge::compare
