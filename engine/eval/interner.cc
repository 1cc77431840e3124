// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
#include "engine/eval/interner.h"

#include <algorithm>

#include "engine/common/check.h"
#include "engine/common/hash.h"

namespace idforge::eval {
namespace {

uint32_t Hash32(std::string_view bytes) { return static_cast<uint32_t>(HashKey(bytes)); }

// Keys per FindMany() group: enough misses in flight to cover a memory latency, few enough that
// the prefetched lines are still in L1 when they are read.
constexpr size_t kGroupSize = 16;

}  // namespace

uint32_t Interner::Hash(std::string_view bytes) { return Hash32(bytes); }

void Interner::FindMany(std::span<const std::string_view> keys, std::span<const uint32_t> hashes,
                        std::span<uint32_t> ids) const {
  IDFORGE_CHECK(keys.size() == hashes.size() && keys.size() == ids.size());
  const size_t mask = slots_.size() - 1;
  for (size_t begin = 0; begin < keys.size(); begin += kGroupSize) {
    const size_t end = std::min(keys.size(), begin + kGroupSize);
    // Stage 1: the home slots.
    for (size_t idx = begin; idx < end; ++idx) __builtin_prefetch(&slots_[hashes[idx] & mask]);
    // Stage 2: the offsets of the ids found there (a hit is nearly always in its home slot).
    for (size_t idx = begin; idx < end; ++idx) {
      const Slot& home = slots_[hashes[idx] & mask];
      if (home.id != kEmpty && home.hash == hashes[idx]) __builtin_prefetch(&offsets_[home.id]);
    }
    // Stage 3: the stored key bytes.
    for (size_t idx = begin; idx < end; ++idx) {
      const Slot& home = slots_[hashes[idx] & mask];
      if (home.id != kEmpty && home.hash == hashes[idx]) {
        __builtin_prefetch(bytes_.data() + offsets_[home.id]);
      }
    }
    // Stage 4: the lookups proper, now mostly from cache.
    for (size_t idx = begin; idx < end; ++idx) ids[idx] = slots_[Probe(keys[idx], hashes[idx])].id;
  }
}

Interner::Interner() : slots_(16) {}

size_t Interner::Probe(std::string_view bytes, uint32_t hash) const {
  const size_t mask = slots_.size() - 1;
  for (size_t slot = hash & mask;; slot = (slot + 1) & mask) {
    const Slot& entry = slots_[slot];
    if (entry.id == kEmpty || (entry.hash == hash && Get(entry.id) == bytes)) return slot;
  }
}

std::optional<uint32_t> Interner::Find(std::string_view bytes) const {
  const uint32_t id = slots_[Probe(bytes, Hash32(bytes))].id;
  if (id == kEmpty) return std::nullopt;
  return id;
}

uint32_t Interner::Intern(std::string_view bytes, uint32_t hash, bool* added) {
  Slot& entry = slots_[Probe(bytes, hash)];
  if (entry.id != kEmpty) {
    if (added != nullptr) *added = false;
    return entry.id;
  }
  IDFORGE_CHECK(size() < kEmpty - 1);
  const uint32_t id = size();
  bytes_.insert(bytes_.end(), bytes.begin(), bytes.end());
  offsets_.push_back(bytes_.size());
  entry = {id, hash};
  if (added != nullptr) *added = true;
  // Keep the load at or below 0.7 so linear probes stay short.
  if (uint64_t{size()} * 10 > uint64_t{slots_.size()} * 7) Grow();
  return id;
}

void Interner::Reserve(size_t keys, size_t bytes) {
  bytes_.reserve(bytes);
  offsets_.reserve(keys + 1);
  // The table size Intern() would reach for `keys` keys (load <= 0.7), at most 2^32 slots.
  size_t slot_count = slots_.size();
  while (keys * 10 > slot_count * 7 && slot_count < (size_t{1} << 32)) slot_count *= 2;
  if (slot_count != slots_.size()) Rehash(slot_count);
}

void Interner::Grow() { Rehash(slots_.size() * 2); }

void Interner::Rehash(size_t slot_count) {
  IDFORGE_CHECK(slot_count <= (size_t{1} << 32));  // the home slot comes from 32 hash bits
  std::vector<Slot> old(slot_count);
  old.swap(slots_);
  const size_t mask = slots_.size() - 1;
  for (const Slot& entry : old) {
    if (entry.id == kEmpty) continue;
    size_t slot = entry.hash & mask;
    while (slots_[slot].id != kEmpty) slot = (slot + 1) & mask;
    slots_[slot] = entry;
  }
}

}  // namespace idforge::eval
