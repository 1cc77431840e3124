// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Differential tests (issue #7): ProfileTable() against a naive profile that counts strings in
// std::map, on random tables large enough for the partitioned hash grouping, with many ties at
// the top-k cut and any thread count; GroupHashedRows() against a sort; FormatPattern() against
// the code-point-by-code-point version it replaced.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "engine/profile/hash_groups.h"
#include "engine/profile/mask_pattern.h"
#include "engine/profile/profile.h"
#include "tests/testing/test_util.h"

namespace idforge::profile {
namespace {

// ---- FormatPattern: the previous implementation, verbatim ----

size_t ReferenceCodePointLength(unsigned char lead) {
  if (lead >= 0xF0) return 4;
  if (lead >= 0xE0) return 3;
  if (lead >= 0xC0) return 2;
  return 1;
}

std::string_view ReferenceCodePointAt(std::string_view text, size_t pos) {
  return text.substr(pos, ReferenceCodePointLength(static_cast<unsigned char>(text[pos])));
}

char ReferenceSymbolOf(std::string_view cp) {
  const auto lead = static_cast<unsigned char>(cp[0]);
  if (lead >= '0' && lead <= '9') return '9';
  if (lead >= 'A' && lead <= 'Z') return 'A';
  if (lead >= 'a' && lead <= 'z') return 'a';
  if (lead < 0x80) return 0;
  if (lead == 0xC3 && cp.size() == 2) {
    const auto second = static_cast<unsigned char>(cp[1]);
    if (second == 0x97 || second == 0xB7) return 0;
    return second <= 0x9E ? 'A' : 'a';
  }
  if (lead == 0xC2) return 0;
  return 'a';
}

std::string ReferencePattern(std::string_view value) {
  std::string out;
  std::string_view run_symbol;
  size_t run_length = 0;
  size_t symbols = 0;
  char symbol_buffer = 0;
  for (size_t pos = 0; pos < value.size();) {
    const std::string_view cp = ReferenceCodePointAt(value, pos);
    pos += cp.size();
    symbol_buffer = ReferenceSymbolOf(cp);
    const std::string_view symbol = symbol_buffer != 0 ? std::string_view(&symbol_buffer, 1) : cp;
    if (symbol == run_symbol) {
      ++run_length;
    } else {
      run_symbol = symbol_buffer != 0 ? std::string_view(symbol_buffer == '9'   ? "9"
                                                         : symbol_buffer == 'A' ? "A"
                                                                                : "a")
                                      : cp;
      run_length = 1;
    }
    const size_t cap = symbol_buffer == '9' ? 15 : 4;
    if (run_length > cap + 1) continue;
    if (symbols == kMaxPatternSymbols) {
      out += "…";
      return out;
    }
    if (run_length == cap + 1) {
      out += '+';
    } else {
      out.append(symbol);
    }
    ++symbols;
  }
  return out;
}

TEST(FormatPatternReferenceTest, EqualsThePreviousImplementation) {
  const uint64_t seed = test::Seed();
  SCOPED_TRACE("IDFORGE_TEST_SEED=" + std::to_string(seed));
  std::mt19937_64 rng(seed);
  // Pieces that exercise every branch: classes, kept ASCII, Latin-1 letters and symbols, × and
  // ÷, other scripts, 4-byte code points, NUL, and truncated or stray UTF-8 bytes.
  const std::vector<std::string> pieces = {"a",        "Z",      "7",
                                           "0",        " ",      "-",
                                           "+",        ".",      "@",
                                           "(",        "é",      "É",
                                           "ß",        "×",      "÷",
                                           "°",        "«",      "ж",
                                           "中",       "😀",      std::string(1, '\0'),
                                           "\xC3",     "\x80",   "\xE2\x82",
                                           "\xF0\x9F", "aaaaaa", "1111111111111111111",
                                           "-----",    "ééééé",  "中中中中中中"};
  std::string out;
  for (int round = 0; round < 100'000; ++round) {
    std::string value;
    const size_t count = rng() % 30;
    for (size_t piece = 0; piece < count; ++piece) value += pieces[rng() % pieces.size()];
    FormatPattern(value, out);
    ASSERT_EQ(out, ReferencePattern(value)) << "value: " << value;
  }
}

// ---- GroupHashedRows against a sort ----

TEST(GroupHashedRowsTest, EqualsASortForAnySizeAndThreadCount) {
  const uint64_t seed = test::Seed();
  SCOPED_TRACE("IDFORGE_TEST_SEED=" + std::to_string(seed));
  std::mt19937_64 rng(seed);
  for (const size_t n : {size_t{0}, size_t{1}, size_t{100}, size_t{4096}, size_t{4097},
                         size_t{50'000}, size_t{300'000}}) {
    SCOPED_TRACE("n=" + std::to_string(n));
    const uint64_t distinct = 1 + rng() % (n + 1);
    std::vector<HashedRow> hashed(n);
    for (uint32_t row = 0; row < n; ++row) {
      if (rng() % 5 == 0) continue;  // no value
      // Hashes from a small set, scrambled so that they spread over every partition.
      hashed[row] = {(rng() % distinct) * 0x9E37'79B9'7F4A'7C15ULL, row};
    }
    // The expected groups: sort (hash, row), count runs, keep the first row.
    std::vector<HashedRow> sorted;
    for (const HashedRow& entry : hashed) {
      if (entry.row != kNoRow) sorted.push_back(entry);
    }
    std::sort(sorted.begin(), sorted.end(), [](const HashedRow& a, const HashedRow& b) {
      return std::tie(a.hash, a.row) < std::tie(b.hash, b.row);
    });
    std::vector<std::tuple<uint64_t, uint32_t, uint32_t>> expected;
    for (size_t begin = 0; begin < sorted.size();) {
      size_t end = begin + 1;
      while (end < sorted.size() && sorted[end].hash == sorted[begin].hash) ++end;
      expected.emplace_back(sorted[begin].hash, static_cast<uint32_t>(end - begin),
                            sorted[begin].row);
      begin = end;
    }
    std::vector<HashGroup> first_run;
    for (const int threads : {1, 2, 4}) {
      SCOPED_TRACE("threads=" + std::to_string(threads));
      ExecContext ctx(threads);
      GroupScratch scratch;
      scratch.hashed = hashed;
      const HashGroups by_hash = GroupHashedRows(n, /*sort_by_hash=*/true, scratch, ctx);
      ASSERT_EQ(by_hash.rows, sorted.size());
      ASSERT_EQ(by_hash.groups.size(), expected.size());
      for (size_t idx = 0; idx < expected.size(); ++idx) {
        ASSERT_EQ(std::make_tuple(by_hash.groups[idx].hash, by_hash.groups[idx].count,
                                  by_hash.groups[idx].row),
                  expected[idx]);
      }
      // Unsorted: the same groups, in an order that depends on the input alone. The scratch is
      // reused, as ProfileTable() does, and may hold more rows than asked for.
      scratch.hashed.resize(n + 10, HashedRow{1, 0});
      const HashGroups any_order = GroupHashedRows(n, /*sort_by_hash=*/false, scratch, ctx);
      ASSERT_EQ(any_order.groups.size(), expected.size());
      if (threads == 1) first_run.assign(any_order.groups.begin(), any_order.groups.end());
      for (size_t idx = 0; idx < expected.size(); ++idx) {
        ASSERT_EQ(any_order.groups[idx].hash, first_run[idx].hash);
        ASSERT_EQ(any_order.groups[idx].row, first_run[idx].row);
      }
    }
  }
}

// ---- ProfileTable against a naive profile ----

struct Tables {
  RecordTable raw;
  NormalizedTable normalized;
};

// Values drawn from small vocabularies (many ties at the top-k cut, within and across sources),
// some unique values and some empty; the normalized value is the raw one lower-cased, or empty.
Tables RandomTables(std::mt19937_64& rng, const std::vector<uint32_t>& source_rows) {
  const std::vector<Field> fields = {Field::kFirstName, Field::kLastName, Field::kEmail,
                                     Field::kPhone,     Field::kCity,     Field::kCountry};
  const std::vector<std::string> words = {"Ann",     "ann",     "Bob",    "Émile", "émile",
                                          "Zoë",     "O'Neil",  "+41 22", "12-34", "a@x.com",
                                          "A@X.com", "b@y.org", "中文",   "x"};
  Tables tables;
  uint64_t line = 1;
  for (size_t source = 0; source < source_rows.size(); ++source) {
    tables.raw.AddSource({.name = "s" + std::to_string(source)});
    // Each source fills its own subset of fields.
    std::vector<bool> filled(fields.size());
    for (size_t field = 0; field < fields.size(); ++field) filled[field] = rng() % 4 != 0;
    const uint64_t vocabulary = 2 + rng() % 3000;
    for (uint32_t idx = 0; idx < source_rows[source]; ++idx) {
      tables.raw.AppendRowMeta(static_cast<uint16_t>(source), ++line);
      tables.raw.mutable_source_id_column().Append(std::to_string(line));
      tables.raw.mutable_updated_at_column().Append("");
      for (Field field : AllFields()) {
        const auto at = std::find(fields.begin(), fields.end(), field);
        std::string raw;
        if (at != fields.end() && filled[static_cast<size_t>(at - fields.begin())] &&
            rng() % 8 != 0) {
          const uint64_t pick = rng() % 10;
          raw = pick < 3   ? words[rng() % words.size()]
                : pick < 9 ? words[rng() % words.size()] + std::to_string(rng() % vocabulary)
                           : "u" + std::to_string(rng());
        }
        std::string norm = raw;
        for (char& c : norm) {
          if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        }
        if (rng() % 50 == 0) norm.clear();  // junk the normalizer dropped
        tables.raw.mutable_field(field).Append(raw);
        tables.normalized.mutable_value(field).Append(norm);
      }
      for (size_t key = 0; key < kDerivedKeyCount; ++key) {
        tables.normalized.mutable_derived(static_cast<DerivedKey>(key)).Append("");
      }
      tables.normalized.mutable_flags().push_back(0);
    }
  }
  return tables;
}

// The `limit` most frequent strings, count descending, then ascending.
std::vector<ValueCount> NaiveTop(const std::map<std::string, uint64_t>& counts, size_t limit) {
  std::vector<ValueCount> all;
  for (const auto& [value, count] : counts) all.push_back({value, count});
  std::stable_sort(all.begin(), all.end(),
                   [](const ValueCount& a, const ValueCount& b) { return a.count > b.count; });
  if (all.size() > limit) all.resize(limit);
  return all;
}

DuplicateStats NaiveDuplicates(const std::map<std::vector<std::string>, uint64_t>& counts) {
  DuplicateStats stats;
  for (const auto& [key, count] : counts) {
    stats.records += count;
    ++stats.distinct;
    if (count >= 2) ++stats.groups;
    stats.largest_group = std::max(stats.largest_group, count);
  }
  stats.duplicate_records = stats.records - stats.distinct;
  return stats;
}

void ExpectSame(const DuplicateStats& a, const DuplicateStats& b) {
  EXPECT_EQ(a.records, b.records);
  EXPECT_EQ(a.distinct, b.distinct);
  EXPECT_EQ(a.duplicate_records, b.duplicate_records);
  EXPECT_EQ(a.groups, b.groups);
  EXPECT_EQ(a.largest_group, b.largest_group);
}

void ExpectSame(const std::vector<ValueCount>& a, const std::vector<ValueCount>& b) {
  ASSERT_EQ(a.size(), b.size());
  for (size_t idx = 0; idx < a.size(); ++idx) {
    EXPECT_EQ(a[idx].value, b[idx].value) << "rank " << idx;
    EXPECT_EQ(a[idx].count, b[idx].count) << "rank " << idx;
  }
}

// The signature of `row` on `fields`, or empty when every value is empty.
std::vector<std::string> Signature(const NormalizedTable& normalized,
                                   const std::vector<Field>& fields, uint32_t row) {
  std::vector<std::string> values;
  bool any = false;
  for (Field field : fields) {
    values.emplace_back(normalized.Get(field, row));
    any = any || !values.back().empty();
  }
  return any ? values : std::vector<std::string>{};
}

TEST(ProfileReferenceTest, EqualsANaiveProfileForAnyThreadCount) {
  const uint64_t seed = test::Seed();
  SCOPED_TRACE("IDFORGE_TEST_SEED=" + std::to_string(seed));
  std::mt19937_64 rng(seed);
  for (int round = 0; round < 3; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    std::vector<uint32_t> source_rows;
    for (int source = 0; source < 3; ++source) {
      source_rows.push_back(static_cast<uint32_t>(round == 0 ? rng() % 50 : 5000 + rng() % 10'000));
    }
    const Tables tables = RandomTables(rng, source_rows);
    const ProfileOptions options{.top_values = 7, .top_patterns = 4, .report_values = true};
    ExecContext ctx1(1);
    Result<ProfileStats> stats = ProfileTable(tables.raw, tables.normalized, options, ctx1);
    ASSERT_TRUE(stats.ok());

    uint32_t begin = 0;
    std::vector<std::vector<Field>> filled_fields(source_rows.size());
    std::vector<std::set<std::string>> emails(source_rows.size()), phones(source_rows.size());
    for (size_t source = 0; source < source_rows.size(); ++source) {
      SCOPED_TRACE("source " + std::to_string(source));
      const uint32_t end = begin + source_rows[source];
      const SourceProfile& got = stats->sources[source];
      EXPECT_EQ(got.records, source_rows[source]);
      size_t field_idx = 0;
      for (Field field : AllFields()) {
        std::map<std::string, uint64_t> patterns, values;
        uint64_t value_count = 0;
        std::map<std::vector<std::string>, uint64_t> keys;
        for (uint32_t row = begin; row < end; ++row) {
          const std::string_view raw = tables.raw.field(field).Get(row);
          if (!raw.empty()) ++patterns[ReferencePattern(raw)];
          const std::string_view norm = tables.normalized.Get(field, row);
          if (!norm.empty()) {
            ++values[std::string(norm)];
            ++value_count;
            ++keys[{std::string(norm)}];
            if (field == Field::kEmail) emails[source].insert(std::string(norm));
            if (field == Field::kPhone) phones[source].insert(std::string(norm));
          }
        }
        if (patterns.empty()) continue;
        ASSERT_LT(field_idx, got.fields.size());
        const FieldProfile& profile = got.fields[field_idx++];
        SCOPED_TRACE("field " + std::to_string(static_cast<int>(field)));
        ASSERT_EQ(profile.field, field);
        EXPECT_EQ(profile.patterns, patterns.size());
        ExpectSame(profile.top_patterns, NaiveTop(patterns, options.top_patterns));
        EXPECT_EQ(profile.values, value_count);
        EXPECT_EQ(profile.distinct, values.size());
        ExpectSame(profile.top_values, NaiveTop(values, options.top_values));
        if (field == Field::kEmail) ExpectSame(got.email, NaiveDuplicates(keys));
        if (field == Field::kPhone) ExpectSame(got.phone, NaiveDuplicates(keys));
        if (value_count > 0) filled_fields[source].push_back(field);
      }
      EXPECT_EQ(field_idx, got.fields.size());
      std::map<std::vector<std::string>, uint64_t> records;
      for (uint32_t row = begin; row < end; ++row) {
        std::vector<std::string> signature =
            Signature(tables.normalized, filled_fields[source], row);
        if (!signature.empty()) ++records[signature];
      }
      ExpectSame(got.exact_records, NaiveDuplicates(records));
      begin = end;
    }

    // Across sources.
    std::vector<uint32_t> source_begin = {0};
    for (const uint32_t rows : source_rows) source_begin.push_back(source_begin.back() + rows);
    size_t pair_idx = 0;
    for (size_t a = 0; a < source_rows.size(); ++a) {
      for (size_t b = a + 1; b < source_rows.size(); ++b) {
        ASSERT_LT(pair_idx, stats->pairs.size());
        const SourcePairProfile& pair = stats->pairs[pair_idx++];
        std::vector<Field> common;
        for (Field field : filled_fields[a]) {
          if (std::count(filled_fields[b].begin(), filled_fields[b].end(), field)) {
            common.push_back(field);
          }
        }
        EXPECT_EQ(pair.common_fields, common);
        auto signatures = [&](size_t source) {
          std::vector<std::vector<std::string>> out;
          for (uint32_t row = source_begin[source]; row < source_begin[source + 1]; ++row) {
            std::vector<std::string> signature = Signature(tables.normalized, common, row);
            if (!signature.empty()) out.push_back(std::move(signature));
          }
          return out;
        };
        const auto in_a = signatures(a);
        const auto in_b = signatures(b);
        const std::set<std::vector<std::string>> set_a(in_a.begin(), in_a.end());
        const std::set<std::vector<std::string>> set_b(in_b.begin(), in_b.end());
        uint64_t a_in_b = 0, b_in_a = 0;
        if (!common.empty()) {
          for (const auto& signature : in_a) a_in_b += set_b.count(signature);
          for (const auto& signature : in_b) b_in_a += set_a.count(signature);
        }
        EXPECT_EQ(pair.a_records_in_b, a_in_b);
        EXPECT_EQ(pair.b_records_in_a, b_in_a);
        uint64_t shared_emails = 0, shared_phones = 0;
        for (const std::string& email : emails[a]) shared_emails += emails[b].count(email);
        for (const std::string& phone : phones[a]) shared_phones += phones[b].count(phone);
        EXPECT_EQ(pair.shared_emails, shared_emails);
        EXPECT_EQ(pair.shared_phones, shared_phones);
      }
    }

    // Any thread count: the very same profile, ties and all.
    ExecContext ctx3(3);
    Result<ProfileStats> again = ProfileTable(tables.raw, tables.normalized, options, ctx3);
    ASSERT_TRUE(again.ok());
    ASSERT_EQ(again->sources.size(), stats->sources.size());
    for (size_t source = 0; source < stats->sources.size(); ++source) {
      const SourceProfile& x = stats->sources[source];
      const SourceProfile& y = again->sources[source];
      ASSERT_EQ(x.fields.size(), y.fields.size());
      for (size_t field = 0; field < x.fields.size(); ++field) {
        ExpectSame(x.fields[field].top_values, y.fields[field].top_values);
        ExpectSame(x.fields[field].top_patterns, y.fields[field].top_patterns);
      }
    }
  }
}

}  // namespace
}  // namespace idforge::profile
