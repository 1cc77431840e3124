// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// From parsed input values to table rows. A SourceLayout compiles a source's field mapping against
// the columns its file actually has; a TableBuilder turns each record's values into one row of a
// chunk table. Readers (CSV, JSON) only produce values; mapping lives here, once.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/common/reject_log.h"
#include "engine/read/chunk_table.h"
#include "idforge/options.h"
#include "idforge/record_table.h"

namespace idforge::read {

// Which input values ("needed columns") feed which table column, for one source.
// Immutable once built; shared read-only by all parse tasks of the source.
class SourceLayout {
 public:
  // CSV: resolves the spec's column names against `header` (exact match first, then a case-,
  // space- and punctuation-insensitive match). A mapped column that is absent is an error that
  // names the source, the field and the columns the file has.
  static Result<SourceLayout> ForHeader(const SourceSpec& spec, std::span<const std::string> header,
                                        std::span<const std::string> table_extra_names);
  // JSON: the needed columns are the distinct dotted paths the spec references, in spec order.
  static Result<SourceLayout> ForJsonPaths(const SourceSpec& spec,
                                           std::span<const std::string> table_extra_names);

  // Names (CSV header names or JSON paths) of the values a reader must produce, by needed index.
  const std::vector<std::string>& needed() const { return needed_; }
  // CSV: needed index of header column `column`, or -1 when no mapping uses it.
  int32_t NeededIndexOfColumn(size_t column) const {
    return column < column_to_needed_.size() ? column_to_needed_[column] : -1;
  }
  size_t header_size() const { return column_to_needed_.size(); }
  // Header columns no mapping uses (for the audit).
  const std::vector<std::string>& unmapped_columns() const { return unmapped_; }
  bool has_id_column() const { return id_needed_ >= 0; }

  // One output column of the table and the needed values joined (with one space) to make it.
  struct Target {
    enum class Kind : uint8_t { kField, kExtra, kSourceId, kUpdatedAt } kind;
    uint32_t index;  // Field or extra index
    std::vector<uint32_t> needed;
    size_t column = 0;  // ChunkTable column
  };

 private:
  friend class TableBuilder;


  void FindUntargeted();

  std::vector<std::string> needed_;
  std::vector<Field> untargeted_fields_;    // get an empty value in every row
  std::vector<uint32_t> untargeted_extras_;
  bool has_updated_at_ = false;
  std::vector<bool> mapped_columns_;  // by ChunkTable column
  bool single_needed_ = true;         // no target joins several values
  std::vector<int32_t> column_to_needed_;
  std::vector<std::string> unmapped_;
  std::vector<Target> targets_;
  int32_t id_needed_ = -1;
  size_t extra_count_ = 0;
};

// Builds the rows of one parse chunk into a ChunkTable. One per task; not thread-safe.
class TableBuilder {
 public:
  // Resets `out` for this source's layout (keeping its buffers); `out` must outlive the builder.
  TableBuilder(const SourceLayout& layout, ChunkTable& out);

  // Adds one record. `values[i]` is needed()[i]'s value (empty when absent); leading/trailing
  // whitespace is kept as given (readers trim when the source asks). Returns the reason when the
  // record cannot be accepted (missing id, a joined value above kMaxFieldBytes): no row is added.
  // `record_number` is the record's 0-based index within the chunk, kept for id-less sources.
  // REQUIRES: every value <= StringColumn::kMaxFieldBytes (the readers reject larger ones first).
  std::optional<RejectReason> AddRow(uint64_t line, uint64_t record_number,
                                     std::span<const std::string_view> values);

  uint32_t row_count() const { return table_.row_count(); }
  ChunkTable& table() { return table_; }

 private:
  const SourceLayout& layout_;
  ChunkTable& table_;
  // Targets fed by one value, resolved to their chunk column once (the common case), and the
  // joined ones.
  std::vector<std::pair<ChunkColumn*, uint32_t>> single_;
  std::vector<std::pair<ChunkColumn*, const SourceLayout::Target*>> joined_;
};

// Case-, space- and punctuation-insensitive key for header matching ("State / Region" ->
// "stateregion"); ASCII-folded only, other bytes kept.
std::string HeaderKey(std::string_view name);

}  // namespace idforge::read
