// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
#include "engine/common/atomic_file.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>

#include <fcntl.h>
#include <unistd.h>

namespace idforge {
namespace {

// Bytes handed to the kernel between two early write-backs (see AtomicFile::Write).
constexpr off_t kWriteBackBytes = off_t{16} << 20;

}  // namespace

Result<AtomicFile> AtomicFile::Open(std::string path) {
  std::string temp_path = path + ".tmp." + std::to_string(::getpid());
  std::FILE* file = std::fopen(temp_path.c_str(), "wb");
  if (file == nullptr) {
    return IOError("cannot create " + temp_path + ": " + std::strerror(errno) +
                   " (check that the output directory is writable)");
  }
  std::setvbuf(file, nullptr, _IOFBF, 1 << 20);
  return AtomicFile(std::move(path), std::move(temp_path), file);
}

AtomicFile::AtomicFile(AtomicFile&& other) noexcept
    : path_(std::move(other.path_)),
      temp_path_(std::move(other.temp_path_)),
      file_(other.file_),
      failed_(other.failed_),
      written_back_(other.written_back_) {
  other.file_ = nullptr;
  other.temp_path_.clear();
}

AtomicFile::~AtomicFile() {
  if (file_ != nullptr) {
    std::fclose(file_);
    std::remove(temp_path_.c_str());
  }
}

void AtomicFile::Write(std::string_view bytes) {
  if (file_ == nullptr || failed_ || bytes.empty()) return;
  if (std::fwrite(bytes.data(), 1, bytes.size(), file_) != bytes.size()) failed_ = true;
#if defined(__linux__)
  // Performance: start the disk write of what the kernel already holds, without waiting for it,
  // so Commit()'s fsync waits for the last few MiB instead of the whole file (a 330 MB
  // golden_provenance.csv at 1 M records). Advisory: a failure here changes nothing.
  const off_t position = ::lseek(::fileno(file_), 0, SEEK_CUR);
  if (position - written_back_ >= kWriteBackBytes) {
    ::sync_file_range(::fileno(file_), written_back_, position - written_back_,
                      SYNC_FILE_RANGE_WRITE);
    written_back_ = position;
  }
#endif
}

Status AtomicFile::Commit() {
  if (file_ == nullptr) return Internal("AtomicFile::Commit called twice for " + path_);
  const bool flushed = std::fflush(file_) == 0 && ::fsync(::fileno(file_)) == 0;
  const bool closed = std::fclose(file_) == 0;
  file_ = nullptr;
  if (failed_ || !flushed || !closed) {
    std::remove(temp_path_.c_str());
    return IOError("cannot write " + path_ + ": " + std::strerror(errno) + " (is the disk full?)");
  }
  if (std::rename(temp_path_.c_str(), path_.c_str()) != 0) {
    const std::string reason = std::strerror(errno);
    std::remove(temp_path_.c_str());
    return IOError("cannot rename " + temp_path_ + " to " + path_ + ": " + reason);
  }
  return Status::Ok();
}

Status EnsureDirectory(const std::string& dir) {
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error) return IOError("cannot create output directory " + dir + ": " + error.message());
  return Status::Ok();
}

}  // namespace idforge
