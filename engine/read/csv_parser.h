// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// The CSV state machine: splits decoded text into records and fields (RFC 4180 plus the quirks
// of real exports), and turns the records of one byte range into a ParsedChunk. Knows nothing
// about windows or threads; csv_reader.cc decides which ranges to parse and in which order.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/read/source_appender.h"
#include "engine/read/table_builder.h"
#include "idforge/record_table.h"

namespace idforge::read::csv {

// A record that spans more bytes than this is rejected as too large without looking for its end,
// and reading resumes at the next physical line, so a stray quote cannot make the reader buffer
// the rest of the file. Eight fields at the 1 MiB field limit fit.
inline constexpr size_t kMaxRecordBytes = size_t{8} * StringColumn::kMaxFieldBytes;

struct Dialect {
  char delimiter = ',';
  bool trim = false;  // strip spaces and tabs around fields (and before an opening quote)
};

// The header record, or why there is none.
struct HeaderScan {
  enum class Kind : uint8_t { kOk, kEmpty, kIncomplete, kError } kind = Kind::kEmpty;
  std::vector<std::string> names;
  size_t end = 0;            // offset after the header's line terminator
  uint64_t lines = 0;        // newlines up to `end` (blank lines before the header included)
  uint64_t blank_lines = 0;  // blank lines before the header
  std::string error;         // for kError: what is wrong with the header
};

// Reads the first non-blank record of `text`. kIncomplete: more bytes are needed (only when
// `final` is false, i.e. more input may follow `text`).
HeaderScan ScanHeader(std::string_view text, bool final, const Dialect& dialect);

// Where a range parse stopped.
struct RangeEnd {
  size_t next = 0;          // offset in the text where the first unparsed record starts
  bool incomplete = false;  // stopped before a record that needs bytes beyond the text
};

// Turns byte ranges of one source into ParsedChunks. Holds per-record scratch (needed values,
// unescaped quoted values), so one parser per task. Borrows `layout` and `header`, which must
// outlive it. Not thread-safe.
class ChunkParser {
 public:
  ChunkParser(const Dialect& dialect, const SourceLayout& layout,
              std::span<const std::string> header, std::span<const std::string> extra_names,
              uint16_t source_idx, bool check_utf8);

  // Parses every record that starts in [begin, end) of `text`, assuming `begin` is a record
  // start; a record that crosses `end` is completed from the bytes after it. Unless `final`
  // (no input follows `text`), a record that would need bytes beyond the text is left unparsed
  // and reported through RangeEnd::incomplete. Fills `out` (lines, offsets relative to `begin`).
  //
  // O(bytes). Per record it allocates nothing beyond the chunk table's growth.
  RangeEnd Parse(std::string_view text, size_t begin, size_t end, bool final, ParsedChunk& out);

 private:
  RangeEnd ParseOnce(std::string_view text, size_t begin, size_t end, bool final,
                     bool check_records, ParsedChunk& out);
  std::string ColumnLabel(uint32_t column) const;

  Dialect dialect_;
  const SourceLayout& layout_;
  std::span<const std::string> header_;
  std::span<const std::string> extra_names_;
  uint16_t source_idx_;
  bool check_utf8_;
  std::vector<int32_t> column_to_needed_;
  std::vector<std::string_view> values_;  // per record, by needed index
  std::string scratch_;                   // unescaped quoted values of the current record
  std::vector<std::pair<uint32_t, std::pair<size_t, size_t>>> pending_;  // needed -> scratch span
};

// Number of fields of each of the first `max_records` records of `sample` with `delimiter`
// (quotes respected); a record the sample cuts off is left out unless it is the only one.
std::vector<uint32_t> CountFields(std::string_view sample, char delimiter, size_t max_records);

}  // namespace idforge::read::csv
