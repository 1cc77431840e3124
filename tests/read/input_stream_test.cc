// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// InputStream: plain, gzip (single and multi-member), zstd, BOM removal, CP1252 transcoding, and
// clear errors for missing, truncated and corrupt files.
#include "engine/read/input_stream.h"

#include <gtest/gtest.h>
#include <zlib.h>
#include <zstd.h>

#include <random>
#include <string>

#include "tests/testing/test_util.h"

namespace idforge::read {
namespace {

std::string Gzip(std::string_view data) {
  z_stream stream{};
  EXPECT_EQ(deflateInit2(&stream, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
  std::string out(deflateBound(&stream, data.size()) + 64, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&stream, Z_FINISH), Z_STREAM_END);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  return out;
}

std::string Zstd(std::string_view data) {
  std::string out(ZSTD_compressBound(data.size()), '\0');
  const size_t size = ZSTD_compress(out.data(), out.size(), data.data(), data.size(), 3);
  EXPECT_FALSE(ZSTD_isError(size));
  out.resize(size);
  return out;
}

std::string ReadFile(const std::string& path, Encoding encoding = Encoding::kUtf8,
                     Compression compression = Compression::kAuto) {
  auto input = InputStream::Open(path, compression, encoding);
  EXPECT_TRUE(input.ok()) << input.status().ToString();
  if (!input.ok()) return "";
  auto all = ReadAll(**input);
  EXPECT_TRUE(all.ok()) << all.status().ToString();
  return all.ok() ? *all : "";
}

std::string RandomText(size_t size, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::string out;
  out.reserve(size);
  const std::string alphabet = "abcdefghij,;\"\n\r ";
  while (out.size() < size) out.push_back(alphabet[rng() % alphabet.size()]);
  return out;
}

// Reads everything through ReadInto, `step` bytes at a time at most.
std::string ReadFileInto(const std::string& path, size_t step,
                         Encoding encoding = Encoding::kUtf8) {
  auto input = InputStream::Open(path, Compression::kAuto, encoding);
  EXPECT_TRUE(input.ok()) << input.status().ToString();
  if (!input.ok()) return "";
  std::string out;
  std::string buffer(step, '\0');
  while (true) {
    auto got = (*input)->ReadInto(buffer.data(), step);
    EXPECT_TRUE(got.ok()) << got.status().ToString();
    if (!got.ok() || *got == 0) break;
    EXPECT_LE(*got, step);
    out.append(buffer, 0, *got);
  }
  return out;
}

// ReadInto (the readers' path: no zero-fill) gives the bytes Read gives, for every layer: plain
// (read() into the caller's buffer), BOM removal, CP1252 transcoding (which grows the bytes, so
// what does not fit waits for the next call) and compressed files.
TEST(InputStreamTest, ReadIntoGivesTheBytesReadGives) {
  test::TempDir dir;
  const std::string text = RandomText(300'000, 11);
  std::string latin1 = "\xE9t\xE9,\x80\n";
  for (int i = 0; i < 2000; ++i) latin1 += "caf\xE9 \x93quote\x94\n";
  const std::string plain = dir.WriteFile("p.csv", text);
  const std::string bom = dir.WriteFile("b.csv", "\xEF\xBB\xBF" + text);
  const std::string gz = dir.WriteFile("g.csv.gz", Gzip(text));
  const std::string zst = dir.WriteFile("z.csv.zst", Zstd(text));
  const std::string cp1252 = dir.WriteFile("l.csv", latin1);
  for (size_t step : {size_t{1}, size_t{2}, size_t{7}, size_t{4096}, size_t{1} << 20}) {
    SCOPED_TRACE("step " + std::to_string(step));
    if (step >= 7) {  // one byte at a time over 300 KB is slow under the sanitizers
      EXPECT_EQ(ReadFileInto(plain, step), text);
      EXPECT_EQ(ReadFileInto(bom, step), text);
      EXPECT_EQ(ReadFileInto(gz, step), text);
      EXPECT_EQ(ReadFileInto(zst, step), text);
    }
    EXPECT_EQ(ReadFileInto(cp1252, step, Encoding::kLatin1), ReadFile(cp1252, Encoding::kLatin1));
  }
}

TEST(InputStreamTest, PlainFileIsReadAsIs) {
  test::TempDir dir;
  const std::string path = dir.WriteFile("a.csv", "id,name\n1,Zoë\n");
  EXPECT_EQ(ReadFile(path), "id,name\n1,Zoë\n");
}

TEST(InputStreamTest, EmptyFileReadsNothing) {
  test::TempDir dir;
  EXPECT_EQ(ReadFile(dir.WriteFile("empty.csv", "")), "");
}

TEST(InputStreamTest, Utf8BomIsDropped) {
  test::TempDir dir;
  EXPECT_EQ(ReadFile(dir.WriteFile("bom.csv", "\xEF\xBB\xBF\"Id\"\r\n\"1\"\r\n")),
            "\"Id\"\r\n\"1\"\r\n");
}

TEST(InputStreamTest, OnlyALeadingBomIsDropped) {
  test::TempDir dir;
  EXPECT_EQ(ReadFile(dir.WriteFile("bom.csv", "a\xEF\xBB\xBF")), "a\xEF\xBB\xBF");
}

TEST(InputStreamTest, GzipIsDecompressedByExtension) {
  test::TempDir dir;
  const std::string text = RandomText(3'000'000, test::Seed());
  EXPECT_EQ(ReadFile(dir.WriteFile("big.csv.gz", Gzip(text))), text);
}

TEST(InputStreamTest, MultiMemberGzipIsReadToTheEnd) {
  test::TempDir dir;
  const std::string path = dir.WriteFile("parts.csv.gz", Gzip("id\n1\n") + Gzip("2\n3\n"));
  EXPECT_EQ(ReadFile(path), "id\n1\n2\n3\n");
}

TEST(InputStreamTest, GzipIsDetectedByMagicBytesWithoutExtension) {
  test::TempDir dir;
  auto input = InputStream::Open(dir.WriteFile("noext", Gzip("x,y\n")), Compression::kAuto,
                                 Encoding::kUtf8);
  ASSERT_TRUE(input.ok());
  EXPECT_EQ((*input)->compression(), Compression::kGzip);
  EXPECT_EQ(*ReadAll(**input), "x,y\n");
}

TEST(InputStreamTest, ZstdIsDecompressed) {
  test::TempDir dir;
  const std::string text = RandomText(2'500'000, test::Seed() + 1);
  EXPECT_EQ(ReadFile(dir.WriteFile("big.jsonl.zst", Zstd(text))), text);
}

TEST(InputStreamTest, BomInsideGzipIsDropped) {
  test::TempDir dir;
  EXPECT_EQ(ReadFile(dir.WriteFile("bom.csv.gz", Gzip("\xEF\xBB\xBFid\n"))), "id\n");
}

TEST(InputStreamTest, Latin1IsTranscodedToUtf8) {
  test::TempDir dir;
  // "Jérôme;Müller;€" in CP1252.
  const std::string path = dir.WriteFile("latin1.csv", "J\xE9r\xF4me;M\xFCller;\x80\n");
  EXPECT_EQ(ReadFile(path, Encoding::kLatin1), "Jérôme;Müller;€\n");
}

TEST(InputStreamTest, MissingFileIsNotFoundAndNamesThePath) {
  auto input = InputStream::Open("/nonexistent/dir/crm.csv", Compression::kAuto, Encoding::kUtf8);
  ASSERT_FALSE(input.ok());
  EXPECT_EQ(input.status().code(), StatusCode::kNotFound);
  EXPECT_NE(input.status().message().find("/nonexistent/dir/crm.csv"), std::string::npos);
}

TEST(InputStreamTest, TruncatedGzipIsAnIoErrorNotSilentLoss) {
  test::TempDir dir;
  std::string gz = Gzip(RandomText(200'000, test::Seed() + 2));
  gz.resize(gz.size() / 2);
  auto input = InputStream::Open(dir.WriteFile("cut.csv.gz", gz), Compression::kAuto,
                                 Encoding::kUtf8);
  ASSERT_TRUE(input.ok());
  auto all = ReadAll(**input);
  ASSERT_FALSE(all.ok());
  EXPECT_EQ(all.status().code(), StatusCode::kIOError);
  EXPECT_NE(all.status().message().find("truncated gzip"), std::string::npos);
}

TEST(InputStreamTest, CorruptZstdIsAnIoError) {
  test::TempDir dir;
  std::string zst = Zstd(RandomText(100'000, test::Seed() + 3));
  for (size_t i = 20; i < zst.size(); i += 7) zst[i] = static_cast<char>(zst[i] ^ 0x5A);
  auto input = InputStream::Open(dir.WriteFile("bad.csv.zst", zst), Compression::kAuto,
                                 Encoding::kUtf8);
  ASSERT_TRUE(input.ok());
  auto all = ReadAll(**input);
  ASSERT_FALSE(all.ok());
  EXPECT_EQ(all.status().code(), StatusCode::kIOError);
}

TEST(InputStreamTest, ReadsInBoundedWindows) {
  test::TempDir dir;
  const std::string text = RandomText(1'000'000, test::Seed() + 4);
  auto input = InputStream::Open(dir.WriteFile("w.csv", text), Compression::kAuto, Encoding::kUtf8);
  ASSERT_TRUE(input.ok());
  std::string out;
  size_t reads = 0;
  while (true) {
    const size_t before = out.size();
    auto got = (*input)->Read(out, 64 * 1024);
    ASSERT_TRUE(got.ok());
    if (*got == 0) break;
    EXPECT_EQ(out.size() - before, *got);
    EXPECT_LE(*got, size_t{64 * 1024 + 3});
    ++reads;
  }
  EXPECT_EQ(out, text);
  EXPECT_GE(reads, 15u);
}

}  // namespace
}  // namespace idforge::read
