// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// q-grams as 64-bit keys (sliding window over code points with padding markers), sorted and
// de-duplicated on the stack, then a merge count; the signature hashes each key to one bit.
#include "engine/compare/qgram.h"

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "engine/compare/chars.h"

namespace idforge::compare {
namespace {

using internal::InlineBuffer;

constexpr uint32_t kStartMarker = 0x110000;  // above U+10FFFF: never a character
constexpr uint32_t kEndMarker = 0x110001;
constexpr int kMaxQ = 8;

int ClampQ(int q) { return std::clamp(q, 1, kMaxQ); }

// Calls emit(key) for each padded q-gram of `text` (none for the empty string). For q <= 3 the
// key is the q code points packed in 21 bits each, rolled one character at a time; larger q
// hashes a small window.
template <typename Emit>
void ForEachQGram(std::string_view text, int q, Emit&& emit) {
  if (text.empty()) return;
  const auto width = static_cast<size_t>(q);
  size_t seen = 0;
  uint64_t packed = 0;
  const uint64_t packed_mask =
      width >= 3 ? (uint64_t{1} << 63) - 1 : (uint64_t{1} << (21 * width)) - 1;
  uint32_t window[kMaxQ] = {};
  const auto push = [&](uint32_t c) {
    ++seen;
    if (width <= 3) {
      packed = ((packed << 21) | c) & packed_mask;
      if (seen >= width) emit(packed);
      return;
    }
    for (size_t pos = 1; pos < width; ++pos) window[pos - 1] = window[pos];
    window[width - 1] = c;
    if (seen < width) return;
    uint64_t key = 0;
    for (size_t pos = 0; pos < width; ++pos) {
      key = (key ^ window[pos]) * 0x9E37'79B9'7F4A'7C15ULL;
      key ^= key >> 29;
    }
    emit(key);
  };
  for (size_t pad = 1; pad < width; ++pad) push(kStartMarker);
  const char* p = text.data();
  const char* const end = p + text.size();
  while (p < end) push(internal::NextChar(p, end));
  for (size_t pad = 1; pad < width; ++pad) push(kEndMarker);
}

// The sorted distinct q-gram keys of a string. A string of n bytes has at most n + q - 1.
class QGramSet {
 public:
  QGramSet(std::string_view text, int q) {
    uint64_t* out = buffer_.Reserve(text.size() + static_cast<size_t>(q));
    size_t count = 0;
    ForEachQGram(text, q, [&](uint64_t key) { out[count++] = key; });
    std::sort(out, out + count);
    keys_ = {out, static_cast<size_t>(std::unique(out, out + count) - out)};
  }
  std::span<const uint64_t> keys() const { return keys_; }

 private:
  InlineBuffer<uint64_t, internal::kInlineChars> buffer_;
  std::span<const uint64_t> keys_;
};

}  // namespace

double QGramJaccard(std::string_view a, std::string_view b, int q) {
  if (a.empty() || b.empty()) return a.empty() && b.empty() ? 1.0 : 0.0;
  q = ClampQ(q);
  const QGramSet set_a(a, q);
  const QGramSet set_b(b, q);
  const auto ka = set_a.keys();
  const auto kb = set_b.keys();
  size_t common = 0;
  for (size_t ia = 0, ib = 0; ia < ka.size() && ib < kb.size();) {
    if (ka[ia] < kb[ib]) {
      ++ia;
    } else if (kb[ib] < ka[ia]) {
      ++ib;
    } else {
      ++common;
      ++ia;
      ++ib;
    }
  }
  return static_cast<double>(common) / static_cast<double>(ka.size() + kb.size() - common);
}

QGramSignature MakeSignature(std::string_view text, int q) {
  QGramSignature signature{};
  ForEachQGram(text, ClampQ(q), [&](uint64_t key) {
    const uint64_t bit = (key * 0x9E37'79B9'7F4A'7C15ULL) >> 56;  // top 8 bits: 0..255
    signature.bits[bit >> 6] |= uint64_t{1} << (bit & 63);
  });
  return signature;
}

// Performance: the default x86-64 target has no POPCNT instruction, and std::popcount became a
// libgcc call per word (~44 ns per pair, BM_QGramSignature); a POPCNT clone is picked once at
// load time (GNU ifunc) where the CPU has it.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
__attribute__((target_clones("popcnt", "default")))
#endif
double
SignatureJaccard(const QGramSignature& a, const QGramSignature& b) {
  int both = 0;
  int either = 0;
  for (int word = 0; word < 4; ++word) {
    both += std::popcount(a.bits[word] & b.bits[word]);
    either += std::popcount(a.bits[word] | b.bits[word]);
  }
  return either == 0 ? 1.0 : static_cast<double>(both) / static_cast<double>(either);
}

}  // namespace idforge::compare
