// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Private to engine/compare: the bit-parallel kernels over a pattern of at most 64 characters
// (one machine word per text character), their pattern masks, and the plain dynamic-programming
// fallbacks for longer strings. Templates over the character type (uint8_t or uint32_t); the
// public wrappers in levenshtein.cc, jaro_winkler.cc and token_set.cc choose the instantiation.
#pragma once

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <span>

#include "engine/compare/chars.h"

namespace idforge::compare::internal {

inline constexpr size_t kWordBits = 64;

// For each character c of a pattern (<= 64 characters), the bit set of positions holding c.
// Code points < 256 use a direct table; larger ones an open-addressing map of 128 slots, which
// never fills because a pattern has at most 64 distinct characters (rapidfuzz's
// PatternMatchVector). A value type: build once, read from any number of threads.
class PatternMasks {
 public:
  PatternMasks() = default;

  // REQUIRES: pattern.size() <= 64.
  template <typename C>
  explicit PatternMasks(std::span<const C> pattern) {
    uint64_t bit = 1;
    for (const C c : pattern) {
      Insert(c, bit);
      bit <<= 1;
    }
  }

  template <typename C>
  uint64_t Get(C c) const {
    if constexpr (sizeof(C) == 1) {
      return table_[c];
    } else {
      if (c < 256) return table_[c];
      if (!has_wide_) return 0;
      return values_[Find(c)];
    }
  }

 private:
  static constexpr size_t kSlots = 128;

  template <typename C>
  void Insert(C c, uint64_t bit) {
    if (c < 256) {
      table_[c] |= bit;
      return;
    }
    has_wide_ = true;
    const size_t slot = Find(static_cast<uint32_t>(c));
    keys_[slot] = static_cast<uint32_t>(c);
    values_[slot] |= bit;
  }

  // The slot holding `c`, or the empty slot where it would go (keys are >= 256, so 0 = empty).
  size_t Find(uint32_t c) const {
    size_t slot = (c * 0x9E37'79B1u) >> 25;  // 7 bits of a multiplicative hash
    while (keys_[slot] != 0 && keys_[slot] != c) slot = (slot + 1) % kSlots;
    return slot;
  }

  uint64_t table_[256] = {};
  bool has_wide_ = false;
  uint32_t keys_[kSlots] = {};
  uint64_t values_[kSlots] = {};
};

// PatternMasks for an ASCII (byte) pattern built per call, next to the text it will be matched
// against: only the table entries of characters in the pattern or the text are written, and
// only those are ever read (every kernel looks up text characters only).
// REQUIRES: Get(c) only for characters c of `text` or `pattern`; pattern.size() <= 64.
//
// Performance: zeroing the 2 KB table on every call is several times the kernel's own work
// on a 13-character name; this writes 2 * (|pattern| + |text|) entries. perf on
// BM_JaroWinkler_PersonNames showed the zeroing as the top cost before the change.
class ByteMasks {
 public:
  ByteMasks(std::span<const uint8_t> pattern, std::span<const uint8_t> text) {
    for (const uint8_t c : text) table_[c] = 0;
    for (const uint8_t c : pattern) table_[c] = 0;
    uint64_t bit = 1;
    for (const uint8_t c : pattern) {
      table_[c] |= bit;
      bit <<= 1;
    }
  }

  uint64_t Get(uint8_t c) const { return table_[c]; }

 private:
  uint64_t table_[256];  // deliberately uninitialized: see the class comment
};

// Builds the per-call masks of `pattern` for matching against `text`.
inline ByteMasks MakeMasks(std::span<const uint8_t> pattern, std::span<const uint8_t> text) {
  return ByteMasks(pattern, text);
}
inline PatternMasks MakeMasks(std::span<const uint32_t> pattern, std::span<const uint32_t>) {
  return PatternMasks(pattern);
}

// The lowest `n` bits set. REQUIRES: n <= 64.
inline uint64_t LowBits(size_t n) { return n >= kWordBits ? ~uint64_t{0} : (uint64_t{1} << n) - 1; }

// ---------------------------------------------------------------------------------------------
// Levenshtein: Myers 1999 in Hyyrö's 2003 formulation. Column j of the DP matrix is kept as the
// vertical deltas VP/VN; `dist` tracks its last cell D[m][j], which moves by at most one per text
// character, so once dist - (characters left) > max the result cannot come back under max.
// O(n) words for a pattern of m <= 64 characters. Returns max + 1 when the distance exceeds max.
template <typename Masks, typename C>
uint32_t LevenshteinHyyro(const Masks& pm, size_t m, std::span<const C> text, uint64_t max) {
  if (m == 0)
    return text.size() <= max ? static_cast<uint32_t>(text.size()) : static_cast<uint32_t>(max + 1);
  uint64_t vp = LowBits(m);
  uint64_t vn = 0;
  const uint64_t last = uint64_t{1} << (m - 1);
  uint64_t dist = m;
  uint64_t left = text.size();
  for (const C c : text) {
    --left;
    const uint64_t x = pm.Get(c);
    const uint64_t d0 = (((x & vp) + vp) ^ vp) | x | vn;
    uint64_t hp = vn | ~(d0 | vp);
    uint64_t hn = d0 & vp;
    dist += (hp & last) != 0;
    dist -= (hn & last) != 0;
    if (dist > max + left) return static_cast<uint32_t>(max + 1);
    hp = (hp << 1) | 1;
    hn <<= 1;
    vp = hn | ~(d0 | hp);
    vn = hp & d0;
  }
  return static_cast<uint32_t>(dist);
}

// Optimal string alignment (restricted Damerau: adjacent transpositions, no edit of a transposed
// pair), Hyyrö 2003 "A bit-vector algorithm for computing Levenshtein and Damerau edit
// distances": the Levenshtein recurrence plus a transposition term TR from the previous column's
// match mask. Same complexity and early exit as LevenshteinHyyro.
template <typename Masks, typename C>
uint32_t OsaHyyro(const Masks& pm, size_t m, std::span<const C> text, uint64_t max) {
  if (m == 0)
    return text.size() <= max ? static_cast<uint32_t>(text.size()) : static_cast<uint32_t>(max + 1);
  uint64_t vp = LowBits(m);
  uint64_t vn = 0;
  uint64_t d0 = 0;
  uint64_t pm_prev = 0;
  const uint64_t last = uint64_t{1} << (m - 1);
  uint64_t dist = m;
  uint64_t left = text.size();
  for (const C c : text) {
    --left;
    const uint64_t pm_j = pm.Get(c);
    const uint64_t tr = (((~d0) & pm_j) << 1) & pm_prev;
    d0 = ((((pm_j & vp) + vp) ^ vp) | pm_j | vn) | tr;
    uint64_t hp = vn | ~(d0 | vp);
    uint64_t hn = d0 & vp;
    dist += (hp & last) != 0;
    dist -= (hn & last) != 0;
    if (dist > max + left) return static_cast<uint32_t>(max + 1);
    hp = (hp << 1) | 1;
    hn <<= 1;
    vp = hn | ~(d0 | hp);
    vn = hp & d0;
    pm_prev = pm_j;
  }
  return static_cast<uint32_t>(dist);
}

// Longest common subsequence, Hyyrö 2004 (Allison–Dix): S holds the unmatched pattern positions.
template <typename Masks, typename C>
uint32_t LcsHyyro(const Masks& pm, size_t m, std::span<const C> text) {
  uint64_t s = ~uint64_t{0};
  for (const C c : text) {
    const uint64_t u = s & pm.Get(c);
    s = (s + u) | (s - u);
  }
  return static_cast<uint32_t>(std::popcount(~s & LowBits(m)));
}

// ---- Plain DP fallbacks (both strings longer than 64 characters: rare in customer data). ----

// Levenshtein with one row of the DP matrix; stops once a whole row exceeds max.
// O(|a| * |b|) time, O(|b|) memory (inline up to 128 characters).
template <typename C>
uint32_t LevenshteinDp(std::span<const C> a, std::span<const C> b, uint64_t max) {
  InlineBuffer<uint64_t, kInlineChars + 1> buffer;
  uint64_t* row = buffer.Reserve(b.size() + 1);
  for (size_t col = 0; col <= b.size(); ++col) row[col] = col;
  for (size_t a_idx = 0; a_idx < a.size(); ++a_idx) {
    uint64_t diag = row[0];
    row[0] = a_idx + 1;
    uint64_t row_min = row[0];
    for (size_t b_idx = 0; b_idx < b.size(); ++b_idx) {
      const uint64_t up = row[b_idx + 1];
      const uint64_t sub = diag + (a[a_idx] != b[b_idx]);
      row[b_idx + 1] = std::min({sub, up + 1, row[b_idx] + 1});
      diag = up;
      row_min = std::min(row_min, row[b_idx + 1]);
    }
    if (row_min > max) return static_cast<uint32_t>(max + 1);
  }
  return row[b.size()] <= max ? static_cast<uint32_t>(row[b.size()])
                              : static_cast<uint32_t>(max + 1);
}

// OSA with three rows. A whole row above max cannot recover: a transposition reads two rows back,
// but costs 1 from a cell that was itself above max - 1 when both rows exceed max.
template <typename C>
uint32_t OsaDp(std::span<const C> a, std::span<const C> b, uint64_t max) {
  const size_t width = b.size() + 1;
  InlineBuffer<uint64_t, 3 * (kInlineChars + 1)> buffer;
  uint64_t* rows = buffer.Reserve(3 * width);
  uint64_t* prev2 = rows;
  uint64_t* prev = rows + width;
  uint64_t* cur = rows + 2 * width;
  for (size_t col = 0; col < width; ++col) prev[col] = col;
  uint64_t prev_min = 0;
  for (size_t a_idx = 0; a_idx < a.size(); ++a_idx) {
    cur[0] = a_idx + 1;
    uint64_t row_min = cur[0];
    for (size_t b_idx = 0; b_idx < b.size(); ++b_idx) {
      const uint64_t cost = a[a_idx] != b[b_idx];
      uint64_t best = std::min({prev[b_idx] + cost, prev[b_idx + 1] + 1, cur[b_idx] + 1});
      if (a_idx > 0 && b_idx > 0 && a[a_idx] == b[b_idx - 1] && a[a_idx - 1] == b[b_idx]) {
        best = std::min(best, prev2[b_idx - 1] + 1);
      }
      cur[b_idx + 1] = best;
      row_min = std::min(row_min, best);
    }
    if (row_min > max && prev_min > max) return static_cast<uint32_t>(max + 1);
    prev_min = row_min;
    uint64_t* const recycled = prev2;
    prev2 = prev;
    prev = cur;
    cur = recycled;
  }
  return prev[b.size()] <= max ? static_cast<uint32_t>(prev[b.size()])
                               : static_cast<uint32_t>(max + 1);
}

// LCS length with one row. O(|a| * |b|).
template <typename C>
uint32_t LcsDp(std::span<const C> a, std::span<const C> b) {
  InlineBuffer<uint32_t, kInlineChars + 1> buffer;
  uint32_t* row = buffer.Reserve(b.size() + 1);
  std::fill(row, row + b.size() + 1, 0u);
  for (size_t a_idx = 0; a_idx < a.size(); ++a_idx) {
    uint32_t diag = 0;
    for (size_t b_idx = 0; b_idx < b.size(); ++b_idx) {
      const uint32_t up = row[b_idx + 1];
      row[b_idx + 1] = a[a_idx] == b[b_idx] ? diag + 1 : std::max(up, row[b_idx]);
      diag = up;
    }
  }
  return row[b.size()];
}

}  // namespace idforge::compare::internal
