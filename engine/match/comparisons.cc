// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
#include "engine/match/comparisons.h"

#include <algorithm>
#include <cstdlib>

#include "engine/compare/date_distance.h"
#include "engine/compare/jaro_winkler.h"
#include "engine/compare/levenshtein.h"
#include "engine/compare/phone_compare.h"
#include "engine/compare/token_set.h"

namespace idforge::match {
namespace {

// Level thresholds. Jaro-Winkler 0.92 keeps one typo in a short name; 0.80 catches phonetic
// variants and two typos (Splink's customer defaults use 0.92 / 0.88 / 0.7).
constexpr double kCloseName = 0.92;
constexpr double kFuzzyName = 0.80;

// Level indexes per kind (documented by the level names in DefaultComparisons()).
namespace first_name {
constexpr uint8_t kInitial = 2, kFuzzy = 3, kClose = 4, kNickname = 5, kExact = 6;
}
namespace last_name {
constexpr uint8_t kFuzzy = 2, kClose = 3, kExact = 4;
}
namespace email {
constexpr uint8_t kFuzzy = 2, kLocalPart = 3, kExact = 4;
}
namespace phone {
constexpr uint8_t kSuffix = 2, kExact = 3;
}
namespace dob {
constexpr uint8_t kWithinYear = 2, kTypo = 3, kExact = 4;
}
namespace generic {
constexpr uint8_t kFuzzy = 2, kExact = 3;
}
namespace address {
constexpr uint8_t kCity = 2, kPostcode = 3, kStreetFuzzy = 4, kExact = 5;
}

bool SwappedNames(const NormalizedTable& t, uint32_t a, uint32_t b) {
  const std::string_view first_a = t.Get(Field::kFirstName, a);
  const std::string_view last_a = t.Get(Field::kLastName, a);
  return !first_a.empty() && !last_a.empty() && first_a != last_a &&
         first_a == t.Get(Field::kLastName, b) && last_a == t.Get(Field::kFirstName, b);
}

// Both names written in the other order, with at most a typo each ("Rowe Caleb" / "Caleb Rwoe").
bool SwappedCloseNames(const NormalizedTable& t, uint32_t a, uint32_t b) {
  const std::string_view first_a = t.Get(Field::kFirstName, a);
  const std::string_view last_a = t.Get(Field::kLastName, a);
  const std::string_view first_b = t.Get(Field::kFirstName, b);
  const std::string_view last_b = t.Get(Field::kLastName, b);
  if (first_a.empty() || last_a.empty() || first_b.empty() || last_b.empty()) return false;
  return compare::JaroWinklerSimilarity(first_a, last_b, 0.1, kCloseName) >= kCloseName &&
         compare::JaroWinklerSimilarity(last_a, first_b, 0.1, kCloseName) >= kCloseName;
}

// True when the shorter name is an initial of, or a whole token of, the longer one.
bool InitialOrToken(std::string_view x, std::string_view y) {
  if (x.size() > y.size()) std::swap(x, y);
  if (x.size() == 1) return y.front() == x.front();
  for (size_t start = 0; start < y.size();) {
    const size_t end = std::min(y.find(' ', start), y.size());
    if (y.substr(start, end - start) == x) return true;
    start = end + 1;
  }
  return false;
}

uint8_t FirstNameLevel(const NormalizedTable& t, uint32_t a, uint32_t b) {
  const std::string_view x = t.Get(Field::kFirstName, a);
  const std::string_view y = t.Get(Field::kFirstName, b);
  if (x.empty() || y.empty()) return kNullLevel;
  if (x == y || SwappedNames(t, a, b)) return first_name::kExact;
  if (t.Get(DerivedKey::kGivenCanonical, a) == t.Get(DerivedKey::kGivenCanonical, b)) {
    return first_name::kNickname;
  }
  const double similarity = compare::JaroWinklerSimilarity(x, y, 0.1, kFuzzyName);
  if (similarity >= kCloseName) return first_name::kClose;
  if (SwappedCloseNames(t, a, b)) return first_name::kClose;
  if (similarity >= kFuzzyName) return first_name::kFuzzy;
  const std::string_view px = t.Get(DerivedKey::kGivenPhonetic, a);
  if (!px.empty() && px == t.Get(DerivedKey::kGivenPhonetic, b)) return first_name::kFuzzy;
  if (InitialOrToken(x, y)) return first_name::kInitial;
  return kElseLevel;
}

uint8_t LastNameLevel(const NormalizedTable& t, uint32_t a, uint32_t b) {
  const std::string_view x = t.Get(DerivedKey::kSurnameCompact, a);
  const std::string_view y = t.Get(DerivedKey::kSurnameCompact, b);
  if (x.empty() || y.empty()) return kNullLevel;
  if (x == y || SwappedNames(t, a, b)) return last_name::kExact;
  const double similarity = compare::JaroWinklerSimilarity(x, y, 0.1, kFuzzyName);
  if (similarity >= kCloseName) return last_name::kClose;
  if (SwappedCloseNames(t, a, b)) return last_name::kClose;
  if (similarity >= kFuzzyName) return last_name::kFuzzy;
  const std::string_view px = t.Get(DerivedKey::kSurnamePhonetic, a);
  if (!px.empty() && px == t.Get(DerivedKey::kSurnamePhonetic, b)) return last_name::kFuzzy;
  return kElseLevel;
}

// True when a and b differ, but are equal once their digits are removed.
bool DifferOnlyInDigits(std::string_view a, std::string_view b) {
  if (a == b) return false;
  size_t i = 0;
  size_t j = 0;
  bool any_digit = false;
  while (true) {
    while (i < a.size() && a[i] >= '0' && a[i] <= '9') { ++i; any_digit = true; }
    while (j < b.size() && b[j] >= '0' && b[j] <= '9') { ++j; any_digit = true; }
    if (i == a.size() || j == b.size()) return any_digit && i == a.size() && j == b.size();
    if (a[i] != b[j]) return false;
    ++i;
    ++j;
  }
}

uint8_t EmailLevel(const NormalizedTable& t, uint32_t a, uint32_t b) {
  // The canonical form when there is one (valid syntax); the normalized text otherwise.
  std::string_view x = t.Get(DerivedKey::kEmailCanonical, a);
  std::string_view y = t.Get(DerivedKey::kEmailCanonical, b);
  if (x.empty()) x = t.Get(Field::kEmail, a);
  if (y.empty()) y = t.Get(Field::kEmail, b);
  if (x.empty() || y.empty()) return kNullLevel;
  if (x == y) return email::kExact;
  const size_t at_x = x.rfind('@');
  const size_t at_y = y.rfind('@');
  const std::string_view local_x = x.substr(0, at_x);  // the whole value when there is no @
  const std::string_view local_y = y.substr(0, at_y);
  if (!local_x.empty() && local_x == local_y) return email::kLocalPart;
  if (DifferOnlyInDigits(local_x, local_y)) {
    return kElseLevel;  // john.smith1@ and john.smith2@: two numbered accounts, not a typo
  }
  // Typos only: one edit, or two in an address long enough that two edits are still a near
  // copy. No similarity score on the local part: most local parts are built from the person's
  // name, so "sarahsmith12@" and "sarah.smith34@" are similar because the names are; scoring
  // them would count the name agreement twice and merge namesakes.
  const uint32_t max_edits = std::min(x.size(), y.size()) >= 16 ? 2 : 1;
  if (compare::OsaDistance(x, y, max_edits) <= max_edits) return email::kFuzzy;
  return kElseLevel;
}

uint8_t PhoneLevel(const NormalizedTable& t, uint32_t a, uint32_t b) {
  const std::string_view x = t.Get(Field::kPhone, a);
  const std::string_view y = t.Get(Field::kPhone, b);
  if (x.empty() || y.empty()) return kNullLevel;
  if (x == y) return phone::kExact;
  if (compare::CommonSuffixDigits(x, y) >= 8) return phone::kSuffix;
  return kElseLevel;
}

uint8_t DobLevel(const NormalizedTable& t, uint32_t a, uint32_t b) {
  const std::string_view x = t.Get(Field::kDob, a);
  const std::string_view y = t.Get(Field::kDob, b);
  if (x.empty() || y.empty()) return kNullLevel;
  if (x == y) return dob::kExact;
  const compare::DateComparison comparison = compare::CompareDates(x, y);
  if (comparison.day_month_swapped || comparison.one_digit_typo) return dob::kTypo;
  if (comparison.days_apart != compare::kUnknownDaysApart && std::abs(comparison.days_apart) <= 366) {
    return dob::kWithinYear;
  }
  return kElseLevel;
}

// Street, postcode and city form one comparison: counted separately they would multiply the
// same evidence three times (Fellegi-Sunter assumes independent fields), and households, who
// share all three, would merge.
uint8_t AddressLevel(const NormalizedTable& t, uint32_t a, uint32_t b) {
  const std::string_view street_a = t.Get(Field::kStreet, a);
  const std::string_view street_b = t.Get(Field::kStreet, b);
  const std::string_view post_a = t.Get(Field::kPostcode, a);
  const std::string_view post_b = t.Get(Field::kPostcode, b);
  const std::string_view city_a = t.Get(Field::kCity, a);
  const std::string_view city_b = t.Get(Field::kCity, b);
  const bool has_street = !street_a.empty() && !street_b.empty();
  const bool has_post = !post_a.empty() && !post_b.empty();
  const bool has_city = !city_a.empty() && !city_b.empty();
  if (!has_street && !has_post && !has_city) return kNullLevel;
  const bool post_equal = has_post && post_a == post_b;
  const bool city_equal =
      has_city && (city_a == city_b || compare::JaroWinklerSimilarity(city_a, city_b, 0.1, 0.9) >= 0.9);
  // The place agrees, or says nothing: postcode and city absent or equal, not contradicting.
  const bool place_agrees = (post_equal || !has_post) && (city_equal || !has_city);
  if (has_street) {
    if (street_a == street_b && place_agrees) return address::kExact;
    const bool street_close = street_a == street_b || compare::TokenJaccard(street_a, street_b) >= 0.5 ||
                              compare::JaroWinklerSimilarity(street_a, street_b, 0.1, 0.88) >= 0.88;
    if (street_close && (post_equal || city_equal)) return address::kStreetFuzzy;
  }
  if (post_equal) return address::kPostcode;
  if (city_equal) return address::kCity;
  return kElseLevel;
}

uint8_t TextLevel(std::string_view x, std::string_view y, double fuzzy) {
  if (x.empty() || y.empty()) return kNullLevel;
  if (x == y) return generic::kExact;
  if (compare::JaroWinklerSimilarity(x, y, 0.1, fuzzy) >= fuzzy) return generic::kFuzzy;
  return kElseLevel;
}

uint8_t NationalIdLevel(const NormalizedTable& t, uint32_t a, uint32_t b) {
  const std::string_view x = t.Get(Field::kNationalId, a);
  const std::string_view y = t.Get(Field::kNationalId, b);
  if (x.empty() || y.empty()) return kNullLevel;
  if (x == y) return generic::kExact;
  if (compare::OsaDistance(x, y, 1) <= 1) return generic::kFuzzy;
  return kElseLevel;
}

}  // namespace

bool GivenNamesConflict(const NormalizedTable& table, uint32_t a, uint32_t b) {
  return FirstNameLevel(table, a, b) == kElseLevel;
}

bool FirstNamesConflict(const std::vector<Comparison>& comparisons, Pattern pattern) {
  bool conflict = false;
  for (size_t c = 0; c < comparisons.size(); ++c) {
    const uint8_t level = LevelOf(pattern, c);
    switch (comparisons[c].kind) {
      case ComparisonKind::kFirstName: conflict = level == kElseLevel; break;
      case ComparisonKind::kEmail:
      case ComparisonKind::kDob:
      case ComparisonKind::kNationalId:
        if (level > kElseLevel) return false;  // a personal identifier agrees: a garbled name
        break;
      default: break;
    }
  }
  return conflict;
}

const std::vector<Comparison>& DefaultComparisons() {
  static const std::vector<Comparison> kComparisons = {
      {ComparisonKind::kFirstName, "first_name", {Field::kFirstName},
       {"null", "else", "initial", "fuzzy", "close", "nickname", "exact"}, true},
      {ComparisonKind::kLastName, "last_name", {Field::kLastName},
       {"null", "else", "fuzzy", "close", "exact"}, true, true},
      {ComparisonKind::kEmail, "email", {Field::kEmail},
       {"null", "else", "fuzzy", "local_part", "exact"}, false},
      {ComparisonKind::kPhone, "phone", {Field::kPhone}, {"null", "else", "suffix8", "exact"}, false,
       true},
      {ComparisonKind::kDob, "dob", {Field::kDob},
       {"null", "else", "within_year", "swap_or_typo", "exact"}, false},
      {ComparisonKind::kAddress, "address", {Field::kStreet, Field::kPostcode, Field::kCity},
       {"null", "else", "same_city", "same_postcode", "street_fuzzy", "exact"}, false, true},
      {ComparisonKind::kNationalId, "national_id", {Field::kNationalId},
       {"null", "else", "typo", "exact"}, false},
      {ComparisonKind::kGender, "gender", {Field::kGender}, {"null", "else", "exact"}, false},
      {ComparisonKind::kCompany, "company", {Field::kCompany}, {"null", "else", "fuzzy", "exact"},
       false},
  };
  return kComparisons;
}

Result<ComparisonKind> ComparisonKindFromName(std::string_view name) {
  std::string known;
  for (const Comparison& comparison : DefaultComparisons()) {
    if (comparison.name == name) return comparison.kind;
    known += (known.empty() ? "" : ", ") + comparison.name;
  }
  return InvalidArgument("unknown comparison \"" + std::string(name) + "\"; comparisons: " + known);
}

namespace {

// The presence bits: one per canonical field, then the email's "any form" (canonical or as given)
// and the compact surname the last-name comparison reads.
constexpr uint32_t FieldBit(Field field) { return uint32_t{1} << static_cast<uint32_t>(field); }
constexpr uint32_t kEmailAnyBit = uint32_t{1} << kFieldCount;
constexpr uint32_t kSurnameCompactBit = uint32_t{1} << (kFieldCount + 1);
static_assert(kFieldCount + 2 <= 32);

uint32_t NullMask(ComparisonKind kind) {
  switch (kind) {
    case ComparisonKind::kFirstName: return FieldBit(Field::kFirstName);
    case ComparisonKind::kLastName: return kSurnameCompactBit;
    case ComparisonKind::kEmail: return kEmailAnyBit;
    case ComparisonKind::kPhone: return FieldBit(Field::kPhone);
    case ComparisonKind::kDob: return FieldBit(Field::kDob);
    case ComparisonKind::kAddress:
      return FieldBit(Field::kStreet) | FieldBit(Field::kPostcode) | FieldBit(Field::kCity);
    case ComparisonKind::kNationalId: return FieldBit(Field::kNationalId);
    case ComparisonKind::kGender: return FieldBit(Field::kGender);
    case ComparisonKind::kCompany: return FieldBit(Field::kCompany);
  }
  return 0;
}

}  // namespace

Comparator::Comparator(const NormalizedTable& table, std::vector<Comparison> comparisons)
    : table_(table), comparisons_(std::move(comparisons)), presence_(table.row_count(), 0) {
  uint32_t needed = 0;
  for (const Comparison& comparison : comparisons_) {
    null_mask_.push_back(NullMask(comparison.kind));
    needed |= null_mask_.back();
  }
  const uint32_t rows = table.row_count();
  // Column by column: each loop reads one column sequentially.
  auto mark = [&](const StringColumn& column, uint32_t bit) {
    if ((needed & bit) == 0) return;
    for (uint32_t row = 0; row < rows; ++row) {
      if (!column.IsEmpty(row)) presence_[row] |= bit;
    }
  };
  for (size_t f = 0; f < kFieldCount; ++f) mark(table.value(static_cast<Field>(f)), FieldBit(static_cast<Field>(f)));
  mark(table.value(Field::kEmail), kEmailAnyBit);
  mark(table.derived(DerivedKey::kEmailCanonical), kEmailAnyBit);
  mark(table.derived(DerivedKey::kSurnameCompact), kSurnameCompactBit);
}

uint8_t Comparator::Level(size_t comparison, uint32_t a, uint32_t b) const {
  if (IsNull(comparison, a, b)) return kNullLevel;
  const NormalizedTable& t = table_;
  switch (comparisons_[comparison].kind) {
    case ComparisonKind::kFirstName: return FirstNameLevel(t, a, b);
    case ComparisonKind::kLastName: return LastNameLevel(t, a, b);
    case ComparisonKind::kEmail: return EmailLevel(t, a, b);
    case ComparisonKind::kPhone: return PhoneLevel(t, a, b);
    case ComparisonKind::kDob: return DobLevel(t, a, b);
    case ComparisonKind::kAddress: return AddressLevel(t, a, b);
    case ComparisonKind::kNationalId: return NationalIdLevel(t, a, b);
    case ComparisonKind::kGender: {
      const std::string_view x = t.Get(Field::kGender, a);
      const std::string_view y = t.Get(Field::kGender, b);
      if (x.empty() || y.empty()) return kNullLevel;
      return x == y ? generic::kFuzzy : kElseLevel;  // two levels: else, exact (index 2)
    }
    case ComparisonKind::kCompany:
      return TextLevel(t.Get(Field::kCompany, a), t.Get(Field::kCompany, b), 0.9);
  }
  return kNullLevel;
}

Pattern Comparator::Compare(uint32_t a, uint32_t b) const {
  Pattern pattern = 0;
  for (size_t index = 0; index < comparisons_.size(); ++index) {
    pattern |= static_cast<Pattern>(Level(index, a, b)) << (4 * index);
  }
  return pattern;
}

}  // namespace idforge::match
