// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Private to engine/compare: how the kernels see a string. Edit distances and Jaro count
// *characters* (Unicode code points), so `é` vs `e` is one edit, not two. ASCII strings (nearly
// all normalized values) are used as bytes, without a copy; anything else is decoded to uint32
// code points into an inline buffer. Kernels are templates over the character type.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <string_view>
#include <vector>

namespace idforge::compare::internal {

// True when every byte is < 0x80. Reads 8 bytes at a time.
inline bool IsAscii(std::string_view s) {
  const char* p = s.data();
  size_t n = s.size();
  uint64_t acc = 0;
  for (; n >= 8; p += 8, n -= 8) {
    uint64_t word;
    std::memcpy(&word, p, 8);
    acc |= word;
  }
  for (; n > 0; ++p, --n) acc |= static_cast<uint8_t>(*p);
  return (acc & 0x8080'8080'8080'8080ULL) == 0;
}

// Decodes the character at `p` (< end) and advances `p`. A well-formed UTF-8 sequence (no
// overlong forms, surrogates or values above U+10FFFF) gives its code point; any other byte gives
// U+DC00 + byte and advances one byte (Python's "surrogateescape"), so the decoding is total,
// distinct inputs stay distinct, and fuzzed bytes never crash a kernel.
inline uint32_t NextChar(const char*& p, const char* end) {
  const auto b0 = static_cast<uint8_t>(*p);
  if (b0 < 0x80) {
    ++p;
    return b0;
  }
  const auto cont = [&](ptrdiff_t i) -> int {
    if (end - p <= i) return -1;
    const auto b = static_cast<uint8_t>(p[i]);
    return (b & 0xC0) == 0x80 ? (b & 0x3F) : -1;
  };
  uint32_t cp = 0;
  int len = 0;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    const int c1 = cont(1);
    if (c1 >= 0) {
      cp = (static_cast<uint32_t>(b0 & 0x1F) << 6) | static_cast<uint32_t>(c1);
      len = 2;
    }
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    const int c1 = cont(1);
    const int c2 = cont(2);
    if (c1 >= 0 && c2 >= 0) {
      cp = (static_cast<uint32_t>(b0 & 0x0F) << 12) | (static_cast<uint32_t>(c1) << 6) |
           static_cast<uint32_t>(c2);
      if (cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF)) len = 3;
    }
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    const int c1 = cont(1);
    const int c2 = cont(2);
    const int c3 = cont(3);
    if (c1 >= 0 && c2 >= 0 && c3 >= 0) {
      cp = (static_cast<uint32_t>(b0 & 0x07) << 18) | (static_cast<uint32_t>(c1) << 12) |
           (static_cast<uint32_t>(c2) << 6) | static_cast<uint32_t>(c3);
      if (cp >= 0x10000 && cp <= 0x10FFFF) len = 4;
    }
  }
  if (len == 0) {
    ++p;
    return 0xDC00u + b0;
  }
  p += len;
  return cp;
}

// Decodes all of `s` into `out` (which holds at least s.size() values); returns the count.
inline size_t DecodeUtf8(std::string_view s, uint32_t* out) {
  const char* p = s.data();
  const char* const end = p + s.size();
  size_t n = 0;
  while (p < end) out[n++] = NextChar(p, end);
  return n;
}

// Storage for `N` values inline (never initialized, so it costs nothing) and a heap vector for
// longer inputs. Owned by one call frame; not thread-safe.
template <typename T, size_t N>
class InlineBuffer {
 public:
  InlineBuffer() = default;
  InlineBuffer(const InlineBuffer&) = delete;
  InlineBuffer& operator=(const InlineBuffer&) = delete;

  // A buffer of at least n values, valid until the next Reserve(). Allocates only when n > N.
  T* Reserve(size_t n) {
    if (n <= N) return inline_;
    if (heap_.size() < n) heap_.resize(n);
    return heap_.data();
  }

 private:
  T inline_[N];
  std::vector<T> heap_;
};

// Up to this many characters a string is decoded on the stack; longer ones use the heap once per
// call. Normalized names, emails and addresses are far shorter.
inline constexpr size_t kInlineChars = 128;

// A string's characters: a view of its bytes when it is ASCII, else its decoded code points.
// Views into `s` and into its own buffer: keep `s` alive, and do not move the object.
class DecodedText {
 public:
  explicit DecodedText(std::string_view s) : ascii_(IsAscii(s)) {
    if (ascii_) {
      bytes_ = {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
    } else {
      uint32_t* out = buffer_.Reserve(s.size());
      wide_ = {out, DecodeUtf8(s, out)};
    }
  }
  bool ascii() const { return ascii_; }
  size_t size() const { return ascii_ ? bytes_.size() : wide_.size(); }
  std::span<const uint8_t> bytes() const { return bytes_; }
  std::span<const uint32_t> wide() const { return wide_; }

  // A copy as code points (for mixing an ASCII string with a non-ASCII one).
  std::span<const uint32_t> Widen() {
    if (!ascii_) return wide_;
    uint32_t* out = buffer_.Reserve(bytes_.size());
    for (size_t i = 0; i < bytes_.size(); ++i) out[i] = bytes_[i];
    return {out, bytes_.size()};
  }

 private:
  bool ascii_;
  std::span<const uint8_t> bytes_;
  std::span<const uint32_t> wide_;
  InlineBuffer<uint32_t, kInlineChars> buffer_;
};

// Calls fn(span<const C> a, span<const C> b) with one character type for both strings: bytes when
// both are ASCII (the fast path, no copy), else code points.
template <typename Fn>
auto WithChars(std::string_view a, std::string_view b, Fn&& fn) {
  DecodedText da(a);
  DecodedText db(b);
  if (da.ascii() && db.ascii()) return fn(da.bytes(), db.bytes());
  return fn(da.Widen(), db.Widen());
}

}  // namespace idforge::compare::internal
