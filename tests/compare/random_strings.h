// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Seeded random strings for the compare property and differential tests: small alphabets (so
// strings share characters and the kernels' match paths run), multi-byte UTF-8, invalid bytes,
// strings around and beyond the 64-character word, and pairs made by editing one string.
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <string_view>

namespace idforge::compare::testing {

class RandomStrings {
 public:
  explicit RandomStrings(uint64_t seed) : rng_(seed) {}

  // A string of 0..max_chars characters drawn from one of several alphabets.
  std::string Next(size_t max_chars = 80) {
    const size_t len = Uniform(0, Uniform(0, 4) == 0 ? max_chars : std::min<size_t>(max_chars, 12));
    const size_t alphabet = Uniform(0, 3);
    std::string out;
    for (size_t pos = 0; pos < len; ++pos) out += Char(alphabet);
    return out;
  }

  // `base` after 0..3 random edits (substitute, insert, delete, swap adjacent bytes-or-chars).
  std::string Mutate(std::string_view base) {
    std::string out(base);
    const size_t edits = Uniform(0, 3);
    for (size_t edit = 0; edit < edits; ++edit) {
      const size_t pos = out.empty() ? 0 : Uniform(0, out.size() - 1);
      switch (Uniform(0, 3)) {
        case 0:
          if (!out.empty()) out[pos] = Char(0)[0];
          break;
        case 1:
          out.insert(pos, Char(Uniform(0, 3)));
          break;
        case 2:
          if (!out.empty()) out.erase(pos, 1);
          break;
        default:
          if (pos + 1 < out.size()) std::swap(out[pos], out[pos + 1]);
          break;
      }
    }
    return out;
  }

  // A random pair: independent, or one derived from the other.
  std::pair<std::string, std::string> Pair(size_t max_chars = 80) {
    std::string a = Next(max_chars);
    std::string b = Uniform(0, 2) == 0 ? Next(max_chars) : Mutate(a);
    return {std::move(a), std::move(b)};
  }

  size_t Uniform(size_t lo, size_t hi) {
    return std::uniform_int_distribution<size_t>(lo, hi)(rng_);
  }

 private:
  std::string Char(size_t alphabet) {
    static constexpr std::string_view kSmall[] = {"a", "b", "c", " "};
    static constexpr std::string_view kLatin[] = {"e", "é", "r", "o", "ô", "m", " ", "j"};
    static constexpr std::string_view kMixed[] = {"д", "и",    "м",        "a",    "王", "小",
                                                  "😀", "\xC3", "\xE0\x80", "\xFF", "n"};
    switch (alphabet) {
      case 0:
        return std::string(kSmall[Uniform(0, 3)]);
      case 1:
        return std::string(kLatin[Uniform(0, 7)]);
      case 2:
        return std::string(kMixed[Uniform(0, 10)]);
      default:
        return std::string(1, static_cast<char>('a' + Uniform(0, 25)));
    }
  }

  std::mt19937_64 rng_;
};

}  // namespace idforge::compare::testing
