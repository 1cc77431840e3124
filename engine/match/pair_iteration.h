// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// The pairs a block proposes: all pairs of an ordinary block, or each member with its next
// `window` neighbours in a generic (oversized) block, so generic values cost O(n * window).
#pragma once

#include <algorithm>
#include <cstdint>
#include <utility>

#include "engine/block/block_index.h"

namespace idforge::match {

// Calls fn(a, b) with a < b for every pair block `b` of rule `r` proposes, and prefetch(row)
// for the member that comes a few pairs later, so its record is in cache by then (the pairs of
// a block join scattered records).
template <typename Fn, typename Prefetch>
void ForEachPairInBlock(const block::BlockIndex& index, size_t rule, uint32_t block, Fn&& fn,
                        Prefetch&& prefetch) {
  constexpr size_t kAhead = 4;
  const auto members = index.members(rule, block);
  const size_t size = members.size();
  if (index.is_generic(rule, block)) {
    const size_t window = index.generic_window();
    for (size_t i = 0; i < size; ++i) {
      const size_t last = std::min(size - 1, i + window);
      if (last + 1 < size) prefetch(members[last + 1]);  // the next member's window adds it
      for (size_t j = i + 1; j <= last; ++j) {
        fn(std::min(members[i], members[j]), std::max(members[i], members[j]));
      }
    }
    return;
  }
  for (size_t i = 0; i < size; ++i) {
    for (size_t j = i + 1; j < size; ++j) {
      // Ahead in this row of pairs, or at the start of the next row (member i + 2 onwards).
      const size_t ahead = j + kAhead < size ? j + kAhead : i + 2 + (j + kAhead - size);
      if (ahead < size) prefetch(members[ahead]);
      fn(members[i], members[j]);
    }
  }
}

template <typename Fn>
void ForEachPairInBlock(const block::BlockIndex& index, size_t rule, uint32_t block, Fn&& fn) {
  ForEachPairInBlock(index, rule, block, std::forward<Fn>(fn), [](uint32_t) {});
}

// Calls prefetch(row) for the first members of a block a pair loop will reach soon: most
// blocks are small, so prefetching within a block alone would miss most pairs.
template <typename Prefetch>
void PrefetchBlock(const block::BlockIndex& index, size_t rule, uint32_t block, Prefetch&& prefetch) {
  constexpr size_t kMembers = 4;
  const auto members = index.members(rule, block);
  for (size_t i = 0; i < std::min(members.size(), kMembers); ++i) prefetch(members[i]);
}

// Number of pairs ForEachPairInBlock() visits.
inline uint64_t PairsInBlock(const block::BlockIndex& index, size_t rule, uint32_t block) {
  const uint64_t size = index.members(rule, block).size();
  if (index.is_generic(rule, block)) {
    const uint64_t window = index.generic_window();
    uint64_t pairs = 0;
    for (uint64_t i = 0; i < size; ++i) pairs += std::min<uint64_t>(window, size - 1 - i);
    return pairs;
  }
  return size * (size - 1) / 2;
}

}  // namespace idforge::match
