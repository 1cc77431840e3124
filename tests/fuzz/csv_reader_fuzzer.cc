// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// libFuzzer target for ReadCsv: the input bytes are a CSV source mapped id-less onto its first
// header columns. Checks invariants, not only "no crash": the table validates, every record is
// accepted or rejected, and parallel tiny-chunk parsing equals the one-thread result.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "engine/common/check.h"
#include "engine/read/memory_input.h"
#include "engine/read/csv_reader.h"

namespace idforge {
namespace {

struct Run {
  Status status;
  RecordTable table;
  std::vector<Reject> rejects;
  SourceReadStats stats;
};

Run ReadWith(std::string_view csv, const SourceSpec& spec, int threads, size_t chunk,
             size_t window, size_t step) {
  Run run;
  ExecContext ctx(threads);
  run.table.AddSource(SourceInfo{});
  read::MemoryInputStream input(csv, step);
  const ReadOptions options{.chunk_bytes = chunk, .window_bytes = window};
  run.status = read::ReadCsv(spec, input, 0, options, run.table, ctx, run.stats);
  run.rejects = ctx.rejects().entries();
  return run;
}

bool SameRejects(const std::vector<Reject>& a, const std::vector<Reject>& b) {
  if (a.size() != b.size()) return false;
  for (size_t index = 0; index < a.size(); ++index) {
    if (a[index].line != b[index].line || a[index].byte_offset != b[index].byte_offset ||
        a[index].reason != b[index].reason || a[index].raw != b[index].raw ||
        a[index].detail != b[index].detail) {
      return false;
    }
  }
  return true;
}

}  // namespace
}  // namespace idforge

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace idforge;  // NOLINT(google-build-using-namespace): harness entry point
  const std::string_view csv(reinterpret_cast<const char*>(data), size);
  // The first byte picks options, so the fuzzer explores trim and explicit delimiters too.
  const uint8_t knob = size > 0 ? data[0] : 0;
  SourceSpec spec;
  spec.name = "fuzz";
  spec.path = "fuzz.csv";
  spec.trim = (knob & 1) != 0;
  if ((knob & 6) == 2) spec.delimiter = ';';
  // Needs a header with at least these columns to get past mapping; the names are unlikely in
  // random bytes, so map by position instead: the first two columns of whatever header there is.
  // A header is only known after reading, so read once with no mapping to learn it.
  const Run probe = ReadWith(csv, spec, 1, size_t{1} << 20, size_t{1} << 20, size);
  if (probe.status.ok() && !probe.stats.unmapped_columns.empty()) {
    const std::vector<std::string>& header = probe.stats.unmapped_columns;
    spec.fields[static_cast<size_t>(Field::kFirstName)] = FieldMapping{{header[0]}, ""};
    if (header.size() > 1) {
      spec.fields[static_cast<size_t>(Field::kEmail)] = FieldMapping{{header[1], header[0]}, ""};
    }
  }
  const Run serial = ReadWith(csv, spec, 1, size_t{1} << 20, size_t{1} << 20, size + 1);
  if (!serial.status.ok()) {
    // Only a header that cannot be read, or an ambiguous loose header match, may fail.
    IDFORGE_CHECK(serial.status.code() == StatusCode::kInvalidArgument);
    return 0;
  }
  IDFORGE_CHECK(serial.table.Validate().ok());
  IDFORGE_CHECK(serial.stats.accepted + serial.stats.rejected == serial.stats.records_read);
  IDFORGE_CHECK(serial.table.row_count() == serial.stats.accepted);
  IDFORGE_CHECK(serial.rejects.size() == serial.stats.rejected);
  IDFORGE_CHECK(serial.stats.decoded_bytes == size);
  for (const auto& [chunk, window] : {std::pair<size_t, size_t>{1, 7}, {16, 64}, {64, 1 << 20}}) {
    const Run parallel = ReadWith(csv, spec, 2, chunk, window, 5);
    IDFORGE_CHECK(parallel.status.ok());
    IDFORGE_CHECK(parallel.table == serial.table);
    IDFORGE_CHECK(SameRejects(parallel.rejects, serial.rejects));
    IDFORGE_CHECK(parallel.stats.blank_lines == serial.stats.blank_lines);
  }
  return 0;
}
