// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
#include "engine/read/source_appender.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <charconv>
#include <cstddef>
#include <span>

#if defined(__linux__)
#include <sys/mman.h>
#endif

#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/parallel_for.h>

#include "engine/common/check.h"
#include "engine/common/hash.h"

namespace idforge::read {
namespace {

inline uint32_t IdTag(uint64_t hash) { return static_cast<uint32_t>(hash >> 32) | 1u; }

// Has the kernel back `ranges` with pages now, from all of the run's threads, instead of one page
// fault at a time in the serial append step. Contents are untouched (madvise
// MADV_POPULATE_WRITE, Linux 5.14+); elsewhere, or when the kernel refuses, this does nothing and
// the pages are faulted in by the appends as before.
//
// Performance: in this VM the first touch of memory freed to the host costs ~2.4 s per GB (guest
// clear_page_erms while the host backs the page; 0.4 GB/s in a memset test, 11 GB/s when the pages
// were freed less than ~2 s earlier; the balloon's free page reporting returns them). For a 1.1 GB
// CSV file that is ~1.2 GB of store: 48 % of the CPU of BM_ReadCsvFile_Large/2 was
// clear_page_erms, all of it under the one thread running the serial append.
void PrefaultInParallel(const std::vector<std::span<std::byte>>& ranges, ExecContext& ctx) {
#if defined(__linux__)
#ifndef MADV_POPULATE_WRITE
  constexpr int MADV_POPULATE_WRITE = 23;
#endif
  static std::atomic<bool> unsupported{false};
  if (unsupported.load(std::memory_order_relaxed)) return;
  constexpr uintptr_t kPageMask = 4095;
  constexpr size_t kPieceBytes = size_t{4} << 20;
  std::vector<std::pair<uintptr_t, size_t>> pieces;
  for (const std::span<std::byte> range : ranges) {
    uintptr_t begin = reinterpret_cast<uintptr_t>(range.data()) & ~kPageMask;
    const uintptr_t end = reinterpret_cast<uintptr_t>(range.data() + range.size());
    while (begin < end) {
      const uintptr_t next = std::min(end, (begin + kPieceBytes) & ~uintptr_t{kPieceBytes - 1});
      pieces.emplace_back(begin, next - begin);
      begin = next;
    }
  }
  ctx.task_arena().execute([&] {
    tbb::parallel_for(tbb::blocked_range<size_t>(0, pieces.size(), 1),
                      [&](const tbb::blocked_range<size_t>& range) {
                        for (size_t index = range.begin(); index != range.end(); ++index) {
                          if (unsupported.load(std::memory_order_relaxed)) return;
                          const auto [begin, bytes] = pieces[index];
                          if (madvise(reinterpret_cast<void*>(begin), bytes,
                                      MADV_POPULATE_WRITE) != 0 &&
                              errno == EINVAL) {
                            unsupported.store(true, std::memory_order_relaxed);
                          }
                        }
                      });
  });
#else
  (void)ranges;
  (void)ctx;
#endif
}

// Appends rows `selection` of chunk column `src` to `dst`, or all `row_count` when it is empty.
//
// Performance: a whole chunk column is one memcpy plus an offset rebase
// (StringColumn::AppendValues); row by row only when duplicates were dropped.
void CopyColumn(const ChunkTable& rows, size_t column, StringColumn& dst,
                std::span<const uint32_t> selection, uint32_t row_count) {
  if (!rows.mapped(column)) {
    dst.AppendEmpty(selection.empty() ? row_count : static_cast<uint32_t>(selection.size()));
    return;
  }
  const ChunkColumn& src = rows.column(column);
  if (selection.empty()) {
    dst.AppendValues(src.bytes(), src.ends(), row_count);
  } else {
    for (uint32_t row : selection) dst.Append(src.Get(row));
  }
}

}  // namespace

std::string DescribeReject(const SourceSpec& spec, const Reject& reject) {
  std::string out = spec.path + ":" + std::to_string(reject.line) + ": " +
                    std::string(RejectReasonName(reject.reason));
  if (!reject.detail.empty()) out += " (" + reject.detail + ")";
  return out;
}

SourceAppender::SourceAppender(const SourceSpec& spec, uint16_t source_idx, bool has_id_column,
                               RecordTable& table, ExecContext& ctx, OnError on_error)
    : spec_(spec),
      source_idx_(source_idx),
      has_id_column_(has_id_column),
      table_(table),
      ctx_(ctx),
      on_error_(on_error),
      rows_at_start_(table.row_count()) {
  const size_t columns = ChunkTable::ExtraColumn(table.extra_names().size());
  for (size_t index = 0; index < columns; ++index) {
    bytes_at_start_.push_back(StoreColumn(index).byte_size());
  }
}

void SourceAppender::GrowIdIndex(uint64_t entries) {
  size_t capacity = std::max<size_t>(1024, id_capacity_);
  while (entries * 2 > capacity) capacity *= 2;
  if (capacity == id_capacity_) return;
  ZeroedPages pages(capacity * sizeof(IdSlot));
  IDFORGE_CHECK(pages.data() != nullptr);
  auto* slots = static_cast<IdSlot*>(pages.data());
  const size_t mask = capacity - 1;
  for (size_t old = 0; old < id_capacity_; ++old) {
    const IdSlot slot = id_slots_[old];
    if (slot.tag == 0) continue;
    size_t pos = (HashKey(table_.source_id(slot.row)) | 1) & mask;
    while (slots[pos].tag != 0) pos = (pos + 1) & mask;
    slots[pos] = slot;
  }
  id_pages_ = std::move(pages);
  id_slots_ = slots;
  id_capacity_ = capacity;
}

void SourceAppender::MaybeReserve(uint64_t consumed, uint64_t total) {
  // One default chunk (ReadOptions::chunk_bytes) of a customer export is ~20 k records: enough
  // for the columns' proportions, and early enough that the columns have not grown yet.
  constexpr uint64_t kMinSampleBytes = uint64_t{4} << 20;
  if (reserved_ || consumed < kMinSampleBytes || total <= consumed + consumed / 2) return;
  reserved_ = true;
  total_bytes_ = total;
  ReserveRest(consumed, /*slack=*/1.05, /*pending_rows=*/0, /*pending=*/nullptr);
}

void SourceAppender::ReserveRest(uint64_t consumed, double slack, uint32_t pending_rows,
                                 const ChunkTable* pending) {
  consumed = std::max<uint64_t>(consumed, 1);
  const double scale = slack *
                       static_cast<double>(total_bytes_ - std::min(consumed, total_bytes_)) /
                       static_cast<double>(consumed);
  const auto rows = static_cast<double>(table_.row_count() - rows_at_start_ + pending_rows);
  const auto more_rows =
      static_cast<uint32_t>(std::min(rows * scale + pending_rows, 4e9));
  table_.ReserveRows(more_rows);
  reserved_rows_ = static_cast<uint64_t>(table_.row_count()) + more_rows;
  if (has_id_column_) GrowIdIndex(id_count_ + more_rows);
  std::vector<std::span<std::byte>> spare;
  table_.AddSpareRowCapacity(spare);
  reserved_bytes_.assign(bytes_at_start_.size(), 0);
  for (size_t index = 0; index < bytes_at_start_.size(); ++index) {
    StringColumn& column = StoreColumn(index);
    const uint64_t pending_bytes =
        pending != nullptr && pending->mapped(index) ? pending->column(index).byte_size() : 0;
    const auto bytes =
        static_cast<double>(column.byte_size() - bytes_at_start_[index] + pending_bytes);
    const auto more_bytes = static_cast<uint64_t>(bytes * scale) + pending_bytes;
    column.Reserve(more_rows, more_bytes);
    column.AddSpareCapacity(spare);
    reserved_bytes_[index] = column.byte_size() + more_bytes;
  }
  // Only the expected part is pre-faulted; the slack is faulted by the appends if it is used (a
  // page backed for nothing costs as much as a used one).
  for (std::span<std::byte>& range : spare) {
    range = range.first(static_cast<size_t>(static_cast<double>(range.size()) / slack));
  }
  if (id_slots_ != nullptr) {
    spare.emplace_back(static_cast<std::byte*>(id_pages_.data()), id_pages_.size());
  }
  PrefaultInParallel(spare, ctx_);
}

void SourceAppender::ReserveAgainIfShort(const ChunkTable& rows, uint64_t consumed) {
  if (!reserved_) return;
  bool short_of_room = table_.row_count() + uint64_t{rows.row_count()} > reserved_rows_;
  for (size_t index = 0; index < reserved_bytes_.size() && !short_of_room; ++index) {
    if (!rows.mapped(index)) continue;
    short_of_room =
        StoreColumn(index).byte_size() + rows.column(index).byte_size() > reserved_bytes_[index];
  }
  // The first chunk's proportions were off (ids that grow longer down the file, sorted exports):
  // extrapolate again from everything seen, with more slack, instead of letting a column double.
  if (short_of_room) ReserveRest(consumed, /*slack=*/1.10, rows.row_count(), &rows);
}

StringColumn& SourceAppender::StoreColumn(size_t index) {
  if (index == ChunkTable::kSourceIdColumn) return table_.mutable_source_id_column();
  if (index == ChunkTable::kUpdatedAtColumn) return table_.mutable_updated_at_column();
  if (index < ChunkTable::ExtraColumn(0)) {
    return table_.mutable_field(static_cast<Field>(index - ChunkTable::FieldColumn(Field::kFirstName)));
  }
  return table_.mutable_extra(index - ChunkTable::ExtraColumn(0));
}

Status SourceAppender::FailIfNeeded(const Reject& reject) const {
  if (on_error_ != OnError::kFail) return Status::Ok();
  return CorruptInput(DescribeReject(spec_, reject) +
                      ". Fix the record, or set \"on_error\": \"reject\" to send bad rows to "
                      "rejects.csv and go on");
}

Status SourceAppender::AddReject(Reject reject) {
  reject.source = source_idx_;
  ++records_;
  ++rejected_;
  IDFORGE_RETURN_IF_ERROR(FailIfNeeded(reject));
  ctx_.rejects().Add(std::move(reject));
  return Status::Ok();
}

Status SourceAppender::Append(ParsedChunk&& chunk, uint64_t first_line, uint64_t begin_offset) {
  std::vector<Reject> rejects = std::move(chunk.rejects);
  chunk.rejects.clear();
  for (Reject& reject : rejects) {
    reject.source = source_idx_;
    reject.line += first_line;
    reject.byte_offset += begin_offset;
  }
  const ChunkTable& rows = chunk.rows;
  const uint32_t row_count = rows.row_count();
  ReserveAgainIfShort(rows, begin_offset + chunk.bytes);
  const uint32_t rows_before = table_.row_count();
  const size_t chunk_rejects = rejects.size();

  // The chunk rows to append, when `all_rows` is false (some were duplicates).
  std::vector<uint32_t> kept;
  bool all_rows = true;
  if (has_id_column_ && row_count > 0) {
    // Duplicate ids: the first occurrence in file order wins, later ones are rejected. Each id is
    // inserted with the table row it will get; a lookup that meets a row of this chunk (not yet
    // appended) reads its id from the chunk through `kept`.
    //
    // Performance: the parse task hashed the ids; here each probe's slot is prefetched a few rows
    // ahead, because with millions of ids nearly every probe is a cache miss.
    GrowIdIndex(id_count_ + row_count);
    const std::vector<uint64_t>& hashes = rows.id_hashes;
    IDFORGE_CHECK(hashes.size() == row_count);
    const size_t mask = id_capacity_ - 1;
    constexpr uint32_t kPrefetchDistance = 8;
    IdSlot* const slots = id_slots_;
    bool any_duplicate = false;
    uint32_t kept_count = 0;  // rows kept so far; `kept` is filled once a duplicate shows up
    for (uint32_t row = 0; row < row_count; ++row) {
      if (row + kPrefetchDistance < row_count) {
        __builtin_prefetch(&slots[hashes[row + kPrefetchDistance] & mask]);
      }
      const uint64_t hash = hashes[row];
      size_t pos = hash & mask;
      bool duplicate = false;
      const uint32_t tag = IdTag(hash);
      while (slots[pos].tag != 0) {
        if (slots[pos].tag == tag) {
          const uint32_t other = slots[pos].row;
          const std::string_view id = rows.Get(ChunkTable::kSourceIdColumn, row);
          const std::string_view other_id =
              other < rows_before
                  ? table_.source_id(other)
                  : rows.Get(ChunkTable::kSourceIdColumn,
                             any_duplicate ? kept[other - rows_before] : other - rows_before);
          if (other_id == id) {
            duplicate = true;
            break;
          }
        }
        pos = (pos + 1) & mask;
      }
      if (!duplicate) {
        slots[pos] = IdSlot{tag, rows_before + kept_count};
        ++id_count_;
        ++kept_count;
        if (any_duplicate) kept.push_back(row);
        continue;
      }
      if (!any_duplicate) {
        // The first duplicate of the chunk: until now every row was kept.
        any_duplicate = true;
        kept.reserve(row_count);
        for (uint32_t earlier = 0; earlier < row; ++earlier) kept.push_back(earlier);
      }
      const auto [raw_begin, raw_end] =
          row < chunk.raw_spans.size() ? chunk.raw_spans[row] : std::pair<uint32_t, uint32_t>{0, 0};
      rejects.push_back(Reject{
          .source = source_idx_,
          .line = rows.lines[row] + first_line,
          .byte_offset = begin_offset + raw_begin,
          .reason = RejectReason::kDuplicateId,
          .detail = "this id was already used earlier in the source",
          .raw = SanitizeRaw(chunk.text.substr(raw_begin, raw_end - raw_begin)),
      });
    }
    all_rows = !any_duplicate;
    if (rejects.size() != chunk_rejects) {
      std::stable_sort(rejects.begin(), rejects.end(),
                       [](const Reject& a, const Reject& b) { return a.line < b.line; });
    }
  }

  const std::span<const uint32_t> selection =
      all_rows ? std::span<const uint32_t>() : std::span<const uint32_t>(kept);
  const uint32_t appended = all_rows ? row_count : static_cast<uint32_t>(kept.size());
  if (appended > 0) {
    if (all_rows) {
      for (uint32_t row = 0; row < row_count; ++row) {
        table_.AppendRowMeta(source_idx_, rows.lines[row] + first_line);
      }
    } else {
      for (uint32_t row : selection) table_.AppendRowMeta(source_idx_, rows.lines[row] + first_line);
    }
    if (has_id_column_) {
      CopyColumn(rows, ChunkTable::kSourceIdColumn, table_.mutable_source_id_column(), selection,
                 row_count);
    } else {
      // Id-less sources: the key is the record's 1-based number in the file.
      StringColumn& ids = table_.mutable_source_id_column();
      std::string digits;
      std::vector<uint32_t> ends;
      digits.reserve(static_cast<size_t>(row_count) * 8);
      ends.reserve(row_count);
      char buffer[24];
      for (uint32_t row = 0; row < row_count; ++row) {
        const uint64_t number = records_ + rows.record_numbers[row] + 1;
        const auto result = std::to_chars(buffer, buffer + sizeof(buffer), number);
        digits.append(buffer, result.ptr);
        ends.push_back(static_cast<uint32_t>(digits.size()));
      }
      ids.AppendValues(digits.data(), ends.data(), row_count);
    }
    CopyColumn(rows, ChunkTable::kUpdatedAtColumn, table_.mutable_updated_at_column(), selection,
               row_count);
    for (Field field : AllFields()) {
      CopyColumn(rows, ChunkTable::FieldColumn(field), table_.mutable_field(field), selection,
                 row_count);
    }
    for (size_t extra = 0; extra < table_.extra_names().size(); ++extra) {
      CopyColumn(rows, ChunkTable::ExtraColumn(extra), table_.mutable_extra(extra), selection,
                 row_count);
    }
  }

  if (!rejects.empty()) IDFORGE_RETURN_IF_ERROR(FailIfNeeded(rejects.front()));
  records_ += chunk.records;
  accepted_ += table_.row_count() - rows_before;
  rejected_ += rejects.size();
  blank_lines_ += chunk.blank_lines;
  ctx_.rejects().Append(std::move(rejects));
  return Status::Ok();
}

}  // namespace idforge::read
