// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
#include "engine/common/arena.h"

#include <cstdint>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace idforge {

void AdviseHugePages(void* data, size_t bytes) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  constexpr uintptr_t kHugePage = uintptr_t{2} << 20;
  const auto begin = reinterpret_cast<uintptr_t>(data);
  const uintptr_t first = (begin + kHugePage - 1) & ~(kHugePage - 1);
  const uintptr_t last = (begin + bytes) & ~(kHugePage - 1);
  if (last <= first) return;
  madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE);
#else
  (void)data;
  (void)bytes;
#endif
}

char* Arena::AllocateSlow(size_t bytes) {
  // A large request gets its own block so the current block's tail is not wasted.
  if (bytes > block_bytes_ / 4) {
    large_blocks_.push_back(std::make_unique<char[]>(bytes));
    memory_bytes_ += bytes;
    return large_blocks_.back().get();
  }
  blocks_.push_back(std::make_unique<char[]>(block_bytes_));
  memory_bytes_ += block_bytes_;
  cursor_ = blocks_.back().get() + bytes;
  left_ = block_bytes_ - bytes;
  return blocks_.back().get();
}

void Arena::Reset() {
  large_blocks_.clear();
  if (blocks_.size() > 1) blocks_.resize(1);
  memory_bytes_ = blocks_.empty() ? 0 : block_bytes_;
  cursor_ = blocks_.empty() ? nullptr : blocks_.front().get();
  left_ = blocks_.empty() ? 0 : block_bytes_;
}

}  // namespace idforge
