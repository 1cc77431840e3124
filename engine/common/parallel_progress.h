// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// A parallel loop that reports progress. The progress sink is not thread-safe, so the loop runs
// in consecutive slices and reports between them from the calling thread; without a sink it is
// one slice (no extra joins).
#pragma once

#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/parallel_for.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "engine/common/exec_context.h"

namespace idforge {

// Calls body(begin, end) on sub-ranges of [0, count) in ctx's arena. `slices` bounds the joins:
// each costs the idle time of its slowest sub-range, so keep it small. Progress is reported in
// units of `unit` items per index (e.g. rows per task), capped at `total_units` when non-zero.
template <typename Body>
void ParallelForWithProgress(ExecContext& ctx, std::string_view stage, size_t count, size_t grain,
                             Body&& body, size_t slices = 32, uint64_t unit = 1,
                             uint64_t total_units = 0) {
  const uint64_t total = total_units != 0 ? total_units : uint64_t{count} * unit;
  const size_t slice =
      ctx.has_progress() ? std::max<size_t>({grain, 1, (count + slices - 1) / slices}) : count;
  for (size_t begin = 0; begin < count; begin += slice) {
    const size_t end = std::min(count, begin + slice);
    ctx.task_arena().execute([&] {
      tbb::parallel_for(tbb::blocked_range<size_t>(begin, end, std::max<size_t>(grain, 1)),
                        [&](const tbb::blocked_range<size_t>& range) {
                          body(range.begin(), range.end());
                        });
    });
    ctx.Progress(stage, std::min<uint64_t>(total, uint64_t{end} * unit), total);
  }
}

}  // namespace idforge
