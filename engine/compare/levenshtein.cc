// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Levenshtein and OSA distances: affix stripping and length checks first, then Hyyrö's
// bit-parallel kernels (bit_parallel.h) for a <= 64-character side, else the DP fallbacks.
#include "engine/compare/levenshtein.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <span>
#include <utility>

#include "engine/compare/chars.h"

namespace idforge::compare {
namespace {

using internal::DecodedText;
using internal::kWordBits;

template <EditMetric kMetric, typename Masks, typename C>
uint32_t BitParallel(const Masks& masks, size_t m, std::span<const C> text, uint64_t max) {
  if constexpr (kMetric == EditMetric::kLevenshtein) {
    return internal::LevenshteinHyyro(masks, m, text, max);
  } else {
    return internal::OsaHyyro(masks, m, text, max);
  }
}

uint64_t LengthGap(size_t x, size_t y) { return x > y ? x - y : y - x; }

template <EditMetric kMetric, typename C>
uint32_t DistanceImpl(std::span<const C> a, std::span<const C> b, uint64_t max) {
  // A common prefix or suffix never takes part in an optimal alignment (Levenshtein and OSA):
  // dropping it shortens the pattern, often below the 64-character word.
  size_t prefix = 0;
  const size_t shorter = std::min(a.size(), b.size());
  while (prefix < shorter && a[prefix] == b[prefix]) ++prefix;
  size_t suffix = 0;
  while (suffix < shorter - prefix && a[a.size() - 1 - suffix] == b[b.size() - 1 - suffix]) {
    ++suffix;
  }
  a = a.subspan(prefix, a.size() - prefix - suffix);
  b = b.subspan(prefix, b.size() - prefix - suffix);
  if (a.size() > b.size()) std::swap(a, b);
  if (b.size() - a.size() > max) return static_cast<uint32_t>(max + 1);
  if (a.empty()) return static_cast<uint32_t>(b.size());
  if (a.size() <= kWordBits) {
    const auto masks = internal::MakeMasks(a, b);
    return BitParallel<kMetric>(masks, a.size(), b, max);
  }
  if constexpr (kMetric == EditMetric::kLevenshtein) {
    return internal::LevenshteinDp(a, b, max);
  } else {
    return internal::OsaDp(a, b, max);
  }
}

double SimilarityFromDistance(uint64_t distance, uint64_t max_distance, size_t max_len,
                              double score_cutoff) {
  if (distance > max_distance) return 0.0;
  const double score =
      max_len == 0 ? 1.0 : 1.0 - static_cast<double>(distance) / static_cast<double>(max_len);
  return score >= score_cutoff ? score : 0.0;
}

template <EditMetric kMetric>
uint32_t Distance(std::string_view a, std::string_view b, uint32_t max_distance) {
  return internal::WithChars(
      a, b, [&](auto sa, auto sb) { return DistanceImpl<kMetric>(sa, sb, max_distance); });
}

template <EditMetric kMetric>
double Similarity(std::string_view a, std::string_view b, double score_cutoff) {
  return internal::WithChars(a, b, [&](auto sa, auto sb) {
    const size_t max_len = std::max(sa.size(), sb.size());
    const uint32_t max_distance = MaxDistanceForCutoff(score_cutoff, max_len);
    return SimilarityFromDistance(DistanceImpl<kMetric>(sa, sb, max_distance), max_distance,
                                  max_len, score_cutoff);
  });
}

}  // namespace

uint32_t MaxDistanceForCutoff(double score_cutoff, size_t max_len) {
  if (!(score_cutoff > 0.0)) return kNoMaxDistance;
  if (score_cutoff > 1.0) return 0;
  // floor((1 - cutoff) * max_len), nudged up so that rounding never makes the limit too tight
  // (SimilarityFromDistance re-checks the exact score).
  const double allowed = (1.0 - score_cutoff) * static_cast<double>(max_len) + 1e-6;
  return static_cast<uint32_t>(std::min(std::floor(allowed), 4294967294.0));
}

uint32_t LevenshteinDistance(std::string_view a, std::string_view b, uint32_t max_distance) {
  return Distance<EditMetric::kLevenshtein>(a, b, max_distance);
}

double LevenshteinSimilarity(std::string_view a, std::string_view b, double score_cutoff) {
  return Similarity<EditMetric::kLevenshtein>(a, b, score_cutoff);
}

uint32_t OsaDistance(std::string_view a, std::string_view b, uint32_t max_distance) {
  return Distance<EditMetric::kOsa>(a, b, max_distance);
}

double OsaSimilarity(std::string_view a, std::string_view b, double score_cutoff) {
  return Similarity<EditMetric::kOsa>(a, b, score_cutoff);
}

template <EditMetric kMetric>
CachedEditDistance<kMetric>::CachedEditDistance(std::string_view pattern)
    : pattern_(pattern), ascii_(internal::IsAscii(pattern)) {
  const DecodedText chars(pattern_);
  length_ = chars.size();
  if (length_ > kWordBits) return;
  masks_ = ascii_ ? internal::PatternMasks(chars.bytes()) : internal::PatternMasks(chars.wide());
}

template <EditMetric kMetric>
template <typename C>
uint32_t CachedEditDistance<kMetric>::DistanceImpl(std::span<const C> text,
                                                   uint64_t max_distance) const {
  if (LengthGap(length_, text.size()) > max_distance) {
    return static_cast<uint32_t>(max_distance + 1);
  }
  return BitParallel<kMetric>(masks_, length_, text, max_distance);
}

template <EditMetric kMetric>
uint32_t CachedEditDistance<kMetric>::Distance(std::string_view text, uint32_t max_distance) const {
  if (length_ > kWordBits) return compare::Distance<kMetric>(pattern_, text, max_distance);
  const DecodedText chars(text);
  return chars.ascii() ? DistanceImpl(chars.bytes(), max_distance)
                       : DistanceImpl(chars.wide(), max_distance);
}

template <EditMetric kMetric>
double CachedEditDistance<kMetric>::Similarity(std::string_view text, double score_cutoff) const {
  if (length_ > kWordBits) return compare::Similarity<kMetric>(pattern_, text, score_cutoff);
  const DecodedText chars(text);
  const size_t max_len = std::max(length_, chars.size());
  const uint32_t max_distance = MaxDistanceForCutoff(score_cutoff, max_len);
  const uint32_t distance = chars.ascii() ? DistanceImpl(chars.bytes(), max_distance)
                                          : DistanceImpl(chars.wide(), max_distance);
  return SimilarityFromDistance(distance, max_distance, max_len, score_cutoff);
}

template class CachedEditDistance<EditMetric::kLevenshtein>;
template class CachedEditDistance<EditMetric::kOsa>;

}  // namespace idforge::compare
