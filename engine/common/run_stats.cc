// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
#include "engine/common/run_stats.h"

#include <cstdio>
#include <cstring>

namespace idforge {
namespace {

uint64_t ReadStatusKib(const char* key) {
  std::FILE* file = std::fopen("/proc/self/status", "r");
  if (file == nullptr) return 0;
  char line[256];
  uint64_t kib = 0;
  const size_t key_len = std::strlen(key);
  while (std::fgets(line, sizeof(line), file) != nullptr) {
    if (std::strncmp(line, key, key_len) == 0) {
      kib = std::strtoull(line + key_len, nullptr, 10);
      break;
    }
  }
  std::fclose(file);
  return kib * 1024;
}

}  // namespace

int64_t RunStats::Get(std::string_view counter) const {
  auto it = counters_.find(counter);
  return it == counters_.end() ? 0 : it->second;
}

void RunStats::AddTiming(StageTiming timing) {
  timings_.push_back(std::move(timing));
  if (timing_listener_) timing_listener_(timings_.back());
}

uint64_t PeakRssBytes() { return ReadStatusKib("VmHWM:"); }
uint64_t CurrentRssBytes() { return ReadStatusKib("VmRSS:"); }

void StageTimer::Finish(uint64_t items, std::string item_unit) {
  const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start_;
  stats_.AddTiming({.stage = stage_,
                    .seconds = elapsed.count(),
                    .items = items,
                    .item_unit = std::move(item_unit),
                    .peak_rss_bytes = PeakRssBytes()});
}

}  // namespace idforge
