// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
#include "engine/read/zeroed_pages.h"

#include <cstdint>
#include <cstdlib>

#if defined(__linux__)
#include <sys/mman.h>
#endif

#include "engine/common/arena.h"

namespace idforge::read {

ZeroedPages::ZeroedPages(size_t bytes) {
  if (bytes == 0) return;
#if defined(__linux__)
  // Whole 2 MiB pages, mapped 2 MiB larger and trimmed to a 2 MiB boundary, so that every page
  // can be a huge page (this kernel does not align big anonymous mappings by itself).
  constexpr size_t kHugePage = size_t{2} << 20;
  bytes = (bytes + kHugePage - 1) & ~(kHugePage - 1);
  const size_t mapped = bytes + kHugePage;
  void* raw = mmap(nullptr, mapped, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (raw == MAP_FAILED) return;
  const auto begin = reinterpret_cast<uintptr_t>(raw);
  const uintptr_t aligned = (begin + kHugePage - 1) & ~uintptr_t{kHugePage - 1};
  if (aligned > begin) munmap(raw, aligned - begin);
  const uintptr_t tail = aligned + bytes;
  if (begin + mapped > tail) munmap(reinterpret_cast<void*>(tail), begin + mapped - tail);
  void* data = reinterpret_cast<void*>(aligned);
  AdviseHugePages(data, bytes);
#else
  void* data = std::calloc(bytes, 1);
  if (data == nullptr) return;
#endif
  data_ = data;
  bytes_ = bytes;
}

void ZeroedPages::Release() {
  if (data_ == nullptr) return;
#if defined(__linux__)
  munmap(data_, bytes_);
#else
  std::free(data_);
#endif
  data_ = nullptr;
  bytes_ = 0;
}

}  // namespace idforge::read
