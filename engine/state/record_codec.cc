// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
#include "engine/state/record_codec.h"

#include "engine/common/hash.h"

namespace idforge::state {
namespace {

void PutValue(std::string& out, std::string_view value) {
  uint64_t size = value.size();
  while (size >= 0x80) {
    out.push_back(static_cast<char>((size & 0x7f) | 0x80));
    size >>= 7;
  }
  out.push_back(static_cast<char>(size));
  out.append(value);
}

// False when the bytes run out or a length is malformed.
bool GetValue(std::string_view& in, std::string_view& value) {
  uint64_t size = 0;
  for (int shift = 0;; shift += 7) {
    if (in.empty() || shift > 35) return false;
    const auto byte = static_cast<uint8_t>(in.front());
    in.remove_prefix(1);
    size |= static_cast<uint64_t>(byte & 0x7f) << shift;
    if ((byte & 0x80) == 0) break;
  }
  if (size > in.size()) return false;
  value = in.substr(0, size);
  in.remove_prefix(size);
  return true;
}

}  // namespace

void EncodeRecord(const RecordTable& table, uint32_t row, std::span<const int> extras,
                  std::string& out) {
  out.clear();
  PutValue(out, table.updated_at(row));
  for (Field field : AllFields()) PutValue(out, table.Get(field, row));
  for (int extra : extras) {
    PutValue(out, extra < 0 ? std::string_view() : table.extra(static_cast<size_t>(extra)).Get(row));
  }
}

uint64_t ContentHash(std::string_view encoded) { return HashKey(encoded); }

Status AppendDecodedRecord(std::string_view encoded, uint16_t source, std::string_view source_id,
                           uint64_t line, RecordTable& table) {
  std::string_view in = encoded;
  std::string_view values[kFieldCount + 1];
  for (std::string_view& value : values) {
    if (!GetValue(in, value)) return CorruptInput("state record " + std::string(source_id) + " is damaged");
  }
  // Carried fields are appended column by column below; check they decode first, so a damaged
  // record appends nothing.
  const size_t extra_count = table.extra_names().size();
  std::string_view rest = in;
  for (size_t extra = 0; extra < extra_count && !rest.empty(); ++extra) {
    std::string_view value;
    if (!GetValue(rest, value)) return CorruptInput("state record " + std::string(source_id) + " is damaged");
  }
  table.mutable_updated_at_column().Append(values[0]);
  for (Field field : AllFields()) table.mutable_field(field).Append(values[1 + static_cast<size_t>(field)]);
  for (size_t extra = 0; extra < extra_count; ++extra) {
    std::string_view value;
    if (!in.empty()) (void)GetValue(in, value);
    table.mutable_extra(extra).Append(value);
  }
  table.mutable_source_id_column().Append(source_id);
  table.AppendRowMeta(source, line);
  return Status::Ok();
}

}  // namespace idforge::state
