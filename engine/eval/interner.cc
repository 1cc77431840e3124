// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
#include "engine/eval/interner.h"

#include "engine/common/check.h"
#include "engine/common/hash.h"

namespace idforge::eval {
namespace {

uint32_t Hash32(std::string_view bytes) { return static_cast<uint32_t>(HashKey(bytes)); }

}  // namespace

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

uint32_t Interner::Intern(std::string_view bytes, bool* added) {
  const uint32_t hash = Hash32(bytes);
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

void Interner::Grow() {
  IDFORGE_CHECK(slots_.size() <= (size_t{1} << 31));  // the home slot comes from 32 hash bits
  std::vector<Slot> old(slots_.size() * 2);
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
