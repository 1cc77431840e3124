// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Sizing the store up front (SourceAppender::MaybeReserve: one-shot reservation after the first
// chunk, pages pre-faulted from all threads) changes where memory comes from, never the table:
// an uncompressed input (reserved) and the same bytes presented as compressed (not reserved) give
// identical tables and rejects. Also the page-level helpers it uses.
#include <gtest/gtest.h>

#include <cstring>
#include <memory>
#include <string>

#include "engine/read/csv_reader.h"
#include "engine/read/json_reader.h"
#include "engine/read/memory_input.h"
#include "engine/read/zeroed_pages.h"

namespace idforge::read {
namespace {

// The bytes of a MemoryInputStream, claiming to be gzip so the readers cannot size the store.
class UnsizedInput final : public InputStream {
 public:
  explicit UnsizedInput(std::string_view text) : inner_(text, 1 << 20) {}
  Result<size_t> Read(std::string& out, size_t max_bytes) override {
    return inner_.Read(out, max_bytes);
  }
  uint64_t file_bytes() const override { return inner_.file_bytes() / 3; }
  Compression compression() const override { return Compression::kGzip; }

 private:
  MemoryInputStream inner_;
};

// ~8 MiB of customer-like CSV with some duplicate ids, a few bad rows and quoted values.
std::string MakeCsv() {
  std::string csv = "id,first,last,email,city,note\n";
  for (uint32_t row = 0; row < 120'000; ++row) {
    const uint32_t id = row % 997 == 5 ? row - 1 : row;  // a duplicate now and then
    csv += std::to_string(id) + ",First" + std::to_string(row % 313) + ",\"Last, " +
           std::to_string(row % 71) + "\",user" + std::to_string(row) + "@example.com,City" +
           std::to_string(row % 29) + ",";
    if (row % 5000 == 17) csv += "extra,";  // wrong field count
    csv += "note " + std::to_string(row * 7) + "\n";
  }
  return csv;
}

std::string MakeJsonLines() {
  std::string jsonl;
  for (uint32_t row = 0; row < 60'000; ++row) {
    const uint32_t id = row % 997 == 5 ? row - 1 : row;
    jsonl += "{\"id\":\"" + std::to_string(id) + "\",\"first\":\"First" +
             std::to_string(row % 313) + "\",\"address\":{\"city\":\"City" +
             std::to_string(row % 29) + "\",\"zip\":" + std::to_string(10000 + row % 89999) +
             "},\"email\":\"user" + std::to_string(row) + "@example.com\",\"tags\":[\"a\",\"b\"]";
    jsonl += row % 4000 == 3 ? ",}\n" : "}\n";  // a syntax error now and then
  }
  return jsonl;
}

SourceSpec Spec(std::string path, bool csv) {
  SourceSpec spec;
  spec.name = "s";
  spec.path = std::move(path);
  spec.id_column = "id";
  auto map = [&](Field field, std::string column) {
    spec.fields[static_cast<size_t>(field)] = FieldMapping{{std::move(column)}, ""};
  };
  map(Field::kFirstName, "first");
  map(Field::kEmail, "email");
  map(Field::kCity, csv ? "city" : "address.city");
  if (csv) {
    map(Field::kLastName, "last");
  } else {
    map(Field::kPostcode, "address.zip");
  }
  return spec;
}

struct Read {
  Status status;
  RecordTable table;
  std::vector<Reject> rejects;
};

using Reader = Status (*)(const SourceSpec&, InputStream&, uint16_t, const ReadOptions&,
                          RecordTable&, ExecContext&, SourceReadStats&);

Read ReadAllWith(Reader reader, const SourceSpec& spec, InputStream& input, int threads,
                 size_t chunk) {
  Read out;
  ExecContext ctx(threads);
  out.table.AddSource(SourceInfo{});
  SourceReadStats stats;
  const ReadOptions options{.chunk_bytes = chunk, .window_bytes = size_t{8} << 20};
  out.status = reader(spec, input, 0, options, out.table, ctx, stats);
  out.rejects = ctx.rejects().entries();
  return out;
}

void ExpectSameReads(const Read& sized, const Read& unsized) {
  ASSERT_TRUE(sized.status.ok()) << sized.status.ToString();
  ASSERT_TRUE(unsized.status.ok()) << unsized.status.ToString();
  EXPECT_TRUE(sized.table.Validate().ok());
  EXPECT_TRUE(sized.table == unsized.table);
  ASSERT_EQ(sized.rejects.size(), unsized.rejects.size());
  for (size_t index = 0; index < sized.rejects.size(); ++index) {
    EXPECT_EQ(sized.rejects[index].line, unsized.rejects[index].line) << index;
    EXPECT_EQ(sized.rejects[index].byte_offset, unsized.rejects[index].byte_offset) << index;
    EXPECT_EQ(sized.rejects[index].reason, unsized.rejects[index].reason) << index;
  }
}

TEST(StoreSizingTest, ReservedCsvStoreEqualsTheGrownOne) {
  const std::string csv = MakeCsv();
  ASSERT_GT(csv.size(), size_t{7} << 20);  // well past the 4 MiB sample and its 1.5x rule
  const SourceSpec spec = Spec("s.csv", /*csv=*/true);
  for (int threads : {1, 2}) {
    for (size_t chunk : {size_t{1} << 20, size_t{4} << 20}) {
      SCOPED_TRACE("threads " + std::to_string(threads) + " chunk " + std::to_string(chunk));
      MemoryInputStream sized_input(csv, 1 << 20);
      UnsizedInput unsized_input(csv);
      const Read sized = ReadAllWith(ReadCsv, spec, sized_input, threads, chunk);
      const Read unsized = ReadAllWith(ReadCsv, spec, unsized_input, threads, chunk);
      ExpectSameReads(sized, unsized);
      EXPECT_GT(sized.rejects.size(), 100u);  // duplicates and wrong field counts
      // Sized for the whole file from the first chunk: within the 1.5x memory budget.
      EXPECT_LT(static_cast<double>(sized.table.MemoryBytes()),
                1.5 * static_cast<double>(csv.size()));
    }
  }
}

TEST(StoreSizingTest, ReservedJsonLinesStoreEqualsTheGrownOne) {
  const std::string jsonl = MakeJsonLines();
  ASSERT_GT(jsonl.size(), size_t{6} << 20);
  const SourceSpec spec = Spec("s.jsonl", /*csv=*/false);
  for (int threads : {1, 2}) {
    SCOPED_TRACE("threads " + std::to_string(threads));
    MemoryInputStream sized_input(jsonl, 1 << 20);
    UnsizedInput unsized_input(jsonl);
    const Read sized = ReadAllWith(ReadJsonLines, spec, sized_input, threads, size_t{1} << 20);
    const Read unsized = ReadAllWith(ReadJsonLines, spec, unsized_input, threads, size_t{1} << 20);
    ExpectSameReads(sized, unsized);
    EXPECT_GT(sized.rejects.size(), 50u);
    EXPECT_LT(static_cast<double>(sized.table.MemoryBytes()),
              1.5 * static_cast<double>(jsonl.size()));
  }
}

TEST(ZeroedPagesTest, BufferIsZeroedWholeAndMovable) {
  ZeroedPages pages((size_t{3} << 20) + 5);
  ASSERT_NE(pages.data(), nullptr);
  EXPECT_GE(pages.size(), (size_t{3} << 20) + 5);
  const auto* bytes = static_cast<const unsigned char*>(pages.data());
  for (size_t offset = 0; offset < pages.size(); offset += 4093) {
    EXPECT_EQ(bytes[offset], 0) << offset;
  }
  EXPECT_EQ(bytes[pages.size() - 1], 0);
  std::memset(pages.data(), 7, pages.size());  // every byte is writable
  ZeroedPages moved = std::move(pages);
  EXPECT_EQ(pages.data(), nullptr);  // NOLINT(bugprone-use-after-move): moved-from is empty
  EXPECT_EQ(pages.size(), 0u);
  EXPECT_EQ(static_cast<const unsigned char*>(moved.data())[0], 7);
  EXPECT_EQ(ZeroedPages(0).data(), nullptr);
}

TEST(StringColumnTest, SpareCapacityCoversTheReservedTail) {
  StringColumn column;
  column.Append("abc");
  column.Reserve(/*rows=*/1000, /*bytes=*/100'000);
  std::vector<std::span<std::byte>> spare;
  column.AddSpareCapacity(spare);
  ASSERT_FALSE(spare.empty());
  size_t total = 0;
  for (const std::span<std::byte> range : spare) total += range.size();
  EXPECT_GE(total, 100'000u + 1000u * sizeof(uint32_t));
  // The first range is the bytes' tail: it starts right after the stored value.
  EXPECT_EQ(reinterpret_cast<const char*>(spare[0].data()), column.Get(0u).data() + 3);
  column.Append("de");
  EXPECT_EQ(column.Get(0u), "abc");
  EXPECT_EQ(column.Get(1u), "de");
}

}  // namespace
}  // namespace idforge::read
