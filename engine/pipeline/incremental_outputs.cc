// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Outputs of an incremental run, written from the state tables so they always describe the whole
// current state, not only what this run touched. Golden records are stored as their golden.csv
// and golden_provenance.csv lines: writing the files is then one scan.
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <vector>

#include "engine/common/atomic_file.h"
#include "engine/common/csv_writer.h"
#include "engine/common/json_writer.h"
#include "engine/pipeline/incremental_session.h"
#include "engine/pipeline/run_paths.h"

namespace idforge::pipeline {
namespace {

constexpr size_t kFlushBytes = size_t{1} << 20;

// The fields of one CSV record as AppendCsvField writes them (RFC 4180 quoting; a quoted
// field may hold commas, quotes and newlines).
void SplitCsvRecord(std::string_view record, std::vector<std::string>& fields) {
  fields.clear();
  fields.emplace_back();
  bool quoted = false;
  for (size_t pos = 0; pos < record.size(); ++pos) {
    const char c = record[pos];
    if (quoted) {
      if (c != '"') {
        fields.back().push_back(c);
      } else if (pos + 1 < record.size() && record[pos + 1] == '"') {
        fields.back().push_back('"');
        ++pos;
      } else {
        quoted = false;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields.emplace_back();
    } else {
      fields.back().push_back(c);
    }
  }
}

// One golden.jsonl line from a stored golden.csv line, byte for byte as
// survive::WriteGoldenJsonl writes it: golden_id, member_count as a number, sources as an array,
// then every other column by its header name, null when empty. `keys[c]` is `,"name":` of
// column c (c >= 3).
void AppendGoldenJson(const std::vector<std::string>& keys, const std::vector<std::string>& fields,
                      std::string& out) {
  auto field = [&](size_t c) {
    return c < fields.size() ? std::string_view(fields[c]) : std::string_view();
  };
  out += "{\"golden_id\":";
  AppendJsonString(out, field(0));
  out += ",\"member_count\":";
  out += field(1);
  out += ",\"sources\":";
  AppendJsonStringArray(out, field(2), ';');
  for (size_t c = 3; c < keys.size(); ++c) {
    out += keys[c];
    if (field(c).empty()) {
      out += "null";
    } else {
      AppendJsonString(out, field(c));
    }
  }
  out += "}\n";
}

}  // namespace

std::string GoldenHeader(const RecordTable& raw, const survive::GoldenTable& golden) {
  std::string header = "golden_id,member_count,sources";
  for (size_t column = 0; column < golden.columns.size(); ++column) {
    header.push_back(',');
    AppendCsvField(header, survive::ColumnName(raw, column));
  }
  return header;
}

void FormatGolden(const RecordTable& raw, const survive::GoldenTable& golden, uint32_t entity,
                  std::string& line, std::string& provenance) {
  line.clear();
  provenance.clear();
  AppendCsvField(line, golden.golden_id.Get(entity));
  line += ',' + std::to_string(golden.member_count[entity]) + ',';
  AppendCsvField(line, golden.sources.Get(entity));
  for (size_t column = 0; column < golden.columns.size(); ++column) {
    line.push_back(',');
    AppendCsvField(line, golden.value(entity, column));
  }
  for (size_t column = 0; column < golden.columns.size(); ++column) {
    const uint32_t row = golden.columns[column].row(entity);
    if (row == survive::GoldenColumn::kNoRow) continue;  // empty values have no provenance
    AppendCsvField(provenance, golden.golden_id.Get(entity));
    provenance.push_back(',');
    AppendCsvField(provenance, survive::ColumnName(raw, column));
    provenance.push_back(',');
    AppendCsvField(provenance, raw.sources()[raw.source(row)].name);
    provenance.push_back(',');
    AppendCsvField(provenance, raw.source_id(row));
    provenance.push_back(',');
    provenance += survive::DecisionName(golden.columns[column].decision(entity));
    provenance.push_back('\n');
  }
}

Status WriteStateOutputs(Session& session, const std::vector<ChangeEvent>& events,
                         const OutputSpec& output, const std::string& out_dir,
                         std::vector<std::string>& written) {
  IDFORGE_RETURN_IF_ERROR(EnsureDirectory(out_dir));
  IDFORGE_ASSIGN_OR_RETURN(std::optional<std::string> header, session.store.GetMeta(kMetaGoldenHeader));
  {
    const std::string path = JoinPath(out_dir, "golden.csv");
    const std::string jsonl_path = JoinPath(out_dir, "golden.jsonl");
    const std::string provenance_path = JoinPath(out_dir, "golden_provenance.csv");
    std::optional<AtomicFile> golden;
    std::optional<AtomicFile> jsonl;
    if (output.golden_csv) {
      IDFORGE_ASSIGN_OR_RETURN(AtomicFile file, AtomicFile::Open(path));
      golden.emplace(std::move(file));
    }
    if (output.golden_jsonl) {
      IDFORGE_ASSIGN_OR_RETURN(AtomicFile file, AtomicFile::Open(jsonl_path));
      jsonl.emplace(std::move(file));
    }
    IDFORGE_ASSIGN_OR_RETURN(AtomicFile provenance, AtomicFile::Open(provenance_path));
    std::vector<std::string> keys;  // golden.jsonl keys, escaped once
    SplitCsvRecord(header.value_or("golden_id"), keys);
    for (std::string& key : keys) {
      std::string escaped = ",";
      AppendJsonString(escaped, key);
      key = escaped + ':';
    }
    std::string golden_buffer = header.value_or("golden_id") + "\n";
    std::string jsonl_buffer;
    std::string provenance_buffer = "golden_id,field,source,source_id,rule\n";
    std::vector<std::string> fields;
    IDFORGE_RETURN_IF_ERROR(session.store.ForEachGolden([&](std::string_view line, std::string_view lines) {
      if (golden) {
        golden_buffer.append(line);
        golden_buffer.push_back('\n');
        if (golden_buffer.size() >= kFlushBytes) {
          golden->Write(golden_buffer);
          golden_buffer.clear();
        }
      }
      if (jsonl) {
        SplitCsvRecord(line, fields);
        AppendGoldenJson(keys, fields, jsonl_buffer);
        if (jsonl_buffer.size() >= kFlushBytes) {
          jsonl->Write(jsonl_buffer);
          jsonl_buffer.clear();
        }
      }
      provenance_buffer.append(lines);
      if (provenance_buffer.size() >= kFlushBytes) {
        provenance.Write(provenance_buffer);
        provenance_buffer.clear();
      }
    }));
    if (golden) {
      golden->Write(golden_buffer);
      IDFORGE_RETURN_IF_ERROR(golden->Commit());
      written.push_back(path);
    }
    if (jsonl) {
      jsonl->Write(jsonl_buffer);
      IDFORGE_RETURN_IF_ERROR(jsonl->Commit());
      written.push_back(jsonl_path);
    }
    provenance.Write(provenance_buffer);
    IDFORGE_RETURN_IF_ERROR(provenance.Commit());
    written.push_back(provenance_path);
  }
  {
    const std::string path = JoinPath(out_dir, "crosswalk.csv");
    const std::string changes_path = JoinPath(out_dir, "changes.csv");
    IDFORGE_ASSIGN_OR_RETURN(AtomicFile file, AtomicFile::Open(path));
    IDFORGE_ASSIGN_OR_RETURN(AtomicFile changes, AtomicFile::Open(changes_path));
    std::string buffer = "source,source_id,golden_id,match_probability\n";
    std::string changes_buffer = "event,golden_id,other_golden_id,source,source_id\n";
    IDFORGE_RETURN_IF_ERROR(session.store.ForEachCrosswalkRow(
        [&](std::string_view source, std::string_view id, std::string_view golden_id, double weight) {
          AppendCsvField(buffer, source);
          buffer.push_back(',');
          AppendCsvField(buffer, id);
          buffer.push_back(',');
          buffer.append(golden_id);
          char probability[32];
          std::snprintf(probability, sizeof(probability), ",%.6f\n",
                        std::isinf(weight) ? 1.0 : match::ProbabilityFromWeight(weight));
          buffer += probability;
          if (buffer.size() >= kFlushBytes) {
            file.Write(buffer);
            buffer.clear();
          }
          if (!session.first_run) return;
          changes_buffer += "created,";
          AppendCsvField(changes_buffer, golden_id);
          changes_buffer += ",,";
          AppendCsvField(changes_buffer, source);
          changes_buffer.push_back(',');
          AppendCsvField(changes_buffer, id);
          changes_buffer.push_back('\n');
          if (changes_buffer.size() >= kFlushBytes) {
            changes.Write(changes_buffer);
            changes_buffer.clear();
          }
        }));
    file.Write(buffer);
    IDFORGE_RETURN_IF_ERROR(file.Commit());
    written.push_back(path);
    for (const ChangeEvent& event : events) {
      changes_buffer.append(event.event);
      for (std::string_view value : {std::string_view(event.golden_id), std::string_view(event.other_golden_id),
                                     std::string_view(event.source), std::string_view(event.source_id)}) {
        changes_buffer.push_back(',');
        AppendCsvField(changes_buffer, value);
      }
      changes_buffer.push_back('\n');
      if (changes_buffer.size() >= kFlushBytes) {
        changes.Write(changes_buffer);
        changes_buffer.clear();
      }
    }
    changes.Write(changes_buffer);
    IDFORGE_RETURN_IF_ERROR(changes.Commit());
    written.push_back(changes_path);
  }
  {
    const std::string path = JoinPath(out_dir, "model.json");
    IDFORGE_ASSIGN_OR_RETURN(AtomicFile file, AtomicFile::Open(path));
    file.Write(session.model.ToJson());
    IDFORGE_RETURN_IF_ERROR(file.Commit());
    written.push_back(path);
  }
  return Status::Ok();
}

}  // namespace idforge::pipeline
