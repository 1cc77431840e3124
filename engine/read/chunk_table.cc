// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
#include "engine/read/chunk_table.h"

#include <algorithm>

#include "engine/common/arena.h"

namespace idforge::read {

void ChunkColumn::Grow(size_t extra) {
  const size_t capacity = std::max({size_ + extra, 2 * capacity_, size_t{4096}});
  auto bytes = std::make_unique_for_overwrite<char[]>(capacity);
  AdviseHugePages(bytes.get(), capacity);  // before the copy touches it
  if (size_ > 0) std::memcpy(bytes.get(), bytes_.get(), size_);
  bytes_ = std::move(bytes);
  capacity_ = capacity;
}

void ChunkTable::Reset(size_t column_count, const std::vector<bool>& mapped) {
  if (columns_.size() < column_count) columns_.resize(column_count);
  mapped_ = mapped;
  mapped_.resize(column_count, false);
  Clear();
}

void ChunkTable::Clear() {
  for (ChunkColumn& column : columns_) column.Clear();
  lines.clear();
  record_numbers.clear();
  id_hashes.clear();
}

}  // namespace idforge::read
