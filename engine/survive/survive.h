// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Survivorship: builds one golden record per entity by choosing, field by field, the member
// value an explicit, ordered list of rules prefers, and records where every value came from and
// which rule decided (golden.csv and golden_provenance.csv, SPEC.md "Outputs").
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/cluster/cluster.h"
#include "engine/common/check.h"
#include "engine/common/exec_context.h"
#include "engine/common/normalized_table.h"
#include "idforge/record_table.h"
#include "idforge/status.h"

namespace idforge::survive {

// One step of a field's preference order. A field's rules are applied in order, each one only
// breaking the ties the earlier ones left; the final tie-breaker is always the smallest
// (source name, source_id, value), so the result never depends on row order or thread count.
struct SurvivorshipRule {
  enum class Kind : uint8_t {
    // "valid_only": values that passed normalization first. Email: kEmailValid; phone: a valid
    // number beats a merely parsed (E.164) one, which beats bare digits; dob: kDobValid; any other
    // canonical field: its normalized value is not empty (placeholders such as "n/a" are blanked
    // by normalize); carried fields: always equal.
    kValidOnly,
    // "source_priority": the source with the lowest SourceInfo::priority.
    kSourcePriority,
    // "most_recent": the latest updated_at. Parsed as `YYYY-MM-DD[ T]HH:MM[:SS]...` (anything
    // after the seconds, such as fractions or a zone, is ignored), `YYYY-MM-DD` or `YYYYMMDD`;
    // an empty or unparsable value counts as the oldest.
    kMostRecent,
    // "most_frequent": the normalized value (raw when it has none) held by most members.
    kMostFrequent,
    // "most_complete": the longest raw value, in code points.
    kMostComplete,
  };
  Kind kind = Kind::kMostRecent;

  friend bool operator==(SurvivorshipRule a, SurvivorshipRule b) { return a.kind == b.kind; }
};

// "valid_only", "source_priority", "most_recent", "most_frequent", "most_complete".
std::string_view RuleName(SurvivorshipRule::Kind kind);
std::optional<SurvivorshipRule::Kind> RuleFromName(std::string_view name);

// Overrides of the built-in defaults, usually parsed from the job's "survivorship" object. A plain
// value. Field names are resolved against the table in BuildGolden(), because carried fields are
// only known once the inputs are read.
//
// Built-in defaults (a field not named in `fields`):
//   first_name, middle_name, last_name, full_name:
//                  most_frequent -> most_complete -> source_priority
//   email, phone:  valid_only -> most_frequent -> most_recent -> source_priority
//   dob:           valid_only -> most_frequent -> source_priority
//   gender, company, job_title, national_id and carried fields:
//                  most_recent -> source_priority -> most_complete
//   street, city, postcode, region, country, address: one group that survives TOGETHER from one
//     record, chosen by most_complete (number of non-empty raw parts) -> most_recent ->
//     source_priority, so a golden address never mixes the street of one record with the city of
//     another.
struct SurvivorshipOptions {
  // Rule lists that replace the default of the named field (canonical or carried), in job order.
  std::vector<std::pair<std::string, std::vector<SurvivorshipRule>>> fields;
  // When set, replaces the default groups (an empty list means: every field survives alone).
  std::optional<std::vector<std::vector<std::string>>> groups;
};

// Parses the job's "survivorship" object (minified JSON text, "{}" when absent):
//   {"fields": {"email": ["source_priority", "most_recent"], ...},
//    "groups": [["street", "city", "postcode", "country"]]}
// Errors name the JSON path (`survivorship.fields.email[1]`) and list the allowed names.
Result<SurvivorshipOptions> ParseSurvivorshipOptions(std::string_view json);

// Which rule decided a golden value, as golden_provenance.csv writes it.
enum class Decision : uint8_t {
  kValidOnly,  // the SurvivorshipRule kinds, same order
  kSourcePriority,
  kMostRecent,
  kMostFrequent,
  kMostComplete,
  kTieBreak,   // "tie_break": every rule tied; the smallest (source, source_id) won
  kOnlyValue,  // "only_value": every member with a value agrees (or only one has one)
};
std::string_view DecisionName(Decision decision);

// Where one golden value came from. `column` indexes GoldenTable columns (canonical fields in
// Field order, then carried fields); `row` is the record in the RecordTable.
struct Provenance {
  uint32_t column = 0;
  uint32_t row = 0;
  Decision decision = Decision::kOnlyValue;
};

// One golden column: per entity, the record its value came from and the rule that decided.
// The value itself is a view into the raw table's column; a value in normalized form (email, E.164
// phone, ISO dob, a street parsed out of a free-form address) is copied into bytes the column owns,
// because the normalized table is released before the outputs are written.
// Ownership: views into the RecordTable given to BuildGolden(), which must outlive the column.
// Immutable once built; safe to read from many threads.
class GoldenColumn {
 public:
  static constexpr uint32_t kNoRow = 0xFFFFFFFFu;

  GoldenColumn() = default;
  // A column of `entities` empty values whose raw-form values are views into `raw`; 0 entities
  // for a column that stays empty (every Get() is empty).
  GoldenColumn(const StringColumn* raw IDFORGE_LIFETIME_BOUND, uint32_t entities);

  std::string_view Get(uint32_t entity) const {
    if (rows_.empty()) return {};
    const uint32_t row = rows_[entity];
    if (row == kNoRow) return {};
    const std::string_view owned = owned_.Get(entity);
    return owned.empty() ? raw_->Get(row) : owned;
  }
  // The record entity's value came from; kNoRow when the value is empty.
  uint32_t row(uint32_t entity) const { return rows_.empty() ? kNoRow : rows_[entity]; }
  // The rule that decided entity's value. REQUIRES: row(entity) != kNoRow.
  Decision decision(uint32_t entity) const { return decisions_[entity]; }
  uint32_t NonEmptyCount() const;
  // Bytes held (capacity).
  uint64_t MemoryBytes() const;

  // Building (BuildGolden): Set() from any thread for distinct entities, then AppendOwned() once
  // per chunk in entity order, then Finish().
  // REQUIRES: the value of (row, column) is non-empty.
  void Set(uint32_t entity, uint32_t row, Decision decision) {
    rows_[entity] = row;
    decisions_[entity] = decision;
  }
  // Appends the owned values of the next entities: one value per entity, empty when the entity's
  // value is a view into the raw column (or empty).
  void AppendOwned(const StringColumn& values) { owned_.AppendColumn(values); }
  // Drops the per-entity arrays of a column that has no value at all.
  void Finish();

 private:
  const StringColumn* raw_ = nullptr;
  std::vector<uint32_t> rows_;       // per entity; empty when every value is empty
  std::vector<Decision> decisions_;  // per entity
  StringColumn owned_;               // per entity: the normalized-form value, else empty
};

// Golden ids: views into the `golden_ids` vector given to BuildGolden(), which must outlive this.
class GoldenIds {
 public:
  GoldenIds() = default;
  explicit GoldenIds(const std::vector<std::string>* ids IDFORGE_LIFETIME_BOUND) : ids_(ids) {}
  std::string_view Get(uint32_t entity) const { return (*ids_)[entity]; }

 private:
  const std::vector<std::string>* ids_ = nullptr;
};

// The distinct source names of every entity, sorted and ';'-joined: each distinct set is stored
// once (a run has few sources, so few sets) and entities hold its index. Owns its bytes.
class SourceSets {
 public:
  std::string_view Get(uint32_t entity) const { return sets_[set_of_[entity]]; }
  // Building: the index of `joined` (a new one when unseen), then Set() it per entity.
  uint32_t Intern(std::string_view joined);
  void Resize(uint32_t entities) { set_of_.resize(entities); }
  void Set(uint32_t entity, uint32_t set) { set_of_[entity] = set; }
  size_t set_count() const { return sets_.size(); }
  std::string_view set(uint32_t index) const { return sets_[index]; }

 private:
  std::vector<std::string> sets_;
  std::map<std::string, uint32_t, std::less<>> index_;  // sets_ -> its index
  std::vector<uint32_t> set_of_;                         // per entity
};

// The golden records, one per entity in entity order (ordered by smallest row).
// Ownership: golden values and ids are views into BuildGolden()'s `raw` and `golden_ids`, which
// must outlive the table (see GoldenColumn). Immutable once built; safe to read from many threads.
struct GoldenTable {
  GoldenIds golden_id;                 // per entity
  std::vector<uint32_t> member_count;  // per entity
  SourceSets sources;                  // per entity: distinct source names, sorted, ';'-joined
  // kFieldCount + extra_names().size() columns, each with one value per entity. Email is the
  // normalized lower-case address, phone the E.164 form when it parsed, dob the ISO date; every
  // other value is the raw form as written (the normalized form when a record had only that,
  // e.g. a street parsed out of a free-form address). Every non-empty value has a provenance:
  // the column's row() and decision().
  std::vector<GoldenColumn> columns;
  uint64_t provenance_count = 0;  // non-empty golden values

  uint32_t entity_count() const { return static_cast<uint32_t>(member_count.size()); }
  std::string_view value(uint32_t entity, size_t column) const {
    return columns[column].Get(entity);
  }
  std::string_view Get(uint32_t entity, Field field) const {
    return value(entity, static_cast<size_t>(field));
  }
  // One entry per non-empty golden value of `entity`, in column order. Allocates: the writers
  // read columns[c].row()/decision() directly.
  std::vector<Provenance> provenance_of(uint32_t entity) const;
  // Bytes held by the table's own buffers (the views' targets are not counted).
  uint64_t MemoryBytes() const;
};

// Builds the golden record of every entity. `norm` is row-aligned with `raw`; golden_ids has one
// id per entity. Returns InvalidArgument when an override names an unknown field or puts a field
// in two groups or both in a group and in `fields`.
// O(n + sum over entities of m log m) for n rows and entities of m members (members are grouped
// with a counting sort; most_frequent sorts an entity's values). Entities are processed in
// parallel chunks inside ctx.task_arena(); chunks are concatenated in entity order, so the output
// is identical for any thread count and any row order.
// The table views into `raw` and `golden_ids` (not into `norm`, which may be released after).
Result<GoldenTable> BuildGolden(const RecordTable& raw IDFORGE_LIFETIME_BOUND,
                                const NormalizedTable& norm,
                                const cluster::Clustering& clustering,
                                const std::vector<std::string>& golden_ids IDFORGE_LIFETIME_BOUND,
                                const SurvivorshipOptions& options, ExecContext& ctx);

// Header name of golden column `column`: FieldName(), then raw.extra_names().
std::string_view ColumnName(const RecordTable& raw, size_t column);

// golden.csv: `golden_id,member_count,sources,` then the canonical fields and carried fields;
// RFC 4180 quoting; written atomically.
Status WriteGoldenCsv(const std::string& path, const RecordTable& raw, const GoldenTable& golden);
// golden.jsonl (output.formats "jsonl"): one JSON object per entity, in golden.csv's order:
// "golden_id", "member_count", "sources" (an array of source names), then every column of
// golden.csv by its header name, null when empty. Written atomically.
Status WriteGoldenJsonl(const std::string& path, const RecordTable& raw, const GoldenTable& golden);
// golden_provenance.csv: `golden_id,field,source,source_id,rule`; written atomically.
Status WriteProvenanceCsv(const std::string& path, const RecordTable& raw,
                          const GoldenTable& golden);

}  // namespace idforge::survive
