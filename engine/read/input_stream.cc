// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// InputStream implementations: a raw byte layer per compression (plain read(), zlib for gzip
// including multi-member files, zstd streaming) under one decoding layer (BOM, CP1252).
#include "engine/read/input_stream.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <optional>
#include <string_view>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include "engine/common/utf8.h"

namespace idforge::read {
namespace {

// Performance: read() from the page cache is fastest in chunks of at most 1 MiB (PERFORMANCE.md).
constexpr size_t kReadBytes = size_t{1} << 20;

// A file descriptor owner.
class File {
 public:
  File() = default;
  explicit File(int fd) : fd_(fd) {}
  File(File&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  File& operator=(File&&) = delete;
  File(const File&) = delete;
  ~File() {
    if (fd_ >= 0) ::close(fd_);
  }
  int fd() const { return fd_; }

 private:
  int fd_ = -1;
};

// Appends up to `max_bytes` raw bytes of `file` to `out`; 0 at end of file.
Result<size_t> ReadRaw(const File& file, const std::string& path, std::string& out,
                       size_t max_bytes) {
  size_t total = 0;
  while (total < max_bytes) {
    const size_t want = std::min(kReadBytes, max_bytes - total);
    const size_t old_size = out.size();
    out.resize(old_size + want);
    ssize_t got;
    do {
      got = ::read(file.fd(), out.data() + old_size, want);
    } while (got < 0 && errno == EINTR);
    if (got < 0) {
      out.resize(old_size);
      return IOError("cannot read " + path + ": " + std::strerror(errno));
    }
    out.resize(old_size + static_cast<size_t>(got));
    if (got == 0) break;
    total += static_cast<size_t>(got);
  }
  return total;
}

// Reads up to `max_bytes` raw bytes of `file` into `dst`; 0 at end of file.
Result<size_t> ReadRawInto(const File& file, const std::string& path, char* dst,
                           size_t max_bytes) {
  size_t total = 0;
  while (total < max_bytes) {
    const size_t want = std::min(kReadBytes, max_bytes - total);
    ssize_t got;
    do {
      got = ::read(file.fd(), dst + total, want);
    } while (got < 0 && errno == EINTR);
    if (got < 0) return IOError("cannot read " + path + ": " + std::strerror(errno));
    if (got == 0) break;
    total += static_cast<size_t>(got);
  }
  return total;
}

// Produces the file's decompressed bytes.
class RawSource {
 public:
  virtual ~RawSource() = default;
  virtual Result<size_t> Read(std::string& out, size_t max_bytes) = 0;
  // As Read, into `dst` (room for `max_bytes`); nullopt when this source only appends to strings.
  virtual std::optional<Result<size_t>> ReadInto(char* /*dst*/, size_t /*max_bytes*/) {
    return std::nullopt;
  }
};

class PlainSource final : public RawSource {
 public:
  PlainSource(File file, std::string path) : file_(std::move(file)), path_(std::move(path)) {}
  Result<size_t> Read(std::string& out, size_t max_bytes) override {
    return ReadRaw(file_, path_, out, max_bytes);
  }
  std::optional<Result<size_t>> ReadInto(char* dst, size_t max_bytes) override {
    return ReadRawInto(file_, path_, dst, max_bytes);
  }

 private:
  File file_;
  std::string path_;
};

class GzipSource final : public RawSource {
 public:
  GzipSource(File file, std::string path) : file_(std::move(file)), path_(std::move(path)) {
    std::memset(&stream_, 0, sizeof(stream_));
    // 15 + 32: zlib or gzip header, detected.
    ok_ = inflateInit2(&stream_, 15 + 32) == Z_OK;
  }
  ~GzipSource() override { inflateEnd(&stream_); }

  Result<size_t> Read(std::string& out, size_t max_bytes) override {
    if (!ok_) return Internal("zlib could not be initialized for " + path_);
    size_t produced = 0;
    while (produced < max_bytes && !done_) {
      if (stream_.avail_in == 0) {
        in_.clear();
        IDFORGE_ASSIGN_OR_RETURN(size_t got, ReadRaw(file_, path_, in_, kReadBytes));
        if (got == 0) {
          if (member_started_) {
            return IOError(path_ + ": truncated gzip data after " + std::to_string(decoded_) +
                           " decoded bytes (the file is incomplete; download or copy it again)");
          }
          done_ = true;
          break;
        }
        stream_.next_in = reinterpret_cast<Bytef*>(in_.data());
        stream_.avail_in = static_cast<uInt>(in_.size());
      }
      const size_t want = std::min(max_bytes - produced, kReadBytes);
      const size_t old_size = out.size();
      out.resize(old_size + want);
      stream_.next_out = reinterpret_cast<Bytef*>(out.data() + old_size);
      stream_.avail_out = static_cast<uInt>(want);
      member_started_ = true;
      const int rc = inflate(&stream_, Z_NO_FLUSH);
      const size_t got = want - stream_.avail_out;
      out.resize(old_size + got);
      produced += got;
      decoded_ += got;
      if (rc == Z_STREAM_END) {
        // A gzip file may hold several members back to back (pigz, cat a.gz b.gz).
        member_started_ = false;
        inflateReset(&stream_);
      } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
        return IOError(path_ + ": corrupt gzip data after " + std::to_string(decoded_) +
                       " decoded bytes (zlib: " + (stream_.msg ? stream_.msg : "error") + ")");
      }
    }
    return produced;
  }

 private:
  File file_;
  std::string path_;
  z_stream stream_;
  bool ok_ = false;
  bool done_ = false;
  bool member_started_ = false;
  uint64_t decoded_ = 0;
  std::string in_;
};

class ZstdSource final : public RawSource {
 public:
  ZstdSource(File file, std::string path)
      : file_(std::move(file)), path_(std::move(path)), stream_(ZSTD_createDStream()) {}
  ~ZstdSource() override { ZSTD_freeDStream(stream_); }

  Result<size_t> Read(std::string& out, size_t max_bytes) override {
    if (stream_ == nullptr) return Internal("zstd could not be initialized for " + path_);
    size_t produced = 0;
    while (produced < max_bytes && !done_) {
      if (input_.pos == input_.size) {
        in_.clear();
        IDFORGE_ASSIGN_OR_RETURN(size_t got, ReadRaw(file_, path_, in_, kReadBytes));
        if (got == 0) {
          if (frame_open_) {
            return IOError(path_ + ": truncated zstd data after " + std::to_string(decoded_) +
                           " decoded bytes (the file is incomplete)");
          }
          done_ = true;
          break;
        }
        input_ = {in_.data(), in_.size(), 0};
      }
      const size_t want = std::min(max_bytes - produced, kReadBytes);
      const size_t old_size = out.size();
      out.resize(old_size + want);
      ZSTD_outBuffer output = {out.data() + old_size, want, 0};
      const size_t rc = ZSTD_decompressStream(stream_, &output, &input_);
      out.resize(old_size + output.pos);
      produced += output.pos;
      decoded_ += output.pos;
      if (ZSTD_isError(rc)) {
        return IOError(path_ + ": corrupt zstd data after " + std::to_string(decoded_) +
                       " decoded bytes (zstd: " + ZSTD_getErrorName(rc) + ")");
      }
      frame_open_ = rc != 0;
    }
    return produced;
  }

 private:
  File file_;
  std::string path_;
  ZSTD_DStream* stream_;
  ZSTD_inBuffer input_ = {nullptr, 0, 0};
  bool done_ = false;
  bool frame_open_ = false;
  uint64_t decoded_ = 0;
  std::string in_;
};

// The decoding layer: drops a UTF-8 BOM, transcodes CP1252.
class DecodedStream final : public InputStream {
 public:
  DecodedStream(std::unique_ptr<RawSource> raw, Encoding encoding, Compression compression,
                uint64_t file_bytes)
      : raw_(std::move(raw)),
        encoding_(encoding),
        compression_(compression),
        file_bytes_(file_bytes) {}

  Result<size_t> Read(std::string& out, size_t max_bytes) override {
    if (encoding_ == Encoding::kLatin1) {
      scratch_.clear();
      IDFORGE_ASSIGN_OR_RETURN(size_t got, raw_->Read(scratch_, max_bytes));
      const size_t old_size = out.size();
      utf8::AppendCp1252AsUtf8(scratch_, out);
      (void)got;
      return out.size() - old_size;
    }
    if (!bom_checked_) {
      // Read at least 3 bytes (or to the end) so a BOM split across reads is still seen.
      const size_t old_size = out.size();
      size_t total = 0;
      while (total < 3) {
        IDFORGE_ASSIGN_OR_RETURN(size_t got, raw_->Read(out, std::max<size_t>(max_bytes, 3)));
        if (got == 0) break;
        total += got;
      }
      bom_checked_ = true;
      if (std::string_view(out).substr(old_size).starts_with("\xEF\xBB\xBF")) {
        out.erase(old_size, 3);
        total -= 3;
        skipped_prefix_bytes_ = 3;
      }
      return total;
    }
    return raw_->Read(out, max_bytes);
  }

  Result<size_t> ReadInto(char* dst, size_t max_bytes) override {
    if (encoding_ == Encoding::kUtf8 && bom_checked_ && !has_read_into_overflow()) {
      if (std::optional<Result<size_t>> got = raw_->ReadInto(dst, max_bytes)) return *got;
    }
    return InputStream::ReadInto(dst, max_bytes);
  }

  uint64_t file_bytes() const override { return file_bytes_; }
  Compression compression() const override { return compression_; }
  uint64_t skipped_prefix_bytes() const override { return skipped_prefix_bytes_; }

 private:
  std::unique_ptr<RawSource> raw_;
  Encoding encoding_;
  Compression compression_;
  uint64_t file_bytes_;
  bool bom_checked_ = false;
  uint64_t skipped_prefix_bytes_ = 0;
  std::string scratch_;
};

bool EndsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

}  // namespace

Result<std::unique_ptr<InputStream>> InputStream::Open(const std::string& path,
                                                       Compression compression,
                                                       Encoding encoding) {
  int fd;
  do {
    fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  } while (fd < 0 && errno == EINTR);
  if (fd < 0) {
    const int error = errno;
    if (error == ENOENT) {
      return NotFound(path + ": no such file (paths in a job file are relative to the job file)");
    }
    return IOError("cannot open " + path + ": " + std::strerror(error));
  }
  File file(fd);
  struct stat info {};
  if (::fstat(file.fd(), &info) != 0 || S_ISDIR(info.st_mode)) {
    return IOError("cannot read " + path + ": not a regular file");
  }
  const auto file_bytes = static_cast<uint64_t>(info.st_size);

  if (compression == Compression::kAuto) {
    if (EndsWith(path, ".gz") || EndsWith(path, ".gzip")) {
      compression = Compression::kGzip;
    } else if (EndsWith(path, ".zst") || EndsWith(path, ".zstd")) {
      compression = Compression::kZstd;
    } else {
      // No telling extension: look at the magic bytes.
      std::array<unsigned char, 4> magic{};
      const ssize_t got = ::pread(file.fd(), magic.data(), magic.size(), 0);
      compression = Compression::kNone;
      if (got >= 2 && magic[0] == 0x1F && magic[1] == 0x8B) compression = Compression::kGzip;
      if (got >= 4 && magic[0] == 0x28 && magic[1] == 0xB5 && magic[2] == 0x2F && magic[3] == 0xFD) {
        compression = Compression::kZstd;
      }
    }
  }
  std::unique_ptr<RawSource> raw;
  switch (compression) {
    case Compression::kGzip: raw = std::make_unique<GzipSource>(std::move(file), path); break;
    case Compression::kZstd: raw = std::make_unique<ZstdSource>(std::move(file), path); break;
    default: raw = std::make_unique<PlainSource>(std::move(file), path); break;
  }
  return std::unique_ptr<InputStream>(
      std::make_unique<DecodedStream>(std::move(raw), encoding, compression, file_bytes));
}

Result<size_t> InputStream::ReadInto(char* dst, size_t max_bytes) {
  if (overflow_pos_ == overflow_.size()) {
    overflow_.clear();
    overflow_pos_ = 0;
    IDFORGE_ASSIGN_OR_RETURN(size_t got, Read(overflow_, max_bytes));
    if (got == 0) return size_t{0};
  }
  const size_t count = std::min(max_bytes, overflow_.size() - overflow_pos_);
  std::memcpy(dst, overflow_.data() + overflow_pos_, count);
  overflow_pos_ += count;
  return count;
}

Result<std::string> ReadAll(InputStream& input) {
  std::string out;
  while (true) {
    IDFORGE_ASSIGN_OR_RETURN(size_t got, input.Read(out, size_t{16} << 20));
    if (got == 0) break;
  }
  return out;
}

}  // namespace idforge::read
