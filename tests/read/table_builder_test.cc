// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Mapping a source's columns onto the canonical schema (SourceLayout, TableBuilder) and the
// serial append step (SourceAppender): record numbers, duplicate ids, on_error=fail.
#include "engine/read/table_builder.h"

#include <gtest/gtest.h>

#include "engine/common/hash.h"
#include "engine/read/source_appender.h"

namespace idforge::read {
namespace {

SourceSpec CrmSpec() {
  SourceSpec spec;
  spec.name = "crm";
  spec.path = "crm.csv";
  spec.id_column = "Id";
  spec.fields[static_cast<size_t>(Field::kEmail)] = FieldMapping{{"Email"}, ""};
  spec.fields[static_cast<size_t>(Field::kStreet)] = FieldMapping{{"Street 1", "Street 2"}, ""};
  spec.extras.emplace_back("tier", FieldMapping{{"Tier"}, ""});
  return spec;
}

const std::vector<std::string> kHeader = {"Id", "E-MAIL", "Street 1", "Street 2", "Tier", "Notes"};
const std::vector<std::string> kExtras = {"tier"};

TEST(SourceLayoutTest, HeaderMatchingIsCaseSpaceAndPunctuationInsensitive) {
  EXPECT_EQ(HeaderKey("State / Region"), "stateregion");
  EXPECT_EQ(HeaderKey("E-MAIL"), "email");
  auto layout = SourceLayout::ForHeader(CrmSpec(), kHeader, kExtras);
  ASSERT_TRUE(layout.ok()) << layout.status().ToString();
  EXPECT_TRUE(layout->has_id_column());
  EXPECT_EQ(layout->NeededIndexOfColumn(1), 1);  // "Email" found as "E-MAIL"
  EXPECT_EQ(layout->NeededIndexOfColumn(5), -1);
  EXPECT_EQ(layout->unmapped_columns(), std::vector<std::string>{"Notes"});
}

TEST(SourceLayoutTest, MissingColumnErrorNamesSourceFieldAndHeader) {
  SourceSpec spec = CrmSpec();
  spec.fields[static_cast<size_t>(Field::kPhone)] = FieldMapping{{"Phone"}, ""};
  auto layout = SourceLayout::ForHeader(spec, kHeader, kExtras);
  ASSERT_FALSE(layout.ok());
  EXPECT_EQ(layout.status().code(), StatusCode::kInvalidArgument);
  const std::string message(layout.status().message());
  EXPECT_NE(message.find("fields.phone: column \"Phone\" is not in the header"), std::string::npos)
      << message;
  EXPECT_NE(message.find("\"Street 1\""), std::string::npos) << message;
}

TEST(SourceLayoutTest, AmbiguousLooseMatchIsAnError) {
  SourceSpec spec = CrmSpec();
  spec.fields[static_cast<size_t>(Field::kCity)] = FieldMapping{{"city"}, ""};
  const std::vector<std::string> header = {"Id", "Email", "Street 1", "Street 2", "Tier", "CITY", "City."};
  auto layout = SourceLayout::ForHeader(spec, header, kExtras);
  ASSERT_FALSE(layout.ok());
  EXPECT_NE(layout.status().message().find("matches several header columns"), std::string::npos);
}

TEST(TableBuilderTest, ListMappingsJoinNonEmptyValuesWithOneSpace) {
  auto layout = SourceLayout::ForHeader(CrmSpec(), kHeader, kExtras);
  ASSERT_TRUE(layout.ok());
  ChunkTable chunk;
  TableBuilder builder(*layout, chunk);
  // needed order: Id, E-MAIL, Street 1, Street 2, Tier
  const std::vector<std::string_view> row1 = {"1", "a@b.com", "12 Main St", "Apt 4", "gold"};
  const std::vector<std::string_view> row2 = {"2", "", "", "PO Box 7", ""};
  EXPECT_FALSE(builder.AddRow(2, 0, row1).has_value());
  EXPECT_FALSE(builder.AddRow(3, 1, row2).has_value());
  ASSERT_EQ(chunk.row_count(), 2u);
  EXPECT_EQ(chunk.Get(ChunkTable::FieldColumn(Field::kStreet), 0), "12 Main St Apt 4");
  EXPECT_EQ(chunk.Get(ChunkTable::FieldColumn(Field::kStreet), 1), "PO Box 7");
  EXPECT_EQ(chunk.Get(ChunkTable::FieldColumn(Field::kEmail), 0), "a@b.com");
  EXPECT_EQ(chunk.Get(ChunkTable::FieldColumn(Field::kEmail), 1), "");
  EXPECT_FALSE(chunk.mapped(ChunkTable::FieldColumn(Field::kCity)));
  EXPECT_EQ(chunk.Get(ChunkTable::FieldColumn(Field::kCity), 0), "");
  EXPECT_EQ(chunk.Get(ChunkTable::ExtraColumn(0), 0), "gold");
  EXPECT_EQ(chunk.Get(ChunkTable::kSourceIdColumn, 1), "2");
  EXPECT_EQ(chunk.lines, (std::vector<uint64_t>{2, 3}));
  EXPECT_EQ(chunk.id_hashes[1], HashKey("2") | 1);
  // Appended to a store, the chunk gives the same values.
  RecordTable table(kExtras);
  table.AddSource({.name = "crm"});
  ExecContext ctx(1);
  const SourceSpec spec = CrmSpec();
  SourceAppender appender(spec, 0, true, table, ctx, OnError::kReject);
  ParsedChunk parsed;
  parsed.rows = std::move(chunk);
  parsed.records = 2;
  ASSERT_TRUE(appender.Append(std::move(parsed), 1, 0).ok());
  ASSERT_TRUE(table.Validate().ok());
  EXPECT_EQ(table.Get(Field::kStreet, 0), "12 Main St Apt 4");
  EXPECT_EQ(table.Get(Field::kStreet, 1), "PO Box 7");
  EXPECT_EQ(table.Get(Field::kEmail, 0), "a@b.com");
  EXPECT_EQ(table.Get(Field::kCity, 0), "");
  EXPECT_EQ(table.extra(0).Get(0u), "gold");
  EXPECT_EQ(table.source_id(1), "2");
  EXPECT_EQ(table.line(1), 4u);
}

TEST(ChunkTableTest, ResetKeepsNothingOfTheLastChunk) {
  ChunkTable chunk;
  chunk.Reset(ChunkTable::ExtraColumn(0), {true, false, true});
  chunk.column(0).Append("abc");
  chunk.column(2).AppendPiece("x");
  chunk.column(2).AppendPiece("");
  chunk.column(2).AppendPiece("yz");
  chunk.column(2).FinishValue();
  chunk.column(0).Append("");
  chunk.column(2).Append(std::string(10000, 'q'));  // grows the buffer
  chunk.lines = {0, 1};
  EXPECT_EQ(chunk.row_count(), 2u);
  EXPECT_EQ(chunk.Get(0, 0), "abc");
  EXPECT_EQ(chunk.Get(0, 1), "");
  EXPECT_EQ(chunk.Get(1, 1), "");
  EXPECT_EQ(chunk.Get(2, 0), "xyz");
  EXPECT_EQ(chunk.Get(2, 1), std::string(10000, 'q'));
  chunk.Reset(ChunkTable::ExtraColumn(0), {false, true});
  EXPECT_EQ(chunk.row_count(), 0u);
  EXPECT_FALSE(chunk.mapped(0));
  EXPECT_TRUE(chunk.mapped(1));
  EXPECT_FALSE(chunk.mapped(2));
  EXPECT_EQ(chunk.column(2).size(), 0u);
}

TEST(TableBuilderTest, EmptyIdIsRejected) {
  auto layout = SourceLayout::ForHeader(CrmSpec(), kHeader, kExtras);
  ASSERT_TRUE(layout.ok());
  ChunkTable chunk;
  TableBuilder builder(*layout, chunk);
  const std::vector<std::string_view> row = {"", "a@b.com", "", "", ""};
  EXPECT_EQ(builder.AddRow(2, 0, row), RejectReason::kMissingId);
  EXPECT_EQ(builder.row_count(), 0u);
}

TEST(TableBuilderTest, JoinedValueOverOneMegabyteIsRejected) {
  auto layout = SourceLayout::ForHeader(CrmSpec(), kHeader, kExtras);
  ASSERT_TRUE(layout.ok());
  ChunkTable chunk;
  TableBuilder builder(*layout, chunk);
  const std::string half(StringColumn::kMaxFieldBytes / 2 + 10, 'x');
  const std::vector<std::string_view> row = {"1", "", half, half, ""};
  EXPECT_EQ(builder.AddRow(2, 0, row), RejectReason::kFieldTooLarge);
}

TEST(SourceLayoutTest, JsonPathsAreDeduplicatedInSpecOrder) {
  SourceSpec spec;
  spec.name = "shop";
  spec.path = "shop.jsonl";
  spec.id_column = "id";
  spec.fields[static_cast<size_t>(Field::kEmail)] = FieldMapping{{"email"}, ""};
  spec.fields[static_cast<size_t>(Field::kStreet)] =
      FieldMapping{{"default_address.address1", "default_address.address2"}, ""};
  spec.fields[static_cast<size_t>(Field::kPhone)] = FieldMapping{{"email"}, ""};
  auto layout = SourceLayout::ForJsonPaths(spec, {});
  ASSERT_TRUE(layout.ok());
  EXPECT_EQ(layout->needed(), (std::vector<std::string>{"id", "email", "default_address.address1",
                                                        "default_address.address2"}));
}

// Builds a chunk of `ids` (empty id = reject by the builder) for the appender tests.
ParsedChunk MakeChunk(const SourceLayout& layout, const std::vector<std::string>& ids,
                      std::string& text) {
  ParsedChunk chunk;
  TableBuilder builder(layout, chunk.rows);
  text.clear();
  for (size_t i = 0; i < ids.size(); ++i) {
    const size_t begin = text.size();
    text += ids[i] + ",x\n";
    const std::vector<std::string_view> values = {ids[i], "", "", "", ""};
    EXPECT_FALSE(builder.AddRow(i, i, values).has_value());
    chunk.raw_spans.emplace_back(static_cast<uint32_t>(begin), static_cast<uint32_t>(text.size()));
  }
  chunk.records = ids.size();
  chunk.lines = ids.size();
  chunk.text = text;
  return chunk;
}

TEST(SourceAppenderTest, LaterDuplicateIdsAreRejectedWithTheirLine) {
  auto layout = SourceLayout::ForHeader(CrmSpec(), kHeader, kExtras);
  ASSERT_TRUE(layout.ok());
  const SourceSpec spec = CrmSpec();
  RecordTable table(kExtras);
  table.AddSource({.name = "crm"});
  ExecContext ctx(1);
  SourceAppender appender(spec, 0, true, table, ctx, OnError::kReject);
  std::string text1;
  std::string text2;
  ASSERT_TRUE(appender.Append(MakeChunk(*layout, {"a", "b", "a"}, text1), 2, 10).ok());
  ASSERT_TRUE(appender.Append(MakeChunk(*layout, {"c", "b"}, text2), 5, 100).ok());
  EXPECT_EQ(table.row_count(), 3u);
  EXPECT_EQ(appender.accepted(), 3u);
  EXPECT_EQ(appender.rejected(), 2u);
  EXPECT_EQ(appender.records(), 5u);
  ASSERT_EQ(ctx.rejects().size(), 2u);
  const Reject& first = ctx.rejects().entries()[0];
  EXPECT_EQ(first.reason, RejectReason::kDuplicateId);
  EXPECT_EQ(first.line, 4u);  // row 2 of the chunk starting at line 2
  EXPECT_EQ(first.raw, "a,x\n");
  EXPECT_EQ(first.byte_offset, 10u + 8u);
  EXPECT_EQ(ctx.rejects().entries()[1].line, 6u);
  EXPECT_EQ(table.line(2), 5u);
  EXPECT_TRUE(table.Validate().ok());
}

TEST(SourceAppenderTest, IdlessSourcesGetOneBasedRecordNumbers) {
  SourceSpec spec = CrmSpec();
  spec.id_column.clear();
  auto layout = SourceLayout::ForHeader(spec, kHeader, kExtras);
  ASSERT_TRUE(layout.ok());
  EXPECT_FALSE(layout->has_id_column());
  RecordTable table(kExtras);
  table.AddSource({.name = "crm"});
  ExecContext ctx(1);
  SourceAppender appender(spec, 0, false, table, ctx, OnError::kReject);
  for (int chunk_idx = 0; chunk_idx < 2; ++chunk_idx) {
    ParsedChunk chunk;
    TableBuilder builder(*layout, chunk.rows);
    const std::vector<std::string_view> values = {"a@b.com", "", "", ""};
    // Record 1 of each chunk was rejected by the reader: numbers skip it.
    ASSERT_FALSE(builder.AddRow(0, 0, values).has_value());
    ASSERT_FALSE(builder.AddRow(2, 2, values).has_value());
    chunk.records = 3;
    ASSERT_TRUE(appender.Append(std::move(chunk), 2 + static_cast<uint64_t>(chunk_idx) * 3, 0).ok());
  }
  ASSERT_EQ(table.row_count(), 4u);
  EXPECT_EQ(table.source_id(0), "1");
  EXPECT_EQ(table.source_id(1), "3");
  EXPECT_EQ(table.source_id(2), "4");
  EXPECT_EQ(table.source_id(3), "6");
}

TEST(SourceAppenderTest, FailModeStopsAtTheFirstRejectWithItsLocation) {
  auto layout = SourceLayout::ForHeader(CrmSpec(), kHeader, kExtras);
  ASSERT_TRUE(layout.ok());
  const SourceSpec spec = CrmSpec();
  RecordTable table(kExtras);
  table.AddSource({.name = "crm"});
  ExecContext ctx(1);
  SourceAppender appender(spec, 0, true, table, ctx, OnError::kFail);
  std::string text;
  const Status status = appender.Append(MakeChunk(*layout, {"a", "a"}, text), 2, 0);
  ASSERT_EQ(status.code(), StatusCode::kCorruptInput);
  EXPECT_NE(status.message().find("crm.csv:3: duplicate_id"), std::string::npos) << status.message();
  EXPECT_NE(status.message().find("on_error"), std::string::npos);
}

}  // namespace
// Bulk appends (the readers' path) and value-by-value appends give the same column, across
// 1024-row blocks, all-empty stretches and a column that starts all empty.
TEST(StringColumnBulkTest, AppendValuesMatchesAppend) {
  StringColumn bulk;
  StringColumn one_by_one;
  uint32_t next = 0;
  for (uint32_t batch : {5u, 0u, 1500u, 1u, 1023u, 3000u, 700u}) {
    std::string bytes;
    std::vector<uint32_t> ends;
    for (uint32_t i = 0; i < batch; ++i, ++next) {
      // Rows 0..1500 are empty, so the bulk column starts unmaterialized.
      const bool empty = next < 1500 || batch == 1;
      const std::string value = empty ? "" : std::string(next % 7, static_cast<char>('a' + next % 26));
      bytes += value;
      ends.push_back(static_cast<uint32_t>(bytes.size()));
      one_by_one.Append(value);
    }
    if (batch == 1u) {
      bulk.AppendEmpty(1);  // the same empty value, through the other bulk path
      continue;
    }
    bulk.AppendValues(bytes.data(), ends.data(), batch);
  }
  ASSERT_EQ(bulk.size(), one_by_one.size());
  EXPECT_TRUE(bulk == one_by_one);
  EXPECT_EQ(bulk.byte_size(), one_by_one.byte_size());
  EXPECT_EQ(bulk.NonEmptyCount(), one_by_one.NonEmptyCount());
}

}  // namespace idforge::read
