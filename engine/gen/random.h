// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Random numbers for the generator: SplitMix64 to derive seeds, xoshiro256** for the draws
// (Blackman & Vigna 2018), and Vose's alias method for O(1) sampling from a fixed distribution.
// std::mt19937 and std::discrete_distribution are avoided: slower, and their output is not
// specified identically across standard libraries, while the files must be byte-identical.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace idforge::gen {

inline uint64_t SplitMix64(uint64_t& state) {
  uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

// A seed for stream `index` of `seed` (one stream per batch): independent of thread count.
inline uint64_t DeriveSeed(uint64_t seed, uint64_t index) {
  uint64_t state = seed ^ (index * 0xD1B54A32D192ED03ULL);
  SplitMix64(state);
  return SplitMix64(state);
}

// xoshiro256**. Not thread-safe: one per batch.
class Rng {
 public:
  explicit Rng(uint64_t seed) {
    for (uint64_t& word : s_) word = SplitMix64(seed);
  }
  uint64_t Next() {
    const uint64_t result = Rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = Rotl(s_[3], 45);
    return result;
  }
  // Uniform in [0, n) (Lemire's multiply-shift; the bias is below 2^-32 for the n used here).
  uint32_t Below(uint32_t n) {
    return static_cast<uint32_t>(((Next() >> 32) * static_cast<uint64_t>(n)) >> 32);
  }
  // Uniform in [lo, hi].
  int Between(int lo, int hi) { return lo + static_cast<int>(Below(static_cast<uint32_t>(hi - lo + 1))); }
  double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  bool Chance(double p) { return Uniform() < p; }
  template <typename T>
  const T& Pick(std::span<const T> items) {
    return items[Below(static_cast<uint32_t>(items.size()))];
  }

 private:
  static uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint64_t s_[4];
};

// Samples an index with probability proportional to its weight in O(1). Immutable after
// construction; safe to share across threads.
class AliasTable {
 public:
  AliasTable() = default;
  explicit AliasTable(std::span<const double> weights);
  uint32_t Sample(Rng& rng) const {
    const uint64_t draw = rng.Next();
    const auto slot = static_cast<uint32_t>(((draw >> 32) * size()) >> 32);
    return (draw & 0xFFFFFFFFULL) < threshold_[slot] ? slot : alias_[slot];
  }
  uint64_t size() const { return threshold_.size(); }

 private:
  std::vector<uint64_t> threshold_;  // accept `slot` when the low 32 bits are below this
  std::vector<uint32_t> alias_;
};

// Zipf–Mandelbrot weights 1 / (rank + offset)^exponent for ranks 1..count: heavy head, long tail.
std::vector<double> ZipfWeights(uint32_t count, double exponent, double offset);

// A bijection of [0, 2^27): turns a person's index into a scattered but unique number (phones).
inline uint32_t Scatter27(uint64_t value, uint64_t salt) {
  constexpr uint64_t kMask = (1ULL << 27) - 1;
  uint64_t mixed_salt = salt;
  mixed_salt = SplitMix64(mixed_salt);
  // Each step is invertible modulo 2^27: add, multiply by an odd constant, xor-shift right.
  uint64_t x = (value + mixed_salt) & kMask;
  x = (x * 0x2545F491ULL + 0x3C6EF35ULL) & kMask;
  x ^= x >> 13;
  x = (x * 0x1B873593ULL + (mixed_salt >> 40)) & kMask;
  x ^= x >> 11;
  x = (x * 0x5BD1E995ULL) & kMask;
  x ^= x >> 14;
  return static_cast<uint32_t>(x);
}

}  // namespace idforge::gen
