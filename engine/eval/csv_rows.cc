// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
#include "engine/eval/csv_rows.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <utility>

namespace idforge::eval {
namespace {

constexpr size_t kBufferBytes = size_t{1} << 20;

bool IsBlank(int c) { return c == ' ' || c == '\t'; }

void TrimTrailingBlanks(std::string& value) {
  while (!value.empty() && IsBlank(value.back())) value.pop_back();
}

}  // namespace

Result<CsvRowReader> CsvRowReader::Open(const std::string& path) {
  errno = 0;
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) {
    const int error = errno;
    if (error == ENOENT) return NotFound(path + ": no such file");
    return IOError(path + ": cannot open: " + std::strerror(error));
  }
  CsvRowReader reader(path, file);
  // Skip a UTF-8 byte order mark; spreadsheet exports often start with one.
  if (reader.Peek() == 0xEF && reader.end_ >= 3 &&
      static_cast<unsigned char>(reader.buffer_[1]) == 0xBB &&
      static_cast<unsigned char>(reader.buffer_[2]) == 0xBF) {
    reader.pos_ = 3;
  }
  if (reader.read_error_) return IOError(path + ": read failed");
  return reader;
}

CsvRowReader::CsvRowReader(std::string path, std::FILE* file)
    : path_(std::move(path)), file_(file), buffer_(kBufferBytes) {}

bool CsvRowReader::Refill() {
  buffer_offset_ += end_;
  pos_ = 0;
  end_ = std::fread(buffer_.data(), 1, buffer_.size(), file_.get());
  if (end_ == 0 && std::ferror(file_.get()) != 0) read_error_ = true;
  return end_ != 0;
}

int CsvRowReader::Peek() {
  if (pos_ == end_ && !Refill()) return kEof;
  return static_cast<unsigned char>(buffer_[pos_]);
}

Status CsvRowReader::Error(uint64_t line, const std::string& what) const {
  return InvalidArgument(path_ + ":" + std::to_string(line) + ": " + what);
}

int CsvRowReader::ScanUnquoted(std::string& value) {
  for (;;) {
    if (pos_ == end_ && !Refill()) return kEof;
    const char* const begin = buffer_.data() + pos_;
    const char* const stop = buffer_.data() + end_;
    const char* cursor = begin;
    while (cursor != stop && *cursor != ',' && *cursor != '\n' && *cursor != '\r') ++cursor;
    value.append(begin, cursor);
    pos_ = static_cast<size_t>(cursor - buffer_.data());
    if (cursor != stop) {
      ++pos_;
      return static_cast<unsigned char>(*cursor);
    }
  }
}

bool CsvRowReader::ScanQuoted(std::string& value) {
  for (;;) {
    if (pos_ == end_ && !Refill()) return false;
    const char* const begin = buffer_.data() + pos_;
    const char* const stop = buffer_.data() + end_;
    const auto* quote = static_cast<const char*>(std::memchr(begin, '"', end_ - pos_));
    const char* const until = quote != nullptr ? quote : stop;
    line_ += static_cast<uint64_t>(std::count(begin, until, '\n'));
    value.append(begin, until);
    pos_ = static_cast<size_t>(until - buffer_.data());
    if (quote == nullptr) continue;
    ++pos_;                          // the quote
    if (Peek() != '"') return true;  // it closed the field
    Get();                           // "" inside a quoted field is one quote
    value.push_back('"');
  }
}

Result<bool> CsvRowReader::Next(std::vector<std::string>& fields) {
  for (;;) {
    if (Peek() == kEof) {
      if (read_error_) return IOError(path_ + ": read failed");
      return false;
    }
    record_line_ = line_;
    size_t count = 0;
    bool quoted_any = false;
    bool end_of_record = false;
    while (!end_of_record) {
      if (fields.size() <= count) fields.emplace_back();
      std::string& value = fields[count++];
      value.clear();
      while (IsBlank(Peek())) Get();
      int c = Peek();
      if (c == '"') {
        Get();
        quoted_any = true;
        const uint64_t open_line = line_;
        if (!ScanQuoted(value)) {
          return Error(open_line,
                       "unterminated quoted field (the quote opened here is never "
                       "closed; double a quote inside a quoted field: \"\")");
        }
        while (IsBlank(Peek())) Get();
        c = Get();
        if (c != ',' && c != '\n' && c != '\r' && c != kEof) {
          return Error(line_, "unexpected character '" + std::string(1, static_cast<char>(c)) +
                                  "' after a closing quote in field " + std::to_string(count));
        }
      } else {
        c = ScanUnquoted(value);
        TrimTrailingBlanks(value);
      }
      if (c == ',') continue;
      end_of_record = true;
      if (c == '\r' && Peek() == '\n') Get();
      if (c != kEof) ++line_;
    }
    // A line holding nothing (or only blanks) is not a record.
    if (count == 1 && !quoted_any && fields[0].empty()) continue;
    fields.resize(count);
    return true;
  }
}

}  // namespace idforge::eval
