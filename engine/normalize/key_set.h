// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// KeySet: a fixed set of short keys (placeholder words, role mailboxes, provider domains) with a
// few flag bits each, found by one hash probe. Internal to engine/normalize.
//
// Performance: the field normalizers looked every value up in several sorted tables by binary
// search, ~6 byte-by-byte probes per table (an email went through five tables, ~27 probes,
// perf: ~40 % of NormalizeEmail). One probe into an open-addressed table whose hash reads two
// overlapping words of the key replaces them, and a key longer than every entry is rejected
// before hashing.
#pragma once

#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <span>
#include <string_view>
#include <vector>

namespace idforge::normalize {

class KeySet {
 public:
  KeySet() = default;

  // ORs `bits` (non-zero) into the entry of every key of `keys`, adding the missing ones. Build
  // the set fully before any Find(); a built set is read-only and safe to share between threads.
  template <typename Keys>
  void Add(const Keys& keys, uint8_t bits) {
    for (const std::string_view key : keys) AddOne(key, bits);
  }

  // The bits of `key`, 0 when absent.
  uint8_t Find(std::string_view key) const {
    if (key.size() > max_size_ || slots_.empty()) return 0;
    for (size_t i = Hash(key) & mask_;; i = (i + 1) & mask_) {
      const Slot& slot = slots_[i];
      if (slot.bits == 0) return 0;
      if (slot.key.size() == key.size() &&
          std::memcmp(slot.key.data(), key.data(), key.size()) == 0) {
        return slot.bits;
      }
    }
  }

  // Hash of a short key: two overlapping 8-byte loads (or 4-byte, or three bytes) mixed with the
  // length. Bytes in the middle of keys over 16 bytes are not hashed: they only lengthen a probe.
  static uint64_t Hash(std::string_view key) {
    const size_t n = key.size();
    const char* p = key.data();
    uint64_t a = 0;
    uint64_t b = 0;
    if (n >= 8) {
      std::memcpy(&a, p, 8);
      std::memcpy(&b, p + n - 8, 8);
    } else if (n >= 4) {
      uint32_t x = 0;
      uint32_t y = 0;
      std::memcpy(&x, p, 4);
      std::memcpy(&y, p + n - 4, 4);
      a = x;
      b = y;
    } else if (n > 0) {
      a = static_cast<uint64_t>(static_cast<unsigned char>(p[0])) |
          static_cast<uint64_t>(static_cast<unsigned char>(p[n / 2])) << 8 |
          static_cast<uint64_t>(static_cast<unsigned char>(p[n - 1])) << 16;
    }
    uint64_t h = (a ^ 0x9E3779B97F4A7C15ULL) * 0xBF58476D1CE4E5B9ULL;
    h ^= (b + n) * 0x94D049BB133111EBULL;
    return h ^ (h >> 31);
  }

 private:
  struct Slot {
    std::string_view key;  // points into static storage (the callers' constant tables)
    uint8_t bits = 0;
  };

  void AddOne(std::string_view key, uint8_t bits) {
    if ((count_ + 1) * 4 > slots_.size()) Rehash(slots_.empty() ? 64 : slots_.size() * 2);
    for (size_t i = Hash(key) & mask_;; i = (i + 1) & mask_) {
      Slot& slot = slots_[i];
      if (slot.bits == 0) {
        slot = {key, bits};
        ++count_;
        if (key.size() > max_size_) max_size_ = key.size();
        return;
      }
      if (slot.key == key) {
        slot.bits = static_cast<uint8_t>(slot.bits | bits);
        return;
      }
    }
  }

  void Rehash(size_t capacity) {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(capacity, Slot{});
    mask_ = capacity - 1;
    count_ = 0;
    for (const Slot& slot : old) {
      if (slot.bits != 0) AddOne(slot.key, slot.bits);
    }
  }

  std::vector<Slot> slots_;
  size_t mask_ = 0;
  size_t count_ = 0;
  size_t max_size_ = 0;
};

}  // namespace idforge::normalize
