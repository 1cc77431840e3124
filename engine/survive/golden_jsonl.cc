// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// golden.jsonl: the golden records as JSON lines, for loaders that prefer JSON to CSV.
#include <string>

#include "engine/common/atomic_file.h"
#include "engine/common/json_writer.h"
#include "engine/survive/survive.h"

namespace idforge::survive {
namespace {

constexpr size_t kFlushBytes = size_t{1} << 20;

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
  std::string buffer;
  for (uint32_t entity = 0; entity < golden.entity_count(); ++entity) {
    buffer += "{\"golden_id\":";
    AppendJsonString(buffer, golden.golden_id.Get(entity));
    buffer += ",\"member_count\":";
    buffer += std::to_string(golden.member_count[entity]);
    buffer += ",\"sources\":[";
    const std::string_view sources = golden.sources.Get(entity);
    for (size_t begin = 0; begin < sources.size();) {
      size_t end = sources.find(';', begin);
      if (end == std::string_view::npos) end = sources.size();
      if (begin > 0) buffer += ',';
      AppendJsonString(buffer, sources.substr(begin, end - begin));
      begin = end + 1;
    }
    buffer += ']';
    for (size_t column = 0; column < column_count; ++column) {
      buffer += keys[column];
      const std::string_view value = golden.value(entity, column);
      if (value.empty()) {
        buffer += "null";
      } else {
        AppendJsonString(buffer, value);
      }
    }
    buffer += "}\n";
    if (buffer.size() >= kFlushBytes) {
      file.Write(buffer);
      buffer.clear();
    }
  }
  file.Write(buffer);
  return file.Commit();
}

}  // namespace idforge::survive
