// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// ReadJsonLines and ReadJsonArray on small hand-written inputs: dotted and array-index paths, the
// text each JSON type becomes, every reject reason (with line, offset and raw bytes), and a seeded
// property test that threads, chunk and window sizes never change the table.
#include "engine/read/memory_input.h"
#include "engine/read/json_reader.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "tests/testing/test_util.h"

namespace idforge::read {
namespace {

FieldMapping Path(std::string path) { return FieldMapping{{std::move(path)}, ""}; }

SourceSpec Spec(std::vector<std::pair<Field, std::string>> fields, std::string id = "") {
  SourceSpec spec;
  spec.name = "shop";
  spec.path = "shop.jsonl";
  spec.id_column = std::move(id);
  for (auto& [field, path] : fields) spec.fields[static_cast<size_t>(field)] = Path(path);
  return spec;
}

struct Outcome {
  Status status;
  RecordTable table;
  std::vector<Reject> rejects;
  SourceReadStats stats;
};

struct Knobs {
  int threads = 1;
  size_t chunk_bytes = size_t{4} << 20;
  size_t window_bytes = size_t{64} << 20;
  size_t step = size_t{1} << 20;
  OnError on_error = OnError::kReject;
  bool array = false;
};

Outcome Read(std::string_view text, const SourceSpec& spec, Knobs knobs = {}) {
  ExecContext ctx(knobs.threads);
  Outcome outcome;
  std::vector<std::string> extras;
  for (const auto& [name, mapping] : spec.extras) extras.push_back(name);
  outcome.table = RecordTable(extras);
  SourceInfo info;
  info.name = spec.name;
  const uint16_t source = outcome.table.AddSource(info);
  MemoryInputStream input(text, knobs.step);
  ReadOptions options;
  options.chunk_bytes = knobs.chunk_bytes;
  options.window_bytes = knobs.window_bytes;
  options.on_error = knobs.on_error;
  outcome.status =
      knobs.array ? ReadJsonArray(spec, input, source, options, outcome.table, ctx, outcome.stats)
                  : ReadJsonLines(spec, input, source, options, outcome.table, ctx, outcome.stats);
  outcome.rejects = ctx.rejects().entries();
  return outcome;
}

Outcome ReadArray(std::string_view text, const SourceSpec& spec) {
  Knobs knobs;
  knobs.array = true;
  return Read(text, spec, knobs);
}

using Strings = std::vector<std::string>;

Strings Values(const RecordTable& table, Field field) {
  Strings out;
  for (uint32_t row = 0; row < table.row_count(); ++row) out.emplace_back(table.Get(field, row));
  return out;
}

Strings Ids(const RecordTable& table) {
  Strings out;
  for (uint32_t row = 0; row < table.row_count(); ++row) out.emplace_back(table.source_id(row));
  return out;
}

std::vector<uint64_t> Lines(const RecordTable& table) {
  std::vector<uint64_t> out;
  for (uint32_t row = 0; row < table.row_count(); ++row) out.push_back(table.line(row));
  return out;
}

TEST(JsonReaderTest, NestedPathReadsDefaultAddressCity) {
  const std::string text =
      R"({"id": 1, "email": "a@x.com", "default_address": {"city": "Dhaka", "zip": "1207"}})"
      "\n"
      R"({"id": 2, "default_address": {"zip": "10115", "city": "Berlin"}, "email": "b@x.com"})"
      "\n";
  const SourceSpec spec = Spec({{Field::kCity, "default_address.city"},
                                {Field::kPostcode, "default_address.zip"},
                                {Field::kEmail, "email"}},
                               "id");
  const Outcome out = Read(text, spec);
  ASSERT_TRUE(out.status.ok()) << out.status.ToString();
  EXPECT_EQ(Values(out.table, Field::kCity), (Strings{"Dhaka", "Berlin"}));
  EXPECT_EQ(Values(out.table, Field::kPostcode), (Strings{"1207", "10115"}));
  EXPECT_EQ(Values(out.table, Field::kEmail), (Strings{"a@x.com", "b@x.com"}));
  EXPECT_EQ(Ids(out.table), (Strings{"1", "2"}));
  EXPECT_EQ(Lines(out.table), (std::vector<uint64_t>{1, 2}));
  EXPECT_TRUE(out.rejects.empty());
  EXPECT_TRUE(out.table.Validate().ok());
}

TEST(JsonReaderTest, DeepSegmentPathsAndJoinedColumns) {
  const std::string text =
      R"({"type":"identify","userId":"u1","context":{"traits":{"email":"c@x.com"}},)"
      R"("traits":{"firstName":"Ann","lastName":"Lee",)"
      R"("address":{"street":"1 Main St","city":"Oslo"}}})"
      "\n";
  SourceSpec spec = Spec({{Field::kEmail, "context.traits.email"},
                          {Field::kStreet, "traits.address.street"},
                          {Field::kCity, "traits.address.city"}},
                         "userId");
  spec.fields[static_cast<size_t>(Field::kFullName)] =
      FieldMapping{{"traits.firstName", "traits.lastName"}, ""};
  const Outcome out = Read(text, spec);
  ASSERT_TRUE(out.status.ok()) << out.status.ToString();
  ASSERT_EQ(out.table.row_count(), 1u);
  EXPECT_EQ(out.table.Get(Field::kEmail, 0), "c@x.com");
  EXPECT_EQ(out.table.Get(Field::kStreet, 0), "1 Main St");
  EXPECT_EQ(out.table.Get(Field::kCity, 0), "Oslo");
  EXPECT_EQ(out.table.Get(Field::kFullName, 0), "Ann Lee");
  EXPECT_EQ(out.table.source_id(0), "u1");
}

TEST(JsonReaderTest, ArrayIndexPathReadsElement) {
  const std::string text =
      R"({"addresses": [{"city": "Rome"}, {"city": "Milan"}], "tags": ["a", "b", "c"]})"
      "\n"
      R"({"addresses": [{"city": "Turin"}], "tags": []})"
      "\n"
      R"({"addresses": {"0": {"city": "Keyed"}}})"
      "\n";
  const SourceSpec spec = Spec({{Field::kCity, "addresses.0.city"},
                                {Field::kRegion, "addresses.1.city"},
                                {Field::kCompany, "tags.2"}});
  const Outcome out = Read(text, spec);
  ASSERT_TRUE(out.status.ok()) << out.status.ToString();
  EXPECT_EQ(Values(out.table, Field::kCity), (Strings{"Rome", "Turin", "Keyed"}));
  EXPECT_EQ(Values(out.table, Field::kRegion), (Strings{"Milan", "", ""}));
  EXPECT_EQ(Values(out.table, Field::kCompany), (Strings{"c", "", ""}));
}

TEST(JsonReaderTest, NumbersBooleansNullAndMissing) {
  const std::string text =
      R"({"id": 8779761975521, "n": -1.50e+3, "z": 0.10, "t": true, "f": false, "x": null})"
      "\n";
  const SourceSpec spec = Spec({{Field::kPhone, "n"},
                                {Field::kPostcode, "z"},
                                {Field::kGender, "t"},
                                {Field::kCountry, "f"},
                                {Field::kCity, "x"},
                                {Field::kEmail, "missing"},
                                {Field::kStreet, "id.deeper"}},
                               "id");
  const Outcome out = Read(text, spec);
  ASSERT_TRUE(out.status.ok()) << out.status.ToString();
  ASSERT_EQ(out.table.row_count(), 1u);
  EXPECT_EQ(out.table.source_id(0), "8779761975521");
  EXPECT_EQ(out.table.Get(Field::kPhone, 0), "-1.50e+3");
  EXPECT_EQ(out.table.Get(Field::kPostcode, 0), "0.10");
  EXPECT_EQ(out.table.Get(Field::kGender, 0), "true");
  EXPECT_EQ(out.table.Get(Field::kCountry, 0), "false");
  EXPECT_EQ(out.table.Get(Field::kCity, 0), "");
  EXPECT_EQ(out.table.Get(Field::kEmail, 0), "");
  EXPECT_EQ(out.table.Get(Field::kStreet, 0), "");
}

TEST(JsonReaderTest, EscapedStringsAreUnescapedUtf8) {
  const std::string text = R"({"a": "say \"hi\"\\ \/ tab\tend", "b": "caf\u00e9", )"
                           R"("c": "\ud83d\ude00 smile", "d": "Müller"})"
                           "\n";
  const SourceSpec spec = Spec({{Field::kFirstName, "a"},
                                {Field::kLastName, "b"},
                                {Field::kCompany, "c"},
                                {Field::kCity, "d"}});
  const Outcome out = Read(text, spec);
  ASSERT_TRUE(out.status.ok()) << out.status.ToString();
  ASSERT_EQ(out.table.row_count(), 1u);
  EXPECT_EQ(out.table.Get(Field::kFirstName, 0), "say \"hi\"\\ / tab\tend");
  EXPECT_EQ(out.table.Get(Field::kLastName, 0), "caf\xC3\xA9");
  EXPECT_EQ(out.table.Get(Field::kCompany, 0), "\xF0\x9F\x98\x80 smile");
  EXPECT_EQ(out.table.Get(Field::kCity, 0), "Müller");
}

TEST(JsonReaderTest, EscapedKeyMatchesItsUnescapedPath) {
  const std::string text = R"({"em\u0061il": "k@x.com", "n\"q": 1})"
                           "\n";
  const Outcome out = Read(text, Spec({{Field::kEmail, "email"}}));
  ASSERT_TRUE(out.status.ok()) << out.status.ToString();
  EXPECT_EQ(Values(out.table, Field::kEmail), (Strings{"k@x.com"}));
}

TEST(JsonReaderTest, RepeatedKeyFirstOccurrenceWins) {
  const Outcome out =
      Read(R"({"email": "first", "email": "second"})", Spec({{Field::kEmail, "email"}}));
  ASSERT_TRUE(out.status.ok()) << out.status.ToString();
  EXPECT_EQ(Values(out.table, Field::kEmail), (Strings{"first"}));
}

TEST(JsonReaderTest, ObjectAndArrayValuesAreMinifiedJson) {
  const std::string text =
      R"({"address": { "street" : "1 Main St", "geo": [ 1.5 , 2 ] , "note": "a b" }, )"
      R"("ids": [ 1, "x" ]})"
      "\n";
  const SourceSpec spec = Spec({{Field::kAddress, "address"},
                                {Field::kCity, "address.street"},
                                {Field::kNationalId, "ids"},
                                {Field::kRegion, "address.geo.1"}});
  const Outcome out = Read(text, spec);
  ASSERT_TRUE(out.status.ok()) << out.status.ToString();
  ASSERT_EQ(out.table.row_count(), 1u);
  EXPECT_EQ(out.table.Get(Field::kAddress, 0),
            R"({"street":"1 Main St","geo":[1.5,2],"note":"a b"})");
  EXPECT_EQ(out.table.Get(Field::kCity, 0), "1 Main St");  // a path below a mapped object
  EXPECT_EQ(out.table.Get(Field::kRegion, 0), "2");
  EXPECT_EQ(out.table.Get(Field::kNationalId, 0), R"([1,"x"])");
}

TEST(JsonReaderTest, SyntaxErrorIsOneRejectAndLaterLinesAreRead) {
  const std::string text = "{\"email\": \"a\"}\n{\"email\": \"b\",}\n{\"email\": \"c\"}\n";
  const Outcome out = Read(text, Spec({{Field::kEmail, "email"}}));
  ASSERT_TRUE(out.status.ok()) << out.status.ToString();
  EXPECT_EQ(Values(out.table, Field::kEmail), (Strings{"a", "c"}));
  EXPECT_EQ(Lines(out.table), (std::vector<uint64_t>{1, 3}));
  ASSERT_EQ(out.rejects.size(), 1u);
  EXPECT_EQ(out.rejects[0].reason, RejectReason::kJsonSyntax);
  EXPECT_EQ(out.rejects[0].line, 2u);
  EXPECT_EQ(out.rejects[0].byte_offset, 15u);
  EXPECT_EQ(out.rejects[0].raw, "{\"email\": \"b\",}");
  EXPECT_FALSE(out.rejects[0].detail.empty());
  EXPECT_EQ(out.stats.records_read, 3u);
  EXPECT_EQ(out.stats.accepted, 2u);
  EXPECT_EQ(out.stats.rejected, 1u);
}

TEST(JsonReaderTest, MalformedInputsAreJsonSyntaxRejects) {
  const std::vector<std::string> bad = {
      R"({"email": "a")",           R"({"email": "unterminated)", R"({"email": 12abc})",
      R"({"email": "a"} {"x": 1})", R"({"email": "a"}})",         R"({"email": "\ud800"})",
      R"({"email": tru})",          R"({"email" "a"})",
  };
  for (const std::string& line : bad) {
    SCOPED_TRACE(line);
    const Outcome out = Read(line + "\n{\"email\": \"ok\"}\n", Spec({{Field::kEmail, "email"}}));
    ASSERT_TRUE(out.status.ok()) << out.status.ToString();
    EXPECT_EQ(Values(out.table, Field::kEmail), (Strings{"ok"}));
    ASSERT_EQ(out.rejects.size(), 1u);
    EXPECT_EQ(out.rejects[0].reason, RejectReason::kJsonSyntax);
    EXPECT_EQ(out.rejects[0].line, 1u);
    EXPECT_EQ(out.rejects[0].raw, line);
  }
}

TEST(JsonReaderTest, TopLevelNonObjectIsNotAnObjectReject) {
  const std::string text = "[1, 2]\n\"text\"\n42\nnull\n{\"email\": \"ok\"}\n";
  const Outcome out = Read(text, Spec({{Field::kEmail, "email"}}));
  ASSERT_TRUE(out.status.ok()) << out.status.ToString();
  EXPECT_EQ(Values(out.table, Field::kEmail), (Strings{"ok"}));
  ASSERT_EQ(out.rejects.size(), 4u);
  for (size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(out.rejects[i].reason, RejectReason::kNotAnObject);
    EXPECT_EQ(out.rejects[i].line, i + 1);
  }
  EXPECT_EQ(out.rejects[0].raw, "[1, 2]");
  EXPECT_EQ(out.rejects[1].raw, "\"text\"");
}

// Regression: On-Demand types a document by its first byte, so a bare word starting with n, t
// or f was reported as "a JSON null/boolean, not an object" instead of a syntax error.
TEST(JsonReaderTest, BareWordsAreSyntaxErrorsNotScalars) {
  const std::string text = "not json\ntrue story\nfalsy\n-12abc\n{\"email\": \"ok\"}\n";
  const Outcome out = Read(text, Spec({{Field::kEmail, "email"}}));
  ASSERT_TRUE(out.status.ok()) << out.status.ToString();
  EXPECT_EQ(Values(out.table, Field::kEmail), (Strings{"ok"}));
  ASSERT_EQ(out.rejects.size(), 4u);
  for (const Reject& reject : out.rejects) {
    EXPECT_EQ(reject.reason, RejectReason::kJsonSyntax) << reject.raw << ": " << reject.detail;
  }
}

TEST(JsonReaderTest, InvalidUtf8IsRejectedWithEscapedRaw) {
  const std::string text = "{\"email\": \"a\"}\n{\"unused\": \"b\xFF\", \"email\": \"c\"}\n";
  const Outcome out = Read(text, Spec({{Field::kEmail, "email"}}));
  ASSERT_TRUE(out.status.ok()) << out.status.ToString();
  EXPECT_EQ(Values(out.table, Field::kEmail), (Strings{"a"}));
  ASSERT_EQ(out.rejects.size(), 1u);
  EXPECT_EQ(out.rejects[0].reason, RejectReason::kInvalidUtf8);
  EXPECT_EQ(out.rejects[0].line, 2u);
  EXPECT_EQ(out.rejects[0].raw, "{\"unused\": \"b\\xFF\", \"email\": \"c\"}");
}

TEST(JsonReaderTest, ValueAboveLimitIsFieldTooLarge) {
  const std::string big(StringColumn::kMaxFieldBytes + 1, 'x');
  const std::string text =
      "{\"email\": \"" + big + "\"}\n{\"email\": \"ok\", \"other\": \"" + big + "\"}\n";
  const Outcome out = Read(text, Spec({{Field::kEmail, "email"}}));
  ASSERT_TRUE(out.status.ok()) << out.status.ToString();
  EXPECT_EQ(Values(out.table, Field::kEmail), (Strings{"ok"}));  // an unmapped big value is fine
  ASSERT_EQ(out.rejects.size(), 1u);
  EXPECT_EQ(out.rejects[0].reason, RejectReason::kFieldTooLarge);
  EXPECT_EQ(out.rejects[0].line, 1u);
  EXPECT_NE(out.rejects[0].detail.find("email"), std::string::npos);
}

TEST(JsonReaderTest, MissingIdIsRejected) {
  const std::string text = "{\"id\": \"a\"}\n{\"id\": \"\"}\n{\"id\": null}\n{\"other\": 1}\n";
  const Outcome out = Read(text, Spec({{Field::kEmail, "email"}}, "id"));
  ASSERT_TRUE(out.status.ok()) << out.status.ToString();
  EXPECT_EQ(Ids(out.table), (Strings{"a"}));
  ASSERT_EQ(out.rejects.size(), 3u);
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(out.rejects[i].reason, RejectReason::kMissingId);
    EXPECT_EQ(out.rejects[i].line, i + 2);
  }
}

TEST(JsonReaderTest, DuplicateIdIsRejectedWithItsLine) {
  const std::string text = "{\"id\": 7, \"e\": \"a\"}\n{\"id\": 8}\n{\"id\": 7, \"e\": \"b\"}\n";
  const Outcome out = Read(text, Spec({{Field::kEmail, "e"}}, "id"));
  ASSERT_TRUE(out.status.ok()) << out.status.ToString();
  EXPECT_EQ(Ids(out.table), (Strings{"7", "8"}));
  EXPECT_EQ(Values(out.table, Field::kEmail), (Strings{"a", ""}));
  ASSERT_EQ(out.rejects.size(), 1u);
  EXPECT_EQ(out.rejects[0].reason, RejectReason::kDuplicateId);
  EXPECT_EQ(out.rejects[0].line, 3u);
  EXPECT_EQ(out.rejects[0].raw, "{\"id\": 7, \"e\": \"b\"}");
}

TEST(JsonReaderTest, BlankLinesAreSkippedAndCounted) {
  const std::string text = "\n{\"e\": \"a\"}\n   \n\t\r\n{\"e\": \"b\"}\n\n";
  const Outcome out = Read(text, Spec({{Field::kEmail, "e"}}));
  ASSERT_TRUE(out.status.ok()) << out.status.ToString();
  EXPECT_EQ(Values(out.table, Field::kEmail), (Strings{"a", "b"}));
  EXPECT_EQ(Lines(out.table), (std::vector<uint64_t>{2, 5}));
  EXPECT_EQ(Ids(out.table), (Strings{"1", "2"}));  // record numbers skip blank lines
  EXPECT_EQ(out.stats.blank_lines, 4u);
  EXPECT_EQ(out.stats.records_read, 2u);
}

TEST(JsonReaderTest, CrlfLineEndsAndNoFinalNewline) {
  const std::string text = "{\"e\": \"a\"}\r\n{\"e\": \"b\",}\r\n{\"e\": \"c\"}";
  const Outcome out = Read(text, Spec({{Field::kEmail, "e"}}));
  ASSERT_TRUE(out.status.ok()) << out.status.ToString();
  EXPECT_EQ(Values(out.table, Field::kEmail), (Strings{"a", "c"}));
  EXPECT_EQ(Lines(out.table), (std::vector<uint64_t>{1, 3}));
  ASSERT_EQ(out.rejects.size(), 1u);
  EXPECT_EQ(out.rejects[0].raw, "{\"e\": \"b\",}");  // no \r in the raw bytes
  EXPECT_EQ(out.stats.decoded_bytes, text.size());
}

TEST(JsonReaderTest, IdLessSourceNumbersRecordsIncludingRejected) {
  const std::string text = "{\"e\": \"a\"}\n{bad}\n\n{\"e\": \"c\"}\n";
  const Outcome out = Read(text, Spec({{Field::kEmail, "e"}}));
  ASSERT_TRUE(out.status.ok()) << out.status.ToString();
  EXPECT_EQ(Ids(out.table), (Strings{"1", "3"}));
  EXPECT_EQ(Lines(out.table), (std::vector<uint64_t>{1, 4}));
}

TEST(JsonReaderTest, OnErrorFailReturnsCorruptInput) {
  Knobs knobs;
  knobs.on_error = OnError::kFail;
  const Outcome out = Read("{\"e\": \"a\"}\n{oops}\n", Spec({{Field::kEmail, "e"}}), knobs);
  EXPECT_EQ(out.status.code(), StatusCode::kCorruptInput);
  EXPECT_NE(out.status.message().find("shop.jsonl:2"), std::string::npos) << out.status.ToString();
}

TEST(JsonReaderTest, EmptyInputHasNoRecords) {
  const Outcome lines = Read("", Spec({{Field::kEmail, "e"}}));
  ASSERT_TRUE(lines.status.ok());
  EXPECT_EQ(lines.table.row_count(), 0u);
  const Outcome array = ReadArray("  \n", Spec({{Field::kEmail, "e"}}));
  ASSERT_TRUE(array.status.ok());
  EXPECT_EQ(array.table.row_count(), 0u);
  EXPECT_TRUE(array.rejects.empty());
}

TEST(JsonReaderTest, CarriedFieldsAreFilled) {
  SourceSpec spec = Spec({{Field::kEmail, "e"}});
  spec.extras.emplace_back("tier", Path("loyalty.tier"));
  const Outcome out = Read("{\"e\": \"a\", \"loyalty\": {\"tier\": \"gold\"}}\n", spec);
  ASSERT_TRUE(out.status.ok()) << out.status.ToString();
  ASSERT_EQ(out.table.extra_names().size(), 1u);
  EXPECT_EQ(out.table.extra(0).Get(0u), "gold");
}

TEST(JsonReaderTest, JsonArrayReadsElementsAsRecords) {
  const std::string text =
      "[\n  {\"id\": 1, \"e\": \"a\"},\n  42,\n  {\"id\": 2, \"e\": \"b\"},\n  [1],\n"
      "  {\"id\": 1, \"e\": \"dup\"}\n]\n";
  const Outcome out = ReadArray(text, Spec({{Field::kEmail, "e"}}, "id"));
  ASSERT_TRUE(out.status.ok()) << out.status.ToString();
  EXPECT_EQ(Values(out.table, Field::kEmail), (Strings{"a", "b"}));
  EXPECT_EQ(Lines(out.table), (std::vector<uint64_t>{1, 3}));  // element positions
  ASSERT_EQ(out.rejects.size(), 3u);
  EXPECT_EQ(out.rejects[0].reason, RejectReason::kNotAnObject);
  EXPECT_EQ(out.rejects[0].line, 2u);
  EXPECT_EQ(out.rejects[0].raw, "42");
  EXPECT_EQ(out.rejects[1].reason, RejectReason::kNotAnObject);
  EXPECT_EQ(out.rejects[1].raw, "[1]");
  EXPECT_EQ(out.rejects[2].reason, RejectReason::kDuplicateId);
  EXPECT_EQ(out.rejects[2].line, 5u);
  EXPECT_EQ(out.rejects[2].raw, "{\"id\": 1, \"e\": \"dup\"}");
  EXPECT_EQ(out.stats.records_read, 5u);
}

TEST(JsonArrayTest, SingleObjectIsOneRecord) {
  const Outcome out = ReadArray("{\"e\": \"only\"}", Spec({{Field::kEmail, "e"}}));
  ASSERT_TRUE(out.status.ok()) << out.status.ToString();
  EXPECT_EQ(Values(out.table, Field::kEmail), (Strings{"only"}));
  EXPECT_EQ(Ids(out.table), (Strings{"1"}));
}

TEST(JsonArrayTest, TruncatedArrayKeepsRecordsBeforeTheDamage) {
  const std::string text = "[{\"e\": \"a\"}, {\"e\": \"b\"}, {\"e\": \"c";
  const Outcome out = ReadArray(text, Spec({{Field::kEmail, "e"}}));
  ASSERT_TRUE(out.status.ok()) << out.status.ToString();
  EXPECT_EQ(Values(out.table, Field::kEmail), (Strings{"a", "b"}));
  ASSERT_EQ(out.rejects.size(), 1u);
  EXPECT_EQ(out.rejects[0].reason, RejectReason::kJsonSyntax);
  EXPECT_EQ(out.rejects[0].line, 3u);
  EXPECT_EQ(out.rejects[0].raw, "{\"e\": \"c");
  EXPECT_EQ(out.rejects[0].byte_offset, text.find("{\"e\": \"c"));
}

TEST(JsonArrayTest, MissingClosingBracketKeepsEveryRecord) {
  const Outcome out = ReadArray("[{\"e\": \"a\"}, {\"e\": \"b\"}\n", Spec({{Field::kEmail, "e"}}));
  ASSERT_TRUE(out.status.ok()) << out.status.ToString();
  EXPECT_EQ(Values(out.table, Field::kEmail), (Strings{"a", "b"}));
  ASSERT_EQ(out.rejects.size(), 1u);
  EXPECT_EQ(out.rejects[0].reason, RejectReason::kJsonSyntax);
  EXPECT_EQ(out.rejects[0].line, 3u);
}

TEST(JsonArrayTest, SyntaxErrorInTheMiddleStopsReading) {
  const std::string text = "[{\"e\": \"a\"}, {\"e\": \"b\",}, {\"e\": \"c\"}]";
  const Outcome out = ReadArray(text, Spec({{Field::kEmail, "e"}}));
  ASSERT_TRUE(out.status.ok()) << out.status.ToString();
  EXPECT_EQ(Values(out.table, Field::kEmail), (Strings{"a"}));
  ASSERT_EQ(out.rejects.size(), 1u);
  EXPECT_EQ(out.rejects[0].reason, RejectReason::kJsonSyntax);
  EXPECT_EQ(out.rejects[0].line, 2u);
  EXPECT_EQ(out.rejects[0].raw, "{\"e\": \"b\",}, {\"e\": \"c\"}]");
}

TEST(JsonArrayTest, ScalarDocumentIsNotAnObject) {
  const Outcome out = ReadArray("\"just text\"", Spec({{Field::kEmail, "e"}}));
  ASSERT_TRUE(out.status.ok()) << out.status.ToString();
  EXPECT_EQ(out.table.row_count(), 0u);
  ASSERT_EQ(out.rejects.size(), 1u);
  EXPECT_EQ(out.rejects[0].reason, RejectReason::kNotAnObject);
}

TEST(JsonArrayTest, ManyElementsCrossBatches) {
  std::string text = "[";
  for (int i = 0; i < 40000; ++i) {
    if (i > 0) text += ",";
    text += "{\"id\":" + std::to_string(i) + "}";
  }
  text += "]";
  const Outcome out = ReadArray(text, Spec({{Field::kEmail, "e"}}, "id"));
  ASSERT_TRUE(out.status.ok()) << out.status.ToString();
  ASSERT_EQ(out.table.row_count(), 40000u);
  EXPECT_EQ(out.table.source_id(39999), "39999");
  EXPECT_EQ(out.table.line(39999), 40000u);
  EXPECT_EQ(out.table.line(20000), 20001u);
}

// A random mix of Shopify/Segment-like records, blank lines, CRLF and bad lines.
std::string RandomJsonLines(uint64_t seed, int lines) {
  std::mt19937_64 rng(seed);
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<uint64_t>(n)); };
  const std::vector<std::string> names = {"Ann", "Bo", "Chloé", "D\\u00e9j\\u00e0",
                                          "Eve \\\"E\\\""};
  std::string out;
  for (int line = 0; line < lines; ++line) {
    const int kind = pick(20);
    if (kind == 0) {
      out += "";
    } else if (kind == 1) {
      out += "{\"id\": " + std::to_string(pick(50)) + ", \"broken\": }";
    } else if (kind == 2) {
      out += "[\"not\", \"an\", \"object\"]";
    } else if (kind == 3) {
      out += "{\"id\": \"bad\xC3\x28utf8\"}";
    } else {
      out += "{\"id\": " + std::to_string(pick(400)) + ", \"email\": \"u" +
             std::to_string(pick(1000)) + "@x.com\", \"first_name\": \"" +
             names[static_cast<size_t>(pick(5))] + "\", \"default_address\": {\"city\": \"C" +
             std::to_string(pick(30)) + "\", \"zip\": " + std::to_string(pick(99999)) +
             "}, \"tags\": [\"t" + std::to_string(pick(3)) + "\"], \"n\": null}";
    }
    out += pick(4) == 0 ? "\r\n" : "\n";
  }
  return out;
}

TEST(JsonReaderTest, ThreadsChunksAndWindowsNeverChangeTheTable) {
  const uint64_t seed = test::Seed();
  SCOPED_TRACE("IDFORGE_TEST_SEED=" + std::to_string(seed));
  const std::string text = RandomJsonLines(seed, 3000);
  const SourceSpec spec = Spec({{Field::kEmail, "email"},
                                {Field::kFirstName, "first_name"},
                                {Field::kCity, "default_address.city"},
                                {Field::kPostcode, "default_address.zip"},
                                {Field::kCompany, "tags.0"}},
                               "id");
  const Outcome reference = Read(text, spec);
  ASSERT_TRUE(reference.status.ok()) << reference.status.ToString();
  ASSERT_GT(reference.table.row_count(), 100u);
  ASSERT_GT(reference.rejects.size(), 100u);
  for (int threads : {1, 2, 8}) {
    for (size_t chunk : {size_t{1} << 10, size_t{64} << 10, size_t{64} << 20}) {
      SCOPED_TRACE("threads=" + std::to_string(threads) + " chunk=" + std::to_string(chunk));
      Knobs knobs;
      knobs.threads = threads;
      knobs.chunk_bytes = chunk;
      knobs.window_bytes = chunk * 3;
      knobs.step = 1 + static_cast<size_t>(seed % 997);
      const Outcome out = Read(text, spec, knobs);
      ASSERT_TRUE(out.status.ok()) << out.status.ToString();
      EXPECT_TRUE(out.table == reference.table);
      ASSERT_EQ(out.rejects.size(), reference.rejects.size());
      for (size_t i = 0; i < out.rejects.size(); ++i) {
        EXPECT_EQ(out.rejects[i].line, reference.rejects[i].line);
        EXPECT_EQ(out.rejects[i].byte_offset, reference.rejects[i].byte_offset);
        EXPECT_EQ(out.rejects[i].reason, reference.rejects[i].reason);
        EXPECT_EQ(out.rejects[i].raw, reference.rejects[i].raw);
      }
      EXPECT_EQ(out.stats.blank_lines, reference.stats.blank_lines);
      EXPECT_EQ(out.stats.records_read, reference.stats.records_read);
    }
  }
}

TEST(JsonReaderTest, SenzingTruthsetJsonLinesReadWithoutRejects) {
  IDFORGE_REQUIRE_SHARED_DATASETS(datasets);
  for (const char* name : {"customers.jsonl", "reference.jsonl", "watchlist.jsonl"}) {
    SCOPED_TRACE(name);
    const std::string text = test::ReadFileOrDie(datasets + "/senzing_truthset/" + name);
    const auto lines = static_cast<uint32_t>(std::count(text.begin(), text.end(), '\n'));
    SourceSpec spec = Spec({{Field::kLastName, "FEATURES.1.NAME_LAST"},
                            {Field::kFirstName, "FEATURES.1.NAME_FIRST"},
                            {Field::kFullName, "FEATURES.1.NAME_FULL"}},
                           "RECORD_ID");
    spec.extras.emplace_back("features", Path("FEATURES"));
    Knobs knobs;
    knobs.threads = 2;
    knobs.chunk_bytes = 4096;
    const Outcome out = Read(text, spec, knobs);
    ASSERT_TRUE(out.status.ok()) << out.status.ToString();
    EXPECT_TRUE(out.rejects.empty()) << out.rejects.front().detail;
    EXPECT_EQ(out.table.row_count(), lines);
    for (uint32_t row = 0; row < out.table.row_count(); ++row) {
      EXPECT_EQ(out.table.extra(0).Get(row).front(), '[');  // the whole FEATURES array
    }
    if (std::string_view(name) == "customers.jsonl") {
      EXPECT_EQ(out.table.source_id(0), "1001");
      EXPECT_EQ(out.table.Get(Field::kLastName, 0), "Smith");
      EXPECT_EQ(out.table.Get(Field::kFirstName, 0), "Robert");
    }
  }
}

}  // namespace
}  // namespace idforge::read
