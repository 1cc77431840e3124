// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// A byte-string interner: dense uint32 ids for distinct strings, so evaluation joins and groups
// records by integer instead of by string. Private to engine/eval.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace idforge::eval {

// Maps distinct byte strings to ids 0, 1, 2, ... in first-seen order.
//
// Performance: values live back to back in one buffer (one allocation, no per-string heap node),
// and lookups probe an open-addressing table (linear probing, load <= 0.7) of (id, 32 hash bits)
// slots, so a probe reads the bytes of a stored key only when 32 hash bits agree: about one cache
// miss per lookup. 10 M keys cost ~11 bytes of table + 8 bytes of offset + the key bytes each,
// instead of the ~60 bytes a node of std::unordered_map<std::string, uint32_t> costs. Growing
// rehashes from the stored bits without reading any key.
// Ownership: owns its bytes; views from Get() stay valid until the next Intern().
// Thread-safety: const methods are safe from any number of threads; Intern() is not.
class Interner {
 public:
  Interner();

  // The id of `bytes`, adding it when new. `added`, when given, tells which happened.
  // REQUIRES: size() < UINT32_MAX.
  uint32_t Intern(std::string_view bytes, bool* added = nullptr);
  std::optional<uint32_t> Find(std::string_view bytes) const;

  // REQUIRES: id < size().
  std::string_view Get(uint32_t id) const {
    return {bytes_.data() + offsets_[id], static_cast<size_t>(offsets_[id + 1] - offsets_[id])};
  }
  uint32_t size() const { return static_cast<uint32_t>(offsets_.size() - 1); }

 private:
  static constexpr uint32_t kEmpty = UINT32_MAX;
  struct Slot {
    uint32_t id = kEmpty;
    uint32_t hash = 0;  // the low 32 bits of HashKey(Get(id)); also the home slot (mask < 2^32)
  };

  // The slot holding `bytes`, or the empty slot where it would go.
  size_t Probe(std::string_view bytes, uint32_t hash) const;
  void Grow();

  std::vector<char> bytes_;
  std::vector<uint64_t> offsets_{0};  // size() + 1 entries
  std::vector<Slot> slots_;           // the size is a power of two
};

}  // namespace idforge::eval
