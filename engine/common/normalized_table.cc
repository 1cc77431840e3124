// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
#include "engine/common/normalized_table.h"

namespace idforge {

uint64_t NormalizedTable::MemoryBytes() const {
  uint64_t total = flags_.capacity() * sizeof(uint32_t);
  for (const StringColumn& column : values_) total += column.MemoryBytes();
  for (const StringColumn& column : derived_) total += column.MemoryBytes();
  return total;
}

void NormalizedTable::AppendRows(const NormalizedTable& other) {
  for (size_t f = 0; f < kFieldCount; ++f) values_[f].AppendColumn(other.values_[f]);
  for (size_t k = 0; k < kDerivedKeyCount; ++k) derived_[k].AppendColumn(other.derived_[k]);
  flags_.insert(flags_.end(), other.flags_.begin(), other.flags_.end());
}

void NormalizedTable::ShrinkToFit() {
  for (StringColumn& column : values_) column.ShrinkToFit();
  for (StringColumn& column : derived_) column.ShrinkToFit();
  flags_.shrink_to_fit();
}

void NormalizedTable::ReleaseDerivedKeys() {
  const uint32_t rows = row_count();
  for (StringColumn& column : derived_) {
    column = StringColumn();
    column.AppendEmpty(rows);
  }
}

}  // namespace idforge
