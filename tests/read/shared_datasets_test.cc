// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// ReadCsv on the real reference files in ../shared/datasets (FEBRL, dedupe, Splink, Senzing):
// record counts, no rejects, and a few values that exercise each file's quirk. Skips cleanly when
// the datasets are absent.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "engine/read/csv_reader.h"
#include "tests/testing/test_util.h"

namespace idforge::read {
namespace {

struct Loaded {
  Status status;
  RecordTable table;
  std::vector<Reject> rejects;
  SourceReadStats stats;
};

Loaded Load(const std::string& path, SourceSpec spec, int threads = 2) {
  Loaded out;
  spec.path = path;
  out.table.AddSource(SourceInfo{});
  ExecContext ctx(threads);
  Result<std::unique_ptr<InputStream>> input =
      InputStream::Open(path, Compression::kAuto, Encoding::kUtf8);
  if (!input.ok()) {
    out.status = input.status();
    return out;
  }
  // Small chunks so even these small files are parsed in several parallel pieces.
  const ReadOptions options{.chunk_bytes = 16 << 10, .window_bytes = 256 << 10};
  out.status = ReadCsv(spec, **input, 0, options, out.table, ctx, out.stats);
  out.rejects = ctx.rejects().entries();
  return out;
}

void Map(SourceSpec& spec, Field field, std::vector<std::string> columns) {
  spec.fields[static_cast<size_t>(field)] = FieldMapping{std::move(columns), ""};
}

SourceSpec FebrlSpec() {
  SourceSpec spec;
  spec.name = "febrl";
  spec.trim = true;
  spec.id_column = "rec_id";
  Map(spec, Field::kFirstName, {"given_name"});
  Map(spec, Field::kLastName, {"surname"});
  Map(spec, Field::kStreet, {"street_number", "address_1"});
  Map(spec, Field::kCity, {"suburb"});
  Map(spec, Field::kPostcode, {"postcode"});
  Map(spec, Field::kRegion, {"state"});
  Map(spec, Field::kDob, {"date_of_birth"});
  Map(spec, Field::kNationalId, {"soc_sec_id"});
  return spec;
}

TEST(SharedDatasetsTest, FebrlFilesReadWithTrimAndRecIdAsId) {
  IDFORGE_REQUIRE_SHARED_DATASETS(datasets);
  const std::vector<std::pair<std::string, uint64_t>> files = {
      {"dataset1.csv", 1000}, {"dataset2.csv", 5000}, {"dataset3.csv", 5000},
      {"dataset4a.csv", 5000}, {"dataset4b.csv", 5000}};
  for (const auto& [name, records] : files) {
    SCOPED_TRACE(name);
    const Loaded out = Load(datasets + "/febrl/" + name, FebrlSpec());
    ASSERT_TRUE(out.status.ok()) << out.status.ToString();
    EXPECT_EQ(out.stats.records_read, records);
    EXPECT_EQ(out.stats.accepted, records);
    EXPECT_TRUE(out.rejects.empty()) << out.rejects[0].detail << " at line " << out.rejects[0].line;
    EXPECT_EQ(out.stats.delimiter, ",");
    EXPECT_EQ(out.stats.unmapped_columns, (std::vector<std::string>{"address_2"}));
    ASSERT_EQ(out.table.row_count(), records);
    // Trimmed: no value starts or ends with a space.
    for (uint32_t row = 0; row < out.table.row_count(); ++row) {
      const std::string_view surname = out.table.Get(Field::kLastName, row);
      ASSERT_TRUE(surname.empty() || (surname.front() != ' ' && surname.back() != ' ')) << row;
      ASSERT_EQ(out.table.source_id(row).substr(0, 4), "rec-");
    }
  }
}

TEST(SharedDatasetsTest, FebrlFirstRecordValuesAreTrimmed) {
  IDFORGE_REQUIRE_SHARED_DATASETS(datasets);
  const Loaded out = Load(datasets + "/febrl/dataset1.csv", FebrlSpec());
  ASSERT_TRUE(out.status.ok()) << out.status.ToString();
  ASSERT_GT(out.table.row_count(), 0u);
  // rec-223-org, , waller, 6, tullaroop street, willaroo, st james, 4011, wa, 19081209, 6988048
  EXPECT_EQ(out.table.source_id(0), "rec-223-org");
  EXPECT_EQ(out.table.Get(Field::kFirstName, 0), "");
  EXPECT_EQ(out.table.Get(Field::kLastName, 0), "waller");
  EXPECT_EQ(out.table.Get(Field::kStreet, 0), "6 tullaroop street");
  EXPECT_EQ(out.table.Get(Field::kPostcode, 0), "4011");
  EXPECT_EQ(out.table.line(0), 2u);
}

TEST(SharedDatasetsTest, Dataset4aWithoutFinalNewlineKeepsItsLastRecord) {
  IDFORGE_REQUIRE_SHARED_DATASETS(datasets);
  const std::string path = datasets + "/febrl/dataset4a.csv";
  const std::string bytes = test::ReadFileOrDie(path);
  ASSERT_NE(bytes.back(), '\n');
  const Loaded out = Load(path, FebrlSpec(), 1);
  ASSERT_TRUE(out.status.ok()) << out.status.ToString();
  ASSERT_EQ(out.table.row_count(), 5000u);
  const uint32_t last = out.table.row_count() - 1;
  EXPECT_EQ(out.table.line(last), 5001u);
  // The file ends "..., 6375537" without a newline (and uses CRLF elsewhere).
  EXPECT_EQ(out.table.Get(Field::kNationalId, last), "6375537");
}

TEST(SharedDatasetsTest, DedupeExampleKeepsEmbeddedNewlines) {
  IDFORGE_REQUIRE_SHARED_DATASETS(datasets);
  SourceSpec spec;
  spec.name = "dedupe";
  spec.id_column = "Id";
  Map(spec, Field::kCompany, {"Site name"});
  Map(spec, Field::kStreet, {"Address"});
  Map(spec, Field::kPostcode, {"Zip"});
  Map(spec, Field::kPhone, {"Phone"});
  Map(spec, Field::kEmail, {"Email Address"});
  for (int threads : {1, 2}) {
    const Loaded out = Load(datasets + "/dedupe_csv_example/csv_example_input_with_true_ids.csv",
                            spec, threads);
    ASSERT_TRUE(out.status.ok()) << out.status.ToString();
    EXPECT_EQ(out.stats.records_read, 3337u);
    EXPECT_EQ(out.stats.accepted, 3337u);
    EXPECT_TRUE(out.rejects.empty());
    uint32_t with_newline = 0;
    for (uint32_t row = 0; row < out.table.row_count(); ++row) {
      if (out.table.Get(Field::kCompany, row).find('\n') != std::string_view::npos) ++with_newline;
    }
    EXPECT_GT(with_newline, 0u);
    // Records after multi-line ones start on later physical lines than their record number.
    EXPECT_GT(out.table.line(out.table.row_count() - 1), 3338u);
  }
}

TEST(SharedDatasetsTest, SplinkFakeThousandReads) {
  IDFORGE_REQUIRE_SHARED_DATASETS(datasets);
  SourceSpec spec;
  spec.name = "splink";
  spec.id_column = "unique_id";
  Map(spec, Field::kFirstName, {"first_name"});
  Map(spec, Field::kLastName, {"surname"});
  Map(spec, Field::kDob, {"dob"});
  Map(spec, Field::kCity, {"city"});
  Map(spec, Field::kEmail, {"email"});
  const Loaded out = Load(datasets + "/splink_fake_1000/fake_1000.csv", spec);
  ASSERT_TRUE(out.status.ok()) << out.status.ToString();
  EXPECT_EQ(out.stats.accepted, 1000u);
  EXPECT_TRUE(out.rejects.empty());
  EXPECT_EQ(out.stats.unmapped_columns, (std::vector<std::string>{"cluster"}));
  EXPECT_EQ(out.table.source_id(0), "0");
  EXPECT_EQ(out.table.Get(Field::kFirstName, 0), "Robert");
}

TEST(SharedDatasetsTest, SenzingCsvFilesRead) {
  IDFORGE_REQUIRE_SHARED_DATASETS(datasets);
  const std::vector<std::pair<std::string, uint64_t>> files = {
      {"customers.csv", 120}, {"reference.csv", 22}, {"watchlist.csv", 17}};
  for (const auto& [name, records] : files) {
    SCOPED_TRACE(name);
    SourceSpec spec;
    spec.name = "senzing";
    spec.id_column = "RECORD_ID";
    Map(spec, Field::kFullName, {"PRIMARY_NAME_FULL"});
    Map(spec, Field::kDob, {"DATE_OF_BIRTH"});
    Map(spec, Field::kCity, {"ADDR_CITY"});
    const Loaded out = Load(datasets + "/senzing_truthset/" + name, spec);
    ASSERT_TRUE(out.status.ok()) << out.status.ToString();
    EXPECT_EQ(out.stats.records_read, records);
    EXPECT_EQ(out.stats.accepted, records);
    EXPECT_TRUE(out.rejects.empty());
    EXPECT_EQ(out.stats.blank_lines, 0u);
  }
}

}  // namespace
}  // namespace idforge::read
