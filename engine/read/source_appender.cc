// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
#include "engine/read/source_appender.h"

#include <algorithm>
#include <charconv>

#include "engine/common/hash.h"

namespace idforge::read {

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
      on_error_(on_error) {}

bool SourceAppender::InsertId(std::string_view id, uint32_t row) {
  if ((id_count_ + 1) * 2 > id_hashes_.size()) {
    // Grow and re-insert: keeps the load factor at or below 1/2.
    const size_t capacity = std::max<size_t>(1024, id_hashes_.size() * 2);
    std::vector<uint64_t> old_hashes = std::move(id_hashes_);
    std::vector<uint32_t> old_rows = std::move(id_rows_);
    id_hashes_.assign(capacity, 0);
    id_rows_.assign(capacity, 0);
    for (size_t slot = 0; slot < old_hashes.size(); ++slot) {
      if (old_hashes[slot] == 0) continue;
      size_t pos = old_hashes[slot] & (capacity - 1);
      while (id_hashes_[pos] != 0) pos = (pos + 1) & (capacity - 1);
      id_hashes_[pos] = old_hashes[slot];
      id_rows_[pos] = old_rows[slot];
    }
  }
  const uint64_t hash = HashKey(id) | 1;  // never 0, the empty marker
  const size_t mask = id_hashes_.size() - 1;
  size_t pos = hash & mask;
  while (id_hashes_[pos] != 0) {
    if (id_hashes_[pos] == hash && table_.source_id(id_rows_[pos]) == id) return false;
    pos = (pos + 1) & mask;
  }
  id_hashes_[pos] = hash;
  id_rows_[pos] = row;
  ++id_count_;
  return true;
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
  for (Reject& reject : rejects) {
    reject.source = source_idx_;
    reject.line += first_line;
    reject.byte_offset += begin_offset;
  }
  const RecordTable& rows = chunk.rows;
  const uint32_t row_count = rows.row_count();
  const uint32_t rows_before = table_.row_count();
  const size_t chunk_rejects = rejects.size();

  if (has_id_column_) {
    // Duplicate ids: the first occurrence in file order wins, later ones are rejected. An id is
    // inserted with the row index it is about to get, and the row is appended at once, so every
    // stored index refers to a row already in the table when a later lookup compares strings.
    for (uint32_t row = 0; row < row_count; ++row) {
      if (InsertId(rows.source_id(row), table_.row_count())) {
        table_.AppendRow(rows, row, first_line);
        continue;
      }
      const auto [raw_begin, raw_end] =
          row < chunk.raw_spans.size() ? chunk.raw_spans[row] : std::pair<uint32_t, uint32_t>{0, 0};
      rejects.push_back(Reject{
          .source = source_idx_,
          .line = rows.line(row) + first_line,
          .byte_offset = begin_offset + raw_begin,
          .reason = RejectReason::kDuplicateId,
          .detail = "this id was already used earlier in the source",
          .raw = SanitizeRaw(chunk.text.substr(raw_begin, raw_end - raw_begin)),
      });
    }
    if (rejects.size() != chunk_rejects) {
      std::stable_sort(rejects.begin(), rejects.end(),
                       [](const Reject& a, const Reject& b) { return a.line < b.line; });
    }
  } else {
    char digits[24];
    for (uint32_t row = 0; row < row_count; ++row) {
      const uint64_t number = records_ + chunk.record_numbers[row] + 1;
      const auto result = std::to_chars(digits, digits + sizeof(digits), number);
      table_.AppendRow(rows, row, first_line,
                       std::string_view(digits, static_cast<size_t>(result.ptr - digits)));
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
