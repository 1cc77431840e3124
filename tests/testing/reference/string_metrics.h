// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Slow, obviously correct string metrics for differential tests of engine/compare: full DP
// matrices and textbook loops over std::vector<uint32_t> code points, written from the
// definitions and sharing no code with the engine (rapidfuzz's rapidfuzz_reference/).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace idforge::reference {

// UTF-8 to code points. A well-formed sequence (Unicode Table 3-7) gives its code point; any
// other byte gives U+DC00 + byte and decoding resumes at the next byte (the engine's contract).
std::vector<uint32_t> DecodeUtf8(std::string_view text);

// Full (|a|+1) x (|b|+1) matrices.
uint32_t Levenshtein(std::string_view a, std::string_view b);
uint32_t Osa(std::string_view a, std::string_view b);
uint32_t Lcs(std::string_view a, std::string_view b);

// Jaro as printed in Winkler 1990 / Wikipedia: window max(|a|,|b|)/2 - 1, greedy matching in
// order of a, t = (out-of-order matches) / 2 rounded down.
double Jaro(std::string_view a, std::string_view b);
// Prefix <= 4 characters, boost only when Jaro > 0.7.
double JaroWinkler(std::string_view a, std::string_view b, double prefix_weight = 0.1);

// Token sets with std::set<std::string>, token_set_ratio with literally built strings.
double TokenJaccard(std::string_view a, std::string_view b);
double TokenSetRatio(std::string_view a, std::string_view b);

// q-gram sets with std::set<std::vector<uint32_t>>, padded with q - 1 markers each side.
double QGramJaccard(std::string_view a, std::string_view b, int q);

}  // namespace idforge::reference
