// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// A byte-string interner: dense uint32 ids for distinct strings, so evaluation joins and groups
// records by integer instead of by string. Private to engine/eval.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
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
  uint32_t Intern(std::string_view bytes, bool* added = nullptr) {
    return Intern(bytes, Hash(bytes), added);
  }
  std::optional<uint32_t> Find(std::string_view bytes) const;

  // The hash the table keys on, for the overloads below that take it precomputed.
  static uint32_t Hash(std::string_view bytes);
  // Intern() of a key whose Hash() is `hash`.
  uint32_t Intern(std::string_view bytes, uint32_t hash, bool* added = nullptr);
  // Performance: starts loading the home slot of `hash`, so that a caller about to look up
  // several keys (say a key and its label) waits for their cache misses once, not in turn.
  void Prefetch(uint32_t hash) const { __builtin_prefetch(&slots_[hash & (slots_.size() - 1)]); }
  // Room for `keys` keys of `bytes` bytes in all without growing (a hint; growing stays correct).
  void Reserve(size_t keys, size_t bytes);
  // ids[i] = Find(keys[i]), or kNotFound when absent. REQUIRES: hashes[i] == Hash(keys[i]) and
  // the three spans have the same size.
  // Performance: group prefetching. A lookup in a large table is three dependent cache misses
  // (slot, offset, key bytes); done one key at a time they cost ~3 memory latencies each. Here
  // each stage is issued as a prefetch for every key of a group before the next stage reads it,
  // so the misses of a group overlap (eval_benchmark: BM_EvaluateStage_Synthetic).
  static constexpr uint32_t kNotFound = UINT32_MAX;
  void FindMany(std::span<const std::string_view> keys, std::span<const uint32_t> hashes,
                std::span<uint32_t> ids) const;

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
  void Rehash(size_t slot_count);  // REQUIRES: a power of two, > size() / 0.7

  std::vector<char> bytes_;
  std::vector<uint64_t> offsets_{0};  // size() + 1 entries
  std::vector<Slot> slots_;           // the size is a power of two
};

}  // namespace idforge::eval
