// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// ExecContext: everything a stage may touch besides its inputs: the TBB arena that bounds its
// threads, the reject log, the run's counters, a cancel flag and a progress sink. No globals.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string_view>

#include <oneapi/tbb/task_arena.h>

#include "engine/common/reject_log.h"
#include "engine/common/run_stats.h"

namespace idforge {

// Called from serial steps with the work done so far; the CLI draws a progress bar from it.
using ProgressSink = std::function<void(std::string_view stage, uint64_t done, uint64_t total)>;

// Owned by the caller of a pipeline; stages borrow it. Not thread-safe except cancelled(), which
// workers may poll.
class ExecContext {
 public:
  // threads <= 0: all cores.
  explicit ExecContext(int threads = 0);
  ExecContext(const ExecContext&) = delete;
  ExecContext& operator=(const ExecContext&) = delete;

  int threads() const { return threads_; }
  tbb::task_arena& task_arena() { return arena_; }
  RejectLog& rejects() { return rejects_; }
  RunStats& stats() { return stats_; }

  void Cancel() { cancelled_.store(true, std::memory_order_relaxed); }
  bool cancelled() const { return cancelled_.load(std::memory_order_relaxed); }

  void set_progress(ProgressSink sink) { progress_ = std::move(sink); }
  bool has_progress() const { return static_cast<bool>(progress_); }
  void Progress(std::string_view stage, uint64_t done, uint64_t total) const {
    if (progress_) progress_(stage, done, total);
  }

 private:
  int threads_;
  tbb::task_arena arena_;
  RejectLog rejects_;
  RunStats stats_;
  std::atomic<bool> cancelled_{false};
  ProgressSink progress_;
};

}  // namespace idforge
