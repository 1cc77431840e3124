// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Placeholder detection shared by the field normalizers: a compact alphanumeric key looked up in a
// constant table (one KeySet probe), plus repeated-character rules.
#include "engine/normalize/junk.h"

#include <algorithm>
#include <array>
#include <cstddef>

#include "engine/normalize/key_set.h"

namespace idforge::normalize {
namespace {

// Compact keys (lower-case ASCII letters and digits only). Phrases appear without spaces: "no
// name" is "noname".
constexpr std::array<std::string_view, 72> kPlaceholders = {
    "0123456789",  "123",          "1234",          "12345",        "123456",      "1234567",
    "12345678",    "123456789",    "1234567890",    "abc",          "abc123",      "abcd",
    "abcdef",      "anon",         "anonymous",     "asd",          "asdf",        "asdfasdf",
    "asdfg",       "asdfgh",       "blank",         "declined",     "deleted",     "donotuse",
    "dummy",       "empty",        "fake",          "foo",          "foobar",      "invalid",
    "missing",     "na",           "nan",           "nd",           "nil",         "no",
    "noaddress",   "noemail",      "noinfo",        "nomail",       "noname",      "none",
    "nonegiven",   "nophone",      "notapplicable", "notavailable", "notgiven",    "notknown",
    "notprovided", "notspecified", "nul",           "null",         "placeholder", "qwerty",
    "qwertz",      "refused",      "sample",        "tba",          "tbc",         "tbd",
    "test",        "test123",      "testing",       "testtest",     "undefined",   "unk",
    "unknow",      "unknown",      "unkown",        "void",         "withheld",    "xyz",
};

constexpr size_t kLongestPlaceholder = 13;  // "notapplicable"

bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }
bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f'; }
char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + ('a' - 'A')) : c; }

// Byte length of the Unicode punctuation spreadsheets put in empty cells (NBSP, dashes U+2010..
// U+2015, curly quotes U+2018..U+201F, ellipsis U+2026) at `pos`, else 0.
size_t UnicodePunctuationLength(std::string_view s, size_t pos) {
  const auto byte = [&](size_t i) { return static_cast<unsigned char>(s[pos + i]); };
  if (pos + 1 < s.size() && byte(0) == 0xC2 && byte(1) == 0xA0) return 2;
  if (pos + 2 < s.size() && byte(0) == 0xE2 && byte(1) == 0x80 &&
      ((byte(2) >= 0x90 && byte(2) <= 0x9F) || byte(2) == 0xA6)) {
    return 3;
  }
  return 0;
}

}  // namespace

bool IsPlaceholderValue(std::string_view value) {
  while (!value.empty() && IsSpace(value.front())) value.remove_prefix(1);
  while (!value.empty() && IsSpace(value.back())) value.remove_suffix(1);
  if (value.empty()) return false;

  // Repeated-character rules look at the alphanumerics only, so "x-x-x" and "000-000-0000" count.
  char first = '\0';
  size_t alnum_count = 0;
  bool all_same = true;
  bool has_other = false;  // a byte that is neither ASCII alphanumeric, punctuation nor space
  for (size_t i = 0; i < value.size(); ++i) {
    const char c = value[i];
    if (IsAsciiAlpha(c) || IsAsciiDigit(c)) {
      const char lower = Lower(c);
      if (alnum_count == 0) first = lower;
      all_same = all_same && lower == first;
      ++alnum_count;
      // Performance: most real values exit here, too long for the table and not repeated.
      if (!all_same && alnum_count > kLongestPlaceholder) return false;
    } else if (const size_t skip = UnicodePunctuationLength(value, i); skip > 0) {
      i += skip - 1;
    } else if (static_cast<unsigned char>(c) >= 0x80 || c < 0x20) {
      has_other = true;
    }
  }
  if (alnum_count == 0) return !has_other;  // "-", "?", "..." (but not a non-Latin name)
  if (!has_other && all_same) {
    if (first == '0') return true;
    if (IsAsciiAlpha(first) && alnum_count >= 3) return true;
    if (IsAsciiDigit(first) && alnum_count >= 5) return true;
  }
  if (has_other || alnum_count > kLongestPlaceholder) return false;

  std::array<char, kLongestPlaceholder> compact;
  size_t size = 0;
  for (const char c : value) {
    if (IsAsciiAlpha(c) || IsAsciiDigit(c)) compact[size++] = Lower(c);
  }
  static const KeySet placeholders = [] {
    KeySet set;
    set.Add(kPlaceholders, 1);
    return set;
  }();
  return placeholders.Find(std::string_view(compact.data(), size)) != 0;
}

}  // namespace idforge::normalize
