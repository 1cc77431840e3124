// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
#include "engine/common/csv_writer.h"

#include <cstdint>
#include <cstring>

namespace idforge {
namespace {

constexpr uint64_t kOnes = 0x0101010101010101ULL;

// Nonzero when one of the 8 bytes of `word` is zero (exact as a yes/no answer).
constexpr uint64_t HasZeroByte(uint64_t word) {
  return (word - kOnes) & ~word & (kOnes * 0x80);
}

// Nonzero when one of the 8 bytes of `word` is a comma, quote, CR or LF.
constexpr uint64_t HasQuoteByte(uint64_t word) {
  return HasZeroByte(word ^ (kOnes * ',')) | HasZeroByte(word ^ (kOnes * '"')) |
         HasZeroByte(word ^ (kOnes * '\r')) | HasZeroByte(word ^ (kOnes * '\n'));
}

}  // namespace

bool CsvFieldNeedsQuotes(std::string_view value) {
  if (value.empty()) return false;
  if (value.front() == ' ' || value.back() == ' ') return true;
  // Performance: 8 bytes per step (SWAR); the outputs scan ~0.3 GB of values at 1 M records.
  const char* data = value.data();
  size_t pos = 0;
  for (; pos + 8 <= value.size(); pos += 8) {
    uint64_t word;
    std::memcpy(&word, data + pos, 8);
    if (HasQuoteByte(word) != 0) return true;
  }
  if (pos == value.size()) return false;
  uint64_t tail = 0;  // zero padding never matches
  std::memcpy(&tail, data + pos, value.size() - pos);
  return HasQuoteByte(tail) != 0;
}

void AppendCsvField(std::string& out, std::string_view value, bool quote_all) {
  if (!quote_all && !CsvFieldNeedsQuotes(value)) {
    out.append(value);
    return;
  }
  out.push_back('"');
  for (size_t begin = 0; begin < value.size();) {
    const size_t quote = value.find('"', begin);
    if (quote == std::string_view::npos) {
      out.append(value.substr(begin));
      break;
    }
    out.append(value.substr(begin, quote + 1 - begin));
    out.push_back('"');  // the quote doubled
    begin = quote + 1;
  }
  out.push_back('"');
}

}  // namespace idforge
