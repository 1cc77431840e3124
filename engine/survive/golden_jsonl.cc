// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// golden.jsonl: the golden records as JSON lines, for loaders that prefer JSON to CSV; formatted
// in parallel entity ranges written in order (engine/common/ordered_writer.h).
#include <charconv>
#include <string>
#include <vector>

#include "engine/common/atomic_file.h"
#include "engine/common/json_writer.h"
#include "engine/common/ordered_writer.h"
#include "engine/survive/survive.h"

namespace idforge::survive {
namespace {

constexpr uint64_t kEntitiesPerRange = 4096;

}  // namespace

Status WriteGoldenJsonl(const std::string& path, const RecordTable& raw, const GoldenTable& golden) {
  IDFORGE_ASSIGN_OR_RETURN(AtomicFile file, AtomicFile::Open(path));
  const size_t column_count = golden.columns.size();
  // Keys are escaped once, not per line.
  std::vector<std::string> keys(column_count);
  for (size_t column = 0; column < column_count; ++column) {
    keys[column] = ",";
    AppendJsonString(keys[column], ColumnName(raw, column));
    keys[column] += ':';
  }
  WriteRangesInOrder(
      file, golden.entity_count(), kEntitiesPerRange,
      [&](uint64_t begin, uint64_t end, std::string& out) {
        for (auto entity = static_cast<uint32_t>(begin); entity < end; ++entity) {
          out += "{\"golden_id\":";
          AppendJsonString(out, golden.golden_id.Get(entity));
          out += ",\"member_count\":";
          char digits[16];
          const auto [digits_end, error] =
              std::to_chars(digits, digits + sizeof(digits), golden.member_count[entity]);
          out.append(digits, digits_end);
          out += ",\"sources\":";
          AppendJsonStringArray(out, golden.sources.Get(entity), ';');
          for (size_t column = 0; column < column_count; ++column) {
            out += keys[column];
            const std::string_view value = golden.value(entity, column);
            if (value.empty()) {
              out += "null";
            } else {
              AppendJsonString(out, value);
            }
          }
          out += "}\n";
        }
      });
  return file.Commit();
}

}  // namespace idforge::survive
