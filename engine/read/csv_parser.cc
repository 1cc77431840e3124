// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// The CSV record scanner and the chunk parser built on it. One scanner (ScanRecord) serves the
// header, delimiter detection and the hot path, so all three agree on where a record ends.
#include "engine/read/csv_parser.h"

#include <algorithm>

#include "engine/common/utf8.h"
#include "engine/read/csv_scan.h"

namespace idforge::read::csv {
namespace {

enum class Outcome : uint8_t {
  kRecord,        // a complete record (it may still carry a bad quote or a too-large field)
  kBlank,         // an empty or whitespace-only physical line
  kEnd,           // no bytes left (final input)
  kIncomplete,    // more input is needed to decide
  kUnterminated,  // a quote still open at the end of the final input
  kOversized,     // the record runs past kMaxRecordBytes
};

struct Scan {
  Outcome outcome = Outcome::kRecord;
  size_t end = 0;             // after the record (its line terminator included)
  uint32_t newlines = 0;      // '\n' bytes up to `end`
  uint32_t fields = 0;        // for kRecord
  bool bad_quote = false;     // text after a closing quote
  bool too_large = false;     // a value above kMaxFieldBytes
  uint32_t problem_column = 0;  // the first column with a bad quote or a too-large value
};

inline bool IsTrimByte(char c, char delimiter) { return (c == ' ' || c == '\t') && c != delimiter; }
// Blank lines are whitespace-only whatever the delimiter: a tab-only line in a TSV file is an
// all-empty record, which carries nothing worth a row.
inline bool IsBlankByte(char c) { return c == ' ' || c == '\t' || c == '\r'; }

// Physical-line recovery after a record that cannot be delimited: resume after the line where it
// started. Deterministic because it depends only on the bytes from `start`.
Scan SkipLine(const char* text, size_t size, size_t start, bool final, Outcome outcome) {
  Scan scan;
  const size_t newline = FindNewline(text, start, size);
  if (newline == size) {
    if (!final) return Scan{.outcome = Outcome::kIncomplete};
    scan.end = size;
  } else {
    scan.end = newline + 1;
    scan.newlines = 1;
  }
  scan.outcome = outcome;
  return scan;
}

// Scans one record starting at `start`. `sink.Value(column, data, size, escaped)` receives every
// field's value (quotes removed, `escaped` when doubled quotes remain to be collapsed).
//
// Performance: this is the hot loop. Unquoted fields cost one FindEither (delimiter or newline),
// quoted ones one per embedded quote or newline; nothing is copied here.
template <typename Sink>
Scan ScanRecord(const char* text, size_t size, size_t start, bool final, const Dialect& dialect,
                Sink& sink) {
  const char delimiter = dialect.delimiter;
  Scan scan;
  size_t pos = start;
  while (pos < size && IsBlankByte(text[pos])) ++pos;
  if (pos == size) {
    if (!final) return Scan{.outcome = Outcome::kIncomplete};
    return Scan{.outcome = pos == start ? Outcome::kEnd : Outcome::kBlank, .end = size};
  }
  if (text[pos] == '\n') return Scan{.outcome = Outcome::kBlank, .end = pos + 1, .newlines = 1};

  pos = start;
  const size_t limit = std::min(size, start + kMaxRecordBytes);  // where the record must end
  auto mark = [&](bool& flag, uint32_t column) {
    if (!scan.bad_quote && !scan.too_large) scan.problem_column = column;
    flag = true;
  };
  for (uint32_t column = 0;; ++column) {
    if (dialect.trim) {
      while (pos < limit && IsTrimByte(text[pos], delimiter)) ++pos;
    }
    bool value_done = false;  // set after a bad quote: the rest of the field is not a value
    if (pos < limit && text[pos] == '"') {
      const size_t value_begin = ++pos;
      bool escaped = false;
      size_t value_end = 0;
      for (;;) {
        const size_t hit = FindEither(text, pos, limit, '"', '\n');
        if (hit >= limit) {
          if (limit < size) return SkipLine(text, size, start, final, Outcome::kOversized);
          if (!final) return Scan{.outcome = Outcome::kIncomplete};
          return SkipLine(text, size, start, final, Outcome::kUnterminated);
        }
        if (text[hit] == '\n') {
          ++scan.newlines;
          pos = hit + 1;
          continue;
        }
        if (hit + 1 < size && text[hit + 1] == '"') {
          escaped = true;
          pos = hit + 2;
          continue;
        }
        if (hit + 1 == size && !final) return Scan{.outcome = Outcome::kIncomplete};
        value_end = hit;
        pos = hit + 1;
        break;
      }
      sink.Value(column, text + value_begin, value_end - value_begin, escaped);
      if (value_end - value_begin > StringColumn::kMaxFieldBytes) mark(scan.too_large, column);
      if (dialect.trim) {
        while (pos < size && IsTrimByte(text[pos], delimiter)) ++pos;
      }
      if (pos == size) {
        if (!final) return Scan{.outcome = Outcome::kIncomplete};
        scan.fields = column + 1;
        scan.end = size;
        return scan;
      }
      const char next = text[pos];
      if (next == delimiter) {
        ++pos;
        continue;
      }
      if (next == '\n' || (next == '\r' && pos + 1 < size && text[pos + 1] == '\n')) {
        pos += next == '\n' ? 1 : 2;
        ++scan.newlines;
        scan.fields = column + 1;
        scan.end = pos;
        return scan;
      }
      if (next == '\r' && pos + 1 == size) {
        if (!final) return Scan{.outcome = Outcome::kIncomplete};
        scan.fields = column + 1;
        scan.end = size;
        return scan;
      }
      // `"abc"def`: the record is rejected; the rest of the field is read as plain text so that
      // the record's end is found the same way in every chunking.
      mark(scan.bad_quote, column);
      value_done = true;
    }
    const size_t value_begin = pos;
    const size_t hit = FindEither(text, pos, limit, delimiter, '\n');
    size_t value_end = hit;
    bool record_ends = true;
    if (hit >= limit) {
      if (limit < size) return SkipLine(text, size, start, final, Outcome::kOversized);
      if (!final) return Scan{.outcome = Outcome::kIncomplete};
      value_end = size;
      pos = size;
    } else if (text[hit] == delimiter) {
      pos = hit + 1;
      record_ends = false;
    } else {
      pos = hit + 1;
      ++scan.newlines;
    }
    if (record_ends && value_end > value_begin && text[value_end - 1] == '\r') --value_end;
    if (dialect.trim) {
      while (value_end > value_begin && IsTrimByte(text[value_end - 1], delimiter)) --value_end;
    }
    if (!value_done) {
      sink.Value(column, text + value_begin, value_end - value_begin, false);
      if (value_end - value_begin > StringColumn::kMaxFieldBytes) mark(scan.too_large, column);
    }
    if (record_ends) {
      scan.fields = column + 1;
      scan.end = pos;
      return scan;
    }
  }
}

// Appends `value` with each doubled quote collapsed to one.
void AppendUnescaped(const char* value, size_t size, std::string& out) {
  for (size_t pos = 0; pos < size; ++pos) {
    out.push_back(value[pos]);
    if (value[pos] == '"' && pos + 1 < size && value[pos + 1] == '"') ++pos;
  }
}

struct NullSink {
  void Value(uint32_t, const char*, size_t, bool) {}
};

struct StringsSink {
  std::vector<std::string> values;
  void Value(uint32_t, const char* value, size_t size, bool escaped) {
    std::string& out = values.emplace_back();
    if (escaped) {
      AppendUnescaped(value, size, out);
    } else {
      out.assign(value, size);
    }
  }
};

// Column (0-based) of byte `offset` of a record, counting delimiters outside quotes.
uint32_t ColumnAt(std::string_view record, size_t offset, char delimiter) {
  uint32_t column = 0;
  bool quoted = false;
  for (size_t pos = 0; pos < offset && pos < record.size(); ++pos) {
    if (record[pos] == '"') quoted = !quoted;
    if (!quoted && record[pos] == delimiter) ++column;
  }
  return column;
}

// The record's bytes without its line terminator.
size_t RawEnd(std::string_view text, size_t begin, size_t end) {
  if (end > begin && text[end - 1] == '\n') --end;
  if (end > begin && text[end - 1] == '\r') --end;
  return end;
}

}  // namespace

HeaderScan ScanHeader(std::string_view text, bool final, const Dialect& dialect) {
  HeaderScan header;
  size_t pos = 0;
  for (;;) {
    StringsSink sink;
    const Scan scan = ScanRecord(text.data(), text.size(), pos, final, dialect, sink);
    switch (scan.outcome) {
      case Outcome::kIncomplete:
        header.kind = HeaderScan::Kind::kIncomplete;
        return header;
      case Outcome::kEnd:
        header.kind = HeaderScan::Kind::kEmpty;
        return header;
      case Outcome::kBlank:
        ++header.blank_lines;
        header.lines += scan.newlines;
        pos = scan.end;
        if (pos == text.size()) {
          header.kind = HeaderScan::Kind::kEmpty;
          return header;
        }
        continue;
      case Outcome::kUnterminated:
        header.kind = HeaderScan::Kind::kError;
        header.error = "a quote in the header is never closed";
        return header;
      case Outcome::kOversized:
        header.kind = HeaderScan::Kind::kError;
        header.error = "the header is longer than 8 MiB";
        return header;
      case Outcome::kRecord:
        break;
    }
    if (scan.bad_quote || scan.too_large) {
      header.kind = HeaderScan::Kind::kError;
      header.error = scan.bad_quote ? "text follows a closing quote in header column " +
                                          std::to_string(scan.problem_column + 1)
                                    : "a header name is longer than 1 MiB";
      return header;
    }
    header.kind = HeaderScan::Kind::kOk;
    header.names = std::move(sink.values);
    header.end = scan.end;
    header.lines += scan.newlines;
    return header;
  }
}

std::vector<uint32_t> CountFields(std::string_view sample, char delimiter, size_t max_records) {
  std::vector<uint32_t> counts;
  const Dialect dialect{.delimiter = delimiter, .trim = false};
  for (bool final : {false, true}) {
    size_t pos = 0;
    counts.clear();
    while (counts.size() < max_records) {
      NullSink sink;
      const Scan scan = ScanRecord(sample.data(), sample.size(), pos, final, dialect, sink);
      if (scan.outcome == Outcome::kIncomplete || scan.outcome == Outcome::kEnd) break;
      pos = scan.end;
      if (scan.outcome == Outcome::kBlank) continue;
      counts.push_back(scan.outcome == Outcome::kRecord && !scan.bad_quote ? scan.fields : 0);
    }
    if (!counts.empty()) break;  // else the sample holds one cut-off record: count it as is
  }
  return counts;
}

ChunkParser::ChunkParser(const Dialect& dialect, const SourceLayout& layout,
                         std::span<const std::string> header,
                         std::span<const std::string> extra_names, uint16_t source_idx,
                         bool check_utf8)
    : dialect_(dialect),
      layout_(layout),
      header_(header),
      extra_names_(extra_names),
      source_idx_(source_idx),
      check_utf8_(check_utf8),
      values_(layout.needed().size()) {
  column_to_needed_.resize(header.size());
  for (size_t column = 0; column < header.size(); ++column) {
    column_to_needed_[column] = layout.NeededIndexOfColumn(column);
  }
}

std::string ChunkParser::ColumnLabel(uint32_t column) const {
  if (column < header_.size()) return "column \"" + header_[column] + "\"";
  return "field " + std::to_string(column + 1) + " (beyond the header)";
}

RangeEnd ChunkParser::Parse(std::string_view text, size_t begin, size_t end, bool final,
                            ParsedChunk& out) {
  // Validate the whole range at SIMD speed first; only a range that fails is checked again
  // record by record, to find which records to reject.
  const bool range_invalid =
      check_utf8_ && !utf8::IsValid(text.substr(begin, std::min(end, text.size()) - begin));
  RangeEnd range = ParseOnce(text, begin, end, final, range_invalid, out);
  if (check_utf8_ && !range_invalid && range.next > end &&
      !utf8::IsValid(text.substr(end, range.next - end))) {
    out.Clear();
    range = ParseOnce(text, begin, end, final, /*check_records=*/true, out);
  }
  return range;
}

RangeEnd ChunkParser::ParseOnce(std::string_view text, size_t begin, size_t end, bool final,
                                bool check_records, ParsedChunk& out) {
  TableBuilder builder(layout_, out.rows);
  const char* data = text.data();
  const size_t size = text.size();
  const auto header_columns = static_cast<uint32_t>(column_to_needed_.size());
  const int32_t* column_to_needed = column_to_needed_.data();
  std::string_view* values = values_.data();

  // The per-record sink: needed values go to values_, escaped ones through scratch_.
  struct Sink {
    const int32_t* column_to_needed;
    uint32_t header_columns;
    std::string_view* values;
    std::string* scratch;
    std::vector<std::pair<uint32_t, std::pair<size_t, size_t>>>* pending;
    void Value(uint32_t column, const char* value, size_t value_size, bool escaped) {
      if (column >= header_columns) return;
      const int32_t needed = column_to_needed[column];
      if (needed < 0) return;
      if (!escaped) {
        values[needed] = std::string_view(value, value_size);
        return;
      }
      const size_t offset = scratch->size();
      AppendUnescaped(value, value_size, *scratch);
      pending->push_back({static_cast<uint32_t>(needed), {offset, scratch->size() - offset}});
    }
  } sink{column_to_needed, header_columns, values, &scratch_, &pending_};

  auto add_reject = [&](size_t record_begin, size_t record_end, uint64_t line,
                        RejectReason reason, std::string detail) {
    out.rejects.push_back(Reject{
        .source = source_idx_,
        .line = line,
        .byte_offset = record_begin - begin,
        .reason = reason,
        .detail = std::move(detail),
        .raw = SanitizeRaw(text.substr(record_begin, RawEnd(text, record_begin, record_end) -
                                                         record_begin)),
    });
  };

  RangeEnd range;
  size_t pos = begin;
  uint64_t line = 0;
  uint64_t record_number = 0;
  while (pos < end) {
    std::fill(values, values + values_.size(), std::string_view());
    const Scan scan = ScanRecord(data, size, pos, final, dialect_, sink);
    if (scan.outcome == Outcome::kIncomplete) {
      range.incomplete = true;
      scratch_.clear();
      pending_.clear();
      break;
    }
    if (scan.outcome == Outcome::kEnd) break;
    const size_t record_begin = pos;
    const uint64_t record_line = line;
    pos = scan.end;
    line += scan.newlines;
    if (scan.outcome == Outcome::kBlank) {
      ++out.blank_lines;
      continue;
    }
    const uint64_t number = record_number++;
    if (!pending_.empty()) {
      for (const auto& [needed, span] : pending_) {
        values[needed] = std::string_view(scratch_).substr(span.first, span.second);
      }
    }
    // The first problem decides the reason; structural problems come first.
    if (scan.outcome == Outcome::kUnterminated) {
      add_reject(record_begin, scan.end, record_line, RejectReason::kUnterminatedQuote,
                 "a quote opened in this record is never closed; reading resumed at the next line");
    } else if (scan.outcome == Outcome::kOversized) {
      add_reject(record_begin, scan.end, record_line, RejectReason::kFieldTooLarge,
                 "record longer than 8 MiB (an unbalanced quote?); reading resumed at the next line");
    } else if (scan.bad_quote) {
      add_reject(record_begin, scan.end, record_line, RejectReason::kBadQuote,
                 "text after the closing quote in " + ColumnLabel(scan.problem_column));
    } else if (scan.too_large) {
      add_reject(record_begin, scan.end, record_line, RejectReason::kFieldTooLarge,
                 ColumnLabel(scan.problem_column) + " holds more than 1 MiB");
    } else if (scan.fields != header_columns) {
      add_reject(record_begin, scan.end, record_line, RejectReason::kFieldCountMismatch,
                 std::to_string(scan.fields) + " fields, header has " +
                     std::to_string(header_columns));
    } else if (check_records &&
               !utf8::IsValid(text.substr(record_begin, scan.end - record_begin))) {
      const std::string_view record = text.substr(record_begin, scan.end - record_begin);
      add_reject(record_begin, scan.end, record_line, RejectReason::kInvalidUtf8,
                 "invalid UTF-8 in " + ColumnLabel(ColumnAt(record, utf8::FirstInvalid(record),
                                                            dialect_.delimiter)));
    } else {
      const std::optional<RejectReason> reason =
          builder.AddRow(record_line, number, std::span<const std::string_view>(values_));
      if (!reason) {
        out.raw_spans.emplace_back(
            static_cast<uint32_t>(record_begin - begin),
            static_cast<uint32_t>(RawEnd(text, record_begin, scan.end) - begin));
      } else if (*reason == RejectReason::kMissingId) {
        add_reject(record_begin, scan.end, record_line, *reason, "the id column is empty");
      } else {
        add_reject(record_begin, scan.end, record_line, *reason,
                   "a mapped value joined from several columns is above 1 MiB");
      }
    }
    if (!pending_.empty()) {
      scratch_.clear();
      pending_.clear();
    }
  }
  range.next = pos;
  out.text = text.substr(begin, pos - begin);
  out.records = record_number;
  out.lines = line;
  out.bytes = pos - begin;
  return range;
}

}  // namespace idforge::read::csv
