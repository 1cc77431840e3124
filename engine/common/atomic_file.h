// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// AtomicFile: writes an output through a temporary file in the same directory and renames it into
// place on Commit(), so a failed run never leaves a half-written result.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "idforge/status.h"

namespace idforge {

// Not thread-safe. Destroying an uncommitted AtomicFile removes the temporary file.
class AtomicFile {
 public:
  static Result<AtomicFile> Open(std::string path);
  AtomicFile(AtomicFile&& other) noexcept;
  AtomicFile& operator=(AtomicFile&&) = delete;
  AtomicFile(const AtomicFile&) = delete;
  ~AtomicFile();

  // Buffered; errors surface at Commit().
  void Write(std::string_view bytes);
  // Flushes, fsyncs and renames the temporary file onto the final path.
  Status Commit();

 private:
  AtomicFile(std::string path, std::string temp_path, std::FILE* file)
      : path_(std::move(path)), temp_path_(std::move(temp_path)), file_(file) {}

  std::string path_;
  std::string temp_path_;
  std::FILE* file_ = nullptr;
  bool failed_ = false;
  int64_t written_back_ = 0;  // bytes whose write-back to disk was started early (Linux)
};

// Creates `dir` and its parents when missing.
Status EnsureDirectory(const std::string& dir);

}  // namespace idforge
