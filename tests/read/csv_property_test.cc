// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Property tests of ReadCsv on seeded, deliberately nasty CSV: the table, the reject log and the
// counts are identical for every thread count, chunk size and window size, and valid inputs
// parse exactly as an obviously-correct byte-at-a-time reference parser says.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "engine/read/memory_input.h"
#include "engine/read/csv_reader.h"
#include "tests/testing/test_util.h"

namespace idforge::read {
namespace {

constexpr size_t kColumns = 5;  // id, a, b, c, d

struct Generated {
  std::string csv;
  std::vector<std::vector<std::string>> records;  // expected values (valid inputs only)
  std::vector<uint64_t> lines;                    // expected start line of each record
};

// Writes random CSV. With `nasty`, also bad rows: wrong field counts, text after a closing quote,
// invalid UTF-8, duplicate ids, and stray or unterminated quotes.
class CsvGenerator {
 public:
  explicit CsvGenerator(uint64_t seed) : rng_(seed) {}

  Generated Make(size_t rows, bool nasty) {
    Generated out;
    uint64_t line = 1;
    const bool crlf_everywhere = Chance(0.3);
    auto newline = [&] {
      out.csv += crlf_everywhere || Chance(0.2) ? "\r\n" : "\n";
      ++line;
    };
    out.csv += "id,a,b,c,d";
    newline();
    for (size_t row = 0; row < rows; ++row) {
      if (Chance(0.03)) {
        out.csv += Chance(0.5) ? "" : "  \t";
        newline();
      }
      if (nasty && Chance(0.04)) {
        AppendBadRecord(out.csv, row);
        newline();
        continue;
      }
      const uint64_t start_line = line;
      std::vector<std::string> values;
      for (size_t column = 0; column < kColumns; ++column) {
        if (column > 0) out.csv += ',';
        std::string value = column == 0 ? std::to_string(row + 1) : Value();
        line += AppendField(out.csv, value);
        values.push_back(std::move(value));
      }
      out.records.push_back(std::move(values));
      out.lines.push_back(start_line);
      if (row + 1 < rows || Chance(0.7)) newline();
    }
    if (nasty && Chance(0.3)) out.csv += "9999,\"never closed,x,y,z\n1,2,3,4,5\n";
    return out;
  }

 private:
  bool Chance(double p) { return std::uniform_real_distribution<double>(0, 1)(rng_) < p; }
  size_t Pick(size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(rng_); }

  std::string Value() {
    static const std::vector<std::string> kPieces = {
        "ann", "Lee", "O'Brien", "5'11\"", "a@x.io", " ", "é", "漢字", ",", "\n", "\r\n", "\"",
        "\"\"", "x", "12", "Straße", "|", ";", "\t"};
    std::string value;
    const size_t pieces = Pick(5);
    for (size_t piece = 0; piece < pieces; ++piece) value += kPieces[Pick(kPieces.size())];
    return value;
  }

  // Writes `value`, quoted when it must be (or at random); returns the newlines written.
  uint64_t AppendField(std::string& csv, const std::string& value) {
    const bool needs_quotes = value.find_first_of(",\r\n") != std::string::npos ||
                              (!value.empty() && value[0] == '"') ||
                              (!value.empty() && (value.front() == ' ' || value.back() == ' ' ||
                                                  value.front() == '\t' || value.back() == '\t'));
    if (!needs_quotes && !Chance(0.3)) {
      csv += value;
      return 0;
    }
    csv += '"';
    for (char c : value) {
      csv += c;
      if (c == '"') csv += '"';
    }
    csv += '"';
    return static_cast<uint64_t>(std::count(value.begin(), value.end(), '\n'));
  }

  void AppendBadRecord(std::string& csv, size_t row) {
    switch (Pick(6)) {
      case 0:
        csv += std::to_string(row + 1) + ",too,few";
        break;
      case 1:
        csv += std::to_string(row + 1) + ",a,b,c,d,too,many";
        break;
      case 2:
        csv += std::to_string(row + 1) + ",\"closed\"then text,b,c,d";
        break;
      case 3:
        csv += std::to_string(row + 1) + ",bad\xff\xfe utf8,b,\xc3,d";
        break;
      case 4:
        csv += "1,duplicate,id,c,d";  // a duplicate id in id-ful layouts
        break;
      default:
        csv += std::to_string(row + 1) + ",\"stray quote,b\n,c,d";
        break;
    }
  }

  std::mt19937_64 rng_;
};

// Obviously-correct RFC 4180 parser, one byte at a time, for inputs without bad rows. Skips blank
// (whitespace-only) lines; returns each record's fields and start line.
void ReferenceParse(std::string_view csv, std::vector<std::vector<std::string>>& records,
                    std::vector<uint64_t>& lines) {
  size_t pos = 0;
  uint64_t line = 1;
  while (pos < csv.size()) {
    size_t probe = pos;
    while (probe < csv.size() && (csv[probe] == ' ' || csv[probe] == '\t' || csv[probe] == '\r')) {
      ++probe;
    }
    if (probe == csv.size()) break;
    if (csv[probe] == '\n') {
      pos = probe + 1;
      ++line;
      continue;
    }
    const uint64_t start_line = line;
    std::vector<std::string> fields(1);
    bool quoted = false;
    bool in_quotes = false;
    for (; pos < csv.size(); ++pos) {
      const char c = csv[pos];
      if (in_quotes) {
        if (c == '"' && pos + 1 < csv.size() && csv[pos + 1] == '"') {
          fields.back() += '"';
          ++pos;
        } else if (c == '"') {
          in_quotes = false;
        } else {
          if (c == '\n') ++line;
          fields.back() += c;
        }
      } else if (c == '"' && fields.back().empty() && !quoted) {
        in_quotes = quoted = true;
      } else if (c == ',') {
        fields.emplace_back();
        quoted = false;
      } else if (c == '\n') {
        ++line;
        ++pos;
        break;
      } else {
        fields.back() += c;
      }
    }
    for (std::string& field : fields) {
      if (!field.empty() && field.back() == '\r') field.pop_back();
    }
    records.push_back(std::move(fields));
    lines.push_back(start_line);
  }
}

SourceSpec Spec(bool with_id) {
  SourceSpec spec;
  spec.name = "gen";
  spec.path = "gen.csv";
  if (with_id) spec.id_column = "id";
  spec.fields[static_cast<size_t>(Field::kFirstName)] = FieldMapping{{"a"}, ""};
  spec.fields[static_cast<size_t>(Field::kEmail)] = FieldMapping{{"c"}, ""};
  spec.fields[static_cast<size_t>(Field::kStreet)] = FieldMapping{{"b", "d"}, ""};
  return spec;
}

struct Result_ {
  Status status;
  RecordTable table;
  std::vector<Reject> rejects;
  SourceReadStats stats;
};

Result_ ReadWith(std::string_view csv, const SourceSpec& spec, int threads, size_t chunk,
                 size_t window) {
  Result_ out;
  ExecContext ctx(threads);
  out.table.AddSource(SourceInfo{});
  MemoryInputStream input(csv, 4093);
  const ReadOptions options{.chunk_bytes = chunk, .window_bytes = window};
  out.status = ReadCsv(spec, input, 0, options, out.table, ctx, out.stats);
  out.rejects = ctx.rejects().entries();
  return out;
}

void ExpectSame(const Result_& a, const Result_& b) {
  ASSERT_EQ(a.status.ToString(), b.status.ToString());
  EXPECT_TRUE(a.table == b.table);
  ASSERT_EQ(a.rejects.size(), b.rejects.size());
  for (size_t index = 0; index < a.rejects.size(); ++index) {
    EXPECT_EQ(a.rejects[index].line, b.rejects[index].line) << index;
    EXPECT_EQ(a.rejects[index].byte_offset, b.rejects[index].byte_offset) << index;
    EXPECT_EQ(a.rejects[index].reason, b.rejects[index].reason) << index;
    EXPECT_EQ(a.rejects[index].detail, b.rejects[index].detail) << index;
    EXPECT_EQ(a.rejects[index].raw, b.rejects[index].raw) << index;
  }
  EXPECT_EQ(a.stats.records_read, b.stats.records_read);
  EXPECT_EQ(a.stats.accepted, b.stats.accepted);
  EXPECT_EQ(a.stats.rejected, b.stats.rejected);
  EXPECT_EQ(a.stats.blank_lines, b.stats.blank_lines);
  EXPECT_EQ(a.stats.decoded_bytes, b.stats.decoded_bytes);
}

constexpr size_t kKiB = 1024;

TEST(CsvPropertyTest, ResultIsIdenticalForAnyThreadCountChunkAndWindowSize) {
  const uint64_t seed = test::Seed();
  SCOPED_TRACE("IDFORGE_TEST_SEED=" + std::to_string(seed));
  CsvGenerator gen(seed);
  for (int round = 0; round < 8; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    const Generated input = gen.Make(/*rows=*/1500, /*nasty=*/true);
    for (bool with_id : {false, true}) {
      const SourceSpec spec = Spec(with_id);
      const Result_ baseline = ReadWith(input.csv, spec, 1, size_t{64} << 20, size_t{64} << 20);
      ASSERT_TRUE(baseline.status.ok()) << baseline.status.ToString();
      EXPECT_EQ(baseline.stats.accepted + baseline.stats.rejected, baseline.stats.records_read);
      EXPECT_TRUE(baseline.table.Validate().ok());
      for (int threads : {1, 2, 8}) {
        for (size_t chunk : {kKiB, 4 * kKiB, 64 * kKiB, size_t{64} << 20}) {
          for (size_t window : {3 * kKiB, size_t{64} << 20}) {
            SCOPED_TRACE("threads " + std::to_string(threads) + " chunk " +
                         std::to_string(chunk) + " window " + std::to_string(window));
            ExpectSame(ReadWith(input.csv, spec, threads, chunk, window), baseline);
            if (HasFatalFailure()) return;
          }
        }
      }
    }
  }
}

// Inputs larger than the 64 KiB the reader reads before its header, so they span many windows:
// each window's successor is read while the window is parsed (Window::Prefetch), and the
// unparsed tail is carried over in front of it. Records longer than that carry-over room (4 KiB
// for small windows) and longer than a whole window must come out the same.
TEST(CsvPropertyTest, ResultIsIdenticalAcrossManyWindows) {
  const uint64_t seed = test::Seed();
  SCOPED_TRACE("IDFORGE_TEST_SEED=" + std::to_string(seed));
  CsvGenerator gen(seed + 2);
  for (int round = 0; round < 2; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    Generated input = gen.Make(/*rows=*/6000, /*nasty=*/true);
    if (!input.csv.ends_with('\n')) input.csv += '\n';
    for (int row = 0; row < 6; ++row) {  // long records: 6 KB, 40 KB (a quoted one spans lines)
      const std::string big(row % 2 == 0 ? 6000 : 40000, static_cast<char>('k' + row));
      input.csv += std::to_string(90000 + row) + "," + big + ",\"" + big + "\n" + big +
                   "\",c,d\n" + std::to_string(91000 + row) + ",a,b,c,d\n";
    }
    const std::string more = gen.Make(/*rows=*/2000, /*nasty=*/false).csv;
    input.csv += more.substr(more.find('\n') + 1);  // without its header
    ASSERT_GT(input.csv.size(), size_t{300} << 10);
    const SourceSpec spec = Spec(true);
    const Result_ baseline = ReadWith(input.csv, spec, 1, size_t{64} << 20, size_t{64} << 20);
    ASSERT_TRUE(baseline.status.ok()) << baseline.status.ToString();
    EXPECT_TRUE(baseline.table.Validate().ok());
    for (int threads : {1, 2}) {
      for (size_t chunk : {kKiB, 5 * kKiB}) {
        for (size_t window : {3 * kKiB, 17 * kKiB, 64 * kKiB}) {
          SCOPED_TRACE("threads " + std::to_string(threads) + " chunk " + std::to_string(chunk) +
                       " window " + std::to_string(window));
          ExpectSame(ReadWith(input.csv, spec, threads, chunk, window), baseline);
          if (HasFatalFailure()) return;
        }
      }
    }
  }
}

TEST(CsvPropertyTest, ValidInputsMatchTheReferenceParser) {
  const uint64_t seed = test::Seed();
  SCOPED_TRACE("IDFORGE_TEST_SEED=" + std::to_string(seed));
  CsvGenerator gen(seed + 1);
  for (int round = 0; round < 20; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    const Generated input = gen.Make(/*rows=*/300, /*nasty=*/false);
    std::vector<std::vector<std::string>> records;
    std::vector<uint64_t> lines;
    ReferenceParse(input.csv, records, lines);
    ASSERT_FALSE(records.empty());
    records.erase(records.begin());  // the header
    lines.erase(lines.begin());
    // The generator's own bookkeeping agrees with the reference parser.
    ASSERT_EQ(records, input.records);
    ASSERT_EQ(lines, input.lines);
    for (int threads : {1, 2}) {
      const Result_ got = ReadWith(input.csv, Spec(true), threads, 512, 2 * kKiB);
      ASSERT_TRUE(got.status.ok()) << got.status.ToString();
      ASSERT_TRUE(got.rejects.empty()) << got.rejects[0].detail << " line " << got.rejects[0].line;
      ASSERT_EQ(got.table.row_count(), records.size());
      for (uint32_t row = 0; row < got.table.row_count(); ++row) {
        const std::vector<std::string>& fields = records[row];
        ASSERT_EQ(got.table.source_id(row), fields[0]);
        ASSERT_EQ(got.table.Get(Field::kFirstName, row), fields[1]);
        ASSERT_EQ(got.table.Get(Field::kEmail, row), fields[3]);
        std::string street = fields[2];
        if (!street.empty() && !fields[4].empty()) street += ' ';
        street += fields[4];
        ASSERT_EQ(got.table.Get(Field::kStreet, row), street);
        ASSERT_EQ(got.table.line(row), lines[row]);
      }
    }
  }
}

}  // namespace
}  // namespace idforge::read
