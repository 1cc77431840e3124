// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Jaro (1989) and Jaro-Winkler (Winkler 1990) similarity, the classic name comparator of record
// linkage. Characters are Unicode code points (see chars.h): `jérôme` has 6, and ASCII input is
// read as bytes without decoding. CachedJaroWinkler prepares one side once, as rapidfuzz does.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/compare/bit_parallel.h"

namespace idforge::compare {

// Jaro similarity in [0, 1]: with m characters matching within a window of
// max(|a|, |b|) / 2 - 1 positions (at least 0) and t = (matched characters out of order) / 2,
// rounded down as rapidfuzz and jellyfish do,
//   J = (m / |a| + m / |b| + (m - t) / m) / 3,   and 0 when m = 0.
// Two empty strings give 1; one empty string gives 0. Symmetric, pure and thread-safe.
// O(|a| + |b|) words when the shorter string has <= 64 characters (bit-parallel), else
// O(|a| * window). No heap allocation up to 128 characters per string.
double JaroSimilarity(std::string_view a, std::string_view b);

// Jaro-Winkler, Winkler 1990's variant: with l = the common prefix length capped at 4 and
// p = prefix_weight,  JW = J + l * p * (1 - J),  and the boost applies only when J > 0.7
// (Winkler's "boost threshold"), so strings that merely share a first letter are not lifted.
// REQUIRES: 0 <= prefix_weight <= 0.25 (keeps JW <= 1).
//
// score_cutoff: returns 0 when JW < score_cutoff, else exactly the uncut JW. It lets the kernel
// stop early: after the length bound (before any matching) and after counting matches.
double JaroWinklerSimilarity(std::string_view a, std::string_view b, double prefix_weight = 0.1,
                             double score_cutoff = 0.0);

// Jaro-Winkler against one fixed pattern (the probe record's value). Owns a copy of the pattern
// and its bit masks (~3.5 KB); immutable after construction, so one object may be used from many
// threads. Similarity() equals JaroWinklerSimilarity(pattern, text, prefix_weight, cutoff) and
// never allocates for texts of <= 128 characters.
//
// Performance: the pattern's position masks are built once, so each comparison is one pass over
// the text with a few word operations per character (BM_CachedJaroWinkler_PersonNames vs
// BM_JaroWinkler_PersonNames). Patterns over 64 characters fall back to the uncached function.
class CachedJaroWinkler {
 public:
  explicit CachedJaroWinkler(std::string_view pattern, double prefix_weight = 0.1);

  double Similarity(std::string_view text, double score_cutoff = 0.0) const;
  const std::string& pattern() const { return pattern_; }

 private:
  template <typename C>
  double SimilarityImpl(std::span<const C> text, double score_cutoff) const;

  std::string pattern_;
  double prefix_weight_;
  bool ascii_;
  std::vector<uint32_t> wide_;  // the pattern's code points when !ascii_
  size_t length_;               // in characters
  internal::PatternMasks masks_;
};

}  // namespace idforge::compare
