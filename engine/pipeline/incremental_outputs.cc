// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Outputs of an incremental run, written from the state tables so they always describe the whole
// current state, not only what this run touched. Golden records are stored as their golden.csv
// and golden_provenance.csv lines: writing the files is then one scan.
#include <cmath>
#include <cstdio>
#include <filesystem>

#include "engine/common/atomic_file.h"
#include "engine/pipeline/incremental_session.h"
#include "engine/report/csv_writer.h"

namespace idforge::pipeline {
namespace {

constexpr size_t kFlushBytes = size_t{1} << 20;

std::string JoinPath(const std::string& dir, std::string_view file) {
  return (std::filesystem::path(dir) / file).string();
}

}  // namespace

std::string GoldenHeader(const RecordTable& raw, const survive::GoldenTable& golden) {
  std::string header = "golden_id,member_count,sources";
  for (size_t column = 0; column < golden.columns.size(); ++column) {
    header.push_back(',');
    report::AppendCsvField(header, survive::ColumnName(raw, column));
  }
  return header;
}

void FormatGolden(const RecordTable& raw, const survive::GoldenTable& golden, uint32_t entity,
                  std::string& line, std::string& provenance) {
  line.clear();
  provenance.clear();
  report::AppendCsvField(line, golden.golden_id.Get(entity));
  line += ',' + std::to_string(golden.member_count[entity]) + ',';
  report::AppendCsvField(line, golden.sources.Get(entity));
  for (size_t column = 0; column < golden.columns.size(); ++column) {
    line.push_back(',');
    report::AppendCsvField(line, golden.value(entity, column));
  }
  for (const survive::Provenance& entry : golden.provenance_of(entity)) {
    report::AppendCsvField(provenance, golden.golden_id.Get(entity));
    provenance.push_back(',');
    report::AppendCsvField(provenance, survive::ColumnName(raw, entry.column));
    provenance.push_back(',');
    report::AppendCsvField(provenance, raw.sources()[raw.source(entry.row)].name);
    provenance.push_back(',');
    report::AppendCsvField(provenance, raw.source_id(entry.row));
    provenance.push_back(',');
    provenance += survive::DecisionName(entry.decision);
    provenance.push_back('\n');
  }
}

Status WriteStateOutputs(Session& session, const std::vector<ChangeEvent>& events,
                         const std::string& out_dir, std::vector<std::string>& written) {
  IDFORGE_RETURN_IF_ERROR(EnsureDirectory(out_dir));
  IDFORGE_ASSIGN_OR_RETURN(std::optional<std::string> header, session.store.GetMeta(kMetaGoldenHeader));
  {
    const std::string path = JoinPath(out_dir, "golden.csv");
    const std::string provenance_path = JoinPath(out_dir, "golden_provenance.csv");
    IDFORGE_ASSIGN_OR_RETURN(AtomicFile golden, AtomicFile::Open(path));
    IDFORGE_ASSIGN_OR_RETURN(AtomicFile provenance, AtomicFile::Open(provenance_path));
    std::string golden_buffer = header.value_or("golden_id") + "\n";
    std::string provenance_buffer = "golden_id,field,source,source_id,rule\n";
    IDFORGE_RETURN_IF_ERROR(session.store.ForEachGolden([&](std::string_view line, std::string_view lines) {
      golden_buffer.append(line);
      golden_buffer.push_back('\n');
      provenance_buffer.append(lines);
      if (golden_buffer.size() >= kFlushBytes) {
        golden.Write(golden_buffer);
        golden_buffer.clear();
      }
      if (provenance_buffer.size() >= kFlushBytes) {
        provenance.Write(provenance_buffer);
        provenance_buffer.clear();
      }
    }));
    golden.Write(golden_buffer);
    provenance.Write(provenance_buffer);
    IDFORGE_RETURN_IF_ERROR(golden.Commit());
    IDFORGE_RETURN_IF_ERROR(provenance.Commit());
    written.push_back(path);
    written.push_back(provenance_path);
  }
  {
    const std::string path = JoinPath(out_dir, "crosswalk.csv");
    IDFORGE_ASSIGN_OR_RETURN(AtomicFile file, AtomicFile::Open(path));
    std::string buffer = "source,source_id,golden_id,match_probability\n";
    IDFORGE_RETURN_IF_ERROR(session.store.ForEachCrosswalkRow(
        [&](std::string_view source, std::string_view id, std::string_view golden_id, double weight) {
          report::AppendCsvField(buffer, source);
          buffer.push_back(',');
          report::AppendCsvField(buffer, id);
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
        }));
    file.Write(buffer);
    IDFORGE_RETURN_IF_ERROR(file.Commit());
    written.push_back(path);
  }
  {
    const std::string path = JoinPath(out_dir, "changes.csv");
    IDFORGE_ASSIGN_OR_RETURN(AtomicFile file, AtomicFile::Open(path));
    std::string buffer = "event,golden_id,other_golden_id,source,source_id\n";
    for (const ChangeEvent& event : events) {
      buffer.append(event.event);
      for (std::string_view value : {std::string_view(event.golden_id), std::string_view(event.other_golden_id),
                                     std::string_view(event.source), std::string_view(event.source_id)}) {
        buffer.push_back(',');
        report::AppendCsvField(buffer, value);
      }
      buffer.push_back('\n');
      if (buffer.size() >= kFlushBytes) {
        file.Write(buffer);
        buffer.clear();
      }
    }
    file.Write(buffer);
    IDFORGE_RETURN_IF_ERROR(file.Commit());
    written.push_back(path);
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
