// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// The serial, in-order step of reading a source: parse tasks hand it their chunks in file order;
// it makes line numbers and offsets absolute, numbers records of id-less sources, rejects
// duplicate ids, appends the rows to the run's table and the rejects to the log.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "engine/common/exec_context.h"
#include "engine/common/reject_log.h"
#include "engine/read/chunk_table.h"
#include "engine/read/zeroed_pages.h"
#include "idforge/options.h"
#include "idforge/record_table.h"

namespace idforge::read {

// What one parse task produced from one contiguous range of a source's decoded bytes. Reused
// from chunk to chunk (Clear keeps the buffers).
struct ParsedChunk {
  ChunkTable rows;  // lines relative to first_line; record numbers and id hashes per row
  // Per row: the record's raw bytes in the chunk (begin, end), relative to `text`; only needed to
  // quote a duplicate-id record in rejects.csv. `text` must outlive Append().
  std::vector<std::pair<uint32_t, uint32_t>> raw_spans;
  std::string_view text;
  std::vector<Reject> rejects;  // line and byte_offset relative to the chunk, in order
  uint64_t records = 0;         // records seen: accepted + rejected
  uint64_t lines = 0;           // newlines consumed
  uint64_t blank_lines = 0;
  uint64_t bytes = 0;           // decoded bytes consumed

  void Clear() {
    rows.Clear();
    raw_spans.clear();
    text = {};
    rejects.clear();
    records = lines = blank_lines = bytes = 0;
  }
};

// One per source, used from one thread. Owns nothing but the id index.
class SourceAppender {
 public:
  SourceAppender(const SourceSpec& spec, uint16_t source_idx, bool has_id_column,
                 RecordTable& table, ExecContext& ctx, OnError on_error);

  // Appends `chunk`, which starts at absolute 1-based line `first_line` and decoded byte offset
  // `begin_offset`; takes its rejects, leaves the rest for the caller to Clear() and reuse.
  // Returns CorruptInput at the first reject when on_error is kFail.
  Status Append(ParsedChunk&& chunk, uint64_t first_line, uint64_t begin_offset);
  // Once `consumed` of the source's `total` decoded bytes are appended (at least 4 MiB), sizes
  // the table's columns, metadata and the id index for the rest at once, from the proportions
  // seen so far plus 5 %, and has the kernel back the expected part from all threads. Call after
  // each append step; later calls do nothing. Should a chunk not fit later (proportions change
  // down the file), Append extrapolates again with 10 % slack.
  //
  // Performance: doubling a GB-sized column copies it and touches twice its memory in the serial
  // step; rehashing the id index likewise.
  void MaybeReserve(uint64_t consumed, uint64_t total);
  // Adds a reject found outside any chunk (e.g. a JSON document that fails as a whole).
  Status AddReject(Reject reject);

  uint64_t records() const { return records_; }
  uint64_t accepted() const { return accepted_; }
  uint64_t rejected() const { return rejected_; }
  uint64_t blank_lines() const { return blank_lines_; }

 private:
  Status FailIfNeeded(const Reject& reject) const;
  // The table column of ChunkTable column `index`.
  StringColumn& StoreColumn(size_t index);

  const SourceSpec& spec_;
  uint16_t source_idx_;
  bool has_id_column_;
  RecordTable& table_;
  ExecContext& ctx_;
  OnError on_error_;
  uint64_t records_ = 0;
  uint64_t accepted_ = 0;
  uint64_t rejected_ = 0;
  uint64_t blank_lines_ = 0;
  // Sizes the store for the rest of the input from what was appended so far plus `pending` (a
  // chunk about to be appended, or null), times `slack`, and pre-faults the new room.
  void ReserveRest(uint64_t consumed, double slack, uint32_t pending_rows,
                   const ChunkTable* pending);
  // After MaybeReserve: when `rows` (ending at decoded offset `consumed`) would overflow a
  // reservation, reserves again from the proportions seen so far.
  void ReserveAgainIfShort(const ChunkTable& rows, uint64_t consumed);

  // For MaybeReserve: the table's size before this source.
  uint32_t rows_at_start_ = 0;
  std::vector<uint64_t> bytes_at_start_;  // per column, in ChunkTable column order
  bool reserved_ = false;
  uint64_t total_bytes_ = 0;
  uint64_t reserved_rows_ = 0;             // rows the reservation holds, table rows included
  std::vector<uint64_t> reserved_bytes_;   // per column: bytes the reservation holds
  // Open-addressing index of ids: a 32-bit tag from the hash's high half (0 = empty slot; the low
  // half picks the slot) and the table row holding the id, in 8 bytes so a probe costs one cache
  // miss and 10 M ids take 128 MiB. Fresh zero pages from the kernel (ZeroedPages): no fill pass,
  // huge pages from the first touch.
  struct IdSlot {
    uint32_t tag;
    uint32_t row;
  };
  // Grows the index (power-of-two size) so `entries` ids keep the load factor at or below 1/2;
  // re-inserts what it holds, re-hashing the ids from the table.
  void GrowIdIndex(uint64_t entries);
  ZeroedPages id_pages_;
  IdSlot* id_slots_ = nullptr;
  size_t id_capacity_ = 0;
  uint64_t id_count_ = 0;
};

// "crm.csv:1042: wrong field count (18 fields, header has 17)" for messages.
std::string DescribeReject(const SourceSpec& spec, const Reject& reject);

}  // namespace idforge::read
