// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Test helper: a normalized table from a few hand-written people (one source "crm", FR).
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "engine/common/exec_context.h"
#include "engine/normalize/normalize_table.h"

namespace idforge::match::testing {

using Person = std::map<Field, std::string>;

inline NormalizedTable Normalize(const std::vector<Person>& people) {
  RecordTable table;
  table.AddSource({.name = "crm", .default_country = "FR"});
  for (size_t row = 0; row < people.size(); ++row) {
    for (Field field : AllFields()) {
      const auto it = people[row].find(field);
      table.mutable_field(field).Append(it == people[row].end() ? "" : it->second);
    }
    table.mutable_source_id_column().Append(std::to_string(row));
    table.mutable_updated_at_column().Append("");
    table.AppendRowMeta(0, static_cast<uint32_t>(row + 2));
  }
  ExecContext ctx(1);
  return std::move(normalize::NormalizeTable(table, {}, ctx)).value();
}

}  // namespace idforge::match::testing
