// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Every metric here is a count over groups of equal hashes (hash_groups.h): hashing and grouping
// run in parallel, and each group keeps its first row, so every tie-break is the same for any
// thread count.
#include "engine/profile/profile.h"

#include <algorithm>
#include <array>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "engine/common/hash.h"
#include "engine/profile/hash_groups.h"
#include "engine/profile/mask_pattern.h"

namespace idforge::profile {
namespace {

struct RowRange {
  uint32_t begin = 0, end = 0;
};

// Rows of each source (contiguous and in job order: RecordTable's contract).
std::vector<RowRange> SourceRanges(const RecordTable& raw) {
  std::vector<RowRange> ranges(raw.sources().size());
  for (uint32_t row = 0; row < raw.row_count();) {
    const uint16_t source = raw.source(row);
    uint32_t end = row + 1;
    while (end < raw.row_count() && raw.source(end) == source) ++end;
    if (source < ranges.size()) ranges[source] = {row, end};
    row = end;
  }
  return ranges;
}

template <typename HashRow>
HashGroups Group(RowRange range, bool sort_by_hash, GroupScratch& scratch, ExecContext& ctx,
                 HashRow hash_row) {
  return GroupByHash(range.begin, range.end, sort_by_hash, scratch, ctx, hash_row);
}

// Early-exit scan: most of the 17 canonical fields are unmapped in a given source.
bool AnyValue(const StringColumn& column, RowRange range) {
  for (uint32_t row = range.begin; row < range.end; ++row) {
    if (!column.IsEmpty(row)) return true;
  }
  return false;
}

DuplicateStats Duplicates(const HashGroups& grouped) {
  DuplicateStats stats;
  stats.records = grouped.rows;
  stats.distinct = grouped.groups.size();
  stats.duplicate_records = stats.records - stats.distinct;
  for (const HashGroup& group : grouped.groups) {
    if (group.count >= 2) ++stats.groups;
    stats.largest_group = std::max<uint64_t>(stats.largest_group, group.count);
  }
  return stats;
}

// The `limit` most frequent groups, count descending, ties by `text_of(row)` ascending, then by
// row (so the order is total and the result does not depend on the order of `groups`).
template <typename TextOf>
std::vector<ValueCount> TopGroups(std::span<const HashGroup> groups, size_t limit, TextOf text_of) {
  const size_t keep = std::min(limit, groups.size());
  if (keep == 0) return {};
  // Performance: only groups that can make the cut are copied and compared by text: those
  // counted at least as often as the keep-th largest count, found in one pass with a tiny
  // sorted array of the largest counts so far (O(groups * keep) worst case, ~O(groups) as a rule).
  std::vector<uint32_t> largest;  // descending, at most `keep`
  largest.reserve(keep + 1);
  for (const HashGroup& group : groups) {
    if (largest.size() == keep && group.count <= largest.back()) continue;
    auto at = std::upper_bound(largest.begin(), largest.end(), group.count, std::greater<>());
    largest.insert(at, group.count);
    if (largest.size() > keep) largest.pop_back();
  }
  const uint32_t cut = largest.back();
  std::vector<HashGroup> candidates;
  for (const HashGroup& group : groups) {
    if (group.count >= cut) candidates.push_back(group);
  }
  // text_of may return a view (values) or a string (patterns); only ties call it.
  auto before = [&](const HashGroup& a, const HashGroup& b) {
    if (a.count != b.count) return a.count > b.count;
    const auto text_a = text_of(a.row);
    const auto text_b = text_of(b.row);
    return text_a != text_b ? text_a < text_b : a.row < b.row;
  };
  std::partial_sort(candidates.begin(), candidates.begin() + static_cast<std::ptrdiff_t>(keep),
                    candidates.end(), before);
  std::vector<ValueCount> top;
  for (size_t idx = 0; idx < keep; ++idx) {
    top.push_back({std::string(text_of(candidates[idx].row)), candidates[idx].count});
  }
  return top;
}

// Hash of a record's normalized values on `fields`; kNoRow entry when all are empty.
HashedRow RecordSignature(const NormalizedTable& normalized, std::span<const Field> fields,
                          uint32_t row) {
  uint64_t hash = kHashSeedV1;
  bool any = false;
  for (Field field : fields) {
    const std::string_view value = normalized.Get(field, row);
    any = any || !value.empty();
    // The field index goes in too, so ("a", "") and ("", "a") differ.
    hash = HashCombine(hash, HashKey(value, kHashSeedV1 + static_cast<uint64_t>(field)));
  }
  return any ? HashedRow{hash, row} : HashedRow{};
}

// The distinct hashes. REQUIRES: grouped.groups ascending by hash.
std::vector<uint64_t> UniqueHashes(const HashGroups& grouped) {
  std::vector<uint64_t> hashes(grouped.groups.size());
  for (size_t idx = 0; idx < hashes.size(); ++idx) hashes[idx] = grouped.groups[idx].hash;
  return hashes;
}

uint64_t IntersectionSize(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b) {
  uint64_t shared = 0;
  for (size_t ia = 0, ib = 0; ia < a.size() && ib < b.size();) {
    if (a[ia] < b[ib]) {
      ++ia;
    } else if (b[ib] < a[ia]) {
      ++ib;
    } else {
      ++shared;
      ++ia;
      ++ib;
    }
  }
  return shared;
}

// Rows of `from` whose hash is among `in`'s. REQUIRES: both ascending by hash.
uint64_t RowsFoundIn(std::span<const HashGroup> from, std::span<const HashGroup> in) {
  uint64_t found = 0;
  for (size_t ia = 0, ib = 0; ia < from.size() && ib < in.size();) {
    if (from[ia].hash < in[ib].hash) {
      ++ia;
    } else if (in[ib].hash < from[ia].hash) {
      ++ib;
    } else {
      found += from[ia].count;
      ++ia;
      ++ib;
    }
  }
  return found;
}

}  // namespace

Result<ProfileStats> ProfileTable(const RecordTable& raw, const NormalizedTable& normalized,
                                  const ProfileOptions& options, ExecContext& ctx) {
  if (normalized.row_count() != raw.row_count()) {
    return Status(StatusCode::kInternal, "profile: normalized table is not row-aligned with the raw table");
  }
  ProfileStats stats;
  stats.ran = true;
  stats.values_unmasked = options.report_values;
  const std::vector<RowRange> ranges = SourceRanges(raw);
  stats.sources.resize(ranges.size());
  // Per source: the sorted distinct email and phone hashes, for the cross-source counts.
  std::vector<std::array<std::vector<uint64_t>, 2>> key_hashes(ranges.size());
  const uint64_t total_steps = ranges.size() * (kFieldCount + 1);
  GroupScratch scratch;
  uint64_t steps = 0;

  for (size_t source_idx = 0; source_idx < ranges.size(); ++source_idx) {
    const RowRange range = ranges[source_idx];
    SourceProfile& source = stats.sources[source_idx];
    source.records = range.end - range.begin;
    std::vector<Field> fields_with_values;
    for (Field field : AllFields()) {
      ctx.Progress("profile", ++steps, total_steps);
      if (ctx.cancelled()) return Status(StatusCode::kCancelled, "profile cancelled");
      const StringColumn& raw_column = raw.field(field);
      const StringColumn& norm_column = normalized.value(field);
      if (!AnyValue(raw_column, range)) continue;  // not mapped, or never filled in this source
      // Format patterns of the raw values, as the file has them.
      const HashGroups patterns =
          Group(range, /*sort_by_hash=*/false, scratch, ctx, [&](uint32_t row, std::string& text) {
            if (raw_column.IsEmpty(row)) return HashedRow{};
            FormatPattern(raw_column.Get(row), text);
            return HashedRow{HashKey(text), row};
          });
      FieldProfile profile;
      profile.field = field;
      profile.patterns = patterns.groups.size();
      profile.top_patterns = TopGroups(patterns.groups, options.top_patterns, [&](uint32_t row) {
        std::string pattern;
        FormatPattern(raw_column.Get(row), pattern);
        return pattern;
      });

      // Distinct and top values of the normalized values (what matching compares). Email and
      // phone hashes are kept sorted for the cross-source counts.
      const bool is_key = field == Field::kEmail || field == Field::kPhone;
      const HashGroups values = Group(range, is_key, scratch, ctx, [&](uint32_t row, std::string&) {
        return norm_column.IsEmpty(row) ? HashedRow{}
                                        : HashedRow{HashKey(norm_column.Get(row)), row};
      });
      profile.values = values.rows;
      profile.distinct = values.groups.size();
      std::vector<ValueCount> top = TopGroups(values.groups, options.top_values,
                                              [&](uint32_t row) { return norm_column.Get(row); });
      if (!options.report_values) {
        for (ValueCount& value : top) value.value = MaskValue(field, value.value);
      }
      profile.top_values = std::move(top);
      if (is_key) {
        (field == Field::kEmail ? source.email : source.phone) = Duplicates(values);
        key_hashes[source_idx][field == Field::kEmail ? 0 : 1] = UniqueHashes(values);
      }
      if (profile.values > 0) fields_with_values.push_back(field);
      source.fields.push_back(std::move(profile));
    }

    // Exact-duplicate records: the same normalized value on every field.
    ctx.Progress("profile", ++steps, total_steps);
    source.exact_records = Duplicates(
        Group(range, /*sort_by_hash=*/false, scratch, ctx, [&](uint32_t row, std::string&) {
          return RecordSignature(normalized, fields_with_values, row);
        }));
  }

  // Across sources: exact copies on the fields both sources fill, and shared keys.
  for (size_t a = 0; a < ranges.size(); ++a) {
    for (size_t b = a + 1; b < ranges.size(); ++b) {
      SourcePairProfile pair;
      pair.a = a;
      pair.b = b;
      for (const FieldProfile& field_a : stats.sources[a].fields) {
        if (field_a.values == 0) continue;
        for (const FieldProfile& field_b : stats.sources[b].fields) {
          if (field_b.field == field_a.field && field_b.values > 0) {
            pair.common_fields.push_back(field_a.field);
          }
        }
      }
      if (!pair.common_fields.empty()) {
        auto signatures = [&](RowRange range) {
          return Group(range, /*sort_by_hash=*/true, scratch, ctx, [&](uint32_t row, std::string&) {
            return RecordSignature(normalized, pair.common_fields, row);
          });
        };
        const HashGroups a_view = signatures(ranges[a]);
        const std::vector<HashGroup> in_a(a_view.groups.begin(), a_view.groups.end());
        const HashGroups in_b = signatures(ranges[b]);  // reuses the scratch: a is copied
        pair.a_records_in_b = RowsFoundIn(in_a, in_b.groups);
        pair.b_records_in_a = RowsFoundIn(in_b.groups, in_a);
      }
      pair.shared_emails = IntersectionSize(key_hashes[a][0], key_hashes[b][0]);
      pair.shared_phones = IntersectionSize(key_hashes[a][1], key_hashes[b][1]);
      stats.pairs.push_back(std::move(pair));
    }
  }
  return stats;
}

}  // namespace idforge::profile
