// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// WriteRangesInOrder(): formats the rows of a large output in parallel ranges and writes the
// ranges to an AtomicFile in row order, so the bytes never depend on the thread count.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <string>
#include <utility>

#include <oneapi/tbb/parallel_pipeline.h>
#include <oneapi/tbb/task_arena.h>

#include "engine/common/atomic_file.h"

namespace idforge {

// Calls format(begin, end, out) for consecutive ranges [begin, end) of [0, count) of at most
// `items_per_range` items, in parallel in the current task arena, and writes each range's `out`
// (empty on entry) to `file` in range order. At most two ranges per thread are in flight, so
// memory stays bounded whatever the output size. `format` must be safe to call concurrently on
// distinct ranges.
// Performance: at 1 M records the outputs are ~0.5 GB of text; formatting them on every core,
// with the write of one range overlapping the formatting of the next, is what keeps the write
// stage near the disk's speed (bench/e2e/run.sh, "write").
template <typename FormatRange>
void WriteRangesInOrder(AtomicFile& file, uint64_t count, uint64_t items_per_range,
                        FormatRange&& format) {
  if (count == 0) return;
  items_per_range = std::max<uint64_t>(items_per_range, 1);
  const int threads = std::max(1, tbb::this_task_arena::max_concurrency());
  uint64_t next = 0;
  std::atomic<size_t> size_hint{0};
  tbb::parallel_pipeline(
      static_cast<size_t>(2 * threads),
      tbb::make_filter<void, std::pair<uint64_t, uint64_t>>(
          tbb::filter_mode::serial_in_order,
          [&](tbb::flow_control& control) -> std::pair<uint64_t, uint64_t> {
            if (next >= count) {
              control.stop();
              return {};
            }
            const uint64_t begin = next;
            next = std::min(count, begin + items_per_range);
            return {begin, next};
          }) &
          tbb::make_filter<std::pair<uint64_t, uint64_t>, std::string>(
              tbb::filter_mode::parallel,
              [&](std::pair<uint64_t, uint64_t> range) {
                std::string out;
                // Performance: sized like the last range, so the buffer rarely regrows (copies).
                out.reserve(size_hint.load(std::memory_order_relaxed));
                format(range.first, range.second, out);
                size_hint.store(out.size() + out.size() / 8, std::memory_order_relaxed);
                return out;
              }) &
          tbb::make_filter<std::string, void>(tbb::filter_mode::serial_in_order,
                                              [&](const std::string& out) { file.Write(out); }));
}

}  // namespace idforge
