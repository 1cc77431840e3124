// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Fuzzes ReadJsonLines: the input is a JSON lines source mapped with a few nested, array-index and
// id paths. Beyond "no crash" it checks the invariants: the table validates, accepted + rejected
// equals the records read, and 2 threads with tiny chunks give exactly the 1-thread table.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "engine/common/check.h"
#include "engine/read/json_reader.h"

namespace {

using idforge::ExecContext;
using idforge::Field;
using idforge::FieldMapping;
using idforge::RecordTable;
using idforge::Result;
using idforge::SourceReadStats;
using idforge::SourceSpec;
using idforge::Status;

class StringInput : public idforge::read::InputStream {
 public:
  StringInput(std::string_view text, size_t step) : text_(text), step_(step) {}
  Result<size_t> Read(std::string& out, size_t max_bytes) override {
    const size_t count = std::min({max_bytes, step_, text_.size() - pos_});
    out.append(text_.substr(pos_, count));
    pos_ += count;
    return count;
  }
  uint64_t file_bytes() const override { return text_.size(); }
  idforge::Compression compression() const override { return idforge::Compression::kNone; }

 private:
  std::string_view text_;
  size_t step_;
  size_t pos_ = 0;
};

SourceSpec MakeSpec(bool with_id) {
  SourceSpec spec;
  spec.name = "fuzz";
  spec.path = "fuzz.jsonl";
  if (with_id) spec.id_column = "id";
  auto set = [&](Field field, std::vector<std::string> paths) {
    spec.fields[static_cast<size_t>(field)] = FieldMapping{std::move(paths), ""};
  };
  set(Field::kEmail, {"email"});
  set(Field::kCity, {"default_address.city"});
  set(Field::kStreet, {"addresses.0.city", "addresses.1.city"});
  set(Field::kAddress, {"default_address"});
  set(Field::kFullName, {"traits.first_name", "traits.last_name"});
  spec.extras.emplace_back("tags", FieldMapping{{"tags.0"}, ""});
  return spec;
}

struct Run {
  Status status;
  RecordTable table;
  std::vector<idforge::Reject> rejects;
  SourceReadStats stats;
};

Run ReadOnce(std::string_view text, const SourceSpec& spec, int threads, size_t chunk_bytes,
             size_t step) {
  Run run;
  run.table = RecordTable(std::vector<std::string>{"tags"});
  run.table.AddSource({.name = spec.name, .path = spec.path});
  ExecContext ctx(threads);
  StringInput input(text, step);
  idforge::ReadOptions options;
  options.chunk_bytes = chunk_bytes;
  options.window_bytes = chunk_bytes * 2;
  run.status = idforge::read::ReadJsonLines(spec, input, 0, options, run.table, ctx, run.stats);
  run.rejects = ctx.rejects().entries();
  return run;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > (size_t{1} << 16)) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const bool with_id = size > 0 && (data[0] & 1) != 0;
  const SourceSpec spec = MakeSpec(with_id);

  const Run one = ReadOnce(text, spec, 1, size_t{1} << 20, size_t{1} << 20);
  IDFORGE_CHECK(one.status.ok());
  IDFORGE_CHECK(one.table.Validate().ok());
  IDFORGE_CHECK(one.stats.accepted + one.stats.rejected == one.stats.records_read);
  IDFORGE_CHECK(one.stats.accepted == one.table.row_count());
  IDFORGE_CHECK(one.stats.rejected == one.rejects.size());
  IDFORGE_CHECK(one.stats.decoded_bytes == size);

  const size_t tiny_chunk = 1 + (size > 1 ? data[size - 1] % 64 : 0);
  const Run two = ReadOnce(text, spec, 2, tiny_chunk, 1 + size % 13);
  IDFORGE_CHECK(two.status.ok());
  IDFORGE_CHECK(two.table == one.table);
  IDFORGE_CHECK(two.rejects.size() == one.rejects.size());
  for (size_t i = 0; i < one.rejects.size(); ++i) {
    IDFORGE_CHECK(two.rejects[i].line == one.rejects[i].line);
    IDFORGE_CHECK(two.rejects[i].byte_offset == one.rejects[i].byte_offset);
    IDFORGE_CHECK(two.rejects[i].reason == one.rejects[i].reason);
    IDFORGE_CHECK(two.rejects[i].raw == one.rejects[i].raw);
  }
  IDFORGE_CHECK(two.stats.blank_lines == one.stats.blank_lines);
  return 0;
}
