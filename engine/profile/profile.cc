// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Every metric here is a count over sorted (hash, row) pairs: hashing fills the array in
// parallel, a parallel sort groups equal values, and one serial scan counts the runs. The sort
// key includes the row, so the order (and every tie-break) is the same for any thread count.
#include "engine/profile/profile.h"

#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/parallel_sort.h>

#include "engine/common/hash.h"
#include "engine/profile/mask_pattern.h"

namespace idforge::profile {
namespace {

constexpr uint32_t kNoRow = UINT32_MAX;

struct Entry {
  uint64_t hash = 0;
  uint32_t row = kNoRow;  // kNoRow: no value (dropped before sorting)
  friend bool operator<(const Entry& a, const Entry& b) {
    return a.hash != b.hash ? a.hash < b.hash : a.row < b.row;
  }
};

// One run of equal hashes: how many rows, and the first of them (the representative).
struct Group {
  uint64_t count = 0;
  uint32_t row = 0;
};

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

// Fills one entry per row of `range` with `hash_row(row, scratch)` (nullopt-like kNoRow when the
// row has no value), then drops the empty ones and sorts.
template <typename HashRow>
std::vector<Entry> SortedEntries(RowRange range, ExecContext& ctx, HashRow hash_row) {
  std::vector<Entry> entries(range.end - range.begin);
  ctx.task_arena().execute([&] {
    tbb::parallel_for(tbb::blocked_range<uint32_t>(range.begin, range.end, 4096),
                      [&](const tbb::blocked_range<uint32_t>& chunk) {
                        std::string scratch;  // one buffer per task, not per value
                        for (uint32_t row = chunk.begin(); row < chunk.end(); ++row) {
                          entries[row - range.begin] = hash_row(row, scratch);
                        }
                      });
  });
  std::erase_if(entries, [](const Entry& entry) { return entry.row == kNoRow; });
  ctx.task_arena().execute([&] { tbb::parallel_sort(entries.begin(), entries.end()); });
  return entries;
}

// Early-exit scan: most of the 17 canonical fields are unmapped in a given source.
bool AnyValue(const StringColumn& column, RowRange range) {
  for (uint32_t row = range.begin; row < range.end; ++row) {
    if (!column.IsEmpty(row)) return true;
  }
  return false;
}

std::vector<Group> Groups(const std::vector<Entry>& sorted) {
  std::vector<Group> groups;
  for (size_t idx = 0; idx < sorted.size();) {
    size_t end = idx + 1;
    while (end < sorted.size() && sorted[end].hash == sorted[idx].hash) ++end;
    groups.push_back({end - idx, sorted[idx].row});
    idx = end;
  }
  return groups;
}

DuplicateStats Duplicates(const std::vector<Entry>& sorted, const std::vector<Group>& groups) {
  DuplicateStats stats;
  stats.records = sorted.size();
  stats.distinct = groups.size();
  stats.duplicate_records = stats.records - stats.distinct;
  for (const Group& group : groups) {
    if (group.count >= 2) ++stats.groups;
    stats.largest_group = std::max(stats.largest_group, group.count);
  }
  return stats;
}

// The `limit` most frequent groups, count descending, ties by `text_of(row)` ascending.
template <typename TextOf>
std::vector<ValueCount> TopGroups(std::vector<Group> groups, size_t limit, TextOf text_of) {
  // text_of may return a view (values) or a string (patterns); ties are the only callers.
  auto before = [&](const Group& a, const Group& b) {
    if (a.count != b.count) return a.count > b.count;
    const auto text_a = text_of(a.row);
    const auto text_b = text_of(b.row);
    return text_a != text_b ? text_a < text_b : a.row < b.row;
  };
  const size_t keep = std::min(limit, groups.size());
  // Only groups that can make the cut are compared by text: the count of the keep-th largest.
  if (keep > 0 && groups.size() > keep) {
    std::vector<uint64_t> counts(groups.size());
    for (size_t idx = 0; idx < groups.size(); ++idx) counts[idx] = groups[idx].count;
    std::nth_element(counts.begin(), counts.begin() + static_cast<std::ptrdiff_t>(keep - 1),
                     counts.end(), std::greater<>());
    const uint64_t cut = counts[keep - 1];
    std::erase_if(groups, [cut](const Group& group) { return group.count < cut; });
  }
  // Performance: partial_sort is O(groups log keep); a full sort of a field of unique values
  // compared every value by text.
  std::partial_sort(groups.begin(), groups.begin() + static_cast<std::ptrdiff_t>(keep),
                    groups.end(), before);
  std::vector<ValueCount> top;
  for (size_t idx = 0; idx < keep; ++idx) {
    top.push_back({std::string(text_of(groups[idx].row)), groups[idx].count});
  }
  return top;
}

// Hash of a record's normalized values on `fields`; kNoRow entry when all are empty.
Entry RecordSignature(const NormalizedTable& normalized, std::span<const Field> fields,
                      uint32_t row) {
  uint64_t hash = kHashSeedV1;
  bool any = false;
  for (Field field : fields) {
    const std::string_view value = normalized.Get(field, row);
    any = any || !value.empty();
    // The field index goes in too, so ("a", "") and ("", "a") differ.
    hash = HashCombine(hash, HashKey(value, kHashSeedV1 + static_cast<uint64_t>(field)));
  }
  return any ? Entry{hash, row} : Entry{};
}

std::vector<uint64_t> UniqueHashes(const std::vector<Entry>& sorted) {
  std::vector<uint64_t> hashes;
  for (const Entry& entry : sorted) {
    if (hashes.empty() || hashes.back() != entry.hash) hashes.push_back(entry.hash);
  }
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

// Records of `from` whose signature (on `fields`) appears among `in`'s sorted unique hashes.
uint64_t RecordsFoundIn(const NormalizedTable& normalized, std::span<const Field> fields,
                        RowRange from, const std::vector<uint64_t>& in, ExecContext& ctx) {
  const std::vector<Entry> entries = SortedEntries(
      from, ctx, [&](uint32_t row, std::string&) { return RecordSignature(normalized, fields, row); });
  uint64_t found = 0;
  for (const Entry& entry : entries) found += std::binary_search(in.begin(), in.end(), entry.hash);
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
      const std::vector<Entry> patterns =
          SortedEntries(range, ctx, [&](uint32_t row, std::string& scratch) {
            if (raw_column.IsEmpty(row)) return Entry{};
            FormatPattern(raw_column.Get(row), scratch);
            return Entry{HashKey(scratch), row};
          });
      FieldProfile profile;
      profile.field = field;
      const std::vector<Group> pattern_groups = Groups(patterns);
      profile.patterns = pattern_groups.size();
      profile.top_patterns = TopGroups(pattern_groups, options.top_patterns, [&](uint32_t row) {
        std::string pattern;
        FormatPattern(raw_column.Get(row), pattern);
        return pattern;
      });

      // Distinct and top values of the normalized values (what matching compares).
      const std::vector<Entry> values = SortedEntries(range, ctx, [&](uint32_t row, std::string&) {
        return norm_column.IsEmpty(row) ? Entry{} : Entry{HashKey(norm_column.Get(row)), row};
      });
      const std::vector<Group> value_groups = Groups(values);
      profile.values = values.size();
      profile.distinct = value_groups.size();
      std::vector<ValueCount> top = TopGroups(
          value_groups, options.top_values,
          [&](uint32_t row) { return norm_column.Get(row); });
      if (!options.report_values) {
        for (ValueCount& value : top) value.value = MaskValue(field, value.value);
      }
      profile.top_values = std::move(top);
      if (field == Field::kEmail || field == Field::kPhone) {
        (field == Field::kEmail ? source.email : source.phone) = Duplicates(values, value_groups);
        key_hashes[source_idx][field == Field::kEmail ? 0 : 1] = UniqueHashes(values);
      }
      if (profile.values > 0) fields_with_values.push_back(field);
      source.fields.push_back(std::move(profile));
    }

    // Exact-duplicate records: the same normalized value on every field.
    ctx.Progress("profile", ++steps, total_steps);
    const std::vector<Entry> signatures = SortedEntries(range, ctx, [&](uint32_t row, std::string&) {
      return RecordSignature(normalized, fields_with_values, row);
    });
    source.exact_records = Duplicates(signatures, Groups(signatures));
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
        auto unique_signatures = [&](RowRange range) {
          return UniqueHashes(SortedEntries(range, ctx, [&](uint32_t row, std::string&) {
            return RecordSignature(normalized, pair.common_fields, row);
          }));
        };
        const std::vector<uint64_t> in_a = unique_signatures(ranges[a]);
        const std::vector<uint64_t> in_b = unique_signatures(ranges[b]);
        pair.a_records_in_b = RecordsFoundIn(normalized, pair.common_fields, ranges[a], in_b, ctx);
        pair.b_records_in_a = RecordsFoundIn(normalized, pair.common_fields, ranges[b], in_a, ctx);
      }
      pair.shared_emails = IntersectionSize(key_hashes[a][0], key_hashes[b][0]);
      pair.shared_phones = IntersectionSize(key_hashes[a][1], key_hashes[b][1]);
      stats.pairs.push_back(std::move(pair));
    }
  }
  return stats;
}

}  // namespace idforge::profile
