// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// ReadCsv and DetectDelimiter on small hand-written inputs: one test per quirk of real exports,
// per reject reason (with its line, offset and raw bytes), and per mapping rule.
#include "engine/read/memory_input.h"
#include "engine/read/csv_reader.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "tests/testing/test_util.h"

namespace idforge::read {
namespace {

FieldMapping Column(std::string name) { return FieldMapping{{std::move(name)}, ""}; }

SourceSpec Spec(std::vector<std::pair<Field, std::string>> fields, std::string id = "") {
  SourceSpec spec;
  spec.name = "crm";
  spec.path = "crm.csv";
  spec.id_column = std::move(id);
  for (auto& [field, column] : fields) spec.fields[static_cast<size_t>(field)] = Column(column);
  return spec;
}

struct Outcome {
  Status status;
  RecordTable table;
  std::vector<Reject> rejects;
  SourceReadStats stats;
};

Outcome Read(std::string_view csv, const SourceSpec& spec, ReadOptions options = {},
             int threads = 1, size_t step = size_t{1} << 20) {
  ExecContext ctx(threads);
  Outcome outcome;
  std::vector<std::string> extras;
  for (const auto& [name, mapping] : spec.extras) extras.push_back(name);
  outcome.table = RecordTable(extras);
  SourceInfo info;
  info.name = spec.name;
  const uint16_t source = outcome.table.AddSource(info);
  MemoryInputStream input(csv, step);
  outcome.status = ReadCsv(spec, input, source, options, outcome.table, ctx, outcome.stats);
  outcome.rejects = ctx.rejects().entries();
  return outcome;
}

std::vector<std::string> ColumnValues(const RecordTable& table, Field field) {
  std::vector<std::string> out;
  for (uint32_t row = 0; row < table.row_count(); ++row) out.emplace_back(table.Get(field, row));
  return out;
}

using Strings = std::vector<std::string>;

const SourceSpec kNameEmail =
    Spec({{Field::kFirstName, "first"}, {Field::kEmail, "email"}}, /*id=*/"id");

TEST(CsvReaderTest, EmptyInputGivesZeroRecords) {
  const Outcome out = Read("", kNameEmail);
  ASSERT_TRUE(out.status.ok()) << out.status.ToString();
  EXPECT_EQ(out.table.row_count(), 0u);
  EXPECT_EQ(out.stats.records_read, 0u);
  EXPECT_EQ(out.stats.decoded_bytes, 0u);
}

TEST(CsvReaderTest, OnlyBlankLinesGiveZeroRecords) {
  const Outcome out = Read("\n  \r\n\t\n", kNameEmail);
  ASSERT_TRUE(out.status.ok()) << out.status.ToString();
  EXPECT_EQ(out.table.row_count(), 0u);
  EXPECT_EQ(out.stats.blank_lines, 3u);
}

TEST(CsvReaderTest, RecordsAreReadInFileOrderWithLines) {
  const Outcome out = Read("id,first,email,extra\n1,Ann,a@x.io,q\n2,Bob,b@x.io,r\n", kNameEmail);
  ASSERT_TRUE(out.status.ok()) << out.status.ToString();
  ASSERT_EQ(out.table.row_count(), 2u);
  EXPECT_EQ(ColumnValues(out.table, Field::kFirstName), (Strings{"Ann", "Bob"}));
  EXPECT_EQ(ColumnValues(out.table, Field::kEmail), (Strings{"a@x.io", "b@x.io"}));
  EXPECT_EQ(out.table.source_id(0), "1");
  EXPECT_EQ(out.table.line(0), 2u);
  EXPECT_EQ(out.table.line(1), 3u);
  EXPECT_EQ(out.stats.unmapped_columns, (Strings{"extra"}));
  EXPECT_EQ(out.stats.records_read, 2u);
  EXPECT_EQ(out.stats.accepted, 2u);
  EXPECT_EQ(out.stats.decoded_bytes, 51u);
  EXPECT_TRUE(out.table.Validate().ok());
}

// The scanner searches 16 bytes at a time: values are cut alike at every offset of a field
// against those blocks; a '\r' inside a field is kept, one before the final '\n' dropped; a
// quote inside an unquoted field is text; a 70 KB field is read whole.
TEST(CsvReaderTest, PlainRecordsAreCutAlikeAtEveryBlockOffset) {
  std::string csv = "id,first,email,extra\n";
  Strings firsts;
  Strings emails;
  size_t expected_rejects = 0;
  for (size_t length = 0; length < 70; ++length) {
    const std::string first(length, static_cast<char>('a' + length % 26));
    const std::string email = "e" + std::to_string(length) + (length % 3 == 0 ? "\rx" : "") +
                              (length % 5 == 0 ? "q\"uote" : "");
    const std::string ending = length % 2 == 0 ? "\r\n" : "\n";
    csv += std::to_string(length) + "," + first + "," + email + ",z" + ending;
    firsts.push_back(first);
    emails.push_back(email);
    if (length % 7 == 3) {  // one field too many, one too few: rejected, never mixed up
      csv += "x" + std::to_string(length) + "," + first + ",e,z,extra" + ending;
      csv += "y" + std::to_string(length) + "," + first + ending;
      expected_rejects += 2;
    }
  }
  const std::string long_first(70'000, 'L');
  csv += "long," + long_first + ",l@x.io,z\n";
  firsts.push_back(long_first);
  emails.push_back("l@x.io");
  for (const char delimiter : {',', ';', '\t'}) {
    std::string text = csv;
    if (delimiter != ',') std::replace(text.begin(), text.end(), ',', delimiter);
    for (size_t chunk : {size_t{64}, size_t{4} << 20}) {
      SCOPED_TRACE(std::string("delimiter ") + delimiter + " chunk " + std::to_string(chunk));
      const Outcome out = Read(text, kNameEmail, ReadOptions{.chunk_bytes = chunk}, 2);
      ASSERT_TRUE(out.status.ok()) << out.status.ToString();
      EXPECT_EQ(ColumnValues(out.table, Field::kFirstName), firsts);
      EXPECT_EQ(ColumnValues(out.table, Field::kEmail), emails);
      EXPECT_EQ(out.rejects.size(), expected_rejects);
      EXPECT_TRUE(out.table.Validate().ok());
    }
  }
}

// Quoted fields at every offset against the 16-byte blocks: commas inside quotes, doubled quotes,
// empty quoted values, a newline inside quotes, a quoted last field before CRLF; text after a
// closing quote is a bad-quote reject.
TEST(CsvReaderTest, QuotedFieldsAreCutAlikeAtEveryBlockOffset) {
  std::string csv = "id,first,email,extra\n";
  Strings firsts;
  Strings emails;
  size_t expected_rejects = 0;
  for (size_t length = 0; length < 50; ++length) {
    const std::string pad(length, 'p');
    std::string first_raw;
    std::string first;
    switch (length % 5) {
      case 0: first_raw = "\"" + pad + ", x\""; first = pad + ", x"; break;
      case 1: first_raw = "\"" + pad + "\"\"q\"\"\""; first = pad + "\"q\""; break;
      case 2: first_raw = "\"\""; first = ""; break;
      case 3: first_raw = "\"\"\"\""; first = "\""; break;
      default: first_raw = "\"multi\nline " + pad + "\""; first = "multi\nline " + pad; break;
    }
    const std::string email = "e" + std::to_string(length);
    csv += std::to_string(length) + "," + first_raw + "," + email + ",\"z, " + pad + "\"\r\n";
    firsts.push_back(first);
    emails.push_back(email);
    if (length % 6 == 1) {  // text after a closing quote: a bad-quote reject
      csv += "b" + std::to_string(length) + ",\"" + pad + "\"x,e,z\n";
      ++expected_rejects;
    }
  }
  for (size_t chunk : {size_t{97}, size_t{4} << 20}) {
    SCOPED_TRACE("chunk " + std::to_string(chunk));
    const Outcome out = Read(csv, kNameEmail, ReadOptions{.chunk_bytes = chunk}, 2);
    ASSERT_TRUE(out.status.ok()) << out.status.ToString();
    EXPECT_EQ(ColumnValues(out.table, Field::kFirstName), firsts);
    EXPECT_EQ(ColumnValues(out.table, Field::kEmail), emails);
    ASSERT_EQ(out.rejects.size(), expected_rejects);
    for (const Reject& reject : out.rejects) EXPECT_EQ(reject.reason, RejectReason::kBadQuote);
  }
}

TEST(CsvReaderTest, QuotedFieldsLoseTheirQuotes) {
  const Outcome out = Read("\"id\",\"first\",\"email\"\n\"1\",\"Ann\",\"\"\n", kNameEmail);
  ASSERT_TRUE(out.status.ok()) << out.status.ToString();
  EXPECT_EQ(ColumnValues(out.table, Field::kFirstName), (Strings{"Ann"}));
  EXPECT_EQ(ColumnValues(out.table, Field::kEmail), (Strings{""}));
}

TEST(CsvReaderTest, DoubledQuotesBecomeOneQuote) {
  const Outcome out =
      Read("id,first,email\n1,\"Ann \"\"Nan\"\" Lee\",\"\"\"a\"\"@x\"\n", kNameEmail);
  ASSERT_TRUE(out.status.ok()) << out.status.ToString();
  EXPECT_EQ(ColumnValues(out.table, Field::kFirstName), (Strings{"Ann \"Nan\" Lee"}));
  EXPECT_EQ(ColumnValues(out.table, Field::kEmail), (Strings{"\"a\"@x"}));
}

TEST(CsvReaderTest, EmbeddedDelimiterAndNewlineStayInsideQuotes) {
  const Outcome out =
      Read("id,first,email\n1,\"Lee, Ann\",\"a@x\nb@x\"\n2,Bob,\"c\r\nd\"\n3,Cy,e\n", kNameEmail);
  ASSERT_TRUE(out.status.ok()) << out.status.ToString();
  EXPECT_EQ(ColumnValues(out.table, Field::kFirstName), (Strings{"Lee, Ann", "Bob", "Cy"}));
  EXPECT_EQ(ColumnValues(out.table, Field::kEmail), (Strings{"a@x\nb@x", "c\r\nd", "e"}));
  // Lines are physical lines: record 2 starts on line 4, record 3 on line 6.
  EXPECT_EQ(out.table.line(1), 4u);
  EXPECT_EQ(out.table.line(2), 6u);
}

TEST(CsvReaderTest, CrlfLineEndsAreStripped) {
  const Outcome out = Read("id,first,email\r\n1,Ann,a@x\r\n2,\"Bob\",b@x\r\n", kNameEmail);
  ASSERT_TRUE(out.status.ok()) << out.status.ToString();
  EXPECT_EQ(ColumnValues(out.table, Field::kFirstName), (Strings{"Ann", "Bob"}));
  EXPECT_EQ(ColumnValues(out.table, Field::kEmail), (Strings{"a@x", "b@x"}));
}

TEST(CsvReaderTest, MixedLineEndsAreAccepted) {
  const Outcome out = Read("id,first,email\n1,Ann,a@x\r\n2,Bob,\"b@x\"\r\n3,Cy,c@x\n", kNameEmail);
  ASSERT_TRUE(out.status.ok()) << out.status.ToString();
  EXPECT_EQ(ColumnValues(out.table, Field::kEmail), (Strings{"a@x", "b@x", "c@x"}));
  EXPECT_TRUE(out.rejects.empty());
}

TEST(CsvReaderTest, LastRecordWithoutFinalNewlineIsRead) {
  const Outcome out = Read("id,first,email\r\n1,Ann,a@x\r\n2,Bob,\"b@x\"", kNameEmail);
  ASSERT_TRUE(out.status.ok()) << out.status.ToString();
  EXPECT_EQ(ColumnValues(out.table, Field::kEmail), (Strings{"a@x", "b@x"}));
}

TEST(CsvReaderTest, QuoteInsideUnquotedFieldIsKeptLiterally) {
  const Outcome out = Read("id,first,email\n1,5'11\",ab\"c\n", kNameEmail);
  ASSERT_TRUE(out.status.ok()) << out.status.ToString();
  EXPECT_EQ(ColumnValues(out.table, Field::kFirstName), (Strings{"5'11\""}));
  EXPECT_EQ(ColumnValues(out.table, Field::kEmail), (Strings{"ab\"c"}));
}

TEST(CsvReaderTest, TextAfterClosingQuoteIsRejectedAsBadQuote) {
  const Outcome out = Read("id,first,email\n1,Ann,a@x\n2,\"abc\"def,b@x\n3,Cy,c@x\n", kNameEmail);
  ASSERT_TRUE(out.status.ok()) << out.status.ToString();
  EXPECT_EQ(ColumnValues(out.table, Field::kFirstName), (Strings{"Ann", "Cy"}));
  ASSERT_EQ(out.rejects.size(), 1u);
  const Reject& reject = out.rejects[0];
  EXPECT_EQ(reject.reason, RejectReason::kBadQuote);
  EXPECT_EQ(reject.line, 3u);
  EXPECT_EQ(reject.byte_offset, 25u);
  EXPECT_EQ(reject.raw, "2,\"abc\"def,b@x");
  EXPECT_EQ(reject.detail, "text after the closing quote in column \"first\"");
  EXPECT_EQ(out.stats.rejected, 1u);
  EXPECT_EQ(out.stats.records_read, 3u);
}

TEST(CsvReaderTest, BlankLinesAreSkippedAndCounted) {
  const Outcome out = Read("\nid,first,email\n\n1,Ann,a@x\n   \n\r\n2,Bob,b@x\n\n", kNameEmail);
  ASSERT_TRUE(out.status.ok()) << out.status.ToString();
  EXPECT_EQ(ColumnValues(out.table, Field::kFirstName), (Strings{"Ann", "Bob"}));
  EXPECT_EQ(out.stats.blank_lines, 5u);
  EXPECT_EQ(out.stats.records_read, 2u);
  EXPECT_EQ(out.table.line(0), 4u);
  EXPECT_EQ(out.table.line(1), 7u);
}

TEST(CsvReaderTest, TrimStripsSpacesAroundFieldsAndBeforeQuotes) {
  SourceSpec spec = kNameEmail;
  spec.trim = true;
  const Outcome out = Read("id, first , email\nrec-1, Ann ,  \"a, b\"  \n", spec);
  ASSERT_TRUE(out.status.ok()) << out.status.ToString();
  EXPECT_EQ(ColumnValues(out.table, Field::kFirstName), (Strings{"Ann"}));
  EXPECT_EQ(ColumnValues(out.table, Field::kEmail), (Strings{"a, b"}));
  EXPECT_EQ(out.table.source_id(0), "rec-1");
}

TEST(CsvReaderTest, WithoutTrimSpacesAreKept) {
  const Outcome out = Read("id,first,email\n1, Ann ,a@x \n", kNameEmail);
  ASSERT_TRUE(out.status.ok()) << out.status.ToString();
  EXPECT_EQ(ColumnValues(out.table, Field::kFirstName), (Strings{" Ann "}));
  EXPECT_EQ(ColumnValues(out.table, Field::kEmail), (Strings{"a@x "}));
}

TEST(CsvReaderTest, DetectsEachDelimiter) {
  for (char delimiter : {',', ';', '\t', '|'}) {
    std::string csv = "id,first,email\n1,Ann \"A\",a@x\n2,\"Bo, b\",b@x\n";
    if (delimiter != ',') {
      csv = "id,first,email\n1,Ann,a@x\n2,Bob,b@x\n";
      std::replace(csv.begin(), csv.end(), ',', delimiter);
    }
    SCOPED_TRACE(std::string(1, delimiter));
    EXPECT_EQ(DetectDelimiter(csv), delimiter);
    const Outcome out = Read(csv, kNameEmail);
    ASSERT_TRUE(out.status.ok()) << out.status.ToString();
    EXPECT_EQ(out.table.row_count(), 2u);
    EXPECT_TRUE(out.stats.delimiter_detected);
    EXPECT_EQ(out.stats.delimiter, delimiter == '\t' ? "\\t" : std::string(1, delimiter));
  }
}

TEST(CsvReaderTest, DetectionRespectsQuotes) {
  EXPECT_EQ(DetectDelimiter("name;city\n\"Lee, Ann\";Paris\n\"Roe, Bo\";Lyon\n"), ';');
  EXPECT_EQ(DetectDelimiter("name,city\n\"a;b;c\",Paris\n\"d;e\",Lyon\n"), ',');
}

TEST(CsvReaderTest, DetectionPrefersConsistentFieldCountsAndCommaOnTies) {
  // Semicolons split the header in 3 but the rows inconsistently; commas split every line in 2.
  EXPECT_EQ(DetectDelimiter("a;b,c;d\n1,2\n3,4;5;6;7\n8,9\n"), ',');
  EXPECT_EQ(DetectDelimiter("a,b;c\n1,2;3\n"), ',');
  EXPECT_EQ(DetectDelimiter("single\nrow\n"), std::nullopt);
}

TEST(CsvReaderTest, ExplicitDelimiterIsUsedAsGiven) {
  SourceSpec spec = kNameEmail;
  spec.delimiter = ';';
  const Outcome out = Read("id;first;email\n1;Ann,Lee;a@x\n", spec);
  ASSERT_TRUE(out.status.ok()) << out.status.ToString();
  EXPECT_EQ(ColumnValues(out.table, Field::kFirstName), (Strings{"Ann,Lee"}));
  EXPECT_FALSE(out.stats.delimiter_detected);
  EXPECT_EQ(out.stats.delimiter, ";");
}

TEST(CsvReaderTest, WrongFieldCountIsRejectedWithDetail) {
  const Outcome out = Read("id,first,email\n1,Ann,a@x,extra\n2,Bob\n3,Cy,c@x\n", kNameEmail);
  ASSERT_TRUE(out.status.ok()) << out.status.ToString();
  EXPECT_EQ(ColumnValues(out.table, Field::kFirstName), (Strings{"Cy"}));
  ASSERT_EQ(out.rejects.size(), 2u);
  EXPECT_EQ(out.rejects[0].reason, RejectReason::kFieldCountMismatch);
  EXPECT_EQ(out.rejects[0].detail, "4 fields, header has 3");
  EXPECT_EQ(out.rejects[0].line, 2u);
  EXPECT_EQ(out.rejects[0].byte_offset, 15u);
  EXPECT_EQ(out.rejects[0].raw, "1,Ann,a@x,extra");
  EXPECT_EQ(out.rejects[1].detail, "2 fields, header has 3");
  EXPECT_EQ(out.rejects[1].line, 3u);
  EXPECT_EQ(out.rejects[0].source, 0u);
}

TEST(CsvReaderTest, InvalidUtf8IsRejectedNamingTheColumn) {
  const Outcome out = Read("id,first,email\n1,Ann,a@x\n2,B\xff" "ob,b@x\n3,Cy,c@x\n", kNameEmail);
  ASSERT_TRUE(out.status.ok()) << out.status.ToString();
  EXPECT_EQ(ColumnValues(out.table, Field::kFirstName), (Strings{"Ann", "Cy"}));
  ASSERT_EQ(out.rejects.size(), 1u);
  EXPECT_EQ(out.rejects[0].reason, RejectReason::kInvalidUtf8);
  EXPECT_EQ(out.rejects[0].detail, "invalid UTF-8 in column \"first\"");
  EXPECT_EQ(out.rejects[0].raw, "2,B\\xFFob,b@x");
  EXPECT_EQ(out.rejects[0].line, 3u);
  EXPECT_EQ(out.rejects[0].byte_offset, 25u);
}

TEST(CsvReaderTest, Latin1SourceIsNotCheckedForUtf8) {
  SourceSpec spec = kNameEmail;
  spec.encoding = Encoding::kLatin1;  // the stream transcodes; the reader trusts it
  const Outcome out = Read("id,first,email\n2,B\xff" "ob,b@x\n", spec);
  ASSERT_TRUE(out.status.ok()) << out.status.ToString();
  EXPECT_EQ(out.table.row_count(), 1u);
}

TEST(CsvReaderTest, FieldAboveOneMebibyteIsRejectedAndReadingGoesOn) {
  std::string csv = "id,first,email\n1,Ann,a@x\n2,\"";
  csv.append(StringColumn::kMaxFieldBytes + 10, 'x');
  csv += "\nstill inside\",b@x\n3,Cy,c@x\n";
  const Outcome out = Read(csv, kNameEmail, ReadOptions{.chunk_bytes = 4096, .window_bytes = 65536});
  ASSERT_TRUE(out.status.ok()) << out.status.ToString();
  EXPECT_EQ(ColumnValues(out.table, Field::kFirstName), (Strings{"Ann", "Cy"}));
  ASSERT_EQ(out.rejects.size(), 1u);
  EXPECT_EQ(out.rejects[0].reason, RejectReason::kFieldTooLarge);
  EXPECT_EQ(out.rejects[0].detail, "column \"first\" holds more than 1 MiB");
  EXPECT_EQ(out.rejects[0].line, 3u);
  EXPECT_EQ(out.table.line(1), 5u);
  EXPECT_EQ(out.rejects[0].raw.size(), Reject::kMaxRawBytes + std::string("...[truncated]").size());
}

TEST(CsvReaderTest, UnterminatedQuoteIsRejectedAndReadingResumesAtTheNextLine) {
  const Outcome out =
      Read("id,first,email\n1,Ann,a@x\n2,\"Bob,b@x\n3,Cy,c@x\n4,Di,d@x", kNameEmail);
  ASSERT_TRUE(out.status.ok()) << out.status.ToString();
  EXPECT_EQ(ColumnValues(out.table, Field::kFirstName), (Strings{"Ann", "Cy", "Di"}));
  ASSERT_EQ(out.rejects.size(), 1u);
  EXPECT_EQ(out.rejects[0].reason, RejectReason::kUnterminatedQuote);
  EXPECT_EQ(out.rejects[0].line, 3u);
  EXPECT_EQ(out.rejects[0].byte_offset, 25u);
  EXPECT_EQ(out.rejects[0].raw, "2,\"Bob,b@x");
  EXPECT_EQ(out.stats.records_read, 4u);
}

TEST(CsvReaderTest, StrayQuoteInAHugeRecordDoesNotSwallowTheFile) {
  // The quote never closes, and the input goes on for more than kMaxRecordBytes.
  std::string csv = "id,first,email\n1,\"Ann,a@x\n";
  const std::string filler(100, 'f');
  for (int row = 2; row < 100'000; ++row) csv += std::to_string(row) + ",Bo," + filler + "\n";
  const Outcome out =
      Read(csv, kNameEmail, ReadOptions{.chunk_bytes = 1 << 16, .window_bytes = 1 << 18}, 2);
  ASSERT_TRUE(out.status.ok()) << out.status.ToString();
  ASSERT_EQ(out.rejects.size(), 1u);
  EXPECT_EQ(out.rejects[0].reason, RejectReason::kFieldTooLarge);
  EXPECT_EQ(out.rejects[0].line, 2u);
  EXPECT_EQ(out.table.row_count(), 99'998u);
  EXPECT_EQ(out.table.line(0), 3u);
}

TEST(CsvReaderTest, OnErrorFailReturnsCorruptInput) {
  const Outcome out = Read("id,first,email\n1,Ann,a@x\n2,Bob\n", kNameEmail,
                           ReadOptions{.on_error = OnError::kFail});
  EXPECT_EQ(out.status.code(), StatusCode::kCorruptInput);
  EXPECT_NE(out.status.message().find("crm.csv:3"), std::string_view::npos)
      << out.status.message();
}

TEST(CsvReaderTest, MissingMappedColumnIsInvalidArgumentNamingIt) {
  const Outcome out = Read("id,first,mail\n1,Ann,a@x\n", kNameEmail);
  EXPECT_EQ(out.status.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(out.status.message().find("\"email\""), std::string_view::npos)
      << out.status.message();
}

TEST(CsvReaderTest, ListMappingIsJoinedWithOneSpace) {
  SourceSpec spec = Spec({});
  spec.fields[static_cast<size_t>(Field::kStreet)] = FieldMapping{{"number", "street"}, ""};
  const Outcome out = Read("number,street\n12,Main St\n,Side Rd\n", spec);
  ASSERT_TRUE(out.status.ok()) << out.status.ToString();
  EXPECT_EQ(ColumnValues(out.table, Field::kStreet), (Strings{"12 Main St", "Side Rd"}));
}

TEST(CsvReaderTest, IdLessSourceGetsOneBasedRecordNumbers) {
  const SourceSpec spec = Spec({{Field::kFirstName, "first"}});
  const Outcome out = Read("first,x\nAnn,1\nbad\n\nCy,3\n", spec);
  ASSERT_TRUE(out.status.ok()) << out.status.ToString();
  ASSERT_EQ(out.table.row_count(), 2u);
  EXPECT_EQ(out.table.source_id(0), "1");
  EXPECT_EQ(out.table.source_id(1), "3");  // the rejected record keeps its number
}

TEST(CsvReaderTest, DuplicateIdsAreRejectedAfterTheFirst) {
  const Outcome out = Read("id,first,email\n7,Ann,a@x\n8,Bob,b@x\n7,Cy,c@x\n", kNameEmail,
                           ReadOptions{.chunk_bytes = 8}, 2);
  ASSERT_TRUE(out.status.ok()) << out.status.ToString();
  EXPECT_EQ(ColumnValues(out.table, Field::kFirstName), (Strings{"Ann", "Bob"}));
  ASSERT_EQ(out.rejects.size(), 1u);
  EXPECT_EQ(out.rejects[0].reason, RejectReason::kDuplicateId);
  EXPECT_EQ(out.rejects[0].line, 4u);
  EXPECT_EQ(out.rejects[0].raw, "7,Cy,c@x");
  EXPECT_EQ(out.rejects[0].byte_offset, 35u);
}

TEST(CsvReaderTest, EmptyIdIsRejectedAsMissing) {
  const Outcome out = Read("id,first,email\n,Ann,a@x\n2,Bob,b@x\n", kNameEmail);
  ASSERT_TRUE(out.status.ok()) << out.status.ToString();
  ASSERT_EQ(out.rejects.size(), 1u);
  EXPECT_EQ(out.rejects[0].reason, RejectReason::kMissingId);
  EXPECT_EQ(out.table.row_count(), 1u);
}

TEST(CsvReaderTest, CarriedFieldsAreFilled) {
  SourceSpec spec = kNameEmail;
  spec.extras.push_back({"tier", Column("Tier")});
  const Outcome out = Read("id,first,email,Tier\n1,Ann,a@x,gold\n", spec);
  ASSERT_TRUE(out.status.ok()) << out.status.ToString();
  EXPECT_EQ(out.table.extra(0).Get(0u), "gold");
}

TEST(CsvReaderTest, ByteOrderMarkIsRemovedByTheInputStream) {
  test::TempDir dir;
  const std::string path = dir.WriteFile(
      "sf.csv", "\xEF\xBB\xBF\"Id\",\"FirstName\",\"Email\"\r\n\"003\",\"Ann\",\"a@x\"\r\n");
  SourceSpec spec = Spec({{Field::kFirstName, "FirstName"}, {Field::kEmail, "Email"}}, "Id");
  spec.path = path;
  Result<std::unique_ptr<InputStream>> input =
      InputStream::Open(path, Compression::kAuto, Encoding::kUtf8);
  ASSERT_TRUE(input.ok()) << input.status().ToString();
  RecordTable table;
  table.AddSource(SourceInfo{});
  ExecContext ctx(1);
  SourceReadStats stats;
  ASSERT_TRUE(ReadCsv(spec, **input, 0, ReadOptions{}, table, ctx, stats).ok());
  ASSERT_EQ(table.row_count(), 1u);
  EXPECT_EQ(table.source_id(0), "003");
  EXPECT_EQ(table.Get(Field::kFirstName, 0), "Ann");
}

TEST(CsvReaderTest, RecordLongerThanTheWindowIsCarriedOver) {
  std::string csv = "id,first,email\n";
  for (int row = 0; row < 200; ++row) {
    csv += std::to_string(row) + ",\"name\n" + std::string(static_cast<size_t>(row), 'n') +
           "\",e" + std::to_string(row) + "\r\n";
  }
  const Outcome expected = Read(csv, kNameEmail);
  ASSERT_TRUE(expected.status.ok());
  ASSERT_EQ(expected.table.row_count(), 200u);
  for (size_t window : {size_t{1}, size_t{7}, size_t{64}, size_t{1000}}) {
    for (int threads : {1, 2}) {
      const Outcome out = Read(csv, kNameEmail, ReadOptions{.chunk_bytes = 16, .window_bytes = window},
                               threads, /*step=*/13);
      ASSERT_TRUE(out.status.ok()) << out.status.ToString();
      EXPECT_EQ(out.table, expected.table) << "window " << window << " threads " << threads;
      EXPECT_EQ(out.stats.decoded_bytes, csv.size());
    }
  }
}

}  // namespace
}  // namespace idforge::read
