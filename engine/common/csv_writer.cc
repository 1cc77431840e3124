// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
#include "engine/common/csv_writer.h"

#include <array>

namespace idforge {
namespace {

// Bytes that force quoting anywhere in a field.
constexpr std::array<bool, 256> kQuoteBytes = [] {
  std::array<bool, 256> table{};
  table[static_cast<unsigned char>(',')] = true;
  table[static_cast<unsigned char>('"')] = true;
  table[static_cast<unsigned char>('\r')] = true;
  table[static_cast<unsigned char>('\n')] = true;
  return table;
}();

}  // namespace

bool CsvFieldNeedsQuotes(std::string_view value) {
  if (value.empty()) return false;
  if (value.front() == ' ' || value.back() == ' ') return true;
  // Performance: one table lookup per byte; find_first_of(",\"\r\n") scanned the set per byte.
  for (const char c : value) {
    if (kQuoteBytes[static_cast<unsigned char>(c)]) return true;
  }
  return false;
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
