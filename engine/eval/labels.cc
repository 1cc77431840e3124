// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
#include "engine/eval/labels.h"

#include <array>
#include <cstring>
#include <utility>
#include <vector>

#include "engine/eval/csv_rows.h"

namespace idforge::eval {

void RecordLabels::AppendKey(std::string& key, uint32_t source, std::string_view source_id) {
  char prefix[sizeof(uint32_t)];
  std::memcpy(prefix, &source, sizeof(prefix));
  key.assign(prefix, sizeof(prefix));
  key.append(source_id);
}

std::string_view RecordLabels::source(uint32_t row) const {
  uint32_t source_index = 0;
  std::memcpy(&source_index, keys_.Get(row).data(), sizeof(source_index));
  return sources_.Get(source_index);
}

Status RecordLabels::Add(std::string_view source, std::string_view source_id,
                         std::string_view label) {
  AppendKey(scratch_key_, sources_.Intern(source), source_id);
  bool added = false;
  keys_.Intern(scratch_key_, &added);
  if (!added) {
    return InvalidArgument("duplicate record (" + std::string(source) + ", " +
                           std::string(source_id) + ")");
  }
  labels_of_rows_.push_back(labels_.Intern(label));
  return Status::Ok();
}

std::optional<uint32_t> RecordLabels::Find(std::string_view source,
                                           std::string_view source_id) const {
  const std::optional<uint32_t> source_index = sources_.Find(source);
  if (!source_index) return std::nullopt;
  // Performance: Find() runs once per record when joining, so short keys (nearly all ids) are
  // built on the stack instead of in a heap-allocated string.
  constexpr size_t kStackKeyBytes = 64;
  const size_t key_size = sizeof(uint32_t) + source_id.size();
  if (key_size > kStackKeyBytes) {
    std::string key;
    AppendKey(key, *source_index, source_id);
    return keys_.Find(key);
  }
  char key[kStackKeyBytes];
  std::memcpy(key, &*source_index, sizeof(uint32_t));
  std::memcpy(key + sizeof(uint32_t), source_id.data(), source_id.size());
  return keys_.Find(std::string_view(key, key_size));
}

namespace {

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// Reads `path` into `out`, taking the label from the column named `label_column`.
template <typename Table>
Result<Table> LoadLabels(const std::string& path, std::string_view label_column) {
  IDFORGE_ASSIGN_OR_RETURN(CsvRowReader reader, CsvRowReader::Open(path));
  std::vector<std::string> fields;
  IDFORGE_ASSIGN_OR_RETURN(const bool has_header, reader.Next(fields));
  const std::array<std::string_view, 3> wanted = {"source", "source_id", label_column};
  if (!has_header) {
    return InvalidArgument(path + ": empty file; expected a header naming the columns source, " +
                           "source_id and " + std::string(label_column));
  }
  std::array<size_t, 3> column{};
  for (size_t want = 0; want < wanted.size(); ++want) {
    size_t found = fields.size();
    for (size_t col = 0; col < fields.size(); ++col) {
      if (Lower(fields[col]) != wanted[want]) continue;
      if (found != fields.size()) {
        return InvalidArgument(path + ":" + std::to_string(reader.record_line()) +
                               ": the header names column \"" + std::string(wanted[want]) +
                               "\" twice");
      }
      found = col;
    }
    if (found == fields.size()) {
      std::string header;
      for (const std::string& name : fields) header += (header.empty() ? "" : ",") + name;
      return InvalidArgument(path + ":" + std::to_string(reader.record_line()) +
                             ": missing column \"" + std::string(wanted[want]) +
                             "\"; the header must name source, source_id and " +
                             std::string(label_column) + " (found: " + header + ")");
    }
    column[want] = found;
  }
  const size_t field_count = fields.size();

  Table table;
  std::vector<uint64_t> lines;  // line of each row, only for duplicate messages
  for (;;) {
    IDFORGE_ASSIGN_OR_RETURN(const bool more, reader.Next(fields));
    if (!more) break;
    const std::string where = path + ":" + std::to_string(reader.record_line()) + ": ";
    if (fields.size() != field_count) {
      return InvalidArgument(where + "expected " + std::to_string(field_count) +
                             " fields (as in the header), found " + std::to_string(fields.size()));
    }
    const std::string& source = fields[column[0]];
    const std::string& source_id = fields[column[1]];
    const std::string& label = fields[column[2]];
    if (source_id.empty()) return InvalidArgument(where + "empty source_id");
    if (label.empty()) {
      return InvalidArgument(where + "empty " + std::string(label_column) +
                             "; give every record a label (a singleton gets its own id)");
    }
    if (!table.Add(source, source_id, label).ok()) {
      const std::optional<uint32_t> first = table.Find(source, source_id);
      return InvalidArgument(where + "duplicate record (source \"" + source + "\", source_id \"" +
                             source_id + "\"), first listed on line " +
                             std::to_string(first ? lines[*first] : 0));
    }
    lines.push_back(reader.record_line());
  }
  return table;
}

}  // namespace

Result<TruthTable> LoadTruth(const std::string& path) {
  return LoadLabels<TruthTable>(path, "entity_id");
}

Result<Crosswalk> LoadCrosswalk(const std::string& path) {
  return LoadLabels<Crosswalk>(path, "golden_id");
}

}  // namespace idforge::eval
