// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Comparison levels: how two records agree on one field, from "null" (a side is missing) through
// "else" (they disagree) to "exact". A pair's levels on all fields form its comparison vector
// (gamma, Fellegi & Sunter 1969), packed 4 bits per comparison into a 64-bit pattern.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/common/exec_context.h"
#include "engine/common/normalized_table.h"
#include "engine/match/match_rows.h"
#include "idforge/status.h"

namespace idforge::match {

enum class ComparisonKind : uint8_t {
  kFirstName,
  kLastName,
  kEmail,
  kPhone,
  kDob,
  kAddress,  // street, postcode and city as one: they vary together (households, moves)
  kNationalId,
  kGender,
  kCompany,
};

inline constexpr uint8_t kNullLevel = 0;  // a side is missing: neutral, Bayes factor 1
inline constexpr uint8_t kElseLevel = 1;  // both present, none of the agreement levels
inline constexpr size_t kMaxComparisons = 16;
inline constexpr size_t kMaxLevels = 8;

// The thresholds of a comparison's levels: built-in defaults, overridden per comparison in the
// job's matching.comparisons and kept in model.json. Each comparison reads only the ones its
// levels name (ParameterNames()).
struct ComparisonParameters {
  double close = 0.92;         // first_name, last_name: Jaro-Winkler of the "close" level
  double fuzzy = 0.80;         // first_name, last_name, company: Jaro-Winkler of "fuzzy"
  double street = 0.88;        // address: street Jaro-Winkler of "street_fuzzy" (or half the words)
  double city = 0.90;          // address: city Jaro-Winkler counted as the same city
  uint32_t max_edits = 1;      // email, national_id: edits of "fuzzy"/"typo" (emails of 16+ chars: +1)
  uint32_t suffix_digits = 8;  // phone: trailing digits of "suffix8"
  uint32_t within_days = 366;  // dob: days apart of "within_year"

  friend bool operator==(const ComparisonParameters&, const ComparisonParameters&) = default;
};

struct Comparison {
  ComparisonKind kind;
  std::string name;                 // "first_name": the key in model.json and explain output
  std::vector<Field> fields;        // the canonical fields it reads
  std::vector<std::string> levels;  // names, index = level; [0] "null", [1] "else", last "exact"
  // Exact agreement on a rare value weighs more than on a common one ("Smith").
  bool term_frequency = false;
  // A household shares it (surname, address, landline): agreement says "same household", and
  // only says "same person" when the first names do not conflict (see FirstNamesConflict).
  bool household = false;
  ComparisonParameters parameters;
};

// The parameter keys a comparison kind reads ("close", "fuzzy", ...), for matching.comparisons
// and model.json.
std::vector<std::string_view> ParameterNames(ComparisonKind kind);
// Reads parameter `key` of `comparison` as a double (integers widened), for model.json.
double GetParameter(const ComparisonParameters& parameters, std::string_view key);
// Sets parameter `key` after checking its range (similarities in (0, 1], close >= fuzzy is
// checked by ValidateParameters); the error says the allowed range.
Status SetParameter(ComparisonParameters& parameters, std::string_view key, double value);
// Checks the parameters taken together (a "close" threshold below "fuzzy" is an error).
Status ValidateParameters(const Comparison& comparison);

// The built-in comparisons for person/customer data, in the order they are scored.
const std::vector<Comparison>& DefaultComparisons();

// Finds a comparison kind by name ("first_name"); error lists the known names.
Result<ComparisonKind> ComparisonKindFromName(std::string_view name);

// True when a and b both give a first name and the names cannot be one person's: not equal, not a
// nickname, typo or phonetic variant, not an initial or one token of the other ("j" / "john",
// "jean" / "jean claude"), not the two names swapped (the first-name comparison's "else"). Households share a surname, an address and
// often a phone; the first name is what tells their members apart. `parameters`: the first-name
// comparison's thresholds (the job may override them).
bool GivenNamesConflict(const NormalizedTable& table, uint32_t a, uint32_t b,
                        const ComparisonParameters& parameters = {});
// The parameters of the first-name comparison among `comparisons`, or the defaults.
ComparisonParameters FirstNameParameters(const std::vector<Comparison>& comparisons);

using Pattern = uint64_t;  // 4 bits per comparison, comparison i at bits [4i, 4i+4)

inline uint8_t LevelOf(Pattern pattern, size_t comparison) {
  return static_cast<uint8_t>((pattern >> (4 * comparison)) & 0xF);
}

// True when the pattern's first-name comparison is at "else" (both names given, neither a
// variant, an initial nor a token of the other) and no personal identifier (email, birth date,
// national id) agrees even loosely. Fellegi-Sunter multiplies the household comparisons'
// agreement as if it were independent evidence of one person; for two members of one household
// it is not, so scoring counts none of their positive weight in that case.
bool FirstNamesConflict(const std::vector<Comparison>& comparisons, Pattern pattern);

// A comparison's weight (log Bayes factor plus any term-frequency adjustment) as scoring counts it.
inline double CountedWeight(const Comparison& comparison, double weight, bool first_names_conflict) {
  return first_names_conflict && comparison.household && weight > 0 ? 0.0 : weight;
}

// Computes comparison vectors. Holds views of the table and one 128-byte row per record
// (match_rows.h); thread-safe (const) once built.
class Comparator {
 public:
  // With a context, the rows are built in parallel in its arena.
  Comparator(const NormalizedTable& table, std::vector<Comparison> comparisons,
             ExecContext* ctx = nullptr);

  const std::vector<Comparison>& comparisons() const { return comparisons_; }
  const NormalizedTable& table() const { return table_; }
  // The comparison vector of records a and b. O(sum of field lengths); no allocation.
  Pattern Compare(uint32_t a, uint32_t b) const;
  // The level of one comparison (for explain).
  uint8_t Level(size_t comparison, uint32_t a, uint32_t b) const;
  // The same level computed from the columns alone, without the rows: the reference the rows
  // are tested against.
  uint8_t ColumnLevel(size_t comparison, uint32_t a, uint32_t b) const;
  // Starts loading a record's row: pair loops call it a few pairs ahead.
  void Prefetch(uint32_t row) const {
    const char* line = reinterpret_cast<const char*>(rows_.data() + row);
    __builtin_prefetch(line);
    __builtin_prefetch(line + 64);
  }

 private:
  // True when comparison `c` is at its null level for rows a and b: a side lacks every value it
  // reads. Decided from the rows' presence words.
  bool IsNull(size_t c, uint32_t a, uint32_t b) const {
    return (rows_[a].presence & rows_[b].presence & null_mask_[c]) == 0;
  }

  const NormalizedTable& table_;
  std::vector<Comparison> comparisons_;
  std::vector<internal::MatchRow> rows_;
  std::vector<uint32_t> null_mask_;  // per comparison: presence bits, any of which on both sides
};

}  // namespace idforge::match
