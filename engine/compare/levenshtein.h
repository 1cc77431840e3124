// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Edit distances: Levenshtein (insert, delete, substitute) and optimal string alignment (OSA,
// the "restricted" Damerau-Levenshtein: also swapping two adjacent characters, but no character
// is edited twice, so OSA("ca", "abc") = 3 where unrestricted Damerau gives 2). Characters are
// Unicode code points (chars.h). Cached* scorers prepare one side once, as rapidfuzz does.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

#include "engine/compare/bit_parallel.h"

namespace idforge::compare {

inline constexpr uint32_t kNoMaxDistance = std::numeric_limits<uint32_t>::max();

// Levenshtein distance between a and b, or max_distance + 1 as soon as it is certain to exceed
// max_distance (never computed further). Pure and thread-safe.
// Complexity: common prefix and suffix are skipped; then O(n) word operations with Hyyrö's
// bit-parallel algorithm when the shorter remainder has <= 64 characters, else an
// O(|a| * |b|) DP that stops once a row exceeds max_distance. A length difference above
// max_distance returns at once. No heap allocation up to 128 characters per string.
uint32_t LevenshteinDistance(std::string_view a, std::string_view b,
                             uint32_t max_distance = kNoMaxDistance);

// 1 - distance / max(|a|, |b|) in [0, 1] (1 for two empty strings). Returns 0 when below
// score_cutoff, else exactly the uncut value; the cutoff becomes a max_distance, so the kernel
// stops early.
double LevenshteinSimilarity(std::string_view a, std::string_view b, double score_cutoff = 0.0);

// OSA distance (see above); same contract, complexity and early exit as LevenshteinDistance.
uint32_t OsaDistance(std::string_view a, std::string_view b,
                     uint32_t max_distance = kNoMaxDistance);

// 1 - OsaDistance / max(|a|, |b|); same contract as LevenshteinSimilarity.
double OsaSimilarity(std::string_view a, std::string_view b, double score_cutoff = 0.0);

// The metric a CachedEditDistance computes.
enum class EditMetric { kLevenshtein, kOsa };

// An edit distance against one fixed pattern (the probe record's value). Owns a copy of the
// pattern and its bit masks (~3.5 KB); immutable after construction, so one object may be used from
// many threads. Results equal the uncached functions; no allocation for texts of <= 128
// characters.
//
// Performance: with the masks built once, a comparison is one pass over the text at a few word
// operations per character (BM_CachedLevenshtein_Cutoff2 vs BM_Levenshtein_Emails). Patterns over
// 64 characters fall back to the uncached function.
template <EditMetric kMetric>
class CachedEditDistance {
 public:
  explicit CachedEditDistance(std::string_view pattern);

  uint32_t Distance(std::string_view text, uint32_t max_distance = kNoMaxDistance) const;
  double Similarity(std::string_view text, double score_cutoff = 0.0) const;
  const std::string& pattern() const { return pattern_; }

 private:
  template <typename C>
  uint32_t DistanceImpl(std::span<const C> text, uint64_t max_distance) const;

  std::string pattern_;
  bool ascii_;
  size_t length_;  // in characters
  internal::PatternMasks masks_;
};

using CachedLevenshtein = CachedEditDistance<EditMetric::kLevenshtein>;
using CachedOsa = CachedEditDistance<EditMetric::kOsa>;

extern template class CachedEditDistance<EditMetric::kLevenshtein>;
extern template class CachedEditDistance<EditMetric::kOsa>;

// The largest distance whose similarity 1 - d / max_len still reaches score_cutoff
// (kNoMaxDistance when score_cutoff <= 0). Shared by the scorers so their cutoffs agree.
uint32_t MaxDistanceForCutoff(double score_cutoff, size_t max_len);

}  // namespace idforge::compare
