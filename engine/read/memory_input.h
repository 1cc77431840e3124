// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// MemoryInputStream: an InputStream over bytes already in memory (tests, benchmarks, embedders
// that hold the data), served at most `step` bytes per Read() so callers see short reads.
#pragma once

#include <algorithm>
#include <cstddef>
#include <limits>
#include <string>
#include <string_view>

#include "engine/read/input_stream.h"

namespace idforge::read {

// Does not own the bytes: `text` must outlive the stream. Not thread-safe.
class MemoryInputStream final : public InputStream {
 public:
  explicit MemoryInputStream(std::string_view text,
                             size_t step = std::numeric_limits<size_t>::max())
      : text_(text), step_(std::max<size_t>(1, step)) {}

  Result<size_t> Read(std::string& out, size_t max_bytes) override {
    const size_t count = std::min({max_bytes, step_, text_.size() - pos_});
    out.append(text_.substr(pos_, count));
    pos_ += count;
    return count;
  }
  uint64_t file_bytes() const override { return text_.size(); }
  Compression compression() const override { return Compression::kNone; }

 private:
  std::string_view text_;
  size_t step_;
  size_t pos_ = 0;
};

}  // namespace idforge::read
