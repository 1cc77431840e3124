// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Walks both numbers backwards over their digits.
#include "engine/compare/phone_compare.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace idforge::compare {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Moves `pos` (one past a candidate) back to one past the previous digit, or to 0.
size_t PrevDigitEnd(std::string_view s, size_t pos) {
  while (pos > 0 && !IsDigit(s[pos - 1])) --pos;
  return pos;
}

uint32_t CountDigits(std::string_view s) {
  uint32_t count = 0;
  for (const char c : s) count += IsDigit(c);
  return count;
}

}  // namespace

uint32_t CommonSuffixDigits(std::string_view a, std::string_view b) {
  size_t pa = PrevDigitEnd(a, a.size());
  size_t pb = PrevDigitEnd(b, b.size());
  uint32_t common = 0;
  while (pa > 0 && pb > 0 && a[pa - 1] == b[pb - 1]) {
    ++common;
    pa = PrevDigitEnd(a, pa - 1);
    pb = PrevDigitEnd(b, pb - 1);
  }
  return common;
}

bool PhonesAgree(std::string_view a, std::string_view b, uint32_t min_suffix) {
  const uint32_t common = CommonSuffixDigits(a, b);
  if (common == 0) return false;
  if (common >= min_suffix) return true;
  return common == CountDigits(a) && common == CountDigits(b);
}

}  // namespace idforge::compare
