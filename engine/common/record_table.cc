// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
#include "idforge/record_table.h"

#include <algorithm>
#include <limits>

#include "engine/common/arena.h"
#include "engine/common/check.h"

namespace idforge {
namespace {

// Big buffers get huge pages, because first touch of GB-sized columns is otherwise a large share
// of reading (PERFORMANCE.md). The new buffer is advised before the old contents are copied into
// it, so the copy does not fault it in 4 KiB pages (in this VM a 4 KiB first-touch fault costs
// 3-18 µs).
template <typename T>
void ReallocateOnHugePages(std::vector<T>& vec, size_t capacity) {
  std::vector<T> bigger;
  bigger.reserve(capacity);
  AdviseHugePages(bigger.data(), bigger.capacity() * sizeof(T));
  bigger.insert(bigger.end(), vec.begin(), vec.end());
  vec = std::move(bigger);
}

// Room for `extra` more elements with geometric growth.
template <typename T>
void GrowFor(std::vector<T>& vec, size_t extra) {
  if (vec.size() + extra <= vec.capacity()) return;
  ReallocateOnHugePages(vec, std::max(vec.size() + extra, 2 * vec.capacity()));
}

template <typename T>
void ReserveMore(std::vector<T>& vec, size_t extra) {
  if (vec.size() + extra <= vec.capacity()) return;
  ReallocateOnHugePages(vec, vec.size() + extra);
}

constexpr std::array<std::string_view, kFieldCount> kFieldNames = {
    "first_name", "middle_name", "last_name", "full_name", "email",      "phone",
    "street",     "address",     "city",      "region",    "postcode",   "country",
    "dob",        "gender",      "company",   "job_title", "national_id"};

}  // namespace

std::string_view FieldName(Field field) { return kFieldNames[static_cast<size_t>(field)]; }

std::optional<Field> FieldFromName(std::string_view name) {
  for (size_t i = 0; i < kFieldCount; ++i) {
    if (kFieldNames[i] == name) return static_cast<Field>(i);
  }
  return std::nullopt;
}

void StringColumn::Materialize() {
  materialized_ = true;
  const uint32_t rows = empty_rows_;
  empty_rows_ = 0;
  block_base_.assign(rows / kRowsPerBlock + 1, 0);
  rel_offsets_.assign(static_cast<size_t>(rows) + 1, 0);
}

uint32_t StringColumn::NonEmptyCount() const {
  if (!materialized_) return 0;
  uint32_t count = 0;
  const uint32_t rows = size();
  for (uint32_t row = 0; row < rows; ++row) count += IsEmpty(row) ? 0u : 1u;
  return count;
}

void StringColumn::AppendColumn(const StringColumn& other) {
  const uint32_t rows = other.size();
  if (rows == 0) return;
  if (!other.materialized_) {
    if (!materialized_) {
      empty_rows_ += rows;
    } else {
      for (uint32_t row = 0; row < rows; ++row) FinishValue();
    }
    return;
  }
  if (!materialized_) Materialize();
  GrowFor(bytes_, other.bytes_.size());
  GrowFor(rel_offsets_, rows);
  const uint64_t base = bytes_.size();
  bytes_.insert(bytes_.end(), other.bytes_.begin(), other.bytes_.end());
  // Rows end at base + other.Offset(row + 1); the same block rule as FinishValue().
  uint64_t block_base = block_base_.back();
  auto end_index = static_cast<uint32_t>(rel_offsets_.size());
  for (uint32_t row = 0; row < rows; ++row, ++end_index) {
    const uint64_t end = base + other.Offset(row + 1);
    if (end_index % kRowsPerBlock == 0) {
      block_base_.push_back(end);
      block_base = end;
      rel_offsets_.push_back(0);
      continue;
    }
    const uint64_t rel = end - block_base;
    IDFORGE_CHECK(rel <= std::numeric_limits<uint32_t>::max());
    rel_offsets_.push_back(static_cast<uint32_t>(rel));
  }
}

void StringColumn::AppendValues(const char* bytes, const uint32_t* ends, uint32_t rows) {
  if (rows == 0) return;
  const uint32_t total = ends[rows - 1];
  if (total == 0 && !materialized_) {
    empty_rows_ += rows;
    return;
  }
  if (!materialized_) Materialize();
  GrowFor(bytes_, total);
  const uint64_t base = bytes_.size();
  bytes_.insert(bytes_.end(), bytes, bytes + total);
  size_t index = rel_offsets_.size();  // entry of the next row's end
  GrowFor(rel_offsets_, rows);
  rel_offsets_.resize(index + rows);
  uint32_t* rel = rel_offsets_.data();
  uint32_t row = 0;
  // Performance: block by block, so the inner loop is a branch-free add that vectorizes.
  while (row < rows) {
    if (index % kRowsPerBlock == 0) {
      block_base_.push_back(base + ends[row]);
      rel[index++] = 0;
      ++row;
      continue;
    }
    const auto run = static_cast<uint32_t>(
        std::min<size_t>(rows - row, kRowsPerBlock - index % kRowsPerBlock));
    const uint64_t delta = base - block_base_.back();  // the block's bytes before this call
    IDFORGE_CHECK(delta + ends[row + run - 1] <= std::numeric_limits<uint32_t>::max());
    const auto delta32 = static_cast<uint32_t>(delta);
    const uint32_t* src = ends + row;
    uint32_t* dst = rel + index;
    for (uint32_t i = 0; i < run; ++i) dst[i] = src[i] + delta32;
    index += run;
    row += run;
  }
}

void StringColumn::AppendEmpty(uint32_t rows) {
  if (!materialized_) {
    empty_rows_ += rows;
    return;
  }
  GrowFor(rel_offsets_, rows);
  for (uint32_t row = 0; row < rows; ++row) FinishValue();
}

void StringColumn::Reserve(uint32_t rows, uint64_t bytes) {
  if (!materialized_) return;  // an all-empty column needs nothing
  ReserveMore(rel_offsets_, rows);
  block_base_.reserve(block_base_.size() + rows / kRowsPerBlock + 1);
  ReserveMore(bytes_, bytes);
}

namespace {

template <typename T>
void AddSpare(std::vector<T>& vec, std::vector<std::span<std::byte>>& out) {
  if (vec.capacity() == vec.size()) return;
  out.emplace_back(reinterpret_cast<std::byte*>(vec.data() + vec.size()),
                   (vec.capacity() - vec.size()) * sizeof(T));
}

}  // namespace

void StringColumn::AddSpareCapacity(std::vector<std::span<std::byte>>& out) {
  AddSpare(bytes_, out);
  AddSpare(rel_offsets_, out);
  AddSpare(block_base_, out);
}

void StringColumn::ShrinkToFit() {
  bytes_.shrink_to_fit();
  block_base_.shrink_to_fit();
  rel_offsets_.shrink_to_fit();
}

uint64_t StringColumn::MemoryBytes() const {
  return bytes_.capacity() + block_base_.capacity() * sizeof(uint64_t) +
         rel_offsets_.capacity() * sizeof(uint32_t);
}

bool operator==(const StringColumn& a, const StringColumn& b) {
  if (a.size() != b.size()) return false;
  for (uint32_t row = 0; row < a.size(); ++row) {
    if (a.Get(row) != b.Get(row)) return false;
  }
  return true;
}

RecordTable::RecordTable(std::vector<std::string> extra_names)
    : extra_names_(std::move(extra_names)), extras_(extra_names_.size()) {}

uint16_t RecordTable::AddSource(SourceInfo info) {
  IDFORGE_CHECK(sources_.size() < std::numeric_limits<uint16_t>::max());
  sources_.push_back(std::move(info));
  return static_cast<uint16_t>(sources_.size() - 1);
}

void RecordTable::ReserveRows(uint32_t rows) {
  ReserveMore(source_, rows);
  ReserveMore(line_, rows);
}

void RecordTable::AddSpareRowCapacity(std::vector<std::span<std::byte>>& out) {
  AddSpare(source_, out);
  AddSpare(line_, out);
}

void RecordTable::AppendRows(const RecordTable& other, uint64_t line_offset) {
  IDFORGE_CHECK(other.extra_names_ == extra_names_);
  source_.insert(source_.end(), other.source_.begin(), other.source_.end());
  for (uint64_t line : other.line_) line_.push_back(line + line_offset);
  source_id_.AppendColumn(other.source_id_);
  updated_at_.AppendColumn(other.updated_at_);
  for (size_t f = 0; f < kFieldCount; ++f) fields_[f].AppendColumn(other.fields_[f]);
  for (size_t e = 0; e < extras_.size(); ++e) extras_[e].AppendColumn(other.extras_[e]);
}

void RecordTable::AppendRow(const RecordTable& other, uint32_t row, uint64_t line_offset,
                            std::optional<std::string_view> id) {
  source_.push_back(other.source_[row]);
  line_.push_back(other.line_[row] + line_offset);
  source_id_.Append(id ? *id : other.source_id_.Get(row));
  updated_at_.Append(other.updated_at_.Get(row));
  for (size_t f = 0; f < kFieldCount; ++f) fields_[f].Append(other.fields_[f].Get(row));
  for (size_t e = 0; e < extras_.size(); ++e) extras_[e].Append(other.extras_[e].Get(row));
}

Status RecordTable::Validate() const {
  const uint32_t rows = row_count();
  auto check = [&](const StringColumn& column, std::string_view name) -> Status {
    if (column.size() != rows) {
      return Internal("record table column " + std::string(name) + " has " +
                      std::to_string(column.size()) + " rows, expected " + std::to_string(rows));
    }
    return Status::Ok();
  };
  if (source_.size() != rows || line_.size() != rows) {
    return Internal("record table metadata size does not match its row count");
  }
  IDFORGE_RETURN_IF_ERROR(check(updated_at_, "updated_at"));
  for (size_t f = 0; f < kFieldCount; ++f) {
    IDFORGE_RETURN_IF_ERROR(check(fields_[f], FieldName(static_cast<Field>(f))));
  }
  for (size_t e = 0; e < extras_.size(); ++e) IDFORGE_RETURN_IF_ERROR(check(extras_[e], extra_names_[e]));
  for (uint16_t source_idx : source_) {
    if (source_idx >= sources_.size() && !sources_.empty()) {
      return Internal("record table row refers to source " + std::to_string(source_idx));
    }
  }
  return Status::Ok();
}

uint64_t RecordTable::MemoryBytes() const {
  uint64_t total = source_.capacity() * sizeof(uint16_t) + line_.capacity() * sizeof(uint64_t) +
                   source_id_.MemoryBytes() + updated_at_.MemoryBytes();
  for (const StringColumn& column : fields_) total += column.MemoryBytes();
  for (const StringColumn& column : extras_) total += column.MemoryBytes();
  return total;
}

void RecordTable::ShrinkToFit() {
  source_.shrink_to_fit();
  line_.shrink_to_fit();
  source_id_.ShrinkToFit();
  updated_at_.ShrinkToFit();
  for (StringColumn& column : fields_) column.ShrinkToFit();
  for (StringColumn& column : extras_) column.ShrinkToFit();
}

bool operator==(const RecordTable& a, const RecordTable& b) {
  return a.extra_names_ == b.extra_names_ && a.source_ == b.source_ && a.line_ == b.line_ &&
         a.source_id_ == b.source_id_ && a.updated_at_ == b.updated_at_ && a.fields_ == b.fields_ &&
         a.extras_ == b.extras_;
}

}  // namespace idforge
