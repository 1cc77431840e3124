// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// ByteBuffer: the readers' input buffer. Unlike std::string it never zero-fills the room it grows
// into (the bytes come from read() right after), and new storage is advised for huge pages before
// the old contents are copied into it.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <memory>
#include <string_view>

#include "engine/common/arena.h"

namespace idforge::read {

// Move-only; not thread-safe.
class ByteBuffer {
 public:
  char* data() { return data_.get(); }
  const char* data() const { return data_.get(); }
  size_t size() const { return size_; }
  size_t capacity() const { return capacity_; }
  std::string_view view() const { return {data_.get(), size_}; }

  // Room for at least `capacity` bytes; the contents are kept.
  void Reserve(size_t capacity) {
    if (capacity <= capacity_) return;
    auto bigger = std::make_unique_for_overwrite<char[]>(capacity);
    AdviseHugePages(bigger.get(), capacity);
    if (size_ > 0) std::memcpy(bigger.get(), data_.get(), size_);
    data_ = std::move(bigger);
    capacity_ = capacity;
  }
  // REQUIRES: size <= capacity(). Bytes past the old size are left as they are (uninitialized).
  void Resize(size_t size) { size_ = size; }
  void Append(const char* bytes, size_t count) {
    if (size_ + count > capacity_) Reserve(std::max(size_ + count, 2 * capacity_));
    if (count > 0) std::memcpy(data_.get() + size_, bytes, count);
    size_ += count;
  }
  // Drops the first `count` bytes.
  void Erase(size_t count) {
    count = std::min(count, size_);
    if (count < size_) std::memmove(data_.get(), data_.get() + count, size_ - count);
    size_ -= count;
  }
  void Clear() { size_ = 0; }

 private:
  std::unique_ptr<char[]> data_;
  size_t size_ = 0;
  size_t capacity_ = 0;
};

}  // namespace idforge::read
