// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// BuildGolden(): groups rows by entity, then for every entity and every survivorship unit (one
// field, or a group of fields that survive together) ranks the members with the unit's rules and
// copies the winner's value and provenance into the golden table.
#include "engine/survive/survive.h"
#include "engine/survive/name_swap.h"

#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/parallel_for.h>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <limits>
#include <map>
#include <string>

namespace idforge::survive {
namespace {

using Kind = SurvivorshipRule::Kind;

// Entities per parallel task. Each task fills its own output slot, and the slots are appended
// in order, so the task size changes only the parallelism, never the output.
constexpr uint32_t kEntitiesPerChunk = 1024;
constexpr uint32_t kNoRow = std::numeric_limits<uint32_t>::max();
constexpr auto kFirst = static_cast<uint32_t>(Field::kFirstName);
constexpr auto kLast = static_cast<uint32_t>(Field::kLastName);

// A field, or fields that must come from one record, with its ordered rules.
struct Unit {
  std::vector<uint32_t> columns;
  std::vector<SurvivorshipRule> rules;
  bool is_group = false;
  bool uses_frequency = false;  // a most_frequent rule: the only reader of Candidate::frequency
};

bool IsNameColumn(uint32_t column) {
  return column <= static_cast<uint32_t>(Field::kFullName);  // first, middle, last, full
}

std::vector<SurvivorshipRule> DefaultRules(uint32_t column) {
  if (column >= kFieldCount)
    return {{Kind::kMostRecent}, {Kind::kSourcePriority}, {Kind::kMostComplete}};
  switch (static_cast<Field>(column)) {
    case Field::kFirstName:
    case Field::kMiddleName:
    case Field::kLastName:
    case Field::kFullName:
      return {{Kind::kMostFrequent}, {Kind::kMostComplete}, {Kind::kSourcePriority}};
    case Field::kEmail:
    case Field::kPhone:
      return {
          {Kind::kValidOnly}, {Kind::kMostFrequent}, {Kind::kMostRecent}, {Kind::kSourcePriority}};
    case Field::kDob:
      return {{Kind::kValidOnly}, {Kind::kMostFrequent}, {Kind::kSourcePriority}};
    default:
      return {{Kind::kMostRecent}, {Kind::kSourcePriority}, {Kind::kMostComplete}};
  }
}

std::string KnownFields(const RecordTable& raw) {
  std::string out = "known fields: ";
  for (size_t column = 0; column < kFieldCount + raw.extra_names().size(); ++column) {
    if (column > 0) out += ", ";
    out += ColumnName(raw, column);
  }
  return out;
}

std::optional<uint32_t> ResolveColumn(const RecordTable& raw, std::string_view name) {
  if (const std::optional<Field> field = FieldFromName(name)) return static_cast<uint32_t>(*field);
  const std::span<const std::string> extras = raw.extra_names();
  for (size_t extra_idx = 0; extra_idx < extras.size(); ++extra_idx) {
    if (extras[extra_idx] == name) return static_cast<uint32_t>(kFieldCount + extra_idx);
  }
  return std::nullopt;
}

// Resolves the option's names against the table: the units every entity is built from.
Result<std::vector<Unit>> MakeUnits(const RecordTable& raw, const SurvivorshipOptions& options) {
  const size_t column_count = kFieldCount + raw.extra_names().size();
  const bool default_groups = !options.groups.has_value();
  const std::vector<std::vector<std::string>> groups =
      default_groups ? std::vector<std::vector<std::string>>{{"street", "city", "postcode",
                                                              "region", "country", "address"}}
                     : *options.groups;
  std::vector<Unit> units;
  std::vector<int64_t> group_of(column_count, -1);
  for (size_t group_idx = 0; group_idx < groups.size(); ++group_idx) {
    Unit unit;
    unit.is_group = true;
    unit.rules = {{Kind::kMostComplete}, {Kind::kMostRecent}, {Kind::kSourcePriority}};
    for (size_t name_idx = 0; name_idx < groups[group_idx].size(); ++name_idx) {
      const std::string& name = groups[group_idx][name_idx];
      const std::string path = "survivorship.groups[" + std::to_string(group_idx) + "][" +
                               std::to_string(name_idx) + "]";
      const std::optional<uint32_t> column = ResolveColumn(raw, name);
      if (!column) {
        return InvalidArgument(path + ": unknown field \"" + name + "\"; " + KnownFields(raw));
      }
      if (group_of[*column] >= 0) {
        return InvalidArgument(
            path + ": field \"" + name + "\" is already in survivorship.groups[" +
            std::to_string(group_of[*column]) + "]; a field belongs to one group at most");
      }
      group_of[*column] = static_cast<int64_t>(group_idx);
      unit.columns.push_back(*column);
    }
    units.push_back(std::move(unit));
  }
  std::vector<std::optional<std::vector<SurvivorshipRule>>> overrides(column_count);
  for (const auto& [name, rules] : options.fields) {
    const std::string path = "survivorship.fields." + name;
    const std::optional<uint32_t> column = ResolveColumn(raw, name);
    if (!column) return InvalidArgument(path + ": unknown field; " + KnownFields(raw));
    if (group_of[*column] >= 0) {
      return InvalidArgument(
          path + ": \"" + name + "\" survives together with its group (" +
          (default_groups ? std::string("the built-in address group")
                          : "survivorship.groups[" + std::to_string(group_of[*column]) + "]") +
          "); to give it its own rules, list \"groups\" without it");
    }
    overrides[*column] = rules;
  }
  for (uint32_t column = 0; column < column_count; ++column) {
    if (group_of[column] >= 0) continue;
    Unit unit;
    unit.columns = {column};
    unit.rules = overrides[column] ? *overrides[column] : DefaultRules(column);
    units.push_back(std::move(unit));
  }
  for (Unit& unit : units) {
    unit.uses_frequency = std::any_of(unit.rules.begin(), unit.rules.end(), [](SurvivorshipRule rule) {
      return rule.kind == Kind::kMostFrequent;
    });
  }
  return units;
}

bool IsDigits(std::string_view text, size_t pos, size_t count, int64_t& out) {
  if (pos + count > text.size()) return false;
  out = 0;
  for (size_t idx = pos; idx < pos + count; ++idx) {
    if (text[idx] < '0' || text[idx] > '9') return false;
    out = out * 10 + (text[idx] - '0');
  }
  return true;
}

// updated_at as the integer YYYYMMDDhhmmss, so comparing integers compares instants (zones are
// ignored: one source writes one zone, and sources are compared at day precision in practice).
// -1 when empty or unparsable: such records count as the oldest.
int64_t ParseRecency(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  int64_t year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (text.size() == 8) {
    if (!IsDigits(text, 0, 4, year) || !IsDigits(text, 4, 2, month) || !IsDigits(text, 6, 2, day)) {
      return -1;
    }
  } else {
    if (text.size() < 10 || !IsDigits(text, 0, 4, year) || text[4] != '-' ||
        !IsDigits(text, 5, 2, month) || text[7] != '-' || !IsDigits(text, 8, 2, day)) {
      return -1;
    }
    if (text.size() > 10) {
      if ((text[10] != 'T' && text[10] != ' ') || !IsDigits(text, 11, 2, hour) ||
          text.size() < 16 || text[13] != ':' || !IsDigits(text, 14, 2, minute)) {
        return -1;
      }
      if (text.size() > 16 && text[16] == ':' && !IsDigits(text, 17, 2, second)) return -1;
    }
  }
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) {
    return -1;
  }
  return ((((year * 100 + month) * 100 + day) * 100 + hour) * 100 + minute) * 100 + second;
}

uint64_t CodePoints(std::string_view text) {
  uint64_t count = 0;
  for (char c : text) count += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return count;
}

// Higher is better: mixed case ("Jérôme") over no letters over one case ("JEROME", "jerome"),
// then a spelling with non-ASCII letters, which keeps the diacritics an ASCII copy lost. Latin-1
// letters (U+00C0..U+00FF) count as letters, which covers the accents of EN/FR/DE/ES names.
uint32_t CasingScore(std::string_view text) {
  bool upper = false;
  bool lower = false;
  bool non_ascii = false;
  for (size_t idx = 0; idx < text.size(); ++idx) {
    const auto byte = static_cast<unsigned char>(text[idx]);
    if (byte >= 'A' && byte <= 'Z') upper = true;
    if (byte >= 'a' && byte <= 'z') lower = true;
    if (byte >= 0x80) non_ascii = true;
    if (byte == 0xC3 && idx + 1 < text.size()) {
      const auto next = static_cast<unsigned char>(text[idx + 1]);
      if (next >= 0x80 && next <= 0x9E && next != 0x97) upper = true;
      if (next >= 0x9F && next <= 0xBF && next != 0xB7) lower = true;
    }
  }
  const uint32_t casing = upper && lower ? 2 : (!upper && !lower ? 1 : 0);
  return casing * 2 + (non_ascii ? 1 : 0);
}

// One member's claim on a unit. Views point into the tables or the builder's scratch buffers.
struct Candidate {
  uint32_t row = 0;
  bool usable = false;  // has a normalized value: placeholders never beat a real value
  uint32_t validity = 0;
  int32_t priority = 0;
  int64_t recency = -1;
  uint64_t completeness = 0;
  uint32_t frequency = 0;
  std::string_view key;    // what most_frequent counts and what "a different value" means
  std::string_view value;  // the output value (a group: its parts joined)
  std::string_view source_name;
  std::string_view source_id;
};

// >0 when `a` is better under `kind`, <0 when `b` is, 0 on a tie.
int CompareBy(Kind kind, const Candidate& a, const Candidate& b) {
  auto cmp = [](auto x, auto y) { return x > y ? 1 : (x < y ? -1 : 0); };
  switch (kind) {
    case Kind::kValidOnly:
      return cmp(a.validity, b.validity);
    case Kind::kSourcePriority:
      return cmp(b.priority, a.priority);
    case Kind::kMostRecent:
      return cmp(a.recency, b.recency);
    case Kind::kMostFrequent:
      return cmp(a.frequency, b.frequency);
    case Kind::kMostComplete:
      return cmp(a.completeness, b.completeness);
  }
  return 0;
}

// True when `a` ranks before `b`; `decided` receives what separated them.
bool Better(const Candidate& a, const Candidate& b, std::span<const SurvivorshipRule> rules,
            Decision& decided) {
  if (a.usable != b.usable) {
    decided = Decision::kValidOnly;
    return a.usable;
  }
  for (const SurvivorshipRule& rule : rules) {
    if (const int c = CompareBy(rule.kind, a, b); c != 0) {
      decided = static_cast<Decision>(rule.kind);
      return c > 0;
    }
  }
  decided = Decision::kTieBreak;
  if (a.source_name != b.source_name) return a.source_name < b.source_name;
  if (a.source_id != b.source_id) return a.source_id < b.source_id;
  if (a.value != b.value) return a.value < b.value;
  if (a.key != b.key) return a.key < b.key;
  return a.row < b.row;  // identical claims: either gives the same output
}

// Per-chunk output that is not fixed-size per entity, appended to the GoldenTable in chunk order
// (rows, decisions and member counts are written in place).
struct ChunkOut {
  std::vector<StringColumn> owned;  // per column: one value per entity of the chunk
  std::vector<uint32_t> source_set;  // per entity: index into source_sets
  std::vector<std::string> source_sets;
  uint64_t provenance_count = 0;
};

// A golden value and whether it is the normalized form (which GoldenColumn copies).
struct OutputForm {
  std::string_view value;
  bool normalized = false;
};

// Builds golden records one entity at a time. Owns reusable scratch; one per task, not shared.
class EntityBuilder {
 public:
  EntityBuilder(const RecordTable& raw, const NormalizedTable& norm,
                const std::vector<int64_t>& recency, std::span<const Unit> units,
                GoldenTable& golden)
      : raw_(raw), norm_(norm), recency_(recency), units_(units), golden_(golden) {
    const size_t column_count = kFieldCount + raw.extra_names().size();
    winner_row_.resize(column_count);
    winner_decision_.resize(column_count);
    for (const Unit& unit : units_) {
      if (unit.is_group) continue;
      if (unit.columns[0] == kFirst) first_unit_ = &unit;
      if (unit.columns[0] == kLast) last_unit_ = &unit;
    }
  }

  // Starts a chunk: its owned values and source sets are collected in `out`.
  void StartChunk(ChunkOut& out) {
    out.owned.assign(winner_row_.size(), StringColumn());
    source_set_index_.clear();
  }

  void Build(uint32_t entity, std::span<const uint32_t> members, ChunkOut& out) {
    if (members.size() == 1) {
      // Performance: most entities are single records (the unit path would give the same result:
      // every non-empty value is the only value).
      std::fill(winner_row_.begin(), winner_row_.end(), members[0]);
      std::fill(winner_decision_.begin(), winner_decision_.end(), Decision::kOnlyValue);
    } else {
      std::fill(winner_row_.begin(), winner_row_.end(), kNoRow);
      name_swapped_.assign(members.size(), 0);
      if (first_unit_ != nullptr && last_unit_ != nullptr) {
        MarkSwappedNames(raw_, norm_, recency_, members, name_swapped_);
      }
      for (const Unit& unit : units_) BuildUnit(unit, members);
      AvoidDuplicatedName(members);
    }
    for (uint32_t column = 0; column < winner_row_.size(); ++column) {
      const uint32_t row = winner_row_[column];
      const OutputForm form = row == kNoRow ? OutputForm() : Output(column, row);
      if (!form.value.empty()) {
        golden_.columns[column].Set(entity, row, winner_decision_[column]);
        ++out.provenance_count;
      }
      // Performance: only normalized-form values are copied; an all-raw column stays unmaterialized.
      out.owned[column].Append(form.normalized ? form.value : std::string_view());
    }
    golden_.member_count[entity] = static_cast<uint32_t>(members.size());
    out.source_set.push_back(SourceSet(members, out));
  }

 private:
  std::string_view RawValue(uint32_t column, uint32_t row) const {
    if (column >= kFieldCount) return raw_.extra(column - kFieldCount).Get(row);
    return raw_.Get(static_cast<Field>(column), row);
  }
  std::string_view NormValue(uint32_t column, uint32_t row) const {
    return column >= kFieldCount ? std::string_view() : norm_.Get(static_cast<Field>(column), row);
  }
  // The golden form: see GoldenTable::columns.
  OutputForm Output(uint32_t column, uint32_t row) const {
    return OutputOf(column, row, RawValue(column, row), NormValue(column, row));
  }
  OutputForm OutputOf(uint32_t column, uint32_t row, std::string_view raw_value,
                      std::string_view norm_value) const {
    if (column == static_cast<uint32_t>(Field::kEmail) ||
        column == static_cast<uint32_t>(Field::kDob)) {
      return norm_value.empty() ? OutputForm{raw_value, false} : OutputForm{norm_value, true};
    }
    if (column == static_cast<uint32_t>(Field::kPhone)) {
      return (norm_.flags(row) & flag::kPhoneE164) != 0 && !norm_value.empty()
                 ? OutputForm{norm_value, true}
                 : OutputForm{raw_value, false};
    }
    return raw_value.empty() ? OutputForm{norm_value, true} : OutputForm{raw_value, false};
  }
  std::string_view OutputValue(uint32_t column, uint32_t row) const {
    return Output(column, row).value;
  }
  uint32_t Validity(uint32_t column, uint32_t row) const {
    return ValidityOf(column, row, RawValue(column, row), NormValue(column, row));
  }
  uint32_t ValidityOf(uint32_t column, uint32_t row, std::string_view raw_value,
                      std::string_view norm_value) const {
    if (column >= kFieldCount) return raw_value.empty() ? 0 : 1;
    if (norm_value.empty()) return 0;
    const uint32_t flags = norm_.flags(row);
    switch (static_cast<Field>(column)) {
      case Field::kEmail:
        return (flags & flag::kEmailValid) != 0 ? 1 : 0;
      case Field::kPhone:
        return ((flags & flag::kPhoneValid) != 0 ? 2 : 0) +
               ((flags & flag::kPhoneE164) != 0 ? 1 : 0);
      case Field::kDob:
        return (flags & flag::kDobValid) != 0 ? 1 : 0;
      default:
        return 1;
    }
  }
  // Carried fields have no normalized form: any raw value is usable.
  bool Usable(uint32_t column, uint32_t row) const {
    return column >= kFieldCount ? !RawValue(column, row).empty() : !NormValue(column, row).empty();
  }

  void FillCommon(Candidate& candidate, uint32_t row) const {
    const SourceInfo& source = raw_.sources()[raw_.source(row)];
    candidate.row = row;
    candidate.priority = source.priority;
    candidate.recency = recency_[row];
    candidate.source_name = source.name;
    candidate.source_id = raw_.source_id(row);
  }

  void CollectSingle(uint32_t column, std::span<const uint32_t> members) {
    const bool given_or_family = column == kFirst || column == kLast;
    const bool canonical = column < kFieldCount;
    // Performance: each value is looked up once per member, not once per property.
    const StringColumn& raw_column =
        canonical ? raw_.field(static_cast<Field>(column)) : raw_.extra(column - kFieldCount);
    const StringColumn* norm_column = canonical ? &norm_.value(static_cast<Field>(column)) : nullptr;
    for (size_t member_idx = 0; member_idx < members.size(); ++member_idx) {
      const uint32_t row = members[member_idx];
      const std::string_view raw_value = raw_column.Get(row);
      const std::string_view norm_value =
          norm_column != nullptr ? norm_column->Get(row) : std::string_view();
      if (raw_value.empty() && norm_value.empty()) continue;
      if (given_or_family && (name_swapped_[member_idx] ||
                              (!excluded_key_.empty() && norm_value == excluded_key_))) {
        continue;
      }
      Candidate& candidate = candidates_.emplace_back();
      FillCommon(candidate, row);
      candidate.usable = canonical ? !norm_value.empty() : !raw_value.empty();  // Usable()
      candidate.validity = ValidityOf(column, row, raw_value, norm_value);
      candidate.completeness = CodePoints(raw_value);
      candidate.key = norm_value.empty() ? raw_value : norm_value;
      candidate.value = OutputOf(column, row, raw_value, norm_value).value;
    }
  }

  // Performance: a fixed 4-byte length, not std::to_string (only equality of keys matters).
  void AppendPrefixed(std::string_view part) {
    const auto size = static_cast<uint32_t>(part.size());
    scratch_.append(reinterpret_cast<const char*>(&size), sizeof(size));
    scratch_.append(part);
  }

  // A group's key and value are its parts, each length-prefixed, so two different tuples never
  // join into the same string.
  void CollectGroup(const Unit& unit, std::span<const uint32_t> members) {
    scratch_.clear();
    spans_.clear();
    for (uint32_t row : members) {
      Candidate candidate;
      const size_t key_begin = scratch_.size();
      for (uint32_t column : unit.columns) {
        const std::string_view raw_value = RawValue(column, row);
        const std::string_view norm_value = NormValue(column, row);
        const std::string_view key = norm_value.empty() ? raw_value : norm_value;
        candidate.usable |= Usable(column, row);
        candidate.validity += Validity(column, row);
        candidate.completeness += raw_value.empty() ? 0u : 1u;
        AppendPrefixed(key);
      }
      const size_t value_begin = scratch_.size();
      bool any = false;
      for (uint32_t column : unit.columns) {
        const std::string_view value = OutputValue(column, row);
        any |= !value.empty();
        AppendPrefixed(value);
      }
      if (!any) {
        scratch_.resize(key_begin);
        continue;
      }
      FillCommon(candidate, row);
      candidates_.push_back(candidate);
      spans_.push_back({key_begin, value_begin, scratch_.size()});
    }
    // Views are taken once the buffer stops growing.
    for (size_t cand_idx = 0; cand_idx < candidates_.size(); ++cand_idx) {
      const auto [key_begin, value_begin, end] = spans_[cand_idx];
      candidates_[cand_idx].key =
          std::string_view(scratch_).substr(key_begin, value_begin - key_begin);
      candidates_[cand_idx].value =
          std::string_view(scratch_).substr(value_begin, end - value_begin);
    }
  }

  // most_frequent: counts each key once per entity by sorting (O(m log m), no hashing).
  void CountFrequencies() {
    order_.resize(candidates_.size());
    for (uint32_t cand_idx = 0; cand_idx < order_.size(); ++cand_idx) order_[cand_idx] = cand_idx;
    std::sort(order_.begin(), order_.end(),
              [&](uint32_t a, uint32_t b) { return candidates_[a].key < candidates_[b].key; });
    for (size_t begin = 0; begin < order_.size();) {
      size_t end = begin + 1;
      while (end < order_.size() &&
             candidates_[order_[end]].key == candidates_[order_[begin]].key) {
        ++end;
      }
      for (size_t idx = begin; idx < end; ++idx) {
        candidates_[order_[idx]].frequency = static_cast<uint32_t>(end - begin);
      }
      begin = end;
    }
  }

  // When first and last name still came out equal ("Smith Smith") though some member tells them
  // apart, the last name (else the first) is chosen again among the other values.
  void AvoidDuplicatedName(std::span<const uint32_t> members) {
    if (first_unit_ == nullptr || last_unit_ == nullptr) return;
    const uint32_t first_row = winner_row_[kFirst];
    const uint32_t last_row = winner_row_[kLast];
    if (first_row == kNoRow || last_row == kNoRow) return;
    const std::string_view key = norm_.Get(Field::kFirstName, first_row);
    if (key.empty() || key != norm_.Get(Field::kLastName, last_row)) return;
    excluded_key_ = key;
    winner_row_[kLast] = kNoRow;
    BuildUnit(*last_unit_, members);
    if (winner_row_[kLast] == kNoRow) {
      winner_row_[kLast] = last_row;
      winner_row_[kFirst] = kNoRow;
      BuildUnit(*first_unit_, members);
      if (winner_row_[kFirst] == kNoRow) winner_row_[kFirst] = first_row;  // "Lee Lee" is real
    }
    excluded_key_ = {};
  }

  void BuildUnit(const Unit& unit, std::span<const uint32_t> members) {
    candidates_.clear();
    if (unit.is_group) {
      CollectGroup(unit, members);
    } else {
      CollectSingle(unit.columns[0], members);
    }
    if (candidates_.empty()) return;
    if (candidates_.size() == 1) {  // the ranking below would pick it, as the only value
      for (uint32_t column : unit.columns) {
        winner_row_[column] = candidates_[0].row;
        winner_decision_[column] = Decision::kOnlyValue;
      }
      return;
    }
    if (unit.uses_frequency) CountFrequencies();
    Decision unused = Decision::kTieBreak;
    size_t best = 0;
    for (size_t cand_idx = 1; cand_idx < candidates_.size(); ++cand_idx) {
      if (Better(candidates_[cand_idx], candidates_[best], unit.rules, unused)) best = cand_idx;
    }
    // The deciding rule is the one that beat the best candidate holding a different value: two
    // members agreeing on a value is no decision.
    std::optional<size_t> runner_up;
    for (size_t cand_idx = 0; cand_idx < candidates_.size(); ++cand_idx) {
      if (candidates_[cand_idx].key == candidates_[best].key) continue;
      if (!runner_up ||
          Better(candidates_[cand_idx], candidates_[*runner_up], unit.rules, unused)) {
        runner_up = cand_idx;
      }
    }
    Decision decision = Decision::kOnlyValue;
    if (runner_up) Better(candidates_[best], candidates_[*runner_up], unit.rules, decision);
    // Names: several spellings of the winning value ("JEROME", "Jérôme") -> the best cased one.
    if (!unit.is_group && IsNameColumn(unit.columns[0])) {
      size_t spelling = best;
      for (size_t cand_idx = 0; cand_idx < candidates_.size(); ++cand_idx) {
        if (cand_idx == spelling || candidates_[cand_idx].key != candidates_[best].key) continue;
        const uint32_t score = CasingScore(candidates_[cand_idx].value);
        const uint32_t current = CasingScore(candidates_[spelling].value);
        if (score > current ||
            (score == current &&
             Better(candidates_[cand_idx], candidates_[spelling], unit.rules, unused))) {
          spelling = cand_idx;
        }
      }
      best = spelling;
    }
    for (uint32_t column : unit.columns) {
      winner_row_[column] = candidates_[best].row;
      winner_decision_[column] = decision;
    }
  }

  // The chunk-local index of the entity's source set (distinct names, sorted, ';'-joined).
  uint32_t SourceSet(std::span<const uint32_t> members, ChunkOut& out) {
    names_.clear();
    for (uint32_t row : members) names_.push_back(raw_.sources()[raw_.source(row)].name);
    std::sort(names_.begin(), names_.end());
    names_.erase(std::unique(names_.begin(), names_.end()), names_.end());
    joined_.clear();
    for (size_t name_idx = 0; name_idx < names_.size(); ++name_idx) {
      if (name_idx > 0) joined_.push_back(';');
      joined_.append(names_[name_idx]);
    }
    const auto [it, inserted] =
        source_set_index_.try_emplace(joined_, static_cast<uint32_t>(out.source_sets.size()));
    if (inserted) out.source_sets.push_back(joined_);
    return it->second;
  }

  struct Span {
    size_t key_begin;
    size_t value_begin;
    size_t end;
  };

  const RecordTable& raw_;
  const NormalizedTable& norm_;
  const std::vector<int64_t>& recency_;
  std::span<const Unit> units_;
  std::vector<Candidate> candidates_;
  std::vector<uint32_t> order_;
  std::string scratch_;
  std::vector<Span> spans_;
  std::vector<std::string_view> names_;
  std::string joined_;
  std::map<std::string, uint32_t, std::less<>> source_set_index_;  // the chunk's source_sets
  GoldenTable& golden_;  // Set() on the task's own entities only
  std::vector<uint32_t> winner_row_;
  std::vector<Decision> winner_decision_;
  // First and last name when each survives alone (not in a group); else the swap checks are off.
  const Unit* first_unit_ = nullptr;
  const Unit* last_unit_ = nullptr;
  std::vector<uint8_t> name_swapped_;  // per member: skipped for first/last name
  std::string_view excluded_key_;      // a name key AvoidDuplicatedName() rules out
};

}  // namespace

std::string_view ColumnName(const RecordTable& raw, size_t column) {
  if (column < kFieldCount) return FieldName(static_cast<Field>(column));
  return raw.extra_names()[column - kFieldCount];
}

Result<GoldenTable> BuildGolden(const RecordTable& raw, const NormalizedTable& norm,
                                const cluster::Clustering& clustering,
                                const std::vector<std::string>& golden_ids,
                                const SurvivorshipOptions& options, ExecContext& ctx) {
  const uint32_t rows = raw.row_count();
  const uint32_t entities = clustering.entity_count();
  if (norm.row_count() != rows || clustering.entity_of.size() != rows ||
      golden_ids.size() != entities) {
    return Internal("survive: inputs disagree: " + std::to_string(rows) + " raw rows, " +
                    std::to_string(norm.row_count()) + " normalized rows, " +
                    std::to_string(clustering.entity_of.size()) + " clustered rows, " +
                    std::to_string(golden_ids.size()) + " golden ids for " +
                    std::to_string(entities) + " entities");
  }
  IDFORGE_ASSIGN_OR_RETURN(const std::vector<Unit> units, MakeUnits(raw, options));
  const size_t column_count = kFieldCount + raw.extra_names().size();

  // Counting sort of rows by entity: members of entity e are member_rows[offsets[e]..offsets[e+1])
  // in ascending row order. O(n), and no per-entity allocation.
  std::vector<uint32_t> offsets(size_t{entities} + 1, 0);
  for (uint32_t row = 0; row < rows; ++row) {
    const uint32_t entity = clustering.entity_of[row];
    if (entity >= entities)
      return Internal("survive: row " + std::to_string(row) + " has no entity");
    ++offsets[size_t{entity} + 1];
  }
  for (uint32_t entity = 0; entity < entities; ++entity) offsets[entity + 1] += offsets[entity];
  std::vector<uint32_t> member_rows(rows);
  {
    std::vector<uint32_t> cursor(offsets.begin(), offsets.end() - 1);
    for (uint32_t row = 0; row < rows; ++row)
      member_rows[cursor[clustering.entity_of[row]]++] = row;
  }

  std::vector<int64_t> recency(rows);
  GoldenTable golden;
  golden.golden_id = GoldenIds(&golden_ids);
  golden.member_count.assign(entities, 0);
  golden.columns.reserve(column_count);
  for (size_t column = 0; column < column_count; ++column) {
    const StringColumn* raw_column = column < kFieldCount
                                         ? &raw.field(static_cast<Field>(column))
                                         : &raw.extra(column - kFieldCount);
    // A field no record holds (no bytes, raw or normalized) gets no per-entity arrays at all.
    const bool any_value =
        raw_column->byte_size() > 0 ||
        (column < kFieldCount && norm.value(static_cast<Field>(column)).byte_size() > 0);
    golden.columns.emplace_back(raw_column, any_value ? entities : 0);
  }
  const uint32_t chunk_count = (entities + kEntitiesPerChunk - 1) / kEntitiesPerChunk;
  std::vector<ChunkOut> chunks(chunk_count);
  ctx.task_arena().execute([&] {
    tbb::parallel_for(tbb::blocked_range<uint32_t>(0, rows, 4096),
                      [&](const tbb::blocked_range<uint32_t>& range) {
                        for (uint32_t row = range.begin(); row != range.end(); ++row) {
                          recency[row] = ParseRecency(raw.updated_at(row));
                        }
                      });
    tbb::parallel_for(
        tbb::blocked_range<uint32_t>(0, chunk_count, 1),
        [&](const tbb::blocked_range<uint32_t>& range) {
          EntityBuilder builder(raw, norm, recency, units, golden);
          for (uint32_t chunk_idx = range.begin(); chunk_idx != range.end(); ++chunk_idx) {
            if (ctx.cancelled()) return;
            ChunkOut& out = chunks[chunk_idx];
            builder.StartChunk(out);
            const uint32_t first = chunk_idx * kEntitiesPerChunk;
            const uint32_t last = std::min(entities, first + kEntitiesPerChunk);
            for (uint32_t entity = first; entity < last; ++entity) {
              builder.Build(entity,
                            std::span<const uint32_t>(member_rows)
                                .subspan(offsets[entity], offsets[entity + 1] - offsets[entity]),
                            out);
            }
          }
        });
  });
  if (ctx.cancelled()) return Status(StatusCode::kCancelled, "survive: cancelled");

  // Single-threaded finalize, in chunk order: owned values, source sets, counts.
  golden.sources.Resize(entities);
  std::vector<uint32_t> global_set;
  for (uint32_t chunk_idx = 0; chunk_idx < chunk_count; ++chunk_idx) {
    ChunkOut& chunk = chunks[chunk_idx];
    for (size_t column = 0; column < column_count; ++column) {
      golden.columns[column].AppendOwned(chunk.owned[column]);
    }
    global_set.clear();
    for (const std::string& joined : chunk.source_sets) {
      global_set.push_back(golden.sources.Intern(joined));
    }
    const uint32_t first = chunk_idx * kEntitiesPerChunk;
    for (uint32_t idx = 0; idx < chunk.source_set.size(); ++idx) {
      golden.sources.Set(first + idx, global_set[chunk.source_set[idx]]);
    }
    golden.provenance_count += chunk.provenance_count;
    chunk = ChunkOut();  // release as we go: peak memory stays near one copy
  }
  for (GoldenColumn& column : golden.columns) column.Finish();
  ctx.stats().Add("survive.golden_records", static_cast<int64_t>(entities));
  ctx.stats().Add("survive.provenance_entries", static_cast<int64_t>(golden.provenance_count));
  return golden;
}

}  // namespace idforge::survive
