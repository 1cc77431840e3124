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
#include <string_view>

#include "engine/common/exec_context.h"

namespace idforge {

// Calls body(begin, end) on sub-ranges of [0, count) in ctx's arena. `slices` bounds the joins:
// each costs the idle time of its slowest sub-range, so keep it small.
template <typename Body>
void ParallelForWithProgress(ExecContext& ctx, std::string_view stage, size_t count, size_t grain,
                             Body&& body, size_t slices = 32) {
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
    ctx.Progress(stage, end, count);
  }
}

}  // namespace idforge
