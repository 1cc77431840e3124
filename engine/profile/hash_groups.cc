// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
#include "engine/profile/hash_groups.h"

#include <algorithm>
#include <bit>

#include "engine/common/check.h"

namespace idforge::profile {
namespace {

// Partitions hold about this many rows, so that a partition's table (16 bytes a slot, load at
// most 1/2) stays in L2.
constexpr size_t kRowsPerPartition = 2048;
constexpr int kMaxPartitionBits = 12;
// At most this many scatter chunks, so the per-chunk histograms stay small.
constexpr size_t kMaxChunks = 128;
constexpr size_t kMinChunkRows = 16384;

int PartitionBits(size_t rows) {
  if (rows <= 2 * kRowsPerPartition) return 0;
  return std::min(kMaxPartitionBits,
                  static_cast<int>(std::bit_width((rows - 1) / kRowsPerPartition)));
}

// Counts rows into groups in an open-addressing table keyed by hash (linear probing, load <= 1/2).
// Groups come out in first-seen order, so each group's row is its first row in the input order.
// Reusable: the table is left empty after each Count().
class GroupTable {
 public:
  // Writes the groups of `rows` to out[group_count...] and adds their number to group_count.
  // Rows with no value are skipped when kSkipEmpty (else there are none).
  template <bool kSkipEmpty>
  void Count(std::span<const HashedRow> rows, HashGroup* out, size_t& group_count) {
    const size_t capacity = std::bit_ceil(std::max<size_t>(16, rows.size() * 2));
    if (slots_.size() < capacity) slots_.assign(capacity, kEmptySlot);
    const size_t mask = capacity - 1;
    used_.clear();
    for (const HashedRow& entry : rows) {
      if (kSkipEmpty && entry.row == kNoRow) continue;
      for (size_t slot = entry.hash & mask;; slot = (slot + 1) & mask) {
        uint32_t& index = slots_[slot];
        if (index == kEmptySlot) {
          index = static_cast<uint32_t>(used_.size());
          used_.push_back(slot);
          out[group_count + index] = {entry.hash, 1, entry.row};
          break;
        }
        HashGroup& group = out[group_count + index];
        if (group.hash == entry.hash) {
          ++group.count;
          break;
        }
      }
    }
    for (const size_t slot : used_) slots_[slot] = kEmptySlot;
    group_count += used_.size();
  }

 private:
  static constexpr uint32_t kEmptySlot = UINT32_MAX;
  // Slot -> index of its group in the output, whose hash the probe compares: 4-byte slots keep
  // a partition's table in L1, and the output stretch is small and hot too.
  std::vector<uint32_t> slots_;
  std::vector<size_t> used_;
};

void SortByHash(std::span<HashGroup> groups) {
  std::sort(groups.begin(), groups.end(),
            [](const HashGroup& a, const HashGroup& b) { return a.hash < b.hash; });
}

}  // namespace

HashGroups GroupHashedRows(size_t n, bool sort_by_hash, GroupScratch& scratch, ExecContext& ctx) {
  HashGroups result;
  const std::span<const HashedRow> hashed(scratch.hashed.data(), n);
  if (scratch.groups.size() < n) scratch.groups.resize(n);
  const int bits = PartitionBits(n);
  if (bits == 0) {
    // Small input: one table, no scatter.
    size_t group_count = 0;
    GroupTable table;
    table.Count<true>(hashed, scratch.groups.data(), group_count);
    const std::span<HashGroup> groups(scratch.groups.data(), group_count);
    for (const HashedRow& entry : hashed) result.rows += entry.row != kNoRow;
    if (sort_by_hash) SortByHash(groups);
    result.groups = groups;
    return result;
  }

  // Scatter the rows with a value into partitions by the top `bits` of their hash, stably: fixed
  // chunks (a function of n only) each write their rows in order at offsets from a prefix sum.
  const size_t parts = size_t{1} << bits;
  const int shift = 64 - bits;
  const size_t chunk_rows = std::max(kMinChunkRows, (n + kMaxChunks - 1) / kMaxChunks);
  const size_t chunks = (n + chunk_rows - 1) / chunk_rows;
  std::vector<uint32_t>& cursor = scratch.cursor;  // [chunk][partition]
  cursor.assign(chunks * parts, 0);
  auto for_each_chunk = [&](auto body) {
    ctx.task_arena().execute([&] {
      tbb::parallel_for(
          tbb::blocked_range<size_t>(0, chunks, 1), [&](const tbb::blocked_range<size_t>& range) {
            for (size_t chunk = range.begin(); chunk < range.end(); ++chunk) {
              body(chunk, hashed.subspan(chunk * chunk_rows,
                                         std::min(chunk_rows, n - chunk * chunk_rows)));
            }
          });
    });
  };
  for_each_chunk([&](size_t chunk, std::span<const HashedRow> rows) {
    uint32_t* const counts = &cursor[chunk * parts];
    for (const HashedRow& entry : rows) {
      if (entry.row != kNoRow) ++counts[entry.hash >> shift];
    }
  });
  std::vector<size_t> part_begin(parts + 1, 0);
  size_t total = 0;
  for (size_t part = 0; part < parts; ++part) {
    part_begin[part] = total;
    for (size_t chunk = 0; chunk < chunks; ++chunk) {
      const uint32_t count = cursor[chunk * parts + part];
      cursor[chunk * parts + part] = static_cast<uint32_t>(total);
      total += count;
    }
  }
  part_begin[parts] = total;
  IDFORGE_CHECK(total <= UINT32_MAX);
  if (scratch.partitioned.size() < total) scratch.partitioned.resize(total);
  HashedRow* const partitioned = scratch.partitioned.data();
  for_each_chunk([&](size_t chunk, std::span<const HashedRow> rows) {
    uint32_t* const next = &cursor[chunk * parts];
    for (const HashedRow& entry : rows) {
      if (entry.row != kNoRow) partitioned[next[entry.hash >> shift]++] = entry;
    }
  });

  // Count each partition into its own stretch of `groups` (a partition has at most as many
  // groups as rows), then close the gaps in partition order.
  HashGroup* const groups = scratch.groups.data();
  std::vector<size_t> group_count(parts, 0);
  ctx.task_arena().execute([&] {
    tbb::parallel_for(
        tbb::blocked_range<size_t>(0, parts, 8), [&](const tbb::blocked_range<size_t>& range) {
          GroupTable table;
          for (size_t part = range.begin(); part < range.end(); ++part) {
            const std::span<const HashedRow> rows(partitioned + part_begin[part],
                                                  part_begin[part + 1] - part_begin[part]);
            HashGroup* const out = groups + part_begin[part];
            table.Count<false>(rows, out, group_count[part]);
            if (sort_by_hash) SortByHash({out, group_count[part]});
          }
        });
  });
  size_t kept = 0;
  for (size_t part = 0; part < parts; ++part) {
    if (kept != part_begin[part])
      std::copy_n(groups + part_begin[part], group_count[part], groups + kept);
    kept += group_count[part];
  }
  result.rows = total;
  result.groups = std::span<const HashGroup>(groups, kept);
  return result;
}

}  // namespace idforge::profile
