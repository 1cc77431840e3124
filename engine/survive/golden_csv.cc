// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// golden.csv and golden_provenance.csv, quoted by the shared CSV writer (engine/common) and
// formatted in parallel entity ranges written in order (engine/common/ordered_writer.h).
#include <charconv>
#include <string>
#include <vector>

#include "engine/common/atomic_file.h"
#include "engine/common/csv_writer.h"
#include "engine/common/ordered_writer.h"
#include "engine/survive/survive.h"

namespace idforge::survive {
namespace {

// Entities per formatted range: ~1 MiB of golden.csv, ~2 MiB of provenance at 1 M records.
constexpr uint64_t kEntitiesPerRange = 4096;

void AppendUint(std::string& out, uint32_t value) {
  char digits[16];
  const auto [end, error] = std::to_chars(digits, digits + sizeof(digits), value);
  out.append(digits, end);
}

// `text` as a CSV field followed by `suffix`, for values repeated on many rows.
std::string CsvCell(std::string_view text, std::string_view suffix) {
  std::string cell;
  AppendCsvField(cell, text);
  cell += suffix;
  return cell;
}

}  // namespace

Status WriteGoldenCsv(const std::string& path, const RecordTable& raw, const GoldenTable& golden) {
  IDFORGE_ASSIGN_OR_RETURN(AtomicFile file, AtomicFile::Open(path));
  const size_t column_count = golden.columns.size();
  std::string header = "golden_id,member_count,sources";
  for (size_t column = 0; column < column_count; ++column) {
    header.push_back(',');
    AppendCsvField(header, ColumnName(raw, column));
  }
  header.push_back('\n');
  file.Write(header);
  WriteRangesInOrder(file, golden.entity_count(), kEntitiesPerRange,
                     [&](uint64_t begin, uint64_t end, std::string& out) {
                       for (auto entity = static_cast<uint32_t>(begin); entity < end; ++entity) {
                         AppendCsvField(out, golden.golden_id.Get(entity));
                         out.push_back(',');
                         AppendUint(out, golden.member_count[entity]);
                         out.push_back(',');
                         AppendCsvField(out, golden.sources.Get(entity));
                         for (size_t column = 0; column < column_count; ++column) {
                           out.push_back(',');
                           AppendCsvField(out, golden.value(entity, column));
                         }
                         out.push_back('\n');
                       }
                     });
  return file.Commit();
}

Status WriteProvenanceCsv(const std::string& path, const RecordTable& raw,
                          const GoldenTable& golden) {
  IDFORGE_ASSIGN_OR_RETURN(AtomicFile file, AtomicFile::Open(path));
  file.Write("golden_id,field,source,source_id,rule\n");
  // Performance: what repeats on every row is quoted once: field names, source names, rules.
  const auto column_count = static_cast<uint32_t>(golden.columns.size());
  std::vector<std::string> field_cells(column_count);
  for (uint32_t column = 0; column < column_count; ++column) {
    field_cells[column] = CsvCell(ColumnName(raw, column), ",");
  }
  std::vector<std::string> source_cells;
  for (const SourceInfo& source : raw.sources()) source_cells.push_back(CsvCell(source.name, ","));
  std::vector<std::string> rule_cells;
  for (auto decision = static_cast<uint8_t>(Decision::kValidOnly);
       decision <= static_cast<uint8_t>(Decision::kOnlyValue); ++decision) {
    rule_cells.push_back(std::string(DecisionName(static_cast<Decision>(decision))) + "\n");
  }
  WriteRangesInOrder(
      file, golden.entity_count(), kEntitiesPerRange,
      [&](uint64_t begin, uint64_t end, std::string& out) {
        std::string id_cell;
        std::string record_cell;  // "source,source_id," of record_row
        uint32_t record_row = GoldenColumn::kNoRow;
        for (auto entity = static_cast<uint32_t>(begin); entity < end; ++entity) {
          id_cell.clear();
          AppendCsvField(id_cell, golden.golden_id.Get(entity));
          id_cell.push_back(',');
          for (uint32_t column = 0; column < column_count; ++column) {
            const GoldenColumn& values = golden.columns[column];
            const uint32_t row = values.row(entity);
            if (row == GoldenColumn::kNoRow) continue;
            // Performance: most values of an entity come from one record; quote it once.
            if (row != record_row) {
              record_row = row;
              record_cell = source_cells[raw.source(row)];
              AppendCsvField(record_cell, raw.source_id(row));
              record_cell.push_back(',');
            }
            out += id_cell;
            out += field_cells[column];
            out += record_cell;
            out += rule_cells[static_cast<size_t>(values.decision(entity))];
          }
        }
      });
  return file.Commit();
}

}  // namespace idforge::survive
