// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// FoldText: an ASCII byte-table fast path, and a per-code-point utf8proc path for the rest.
#include "engine/normalize/text.h"

#include <utf8proc.h>

#include <array>
#include <cstdint>
#include <cstring>
#include <vector>

namespace idforge::normalize {
namespace {

// kAsciiFold[byte] for byte < 0x80: the output byte, or one of these two actions.
constexpr uint8_t kSeparator = 0;  // a token boundary
constexpr uint8_t kDelete = 1;     // removed without a boundary (apostrophes)

constexpr std::array<uint8_t, 128> kAsciiFold = [] {
  std::array<uint8_t, 128> table{};  // everything defaults to kSeparator
  for (int c = '0'; c <= '9'; ++c) table[static_cast<size_t>(c)] = static_cast<uint8_t>(c);
  for (int c = 'a'; c <= 'z'; ++c) table[static_cast<size_t>(c)] = static_cast<uint8_t>(c);
  for (int c = 'A'; c <= 'Z'; ++c) table[static_cast<size_t>(c)] = static_cast<uint8_t>(c + 32);
  table['\''] = kDelete;
  table['`'] = kDelete;
  return table;
}();

// Decodes the well-formed UTF-8 sequence at `pos` (RFC 3629 table 3-7) into `cp` and returns its
// length, or returns 0 when the bytes there are not well-formed.
size_t DecodeUtf8(std::string_view in, size_t pos, int32_t& cp) {
  const auto at = [&](size_t i) { return static_cast<uint8_t>(in[pos + i]); };
  const size_t left = in.size() - pos;
  const uint8_t lead = at(0);
  const auto cont = [&](size_t i, uint8_t lo = 0x80, uint8_t hi = 0xBF) {
    return i < left && at(i) >= lo && at(i) <= hi;
  };
  if (lead >= 0xC2 && lead <= 0xDF) {
    if (!cont(1)) return 0;
    cp = ((lead & 0x1F) << 6) | (at(1) & 0x3F);
    return 2;
  }
  if (lead >= 0xE0 && lead <= 0xEF) {
    const uint8_t lo = lead == 0xE0 ? 0xA0 : 0x80;
    const uint8_t hi = lead == 0xED ? 0x9F : 0xBF;
    if (!cont(1, lo, hi) || !cont(2)) return 0;
    cp = ((lead & 0x0F) << 12) | ((at(1) & 0x3F) << 6) | (at(2) & 0x3F);
    return 3;
  }
  if (lead >= 0xF0 && lead <= 0xF4) {
    const uint8_t lo = lead == 0xF0 ? 0x90 : 0x80;
    const uint8_t hi = lead == 0xF4 ? 0x8F : 0xBF;
    if (!cont(1, lo, hi) || !cont(2) || !cont(3)) return 0;
    cp = ((lead & 0x07) << 18) | ((at(1) & 0x3F) << 12) | ((at(2) & 0x3F) << 6) | (at(3) & 0x3F);
    return 4;
  }
  return 0;
}

void AppendUtf8(int32_t cp, std::string& out) {
  const auto u = static_cast<uint32_t>(cp);
  if (u < 0x80) {
    out.push_back(static_cast<char>(u));
  } else if (u < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (u >> 6)));
    out.push_back(static_cast<char>(0x80 | (u & 0x3F)));
  } else if (u < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (u >> 12)));
    out.push_back(static_cast<char>(0x80 | ((u >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (u & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (u >> 18)));
    out.push_back(static_cast<char>(0x80 | ((u >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((u >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (u & 0x3F)));
  }
}

// Apostrophe-like characters, checked before decomposition (NFKC turns `´` into space + accent,
// which would otherwise split the word). The middle dot joins Catalan geminates (`Gal·la`), and
// ʾ ʿ are the hamza/ayn of Arabic transliterations (`Saʿid`).
bool IsDeletedPunctuation(int32_t cp) {
  switch (cp) {
    case 0x00B4:
    case 0x00B7:
    case 0x0387:
    case 0x02B9:
    case 0x02BB:
    case 0x02BC:
    case 0x02BE:
    case 0x02BF:
    case 0x2018:
    case 0x2019:
    case 0x201B:
    case 0x2032:
    case 0xFF07:
      return true;
    default:
      return false;
  }
}

// Combining marks that are diacritics (dropped) rather than part of the spelling (kept). See the
// contract in text.h: generic diacritic blocks, Cyrillic titlo, Hebrew points, Arabic harakat.
bool IsStrippedMark(int32_t cp) {
  return (cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x0483 && cp <= 0x0489) ||
         (cp >= 0x0591 && cp <= 0x05C7) || (cp >= 0x0610 && cp <= 0x061A) ||
         (cp >= 0x064B && cp <= 0x065F) || cp == 0x0670 || (cp >= 0x06D6 && cp <= 0x06ED) ||
         (cp >= 0x08D3 && cp <= 0x08FF) || (cp >= 0x1AB0 && cp <= 0x1AFF) ||
         (cp >= 0x1DC0 && cp <= 0x1DFF) || (cp >= 0x20D0 && cp <= 0x20FF) ||
         (cp >= 0xFE20 && cp <= 0xFE2F);
}

// Latin letters without a Unicode decomposition, spelled the way ICU's Latin-ASCII transliterator
// does. Input is already case-folded. Returns nullptr when `cp` is not one of them.
const char* LatinTransliteration(int32_t cp) {
  switch (cp) {
    case 0x00E6:
      return "ae";  // æ
    case 0x00F0:
      return "d";  // ð
    case 0x00F8:
      return "o";  // ø
    case 0x00FE:
      return "th";  // þ
    case 0x0111:
      return "d";  // đ
    case 0x0127:
      return "h";  // ħ
    case 0x0131:
      return "i";  // dotless ı
    case 0x0138:
      return "k";  // ĸ
    case 0x0142:
      return "l";  // ł
    case 0x014B:
      return "n";  // ŋ
    case 0x0153:
      return "oe";  // œ
    case 0x0167:
      return "t";  // ŧ
    case 0x0180:
      return "b";  // ƀ
    case 0x0188:
      return "c";  // ƈ
    case 0x0192:
      return "f";  // ƒ
    case 0x0268:
      return "i";  // ɨ
    default:
      return nullptr;
  }
}

// Code points of one word waiting for canonical ordering and composition. Words longer than the
// inline capacity (never seen in names) spill to the heap rather than being composed in pieces,
// because splitting a word could change its composition and break idempotence.
class WordBuffer {
 public:
  bool empty() const { return size_ == 0; }
  void push_back(int32_t cp) {
    if (size_ < inline_.size()) {
      inline_[size_++] = cp;
      return;
    }
    if (spill_.empty()) spill_.assign(inline_.begin(), inline_.end());
    spill_.push_back(cp);
    ++size_;
  }
  int32_t* data() { return spill_.empty() ? inline_.data() : spill_.data(); }
  size_t size() const { return size_; }
  void clear() {
    size_ = 0;
    spill_.clear();
  }

 private:
  std::array<int32_t, 64> inline_;
  std::vector<int32_t> spill_;
  size_t size_ = 0;
};

// The slow path: one code point at a time through utf8proc, words composed back to NFC.
class Folder {
 public:
  explicit Folder(std::string& out) : out_(out) {}

  void Ascii(uint8_t byte) {
    const uint8_t mapped = kAsciiFold[byte];
    if (mapped == kDelete) return;
    Flush();
    if (mapped == kSeparator) {
      space_pending_ = !out_.empty();
      return;
    }
    if (space_pending_) out_.push_back(' ');
    space_pending_ = false;
    out_.push_back(static_cast<char>(mapped));
  }

  void CodePoint(int32_t cp) {
    if (IsDeletedPunctuation(cp)) return;
    // NFKD + full case folding, applied recursively by utf8proc. 32 covers the longest
    // decomposition in Unicode (U+FDFA, 18 code points).
    std::array<utf8proc_int32_t, 32> decomposed;
    int boundclass = 0;
    const utf8proc_ssize_t count = utf8proc_decompose_char(
        cp, decomposed.data(), static_cast<utf8proc_ssize_t>(decomposed.size()),
        static_cast<utf8proc_option_t>(UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_DECOMPOSE),
        &boundclass);
    if (count <= 0 || static_cast<size_t>(count) > decomposed.size()) return;
    for (utf8proc_ssize_t idx = 0; idx < count; ++idx)
      Decomposed(decomposed[static_cast<size_t>(idx)]);
  }

  void Finish() { Flush(); }

 private:
  void Decomposed(int32_t cp) {
    if (cp < 0x80) {
      Ascii(static_cast<uint8_t>(cp));
      return;
    }
    if (IsDeletedPunctuation(cp)) return;  // also from decompositions: `ŉ` -> `ʼn` -> `n`
    switch (utf8proc_category(cp)) {
      case UTF8PROC_CATEGORY_LU:
      case UTF8PROC_CATEGORY_LL:
      case UTF8PROC_CATEGORY_LT:
      case UTF8PROC_CATEGORY_LM:
      case UTF8PROC_CATEGORY_LO:
      case UTF8PROC_CATEGORY_ND:
      case UTF8PROC_CATEGORY_NL:
      case UTF8PROC_CATEGORY_NO:
        if (const char* latin = LatinTransliteration(cp)) {
          for (const char* c = latin; *c != '\0'; ++c) Ascii(static_cast<uint8_t>(*c));
          return;
        }
        StartWordChar();
        word_.push_back(cp);
        return;
      case UTF8PROC_CATEGORY_MN:
      case UTF8PROC_CATEGORY_MC:
      case UTF8PROC_CATEGORY_ME:
        if (IsStrippedMark(cp)) return;
        StartWordChar();
        word_.push_back(cp);
        return;
      case UTF8PROC_CATEGORY_CF:
      case UTF8PROC_CATEGORY_CS:
      case UTF8PROC_CATEGORY_CO:
      case UTF8PROC_CATEGORY_CN:
        return;  // invisible, private or unassigned: deleted
      default:
        // Punctuation, symbols, separators and controls.
        Flush();
        space_pending_ = !out_.empty();
        return;
    }
  }

  // A pending space goes out before the first character of the next word.
  void StartWordChar() {
    if (word_.empty() && space_pending_) {
      out_.push_back(' ');
      space_pending_ = false;
    }
  }

  void Flush() {
    if (word_.empty()) return;
    int32_t* cps = word_.data();
    const size_t size = word_.size();
    // Canonical ordering (UAX #15): stable insertion sort of each run of non-starters by
    // combining class, so composition sees the same sequence for any input order of marks.
    for (size_t idx = 1; idx < size; ++idx) {
      const int32_t cp = cps[idx];
      const int ccc = utf8proc_get_property(cp)->combining_class;
      if (ccc == 0) continue;
      size_t hole = idx;
      while (hole > 0) {
        const int prev = utf8proc_get_property(cps[hole - 1])->combining_class;
        if (prev <= ccc) break;
        cps[hole] = cps[hole - 1];
        --hole;
      }
      cps[hole] = cp;
    }
    const utf8proc_ssize_t composed =
        utf8proc_normalize_utf32(cps, static_cast<utf8proc_ssize_t>(size), UTF8PROC_COMPOSE);
    const size_t kept = composed < 0 ? size : static_cast<size_t>(composed);
    for (size_t idx = 0; idx < kept; ++idx) AppendUtf8(cps[idx], out_);
    word_.clear();
  }

  std::string& out_;
  WordBuffer word_;
  bool space_pending_ = false;
};

// Performance: the common case, a pure-ASCII field. Output is never longer than the input, so
// one resize and raw stores replace per-byte push_back capacity checks.
void FoldAscii(std::string_view in, std::string& out) {
  out.resize(in.size());
  char* dst = out.data();
  size_t size = 0;
  bool space_pending = false;
  for (const char c : in) {
    const uint8_t mapped = kAsciiFold[static_cast<uint8_t>(c)];
    if (mapped > kDelete) {
      if (space_pending) dst[size++] = ' ';
      space_pending = false;
      dst[size++] = static_cast<char>(mapped);
    } else if (mapped == kSeparator) {
      space_pending = size != 0;
    }
  }
  out.resize(size);
}

}  // namespace

bool IsAscii(std::string_view text) {
  size_t pos = 0;
  uint64_t high_bits = 0;
  for (; pos + 8 <= text.size(); pos += 8) {
    uint64_t word;
    std::memcpy(&word, text.data() + pos, sizeof(word));
    high_bits |= word;
  }
  for (; pos < text.size(); ++pos) high_bits |= static_cast<uint8_t>(text[pos]);
  return (high_bits & 0x8080808080808080ULL) == 0;
}

void AppendValidUtf8(std::string_view in, std::string& out) {
  if (IsAscii(in)) {
    out.append(in);
    return;
  }
  size_t pos = 0;
  while (pos < in.size()) {
    if (static_cast<uint8_t>(in[pos]) < 0x80) {
      out.push_back(in[pos++]);
      continue;
    }
    int32_t cp = 0;
    const size_t length = DecodeUtf8(in, pos, cp);
    if (length != 0) out.append(in.substr(pos, length));
    pos += length == 0 ? 1 : length;
  }
}

void FoldText(std::string_view in, std::string& out) {
  out.clear();
  if (IsAscii(in)) {
    FoldAscii(in, out);
    return;
  }
  out.reserve(in.size());
  Folder folder(out);
  size_t pos = 0;
  while (pos < in.size()) {
    const auto byte = static_cast<uint8_t>(in[pos]);
    if (byte < 0x80) {
      folder.Ascii(byte);
      ++pos;
      continue;
    }
    int32_t cp = 0;
    const size_t length = DecodeUtf8(in, pos, cp);
    if (length == 0) {
      ++pos;  // an invalid byte is dropped; decoding resumes at the next byte
      continue;
    }
    folder.CodePoint(cp);
    pos += length;
  }
  folder.Finish();
}

}  // namespace idforge::normalize
