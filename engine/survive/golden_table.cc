// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// GoldenTable storage: golden values as (row, decision) per entity and column, viewing the raw
// table, with only the normalized-form values copied.
#include <algorithm>
#include <string>

#include "engine/survive/survive.h"

namespace idforge::survive {

GoldenColumn::GoldenColumn(const StringColumn* raw, uint32_t entities)
    : raw_(raw), rows_(entities, kNoRow), decisions_(entities, Decision::kOnlyValue) {}

uint32_t GoldenColumn::NonEmptyCount() const {
  return static_cast<uint32_t>(
      std::count_if(rows_.begin(), rows_.end(), [](uint32_t row) { return row != kNoRow; }));
}

uint64_t GoldenColumn::MemoryBytes() const {
  return rows_.capacity() * sizeof(uint32_t) + decisions_.capacity() * sizeof(Decision) +
         owned_.MemoryBytes();
}

void GoldenColumn::Finish() {
  if (NonEmptyCount() > 0) return;
  rows_ = std::vector<uint32_t>();
  decisions_ = std::vector<Decision>();
  owned_ = StringColumn();
}

uint32_t SourceSets::Intern(std::string_view joined) {
  const auto found = index_.find(joined);
  if (found != index_.end()) return found->second;
  const auto index = static_cast<uint32_t>(sets_.size());
  sets_.emplace_back(joined);
  index_.emplace(sets_.back(), index);
  return index;
}

std::vector<Provenance> GoldenTable::provenance_of(uint32_t entity) const {
  std::vector<Provenance> out;
  for (uint32_t column = 0; column < columns.size(); ++column) {
    const uint32_t row = columns[column].row(entity);
    if (row != GoldenColumn::kNoRow) out.push_back({column, row, columns[column].decision(entity)});
  }
  return out;
}

uint64_t GoldenTable::MemoryBytes() const {
  uint64_t bytes = member_count.capacity() * sizeof(uint32_t);
  for (const GoldenColumn& column : columns) bytes += column.MemoryBytes();
  return bytes;
}

}  // namespace idforge::survive
