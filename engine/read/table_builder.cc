// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
#include "engine/read/table_builder.h"

#include <algorithm>

#include "engine/common/hash.h"

namespace idforge::read {
namespace {

// Index of `name` in `names`: exact match first, then a unique HeaderKey() match; -1 if none.
// -2 when the loose match is ambiguous.
int64_t FindColumn(std::span<const std::string> names, std::string_view name) {
  for (size_t i = 0; i < names.size(); ++i) {
    if (names[i] == name) return static_cast<int64_t>(i);
  }
  const std::string key = HeaderKey(name);
  int64_t found = -1;
  for (size_t i = 0; i < names.size(); ++i) {
    if (HeaderKey(names[i]) == key) {
      if (found >= 0) return -2;
      found = static_cast<int64_t>(i);
    }
  }
  return found;
}

std::string ListColumns(std::span<const std::string> header) {
  std::string out;
  for (size_t i = 0; i < header.size() && i < 40; ++i) {
    if (i > 0) out += ", ";
    out += '"' + header[i] + '"';
  }
  if (header.size() > 40) out += ", ...";
  return out;
}

// Calls fn(kind, index, mapping, label) for every mapped table column of `spec`.
template <typename Fn>
Status ForEachTarget(const SourceSpec& spec, std::span<const std::string> extra_names, Fn&& fn) {
  using Kind = SourceLayout::Target::Kind;
  if (!spec.id_column.empty()) {
    IDFORGE_RETURN_IF_ERROR(fn(Kind::kSourceId, 0, FieldMapping{{spec.id_column}, ""}, "id"));
  }
  if (!spec.updated_at_column.empty()) {
    IDFORGE_RETURN_IF_ERROR(
        fn(Kind::kUpdatedAt, 0, FieldMapping{{spec.updated_at_column}, ""}, "updated_at"));
  }
  for (size_t f = 0; f < kFieldCount; ++f) {
    if (!spec.fields[f]) continue;
    IDFORGE_RETURN_IF_ERROR(fn(Kind::kField, static_cast<uint32_t>(f), *spec.fields[f],
                               "fields." + std::string(FieldName(static_cast<Field>(f)))));
  }
  for (const auto& [name, mapping] : spec.extras) {
    auto it = std::find(extra_names.begin(), extra_names.end(), name);
    if (it == extra_names.end()) return Internal("carried field " + name + " is not in the table");
    IDFORGE_RETURN_IF_ERROR(fn(Kind::kExtra, static_cast<uint32_t>(it - extra_names.begin()),
                               mapping, "fields." + name));
  }
  return Status::Ok();
}

}  // namespace

std::string HeaderKey(std::string_view name) {
  std::string key;
  key.reserve(name.size());
  for (char c : name) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x80) {
      key.push_back(c);
    } else if (c >= 'A' && c <= 'Z') {
      key.push_back(static_cast<char>(c - 'A' + 'a'));
    } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      key.push_back(c);
    }
  }
  return key;
}

Result<SourceLayout> SourceLayout::ForHeader(const SourceSpec& spec,
                                             std::span<const std::string> header,
                                             std::span<const std::string> table_extra_names) {
  SourceLayout layout;
  layout.extra_count_ = table_extra_names.size();
  layout.column_to_needed_.assign(header.size(), -1);
  Status status = ForEachTarget(
      spec, table_extra_names,
      [&](Target::Kind kind, uint32_t index, const FieldMapping& mapping,
          const std::string& label) -> Status {
        Target target{kind, index, {}};
        for (const std::string& column : mapping.columns) {
          const int64_t found = FindColumn(header, column);
          if (found < 0) {
            return InvalidArgument(
                spec.path + ": source \"" + spec.name + "\" " + label + ": column \"" + column +
                "\" " + (found == -2 ? "matches several header columns" : "is not in the header") +
                "; the header has " + ListColumns(header) +
                ". Fix the column name in the job file.");
          }
          int32_t& needed = layout.column_to_needed_[static_cast<size_t>(found)];
          if (needed < 0) {
            needed = static_cast<int32_t>(layout.needed_.size());
            layout.needed_.push_back(header[static_cast<size_t>(found)]);
          }
          target.needed.push_back(static_cast<uint32_t>(needed));
        }
        if (kind == Target::Kind::kSourceId) layout.id_needed_ = static_cast<int32_t>(target.needed[0]);
        layout.targets_.push_back(std::move(target));
        return Status::Ok();
      });
  if (!status.ok()) return status;
  for (size_t column = 0; column < header.size(); ++column) {
    if (layout.column_to_needed_[column] < 0) layout.unmapped_.push_back(header[column]);
  }
  layout.FindUntargeted();
  return layout;
}

Result<SourceLayout> SourceLayout::ForJsonPaths(const SourceSpec& spec,
                                                std::span<const std::string> table_extra_names) {
  SourceLayout layout;
  layout.extra_count_ = table_extra_names.size();
  Status status = ForEachTarget(
      spec, table_extra_names,
      [&](Target::Kind kind, uint32_t index, const FieldMapping& mapping,
          const std::string&) -> Status {
        Target target{kind, index, {}};
        for (const std::string& path : mapping.columns) {
          auto it = std::find(layout.needed_.begin(), layout.needed_.end(), path);
          if (it == layout.needed_.end()) {
            layout.needed_.push_back(path);
            it = layout.needed_.end() - 1;
          }
          target.needed.push_back(static_cast<uint32_t>(it - layout.needed_.begin()));
        }
        if (kind == Target::Kind::kSourceId) layout.id_needed_ = static_cast<int32_t>(target.needed[0]);
        layout.targets_.push_back(std::move(target));
        return Status::Ok();
      });
  if (!status.ok()) return status;
  layout.FindUntargeted();
  return layout;
}

void SourceLayout::FindUntargeted() {
  std::array<bool, kFieldCount> field_targeted{};
  std::vector<bool> extra_targeted(extra_count_, false);
  for (const Target& target : targets_) {
    if (target.kind == Target::Kind::kField) field_targeted[target.index] = true;
    if (target.kind == Target::Kind::kExtra) extra_targeted[target.index] = true;
    if (target.kind == Target::Kind::kUpdatedAt) has_updated_at_ = true;
  }
  for (size_t f = 0; f < kFieldCount; ++f) {
    if (!field_targeted[f]) untargeted_fields_.push_back(static_cast<Field>(f));
  }
  for (size_t e = 0; e < extra_count_; ++e) {
    if (!extra_targeted[e]) untargeted_extras_.push_back(static_cast<uint32_t>(e));
  }
  mapped_columns_.assign(ChunkTable::ExtraColumn(extra_count_), false);
  for (Target& target : targets_) {
    switch (target.kind) {
      case Target::Kind::kField:
        target.column = ChunkTable::FieldColumn(static_cast<Field>(target.index));
        break;
      case Target::Kind::kExtra:
        target.column = ChunkTable::ExtraColumn(target.index);
        break;
      case Target::Kind::kSourceId:
        target.column = ChunkTable::kSourceIdColumn;
        break;
      case Target::Kind::kUpdatedAt:
        target.column = ChunkTable::kUpdatedAtColumn;
        break;
    }
    mapped_columns_[target.column] = true;
    if (target.needed.size() != 1) single_needed_ = false;
  }
}

TableBuilder::TableBuilder(const SourceLayout& layout, ChunkTable& out)
    : layout_(layout), table_(out) {
  table_.Reset(layout.mapped_columns_.size(), layout.mapped_columns_);
  for (const SourceLayout::Target& target : layout.targets_) {
    ChunkColumn* column = &table_.column(target.column);
    if (target.needed.size() == 1) {
      single_.emplace_back(column, target.needed[0]);
    } else {
      joined_.emplace_back(column, &target);
    }
  }
}

std::optional<RejectReason> TableBuilder::AddRow(uint64_t line, uint64_t record_number,
                                                 std::span<const std::string_view> values) {
  const int32_t id_needed = layout_.id_needed_;
  if (id_needed >= 0 && values[static_cast<size_t>(id_needed)].empty()) {
    return RejectReason::kMissingId;
  }
  // Performance: a value is at most 1 MiB by the readers' own checks, so only joins can exceed it.
  if (!layout_.single_needed_) {
    for (const SourceLayout::Target& target : layout_.targets_) {
      size_t joined = 0;
      for (uint32_t needed : target.needed) joined += values[needed].size() + 1;
      if (joined > StringColumn::kMaxFieldBytes + 1) return RejectReason::kFieldTooLarge;
    }
  }
  // Unmapped columns get nothing: the chunk table knows they are empty in every row.
  for (const auto& [column, needed] : single_) column->Append(values[needed]);
  for (const auto& [column, target] : joined_) {
    bool first = true;
    for (uint32_t needed : target->needed) {
      const std::string_view value = values[needed];
      if (value.empty()) continue;
      if (!first) column->AppendPiece(" ");
      column->AppendPiece(value);
      first = false;
    }
    column->FinishValue();
  }
  table_.lines.push_back(line);
  table_.record_numbers.push_back(record_number);
  if (id_needed >= 0) {
    table_.id_hashes.push_back(HashKey(values[static_cast<size_t>(id_needed)]) | 1);
  }
  return std::nullopt;
}

}  // namespace idforge::read
