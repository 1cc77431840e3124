// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// The columnar record store every stage reads: one string column per canonical field, plus the
// source, key, line and recency of each record. Strings live back to back in one buffer per column,
// so a scan touches contiguous memory and a value is a string_view, never a heap object.
#pragma once

#include <array>
#include <cassert>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "idforge/status.h"

namespace idforge {

// A record's position in a RecordTable (its row). Stable for the life of the table.
enum class RecordId : uint32_t {};
inline uint32_t Row(RecordId id) { return static_cast<uint32_t>(id); }

// The canonical schema every source is mapped onto (SPEC.md "Canonical fields").
enum class Field : uint8_t {
  kFirstName,
  kMiddleName,
  kLastName,
  kFullName,
  kEmail,
  kPhone,
  kStreet,
  kAddress,
  kCity,
  kRegion,
  kPostcode,
  kCountry,
  kDob,
  kGender,
  kCompany,
  kJobTitle,
  kNationalId,
};
inline constexpr size_t kFieldCount = 17;

// "first_name", "email", ... as written in job files and output headers.
std::string_view FieldName(Field field);
std::optional<Field> FieldFromName(std::string_view name);
inline constexpr std::array<Field, kFieldCount> AllFields() {
  std::array<Field, kFieldCount> out{};
  for (size_t i = 0; i < kFieldCount; ++i) out[i] = static_cast<Field>(i);
  return out;
}

// An append-only column of strings: one byte buffer plus offsets.
//
// Performance: offsets are 32-bit, relative to a 64-bit base per block of 1024 rows, so a value
// costs 4 bytes of index instead of 8 while columns may exceed 4 GiB. A block of 1024 values stays
// below 4 GiB because the readers cap a field at 1 MiB (kMaxFieldBytes). A column whose values
// are all empty (a field no source maps) keeps only a row count: no offsets, no per-row work.
// Thread-safety: immutable once built; any number of threads may read it.
class StringColumn {
 public:
  static constexpr uint32_t kRowsPerBlock = 1024;
  static constexpr size_t kMaxFieldBytes = size_t{1} << 20;

  StringColumn() = default;

  uint32_t size() const {
    return materialized_ ? static_cast<uint32_t>(rel_offsets_.size() - 1) : empty_rows_;
  }
  std::string_view Get(uint32_t row) const {
    assert(!parked_);  // ParkedFields: no stage between profile and survive reads raw fields
    if (!materialized_) return {};
    const uint64_t begin = Offset(row);
    return {bytes_.data() + begin, static_cast<size_t>(Offset(row + 1) - begin)};
  }
  std::string_view Get(RecordId id) const { return Get(Row(id)); }
  bool IsEmpty(uint32_t row) const {
    assert(!parked_);
    return !materialized_ || Offset(row + 1) == Offset(row);
  }
  // Number of non-empty values.
  uint32_t NonEmptyCount() const;
  uint64_t byte_size() const { return bytes_.size(); }

  // REQUIRES: value.size() <= kMaxFieldBytes.
  void Append(std::string_view value) {
    AppendPiece(value);
    FinishValue();
  }
  // Builds one value from pieces without an intermediate string: AppendPiece*, then FinishValue.
  void AppendPiece(std::string_view piece) {
    if (piece.empty()) return;
    if (!materialized_) Materialize();
    bytes_.insert(bytes_.end(), piece.begin(), piece.end());
  }
  void FinishValue() {
    if (!materialized_) {
      ++empty_rows_;
      return;
    }
    const size_t end_index = rel_offsets_.size();  // entry for the new row's end
    if (end_index % kRowsPerBlock == 0) {
      block_base_.push_back(bytes_.size());
      rel_offsets_.push_back(0);
      return;
    }
    rel_offsets_.push_back(static_cast<uint32_t>(bytes_.size() - block_base_.back()));
  }
  // Appends all rows of `other` (same value order).
  void AppendColumn(const StringColumn& other);
  // Appends `rows` values stored back to back in `bytes`: value i ends at ends[i] (relative to
  // `bytes`) and starts where value i - 1 ends (value 0 at 0). One copy of the bytes and one pass
  // over the offsets, for readers that build a chunk of a column elsewhere.
  // REQUIRES: ends is non-decreasing; every value <= kMaxFieldBytes.
  void AppendValues(const char* bytes, const uint32_t* ends, uint32_t rows);
  // Appends `rows` empty values (no per-row work while the column is all empty).
  void AppendEmpty(uint32_t rows);
  void Reserve(uint32_t rows, uint64_t bytes);
  // Adds the reserved but unused tail of each buffer to `out`, for a reader that has the kernel
  // pre-fault them (madvise) from several threads before appending. Only the pages matter, never
  // the contents; the ranges are valid until the next append or reserve.
  void AddSpareCapacity(std::vector<std::span<std::byte>>& out);
  void ShrinkToFit();
  // Bytes held by the buffers (capacity, what RSS pays).
  uint64_t MemoryBytes() const;

  friend bool operator==(const StringColumn& a, const StringColumn& b);

 private:
  uint64_t Offset(uint32_t row) const {
    return block_base_[row / kRowsPerBlock] + rel_offsets_[row];
  }
  // Switches from "all empty" to real offsets (the first non-empty value).
  void Materialize();

  friend class ColumnParking;  // engine/common/column_parking.h: compresses idle columns
  bool materialized_ = false;
  bool parked_ = false;
  uint32_t empty_rows_ = 0;  // rows while not materialized (all empty)
  std::vector<char> bytes_;
  std::vector<uint64_t> block_base_;   // block_base_[b] = byte offset of row b * kRowsPerBlock
  std::vector<uint32_t> rel_offsets_;  // size() + 1 entries, relative to their block's base
};

// Static description of one input source, copied into the table so later stages (survivorship
// priority, default country for phones) and reports can refer to it by index.
struct SourceInfo {
  std::string name;
  std::string path;
  std::string default_country;  // ISO 3166 alpha-2, may be empty
  int32_t priority = 0;         // lower wins in source-priority survivorship
  std::string dob_format;       // strftime-style format of the dob column; empty = detect
};

// The columnar store of all accepted records of a run.
//
// Rows of one source are contiguous and in file order; sources follow the job's order.
// Ownership: owns every byte it exposes; views stay valid until the table is modified or destroyed.
// Thread-safety: const methods are safe from any number of threads.
class RecordTable {
 public:
  RecordTable() = default;
  // A table whose carried (non-canonical) fields are `extra_names`, in that order.
  explicit RecordTable(std::vector<std::string> extra_names);

  uint32_t row_count() const { return source_id_.size(); }

  std::span<const SourceInfo> sources() const { return sources_; }
  uint16_t AddSource(SourceInfo info);

  // Per-record metadata.
  uint16_t source(uint32_t row) const { return source_[row]; }
  std::string_view source_id(uint32_t row) const { return source_id_.Get(row); }
  uint64_t line(uint32_t row) const { return line_[row]; }
  std::string_view updated_at(uint32_t row) const { return updated_at_.Get(row); }

  const StringColumn& field(Field f) const { return fields_[static_cast<size_t>(f)]; }
  StringColumn& mutable_field(Field f) { return fields_[static_cast<size_t>(f)]; }
  std::string_view Get(Field f, uint32_t row) const { return field(f).Get(row); }

  std::span<const std::string> extra_names() const { return extra_names_; }
  const StringColumn& extra(size_t index) const { return extras_[index]; }
  StringColumn& mutable_extra(size_t index) { return extras_[index]; }

  const StringColumn& source_id_column() const { return source_id_; }
  const StringColumn& updated_at_column() const { return updated_at_; }
  StringColumn& mutable_source_id_column() { return source_id_; }
  StringColumn& mutable_updated_at_column() { return updated_at_; }
  // Appends the metadata of one row; the caller appends exactly one value to every field, extra,
  // source_id and updated_at column for it (TableBuilder in engine/read does this).
  void AppendRowMeta(uint16_t source_idx, uint64_t line) {
    source_.push_back(source_idx);
    line_.push_back(line);
  }
  // Capacity for `rows` more rows of metadata (the string columns have StringColumn::Reserve).
  void ReserveRows(uint32_t rows);
  // The reserved but unused tails of the metadata buffers, as StringColumn::AddSpareCapacity.
  void AddSpareRowCapacity(std::vector<std::span<std::byte>>& out);

  // Appends every row of `other`, which must have the same extra_names(), adding `line_offset` to
  // its line numbers. Source indexes are kept.
  void AppendRows(const RecordTable& other, uint64_t line_offset = 0);
  // Appends row `row` of `other`; `id`, when given, replaces its source_id.
  void AppendRow(const RecordTable& other, uint32_t row, uint64_t line_offset,
                 std::optional<std::string_view> id = std::nullopt);

  // Checks the structural invariants (all columns have row_count() rows, source indexes valid).
  Status Validate() const;
  uint64_t MemoryBytes() const;
  void ShrinkToFit();

  friend bool operator==(const RecordTable& a, const RecordTable& b);

 private:
  std::vector<SourceInfo> sources_;
  std::vector<std::string> extra_names_;
  std::vector<uint16_t> source_;
  std::vector<uint64_t> line_;  // 1-based line where the record starts (JSON: record number)
  StringColumn source_id_;
  StringColumn updated_at_;
  std::array<StringColumn, kFieldCount> fields_;
  std::vector<StringColumn> extras_;
};

}  // namespace idforge
