// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Hash grouping, the profile's one counting tool: the distinct values of a column, how many rows
// hold each, and the first such row, without sorting the column. Private to engine/profile.
#pragma once

#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/parallel_for.h>

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "engine/common/exec_context.h"

namespace idforge::profile {

inline constexpr uint32_t kNoRow = UINT32_MAX;

// The value of one row, as its 64-bit hash; row == kNoRow when the row has no value.
struct HashedRow {
  uint64_t hash = 0;
  uint32_t row = kNoRow;
};

// One distinct hash: how many rows hold it, and the first of them (its representative).
struct HashGroup {
  uint64_t hash = 0;
  uint32_t count = 0;
  uint32_t row = 0;
};

// Reusable buffers for GroupByHash(). Performance: one per ProfileTable() call, so that each
// column does not allocate (and page-fault in) 48 bytes a row anew: that was a fifth of the
// stage's time. Not thread-safe; grows to the largest input it has seen.
struct GroupScratch {
  std::vector<HashedRow> hashed;
  std::vector<HashedRow> partitioned;
  std::vector<HashGroup> groups;
  std::vector<uint32_t> cursor;
};

// The groups of one column; a view into the GroupScratch it was computed in, valid until that
// scratch is used again.
struct HashGroups {
  uint64_t rows = 0;                  // rows with a value
  std::span<const HashGroup> groups;  // one per distinct hash, ascending by hash when asked for
};

// Groups the rows of scratch.hashed[0, n) that have a value by hash. The groups are in an order
// fixed by the input alone (ascending by hash when `sort_by_hash`), so the result is the same
// for any thread count.
//
// Performance: O(n), no sort of the column. The rows are scattered (stably, in fixed chunks) into
// partitions by the top bits of their hash, each small enough that counting it in an
// open-addressing table stays in L1/L2; partitions are counted in parallel on ctx's arena. It
// replaced a parallel sort of the (hash, row) pairs, ~3x slower for the whole stage at 1M
// records (profile_benchmark: BM_ProfileTable_Job).
HashGroups GroupHashedRows(size_t n, bool sort_by_hash, GroupScratch& scratch, ExecContext& ctx);

// Hashes rows [begin, end) with `hash_row(row, scratch) -> HashedRow` on ctx's arena (`scratch`:
// a std::string per task, for values that must be built before they are hashed), then
// GroupHashedRows().
template <typename HashRow>
HashGroups GroupByHash(uint32_t begin, uint32_t end, bool sort_by_hash, GroupScratch& scratch,
                       ExecContext& ctx, HashRow hash_row) {
  if (scratch.hashed.size() < end - begin) scratch.hashed.resize(end - begin);
  HashedRow* const hashed = scratch.hashed.data();
  ctx.task_arena().execute([&] {
    tbb::parallel_for(tbb::blocked_range<uint32_t>(begin, end, 4096),
                      [&](const tbb::blocked_range<uint32_t>& chunk) {
                        std::string text;  // one buffer per task, not per value
                        for (uint32_t row = chunk.begin(); row < chunk.end(); ++row) {
                          hashed[row - begin] = hash_row(row, text);
                        }
                      });
  });
  return GroupHashedRows(end - begin, sort_by_hash, scratch, ctx);
}

}  // namespace idforge::profile
