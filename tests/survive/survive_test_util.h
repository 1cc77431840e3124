// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Hand-built tables for the survivorship tests: rows with raw and normalized values, grouped
// into entities by label, numbered by smallest row as cluster::ConnectEdges numbers them.
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "engine/survive/survive.h"

namespace idforge::survive::testutil {

struct TestRow {
  std::string entity;  // rows with the same label form one entity; golden id "g-<label>"
  uint16_t source = 0;
  std::string source_id;
  std::string updated_at;
  std::map<Field, std::string> raw;
  std::map<Field, std::string> norm;
  uint32_t flags = 0;
  std::vector<std::string> extras;
};

struct Tables {
  RecordTable raw;
  NormalizedTable norm;
  cluster::Clustering clustering;
  std::vector<std::string> golden_ids;
};

inline std::vector<SourceInfo> DefaultSources() {
  return {{.name = "crm", .priority = 1},
          {.name = "shop", .priority = 2},
          {.name = "web", .priority = 2}};
}

inline Tables Build(const std::vector<TestRow>& rows, std::vector<std::string> extra_names = {},
             const std::vector<SourceInfo>& sources = DefaultSources()) {
  Tables t{RecordTable(extra_names), {}, {}, {}};
  for (const SourceInfo& source : sources) t.raw.AddSource(source);
  std::map<std::string, uint32_t> entity_index;
  for (uint32_t row = 0; row < rows.size(); ++row) {
    const TestRow& r = rows[row];
    for (Field field : AllFields()) {
      const auto raw_it = r.raw.find(field);
      t.raw.mutable_field(field).Append(raw_it == r.raw.end() ? "" : raw_it->second);
      const auto norm_it = r.norm.find(field);
      t.norm.mutable_value(field).Append(norm_it == r.norm.end() ? "" : norm_it->second);
    }
    for (size_t key = 0; key < kDerivedKeyCount; ++key) {
      t.norm.mutable_derived(static_cast<DerivedKey>(key)).Append("");
    }
    t.norm.mutable_flags().push_back(r.flags);
    for (size_t extra_idx = 0; extra_idx < extra_names.size(); ++extra_idx) {
      t.raw.mutable_extra(extra_idx).Append(extra_idx < r.extras.size() ? r.extras[extra_idx] : "");
    }
    t.raw.mutable_source_id_column().Append(r.source_id);
    t.raw.mutable_updated_at_column().Append(r.updated_at);
    t.raw.AppendRowMeta(r.source, row + 1);
    // Entities are numbered by their smallest row, as cluster::ConnectEdges numbers them.
    auto [it, inserted] = entity_index.try_emplace(r.entity, t.clustering.entity_count());
    if (inserted) {
      t.clustering.entity_first.push_back(row);
      t.golden_ids.push_back("g-" + r.entity);
    }
    t.clustering.entity_of.push_back(it->second);
  }
  EXPECT_TRUE(t.raw.Validate().ok());
  return t;
}

inline GoldenTable Survive(const Tables& t, const SurvivorshipOptions& options = {}, int threads = 1) {
  ExecContext ctx(threads);
  Result<GoldenTable> golden = BuildGolden(t.raw, t.norm, t.clustering, t.golden_ids, options, ctx);
  EXPECT_TRUE(golden.ok()) << golden.status().ToString();
  return golden.ok() ? std::move(golden).value() : GoldenTable();
}

inline uint32_t EntityOf(const GoldenTable& golden, std::string_view id) {
  for (uint32_t entity = 0; entity < golden.entity_count(); ++entity) {
    if (golden.golden_id.Get(entity) == id) return entity;
  }
  ADD_FAILURE() << "no golden record " << id;
  return 0;
}

// "<source>:<source_id>:<rule>" of the value in `column`, or "" when the value is empty.
inline std::string Why(const Tables& t, const GoldenTable& golden, uint32_t entity, size_t column) {
  for (const Provenance& entry : golden.provenance_of(entity)) {
    if (entry.column != column) continue;
    return t.raw.sources()[t.raw.source(entry.row)].name + ":" +
           std::string(t.raw.source_id(entry.row)) + ":" +
           std::string(DecisionName(entry.decision));
  }
  return "";
}
inline std::string Why(const Tables& t, const GoldenTable& golden, uint32_t entity, Field field) {
  return Why(t, golden, entity, static_cast<size_t>(field));
}

inline SurvivorshipOptions Parse(std::string_view json) {
  Result<SurvivorshipOptions> options = ParseSurvivorshipOptions(json);
  EXPECT_TRUE(options.ok()) << options.status().ToString();
  return options.ok() ? std::move(options).value() : SurvivorshipOptions();
}

}  // namespace idforge::survive::testutil
