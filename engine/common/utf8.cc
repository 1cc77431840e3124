// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
#include "engine/common/utf8.h"

#include <array>
#include <cstdint>

#include <simdjson.h>

namespace idforge::utf8 {
namespace {

// Length of the valid UTF-8 sequence at `pos`, or 0 when it is invalid (RFC 3629 table 3-7).
size_t ValidSequenceLength(std::string_view bytes, size_t pos) {
  const auto byte = [&](size_t i) { return static_cast<uint8_t>(bytes[i]); };
  const uint8_t lead = byte(pos);
  const size_t left = bytes.size() - pos;
  if (lead < 0x80) return 1;
  auto cont = [&](size_t i, uint8_t lo = 0x80, uint8_t hi = 0xBF) {
    return pos + i < bytes.size() && byte(pos + i) >= lo && byte(pos + i) <= hi;
  };
  if (lead >= 0xC2 && lead <= 0xDF) return left >= 2 && cont(1) ? 2 : 0;
  if (lead == 0xE0) return cont(1, 0xA0, 0xBF) && cont(2) ? 3 : 0;
  if ((lead >= 0xE1 && lead <= 0xEC) || lead == 0xEE || lead == 0xEF) return cont(1) && cont(2) ? 3 : 0;
  if (lead == 0xED) return cont(1, 0x80, 0x9F) && cont(2) ? 3 : 0;
  if (lead == 0xF0) return cont(1, 0x90, 0xBF) && cont(2) && cont(3) ? 4 : 0;
  if (lead >= 0xF1 && lead <= 0xF3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  if (lead == 0xF4) return cont(1, 0x80, 0x8F) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}

// CP1252 0x80..0x9F to Unicode.
constexpr std::array<uint16_t, 32> kCp1252High = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

}  // namespace

bool IsValid(std::string_view bytes) { return simdjson::validate_utf8(bytes.data(), bytes.size()); }

size_t FirstInvalid(std::string_view bytes) {
  if (IsValid(bytes)) return bytes.size();
  size_t pos = 0;
  while (pos < bytes.size()) {
    const size_t len = ValidSequenceLength(bytes, pos);
    if (len == 0) return pos;
    pos += len;
  }
  return bytes.size();
}

std::string EscapeInvalid(std::string_view bytes) {
  if (IsValid(bytes)) return std::string(bytes);
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(bytes.size() + 16);
  size_t pos = 0;
  while (pos < bytes.size()) {
    const size_t len = ValidSequenceLength(bytes, pos);
    if (len == 0) {
      const auto value = static_cast<uint8_t>(bytes[pos]);
      out += "\\x";
      out += kHex[value >> 4];
      out += kHex[value & 0xF];
      ++pos;
    } else {
      out.append(bytes.substr(pos, len));
      pos += len;
    }
  }
  return out;
}

void AppendCp1252AsUtf8(std::string_view bytes, std::string& out) {
  out.reserve(out.size() + bytes.size() + bytes.size() / 8);
  for (char c : bytes) {
    const auto byte = static_cast<uint8_t>(c);
    if (byte < 0x80) {
      out.push_back(c);
      continue;
    }
    const uint32_t code = byte < 0xA0 ? kCp1252High[byte - 0x80] : byte;
    if (code < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (code >> 6)));
      out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xE0 | (code >> 12)));
      out.push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
    }
  }
}

}  // namespace idforge::utf8
