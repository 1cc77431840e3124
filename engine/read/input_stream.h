// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// InputStream: a source file's bytes as UTF-8 text, whatever is on disk: plain, gzip (.gz, also
// multi-member) or zstd (.zst), UTF-8 with or without BOM, or Latin-1/CP1252 transcoded. Read in
// windows so memory stays bounded on inputs larger than RAM.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "idforge/options.h"
#include "idforge/status.h"

namespace idforge::read {

// Not thread-safe; one reader thread pulls from it.
class InputStream {
 public:
  // Opens `path`. Compression kAuto follows the extension (.gz, .zst), then the magic bytes.
  // A missing or unreadable file is NotFound/IOError naming the path.
  static Result<std::unique_ptr<InputStream>> Open(const std::string& path, Compression compression,
                                                   Encoding encoding);
  virtual ~InputStream() = default;

  // Appends up to about `max_bytes` decoded bytes to `out` and returns how many were appended;
  // 0 means end of input. A leading UTF-8 BOM is dropped. Corrupt compressed data is an IOError
  // naming the file and the decoded offset reached.
  virtual Result<size_t> Read(std::string& out, size_t max_bytes) = 0;
  // As Read, into `dst`, which has room for `max_bytes` (> 0): returns 1..max_bytes bytes, 0 at
  // the end. The default goes through Read and keeps what does not fit (a transcoded read can
  // grow) for the next call. REQUIRES: a caller uses either Read or ReadInto on a stream, not both.
  //
  // Performance: Read grows a std::string, which zero-fills the bytes before read() overwrites
  // them (a memset of the whole input); an uncompressed UTF-8 file is read() straight into `dst`.
  virtual Result<size_t> ReadInto(char* dst, size_t max_bytes);

  // Bytes of the file on disk, and the compression actually used.
  virtual uint64_t file_bytes() const = 0;
  virtual Compression compression() const = 0;
  // Bytes dropped before the first decoded byte (a UTF-8 BOM: 3), so that decoded offsets of an
  // uncompressed file can be turned back into file offsets.
  virtual uint64_t skipped_prefix_bytes() const { return 0; }

 protected:
  // True while the default ReadInto holds bytes it has not handed out.
  bool has_read_into_overflow() const { return overflow_pos_ < overflow_.size(); }

 private:
  std::string overflow_;  // default ReadInto: decoded bytes not handed out yet
  size_t overflow_pos_ = 0;
};

// Reads the whole decoded input into a string (tests, small files).
Result<std::string> ReadAll(InputStream& input);

}  // namespace idforge::read
