// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// golden.csv and golden_provenance.csv, quoted by the shared CSV writer (engine/common).
#include <string>

#include "engine/common/atomic_file.h"
#include "engine/common/csv_writer.h"
#include "engine/survive/survive.h"

namespace idforge::survive {
namespace {

// Performance: rows are built in one buffer and handed to AtomicFile in ~1 MiB writes.
constexpr size_t kFlushBytes = size_t{1} << 20;

}  // namespace

Status WriteGoldenCsv(const std::string& path, const RecordTable& raw, const GoldenTable& golden) {
  IDFORGE_ASSIGN_OR_RETURN(AtomicFile file, AtomicFile::Open(path));
  const size_t column_count = golden.columns.size();
  std::string buffer = "golden_id,member_count,sources";
  for (size_t column = 0; column < column_count; ++column) {
    buffer.push_back(',');
    AppendCsvField(buffer, ColumnName(raw, column));
  }
  buffer.push_back('\n');
  for (uint32_t entity = 0; entity < golden.entity_count(); ++entity) {
    AppendCsvField(buffer, golden.golden_id.Get(entity));
    buffer.push_back(',');
    buffer += std::to_string(golden.member_count[entity]);
    buffer.push_back(',');
    AppendCsvField(buffer, golden.sources.Get(entity));
    for (size_t column = 0; column < column_count; ++column) {
      buffer.push_back(',');
      AppendCsvField(buffer, golden.value(entity, column));
    }
    buffer.push_back('\n');
    if (buffer.size() >= kFlushBytes) {
      file.Write(buffer);
      buffer.clear();
    }
  }
  file.Write(buffer);
  return file.Commit();
}

Status WriteProvenanceCsv(const std::string& path, const RecordTable& raw,
                          const GoldenTable& golden) {
  IDFORGE_ASSIGN_OR_RETURN(AtomicFile file, AtomicFile::Open(path));
  std::string buffer = "golden_id,field,source,source_id,rule\n";
  for (uint32_t entity = 0; entity < golden.entity_count(); ++entity) {
    for (const Provenance& entry : golden.provenance_of(entity)) {
      AppendCsvField(buffer, golden.golden_id.Get(entity));
      buffer.push_back(',');
      AppendCsvField(buffer, ColumnName(raw, entry.column));
      buffer.push_back(',');
      AppendCsvField(buffer, raw.sources()[raw.source(entry.row)].name);
      buffer.push_back(',');
      AppendCsvField(buffer, raw.source_id(entry.row));
      buffer.push_back(',');
      buffer += DecisionName(entry.decision);
      buffer.push_back('\n');
    }
    if (buffer.size() >= kFlushBytes) {
      file.Write(buffer);
      buffer.clear();
    }
  }
  file.Write(buffer);
  return file.Commit();
}

}  // namespace idforge::survive
