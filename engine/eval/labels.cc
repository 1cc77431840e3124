// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
#include "engine/eval/labels.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <filesystem>
#include <system_error>
#include <utility>
#include <vector>

#include "engine/common/check.h"
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

uint32_t RecordLabels::SourceIndex(std::string_view source) {
  if (last_source_ == UINT32_MAX || sources_.Get(last_source_) != source) {
    last_source_ = sources_.Intern(source);
  }
  return last_source_;
}

Status RecordLabels::AddKeyed(std::string_view key, uint32_t key_hash, std::string_view label,
                              uint32_t label_hash) {
  bool added = false;
  keys_.Intern(key, key_hash, &added);
  if (!added) {
    uint32_t source_index = 0;
    std::memcpy(&source_index, key.data(), sizeof(source_index));
    return InvalidArgument("duplicate record (" + std::string(sources_.Get(source_index)) + ", " +
                           std::string(key.substr(sizeof(uint32_t))) + ")");
  }
  // A truth file lists an entity's records together: the previous label first.
  if (labels_of_rows_.empty() || labels_.Get(labels_of_rows_.back()) != label) {
    labels_of_rows_.push_back(labels_.Intern(label, label_hash));
  } else {
    labels_of_rows_.push_back(labels_of_rows_.back());
  }
  return Status::Ok();
}

Status RecordLabels::Add(std::string_view source, std::string_view source_id,
                         std::string_view label) {
  AppendKey(scratch_key_, SourceIndex(source), source_id);
  const uint32_t key_hash = Interner::Hash(scratch_key_);
  const uint32_t label_hash = Interner::Hash(label);
  // Performance: both home slots are requested before either is read, so a record costs about
  // one memory latency instead of two.
  keys_.Prefetch(key_hash);
  labels_.Prefetch(label_hash);
  return AddKeyed(scratch_key_, key_hash, label, label_hash);
}

Status RecordLabels::AddMany(std::span<const Record> records, size_t* added) {
  constexpr size_t kGroup = 16;
  std::array<std::string, kGroup> keys;
  std::array<uint32_t, kGroup> key_hashes{};
  std::array<uint32_t, kGroup> label_hashes{};
  *added = 0;
  for (size_t begin = 0; begin < records.size(); begin += kGroup) {
    const size_t count = std::min(kGroup, records.size() - begin);
    for (size_t idx = 0; idx < count; ++idx) {
      const Record& record = records[begin + idx];
      AppendKey(keys[idx], SourceIndex(record.source), record.source_id);
      key_hashes[idx] = Interner::Hash(keys[idx]);
      label_hashes[idx] = Interner::Hash(record.label);
      keys_.Prefetch(key_hashes[idx]);
      labels_.Prefetch(label_hashes[idx]);
    }
    for (size_t idx = 0; idx < count; ++idx) {
      IDFORGE_RETURN_IF_ERROR(
          AddKeyed(keys[idx], key_hashes[idx], records[begin + idx].label, label_hashes[idx]));
      ++*added;
    }
  }
  return Status::Ok();
}

void RecordLabels::Reserve(size_t records, size_t id_bytes) {
  keys_.Reserve(records, id_bytes + records * sizeof(uint32_t));
  labels_of_rows_.reserve(records);
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

void RecordLabels::FindMany(std::span<const std::string_view> sources,
                            std::span<const std::string_view> source_ids,
                            std::span<uint32_t> rows) const {
  IDFORGE_CHECK(sources.size() == source_ids.size() && sources.size() == rows.size());
  constexpr size_t kBatch = 256;
  std::string bytes;  // the batch's keys, back to back
  std::vector<size_t> key_begin;
  std::vector<size_t> key_rank;  // index in the batch of each key built (its source is known)
  std::vector<std::string_view> keys;
  std::vector<uint32_t> hashes;
  std::vector<uint32_t> ids;
  std::optional<uint32_t> source_index;
  std::string_view source_name;
  bool have_source = false;
  for (size_t begin = 0; begin < sources.size(); begin += kBatch) {
    const size_t end = std::min(sources.size(), begin + kBatch);
    bytes.clear();
    key_begin.clear();
    key_rank.clear();
    for (size_t idx = begin; idx < end; ++idx) {
      rows[idx] = kNotFound;
      if (!have_source || sources[idx] != source_name) {
        source_name = sources[idx];
        source_index = sources_.Find(source_name);
        have_source = true;
      }
      if (!source_index) continue;
      key_begin.push_back(bytes.size());
      key_rank.push_back(idx);
      char prefix[sizeof(uint32_t)];
      std::memcpy(prefix, &*source_index, sizeof(prefix));
      bytes.append(prefix, sizeof(prefix));
      bytes.append(source_ids[idx]);
    }
    key_begin.push_back(bytes.size());
    const size_t count = key_rank.size();
    keys.resize(count);
    hashes.resize(count);
    ids.resize(count);
    for (size_t key = 0; key < count; ++key) {
      keys[key] =
          std::string_view(bytes).substr(key_begin[key], key_begin[key + 1] - key_begin[key]);
      hashes[key] = Interner::Hash(keys[key]);
    }
    keys_.FindMany(keys, hashes, ids);
    for (size_t key = 0; key < count; ++key) rows[key_rank[key]] = ids[key];
  }
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
  // Rows are added a batch at a time (RecordLabels::AddMany()); the batch's three fields per row
  // live back to back in `text`.
  constexpr size_t kBatchRows = 1024;
  std::string text;
  std::vector<size_t> field_ends;  // 3 per row, offsets in `text`
  std::vector<uint64_t> batch_lines;
  std::vector<RecordLabels::Record> records;
  bool reserved = false;
  auto flush = [&]() -> Status {
    records.clear();
    size_t at = 0;
    for (size_t row = 0; row < batch_lines.size(); ++row) {
      std::array<std::string_view, 3> parts;
      for (size_t part = 0; part < parts.size(); ++part) {
        const size_t end = field_ends[row * parts.size() + part];
        parts[part] = std::string_view(text).substr(at, end - at);
        at = end;
      }
      records.push_back({parts[0], parts[1], parts[2]});
    }
    if (!reserved && !records.empty()) {
      // Size the tables once from the first batch: rows ~ file bytes / bytes per row so far.
      reserved = true;
      std::error_code error;
      const uintmax_t file_bytes = std::filesystem::file_size(path, error);
      if (!error && reader.offset() > 0) {
        const double rows_per_byte =
            static_cast<double>(records.size()) / static_cast<double>(reader.offset());
        const auto estimate = static_cast<size_t>(static_cast<double>(file_bytes) * rows_per_byte);
        size_t id_bytes = 0;
        for (const RecordLabels::Record& record : records) id_bytes += record.source_id.size();
        table.Reserve(estimate, estimate * (id_bytes / records.size() + 1));
      }
    }
    size_t added = 0;
    const Status status = table.AddMany(records, &added);
    lines.insert(lines.end(), batch_lines.begin(),
                 batch_lines.begin() + static_cast<std::ptrdiff_t>(added));
    if (!status.ok()) {
      const RecordLabels::Record& record = records[added];
      const std::optional<uint32_t> first = table.Find(record.source, record.source_id);
      return InvalidArgument(
          path + ":" + std::to_string(batch_lines[added]) + ": duplicate record (source \"" +
          std::string(record.source) + "\", source_id \"" + std::string(record.source_id) +
          "\"), first listed on line " + std::to_string(first ? lines[*first] : 0));
    }
    text.clear();
    field_ends.clear();
    batch_lines.clear();
    return Status::Ok();
  };
  for (;;) {
    IDFORGE_ASSIGN_OR_RETURN(const bool more, reader.Next(fields));
    if (!more) break;
    // Built only for an error message: a per-row string would cost more than the parse.
    auto where = [&] { return path + ":" + std::to_string(reader.record_line()) + ": "; };
    const bool wrong_count = fields.size() != field_count;
    if (wrong_count || fields[column[1]].empty() || fields[column[2]].empty()) {
      IDFORGE_RETURN_IF_ERROR(flush());  // an earlier row's error comes first
      if (wrong_count) {
        return InvalidArgument(where() + "expected " + std::to_string(field_count) +
                               " fields (as in the header), found " +
                               std::to_string(fields.size()));
      }
      if (fields[column[1]].empty()) return InvalidArgument(where() + "empty source_id");
      return InvalidArgument(where() + "empty " + std::string(label_column) +
                             "; give every record a label (a singleton gets its own id)");
    }
    for (const size_t col : column) {
      text += fields[col];
      field_ends.push_back(text.size());
    }
    batch_lines.push_back(reader.record_line());
    if (batch_lines.size() == kBatchRows) IDFORGE_RETURN_IF_ERROR(flush());
  }
  IDFORGE_RETURN_IF_ERROR(flush());
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
