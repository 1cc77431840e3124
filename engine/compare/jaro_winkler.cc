// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Jaro and Jaro-Winkler: a bit-parallel match search when the shorter string has <= 64
// characters (rapidfuzz's technique), the textbook flag arrays otherwise.
#include "engine/compare/jaro_winkler.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>

#include "engine/compare/chars.h"

namespace idforge::compare {
namespace {

using internal::DecodedText;
using internal::InlineBuffer;
using internal::kWordBits;
using internal::LowBits;

constexpr double kBoostThreshold = 0.7;  // Winkler 1990
constexpr size_t kMaxPrefix = 4;
// Early exits compare bounds against a cutoff lowered by this much, so rounding in a derived
// cutoff never rejects a pair whose exact score reaches it; the final test is exact.
constexpr double kCutoffSlack = 1e-9;

size_t MatchWindow(size_t len_a, size_t len_b) {
  const size_t longer = std::max(len_a, len_b);
  return longer / 2 > 0 ? longer / 2 - 1 : 0;
}

double JaroFromCounts(size_t matches, size_t transpositions, size_t len_a, size_t len_b) {
  if (matches == 0) return 0.0;
  const auto m = static_cast<double>(matches);
  return (m / static_cast<double>(len_a) + m / static_cast<double>(len_b) +
          (m - static_cast<double>(transpositions)) / m) /
         3.0;
}

template <typename A, typename B>
size_t CommonPrefix(std::span<const A> a, std::span<const B> b) {
  const size_t limit = std::min({a.size(), b.size(), kMaxPrefix});
  size_t len = 0;
  while (len < limit && static_cast<uint32_t>(a[len]) == static_cast<uint32_t>(b[len])) ++len;
  return len;
}

// The Jaro cutoff implied by a Jaro-Winkler cutoff (a necessary condition, minus the slack).
double JaroCutoff(double score_cutoff, size_t prefix, double prefix_weight) {
  if (score_cutoff <= kBoostThreshold) return score_cutoff - kCutoffSlack;
  const double lp = static_cast<double>(prefix) * prefix_weight;
  double needed = kBoostThreshold;  // without the boost JW = J <= 0.7 < cutoff
  if (lp < 1.0) needed = std::max(needed, (score_cutoff - lp) / (1.0 - lp));
  return needed - kCutoffSlack;
}

double ApplyBoost(double jaro, size_t prefix, double prefix_weight, double score_cutoff) {
  double score = jaro;
  if (jaro > kBoostThreshold) score += static_cast<double>(prefix) * prefix_weight * (1.0 - jaro);
  return score >= score_cutoff ? score : 0.0;
}

// Pattern of m (1..64) characters as masks, text of n >= 1 characters. For each text character
// in order, the lowest unmatched pattern position inside its window is claimed (the textbook
// greedy, one AND per character). Matched text characters are kept in order (at most m <= 64),
// and transpositions compare them with the pattern's matched positions in order.
template <typename Masks, typename C>
double JaroBitParallel(const Masks& pm, size_t m, std::span<const C> text, double jaro_cutoff) {
  const size_t n = text.size();
  const bool has_cutoff = jaro_cutoff > 0.0;
  if (has_cutoff && JaroFromCounts(std::min(m, n), 0, m, n) < jaro_cutoff) return 0.0;
  const size_t window = MatchWindow(m, n);
  uint64_t pattern_flags = 0;
  C matched[kWordBits + 1];  // one spare slot: the branchless store below writes before testing
  size_t match_count = 0;
  // Performance: no branch on "found a match" (it is data-dependent and mispredicts on names);
  // the lowest candidate bit is 0 when there is none, and the count only moves on a match.
  for (size_t text_idx = 0; text_idx < n; ++text_idx) {
    const size_t lo = text_idx > window ? text_idx - window : 0;
    if (lo >= m) break;
    const size_t hi = std::min(text_idx + window, m - 1);
    const uint64_t bound = LowBits(hi + 1) & ~LowBits(lo);
    const uint64_t candidates = pm.Get(text[text_idx]) & bound & ~pattern_flags;
    const uint64_t lowest = candidates & (~candidates + 1);
    pattern_flags |= lowest;
    matched[match_count] = text[text_idx];
    match_count += lowest != 0;
  }
  if (match_count == 0) return 0.0;
  if (has_cutoff && JaroFromCounts(match_count, 0, m, n) < jaro_cutoff) return 0.0;
  size_t out_of_order = 0;
  for (size_t match_idx = 0; match_idx < match_count; ++match_idx) {
    const uint64_t bit = pattern_flags & (~pattern_flags + 1);
    out_of_order += (pm.Get(matched[match_idx]) & bit) == 0;
    pattern_flags ^= bit;
  }
  return JaroFromCounts(match_count, out_of_order / 2, m, n);
}

// The textbook algorithm, for two strings longer than 64 characters. O(|a| * window).
template <typename C>
double JaroTextbook(std::span<const C> a, std::span<const C> b, double jaro_cutoff) {
  if (JaroFromCounts(std::min(a.size(), b.size()), 0, a.size(), b.size()) < jaro_cutoff) {
    return 0.0;
  }
  const size_t window = MatchWindow(a.size(), b.size());
  InlineBuffer<uint8_t, 2 * internal::kInlineChars> buffer;
  uint8_t* a_flags = buffer.Reserve(a.size() + b.size());
  uint8_t* b_flags = a_flags + a.size();
  std::fill(a_flags, a_flags + a.size() + b.size(), uint8_t{0});
  size_t matches = 0;
  for (size_t a_idx = 0; a_idx < a.size(); ++a_idx) {
    const size_t lo = a_idx > window ? a_idx - window : 0;
    const size_t hi = std::min(a_idx + window + 1, b.size());
    for (size_t b_idx = lo; b_idx < hi; ++b_idx) {
      if (b_flags[b_idx] == 0 && a[a_idx] == b[b_idx]) {
        a_flags[a_idx] = b_flags[b_idx] = 1;
        ++matches;
        break;
      }
    }
  }
  if (matches == 0 || JaroFromCounts(matches, 0, a.size(), b.size()) < jaro_cutoff) return 0.0;
  size_t out_of_order = 0;
  size_t b_idx = 0;
  for (size_t a_idx = 0; a_idx < a.size(); ++a_idx) {
    if (a_flags[a_idx] == 0) continue;
    while (b_flags[b_idx] == 0) ++b_idx;
    out_of_order += a[a_idx] != b[b_idx];
    ++b_idx;
  }
  return JaroFromCounts(matches, out_of_order / 2, a.size(), b.size());
}

template <typename C>
double JaroImpl(std::span<const C> a, std::span<const C> b, double jaro_cutoff) {
  if (a.empty() || b.empty()) return a.empty() && b.empty() ? 1.0 : 0.0;
  // The shorter string becomes the pattern; the text is the longer one (the text side of the
  // bit-parallel kernel has no length limit).
  std::span<const C> pattern = a.size() <= b.size() ? a : b;
  std::span<const C> text = a.size() <= b.size() ? b : a;
  if (pattern.size() > kWordBits) return JaroTextbook(text, pattern, jaro_cutoff);
  const auto masks = internal::MakeMasks(pattern, text);
  return JaroBitParallel(masks, pattern.size(), text, jaro_cutoff);
}

}  // namespace

double JaroSimilarity(std::string_view a, std::string_view b) {
  return internal::WithChars(a, b, [](auto sa, auto sb) { return JaroImpl(sa, sb, 0.0); });
}

double JaroWinklerSimilarity(std::string_view a, std::string_view b, double prefix_weight,
                             double score_cutoff) {
  return internal::WithChars(a, b, [&](auto sa, auto sb) {
    const size_t prefix = CommonPrefix(sa, sb);
    const double jaro = JaroImpl(sa, sb, JaroCutoff(score_cutoff, prefix, prefix_weight));
    return ApplyBoost(jaro, prefix, prefix_weight, score_cutoff);
  });
}

CachedJaroWinkler::CachedJaroWinkler(std::string_view pattern, double prefix_weight)
    : pattern_(pattern), prefix_weight_(prefix_weight), ascii_(internal::IsAscii(pattern)) {
  if (ascii_) {
    length_ = pattern_.size();
    if (length_ <= kWordBits) {
      masks_ = internal::PatternMasks(std::span<const uint8_t>(
          reinterpret_cast<const uint8_t*>(pattern_.data()), pattern_.size()));
    }
  } else {
    wide_.resize(pattern_.size());
    wide_.resize(internal::DecodeUtf8(pattern_, wide_.data()));
    length_ = wide_.size();
    if (length_ <= kWordBits) masks_ = internal::PatternMasks(std::span<const uint32_t>(wide_));
  }
}

template <typename C>
double CachedJaroWinkler::SimilarityImpl(std::span<const C> text, double score_cutoff) const {
  size_t prefix;
  if (ascii_) {
    prefix = CommonPrefix(std::span<const uint8_t>(
                              reinterpret_cast<const uint8_t*>(pattern_.data()), pattern_.size()),
                          text);
  } else {
    prefix = CommonPrefix(std::span<const uint32_t>(wide_), text);
  }
  double jaro;
  if (length_ == 0 || text.empty()) {
    jaro = length_ == 0 && text.empty() ? 1.0 : 0.0;
  } else {
    jaro = JaroBitParallel(masks_, length_, text, JaroCutoff(score_cutoff, prefix, prefix_weight_));
  }
  return ApplyBoost(jaro, prefix, prefix_weight_, score_cutoff);
}

double CachedJaroWinkler::Similarity(std::string_view text, double score_cutoff) const {
  if (length_ > kWordBits)
    return JaroWinklerSimilarity(pattern_, text, prefix_weight_, score_cutoff);
  const DecodedText chars(text);
  return chars.ascii() ? SimilarityImpl(chars.bytes(), score_cutoff)
                       : SimilarityImpl(chars.wide(), score_cutoff);
}

}  // namespace idforge::compare
