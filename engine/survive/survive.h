// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Survivorship: builds one golden record per entity by choosing, field by field, the member
// value an explicit, ordered list of rules prefers, and records where every value came from and
// which rule decided (golden.csv and golden_provenance.csv, SPEC.md "Outputs").
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/cluster/cluster.h"
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

// The golden records, one per entity in entity order (ordered by smallest row).
// Owns all its bytes. Immutable once built; safe to read from many threads.
struct GoldenTable {
  StringColumn golden_id;              // per entity
  std::vector<uint32_t> member_count;  // per entity
  StringColumn sources;                // per entity: distinct source names, sorted, ';'-joined
  // kFieldCount + extra_names().size() columns, each with one value per entity. Email is the
  // normalized lower-case address, phone the E.164 form when it parsed, dob the ISO date; every
  // other value is the raw form as written (the normalized form when a record had only that,
  // e.g. a street parsed out of a free-form address).
  std::vector<StringColumn> columns;
  // Entity e's entries are provenance[provenance_offsets[e], provenance_offsets[e + 1]), one per
  // non-empty golden value, in column order.
  std::vector<uint32_t> provenance_offsets{0};
  std::vector<Provenance> provenance;

  uint32_t entity_count() const { return static_cast<uint32_t>(member_count.size()); }
  std::string_view value(uint32_t entity, size_t column) const {
    return columns[column].Get(entity);
  }
  std::string_view Get(uint32_t entity, Field field) const {
    return value(entity, static_cast<size_t>(field));
  }
  std::span<const Provenance> provenance_of(uint32_t entity) const {
    return std::span<const Provenance>(provenance)
        .subspan(provenance_offsets[entity],
                 provenance_offsets[entity + 1] - provenance_offsets[entity]);
  }
};

// Builds the golden record of every entity. `norm` is row-aligned with `raw`; golden_ids has one
// id per entity. Returns InvalidArgument when an override names an unknown field or puts a field
// in two groups or both in a group and in `fields`.
// O(n + sum over entities of m log m) for n rows and entities of m members (members are grouped
// with a counting sort; most_frequent sorts an entity's values). Entities are processed in
// parallel chunks inside ctx.task_arena(); chunks are concatenated in entity order, so the output
// is identical for any thread count and any row order.
Result<GoldenTable> BuildGolden(const RecordTable& raw, const NormalizedTable& norm,
                                const cluster::Clustering& clustering,
                                const std::vector<std::string>& golden_ids,
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
