// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// ZeroedPages: a large zero-filled buffer taken straight from the kernel (anonymous mmap) and
// advised for transparent huge pages before anything touches it.
#pragma once

#include <cstddef>
#include <utility>

namespace idforge::read {

// Owns one anonymous mapping. Move-only; not thread-safe.
//
// Performance: calloc of a big block may zero it itself (mimalloc does when it reuses a segment)
// and always touches it in 4 KiB pages before the caller can advise huge pages; in this VM a 4 KiB
// fault costs 3-18 µs (PERFORMANCE.md: first touch 1.4 GB/s with 4 KiB pages, 8 GB/s with huge
// pages). The id index of a 5.75 M-record CSV (128 MiB) took 32 K such faults, ~25 % of all page
// faults of BM_ReadCsvFile_Large (perf record -e page-faults). Fresh mappings are zero already.
class ZeroedPages {
 public:
  ZeroedPages() = default;
  // At least `bytes` zero bytes (whole 2 MiB pages on Linux), or an empty buffer (data() ==
  // nullptr) when the kernel refuses.
  explicit ZeroedPages(size_t bytes);
  ZeroedPages(ZeroedPages&& other) noexcept
      : data_(std::exchange(other.data_, nullptr)), bytes_(std::exchange(other.bytes_, 0)) {}
  ZeroedPages& operator=(ZeroedPages&& other) noexcept {
    if (this != &other) {
      Release();
      data_ = std::exchange(other.data_, nullptr);
      bytes_ = std::exchange(other.bytes_, 0);
    }
    return *this;
  }
  ZeroedPages(const ZeroedPages&) = delete;
  ZeroedPages& operator=(const ZeroedPages&) = delete;
  ~ZeroedPages() { Release(); }

  void* data() const { return data_; }
  size_t size() const { return bytes_; }

 private:
  void Release();

  void* data_ = nullptr;
  size_t bytes_ = 0;
};

}  // namespace idforge::read
