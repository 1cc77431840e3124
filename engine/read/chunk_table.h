// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// The rows one parse task builds from one chunk of a source, in the layout the store's columns
// take in one bulk copy (StringColumn::AppendValues): per column, the values back to back and the
// end offset of each. Parse tasks reuse their ChunkTables, so the buffers are warm after the first
// chunks: no allocation and no page faults per chunk.
#pragma once

#include <cstdint>
#include <cstring>
#include <memory>
#include <string_view>
#include <vector>

#include "idforge/record_table.h"

namespace idforge::read {

// One column of a chunk. Offsets are 32-bit: a chunk stays below 4 GiB (the readers cap chunks at
// 1 GiB and a mapped value at 1 MiB).
class ChunkColumn {
 public:
  ChunkColumn() = default;
  ChunkColumn(ChunkColumn&&) noexcept = default;
  ChunkColumn& operator=(ChunkColumn&&) noexcept = default;

  void Clear() {
    size_ = 0;
    ends_.clear();
  }
  // Builds one value from pieces: AppendPiece*, then FinishValue.
  void AppendPiece(std::string_view piece) {
    if (piece.size() > capacity_ - size_) Grow(piece.size());
    CopyBytes(bytes_.get() + size_, piece.data(), piece.size());
    size_ += piece.size();
  }
  void FinishValue() { ends_.push_back(static_cast<uint32_t>(size_)); }
  void Append(std::string_view value) {
    AppendPiece(value);
    FinishValue();
  }

  uint32_t size() const { return static_cast<uint32_t>(ends_.size()); }
  std::string_view Get(uint32_t row) const {
    const uint32_t begin = row == 0 ? 0 : ends_[row - 1];
    return {bytes_.get() + begin, ends_[row] - begin};
  }
  const char* bytes() const { return bytes_.get(); }
  size_t byte_size() const { return size_; }
  const uint32_t* ends() const { return ends_.data(); }

 private:
  void Grow(size_t extra);

  // memcpy for the short values of a row, inline: overlapping fixed-size moves instead of a call.
  //
  // Performance: most values are 1-32 bytes; a libc memcpy call per value was ~13 % of CSV read
  // CPU (bench/csv_read_benchmark.cc, perf).
  static void CopyBytes(char* dst, const char* src, size_t size) {
    if (size >= 8) {
      if (size > 32) {
        std::memcpy(dst, src, size);
      } else if (size > 16) {
        Move16(dst, src);
        Move16(dst + size - 16, src + size - 16);
      } else {
        Move8(dst, src);
        Move8(dst + size - 8, src + size - 8);
      }
    } else if (size >= 4) {
      uint32_t head;
      uint32_t tail;
      std::memcpy(&head, src, 4);
      std::memcpy(&tail, src + size - 4, 4);
      std::memcpy(dst, &head, 4);
      std::memcpy(dst + size - 4, &tail, 4);
    } else if (size > 0) {
      dst[0] = src[0];
      dst[size / 2] = src[size / 2];
      dst[size - 1] = src[size - 1];
    }
  }
  static void Move8(char* dst, const char* src) {
    uint64_t word;
    std::memcpy(&word, src, 8);
    std::memcpy(dst, &word, 8);
  }
  static void Move16(char* dst, const char* src) {
    uint64_t words[2];
    std::memcpy(words, src, 16);
    std::memcpy(dst, words, 16);
  }

  std::unique_ptr<char[]> bytes_;
  size_t size_ = 0;
  size_t capacity_ = 0;
  std::vector<uint32_t> ends_;
};

// The rows of one chunk: one ChunkColumn per store column the source maps (others are empty in
// every row and cost nothing), the relative line, record number and id hash of each row.
class ChunkTable {
 public:
  // Store columns, in this order: source_id, updated_at, the canonical fields, the extras.
  static constexpr size_t kSourceIdColumn = 0;
  static constexpr size_t kUpdatedAtColumn = 1;
  static constexpr size_t FieldColumn(Field field) { return 2 + static_cast<size_t>(field); }
  static constexpr size_t ExtraColumn(size_t extra) { return 2 + kFieldCount + extra; }

  ChunkTable() = default;

  // Empties the table for a new chunk with `column_count` columns (2 + kFieldCount + extras), of
  // which those flagged in `mapped` get values. Keeps the buffers.
  void Reset(size_t column_count, const std::vector<bool>& mapped);
  // Empties the rows, keeping the layout and the buffers.
  void Clear();

  uint32_t row_count() const { return static_cast<uint32_t>(lines.size()); }
  size_t column_count() const { return mapped_.size(); }
  bool mapped(size_t column) const { return mapped_[column]; }
  ChunkColumn& column(size_t index) { return columns_[index]; }
  const ChunkColumn& column(size_t index) const { return columns_[index]; }
  // The value of a mapped column, or "" for an unmapped one.
  std::string_view Get(size_t column, uint32_t row) const {
    return mapped_[column] ? columns_[column].Get(row) : std::string_view();
  }

  // Per row, line relative to the chunk's first line.
  std::vector<uint64_t> lines;
  // Per row: the record's 0-based index within the chunk (rejected records count), for the
  // record numbers of id-less sources.
  std::vector<uint64_t> record_numbers;
  // Per row, when the source has an id column: HashKey(id) | 1, computed by the parse task so the
  // serial duplicate check only probes.
  std::vector<uint64_t> id_hashes;

 private:
  std::vector<ChunkColumn> columns_;
  std::vector<bool> mapped_;
};

}  // namespace idforge::read
