// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
#include "engine/eval/interner.h"

#include "engine/common/check.h"
#include "engine/common/hash.h"

namespace idforge::eval {

Interner::Interner() : slots_(16, kEmpty) {}

size_t Interner::Probe(std::string_view bytes, uint64_t hash) const {
  const size_t mask = slots_.size() - 1;
  for (size_t slot = static_cast<size_t>(hash) & mask;; slot = (slot + 1) & mask) {
    const uint32_t id = slots_[slot];
    if (id == kEmpty || Get(id) == bytes) return slot;
  }
}

std::optional<uint32_t> Interner::Find(std::string_view bytes) const {
  const uint32_t id = slots_[Probe(bytes, HashKey(bytes))];
  if (id == kEmpty) return std::nullopt;
  return id;
}

uint32_t Interner::Intern(std::string_view bytes, bool* added) {
  const size_t slot = Probe(bytes, HashKey(bytes));
  if (slots_[slot] != kEmpty) {
    if (added != nullptr) *added = false;
    return slots_[slot];
  }
  IDFORGE_CHECK(size() < kEmpty - 1);
  const uint32_t id = size();
  bytes_.insert(bytes_.end(), bytes.begin(), bytes.end());
  offsets_.push_back(bytes_.size());
  slots_[slot] = id;
  if (added != nullptr) *added = true;
  // Keep the load at or below 0.7 so linear probes stay short.
  if (uint64_t{size()} * 10 > uint64_t{slots_.size()} * 7) Grow();
  return id;
}

void Interner::Grow() {
  slots_.assign(slots_.size() * 2, kEmpty);
  const size_t mask = slots_.size() - 1;
  for (uint32_t id = 0; id < size(); ++id) {
    size_t slot = static_cast<size_t>(HashKey(Get(id))) & mask;
    while (slots_[slot] != kEmpty) slot = (slot + 1) & mask;
    slots_[slot] = id;
  }
}

}  // namespace idforge::eval
