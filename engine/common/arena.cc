// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
#include "engine/common/arena.h"

namespace idforge {

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
