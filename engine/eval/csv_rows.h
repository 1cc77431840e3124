// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// A small RFC 4180 record reader for truth files and crosswalks. Evaluation keeps its own reader
// instead of engine/read's (built for mapping many sources into a RecordTable), so the ruler that
// measures the engine does not share code, or bugs, with what it measures. Private to engine/eval.
#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "idforge/status.h"

namespace idforge::eval {

// Streams the records of one CSV file: comma-separated, quotes doubled inside quoted fields,
// embedded commas and newlines in quotes, LF, CRLF or CR line ends, an optional UTF-8 BOM.
// Spaces around a field are dropped unless they are inside quotes (so `crm, 42` reads as written
// by hand, while a quoted " 42 " keeps its spaces). Blank lines are skipped.
// Ownership: owns the open file. Thread-compatible.
class CsvRowReader {
 public:
  // NotFound when `path` does not exist, IOError when it cannot be read.
  static Result<CsvRowReader> Open(const std::string& path);

  // Reads the next record into `fields` (resized to its field count). Returns false at the end of
  // the file; InvalidArgument naming the file and line for an unterminated quote or text after a
  // closing quote.
  Result<bool> Next(std::vector<std::string>& fields);

  // The 1-based line on which the record last returned by Next() starts.
  uint64_t record_line() const { return record_line_; }
  const std::string& path() const { return path_; }
  // The file offset of the next unread byte.
  uint64_t offset() const { return buffer_offset_ + pos_; }

 private:
  struct FileCloser {
    void operator()(std::FILE* file) const { std::fclose(file); }
  };
  static constexpr int kEof = -1;

  CsvRowReader(std::string path, std::FILE* file);

  int Peek();
  int Get() {
    const int c = Peek();
    if (c != kEof) ++pos_;
    return c;
  }
  bool Refill();
  // Performance: fields are scanned span by span within the buffer (memchr for the closing
  // quote) and appended in one piece, not byte by byte through Peek()/Get().
  // Appends the unquoted field text up to a comma, CR or LF (consumed) and returns it, or kEof.
  int ScanUnquoted(std::string& value);
  // Appends the text of a quoted field (after its opening quote) up to and past its closing
  // quote, undoubling "" and counting newlines; false when the file ends first.
  bool ScanQuoted(std::string& value);
  Status Error(uint64_t line, const std::string& what) const;

  std::string path_;
  std::unique_ptr<std::FILE, FileCloser> file_;
  std::vector<char> buffer_;
  uint64_t buffer_offset_ = 0;  // the file offset of buffer_[0]
  size_t pos_ = 0;
  size_t end_ = 0;
  bool read_error_ = false;
  uint64_t line_ = 1;  // the line the next unread byte is on
  uint64_t record_line_ = 0;
};

}  // namespace idforge::eval
