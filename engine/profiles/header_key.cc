// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
#include "engine/profiles/header_key.h"

namespace idforge::profiles {
namespace {

// Base letters of U+00C0..U+00FF ('\0': not a letter, dropped; Æ and ß expand, below).
constexpr char kLatin1Fold[] =
    "aaaaaaaceeeeiiii"   // C0-CF
    "dnooooo\0ouuuuyts"  // D0-DF (D7 multiplication sign; DE thorn; DF sharp s)
    "aaaaaaaceeeeiiii"   // E0-EF
    "dnooooo\0ouuuuyty";  // F0-FF (F7 division sign)

}  // namespace

std::string HeaderMatchKey(std::string_view header) {
  std::string key;
  key.reserve(header.size());
  for (size_t i = 0; i < header.size(); ++i) {
    const auto byte = static_cast<unsigned char>(header[i]);
    if (byte < 0x80) {
      if (byte >= 'A' && byte <= 'Z') {
        key.push_back(static_cast<char>(byte - 'A' + 'a'));
      } else if ((byte >= 'a' && byte <= 'z') || (byte >= '0' && byte <= '9')) {
        key.push_back(static_cast<char>(byte));
      }
      continue;
    }
    // Two-byte sequences C3 80..C3 BF are U+00C0..U+00FF.
    if (byte == 0xC3 && i + 1 < header.size()) {
      const auto next = static_cast<unsigned char>(header[i + 1]);
      if (next >= 0x80 && next <= 0xBF) {
        const char base = kLatin1Fold[next - 0x80];
        if (next == 0x9F) {
          key += "ss";
        } else if (next == 0x86 || next == 0xA6) {
          key += "ae";
        } else if (base != '\0') {
          key.push_back(base);
        }
        ++i;
        continue;
      }
    }
    if (byte == 0xC5 && i + 1 < header.size() &&
        (header[i + 1] == '\x92' || header[i + 1] == '\x93')) {  // Œ œ
      key += "oe";
      ++i;
      continue;
    }
    if (byte >= 0xC2) {
      // Keep other code points whole (Swedish "Företagsnamn" already folded above; Cyrillic kept).
      size_t length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2;
      if (i + length > header.size()) return key;
      // U+00A0..U+00BF (C2 xx) are punctuation and symbols: dropped.
      if (byte != 0xC2) key.append(header.substr(i, length));
      i += length - 1;
    }
  }
  return key;
}

}  // namespace idforge::profiles
