// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
#include "engine/match/comparisons.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>

#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/parallel_for.h>

#include "engine/common/arena.h"
#include "engine/compare/date_distance.h"
#include "engine/compare/jaro_winkler.h"
#include "engine/compare/levenshtein.h"
#include "engine/compare/phone_compare.h"
#include "engine/compare/token_set.h"
#include "engine/match/match_rows.h"

namespace idforge::match {
namespace {

// Level thresholds (ComparisonParameters): Jaro-Winkler 0.92 keeps one typo in a short name;
// 0.80 catches phonetic variants and two typos (Splink's customer defaults use 0.92 / 0.88 / 0.7).

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

// The level functions below read values through an access (match_rows.h): TableAccess reads the
// columns, RowAccess the comparator's rows. They are written once so both give the same levels.

template <typename Access>
bool SwappedNames(const Access& t, uint32_t a, uint32_t b) {
  const std::string_view first_a = t.first(a);
  const std::string_view last_a = t.last(a);
  return !first_a.empty() && !last_a.empty() && first_a != last_a && first_a == t.last(b) &&
         last_a == t.first(b);
}

// Both names written in the other order, with at most a typo each ("Rowe Caleb" / "Caleb Rwoe").
template <typename Access>
bool SwappedCloseNames(const Access& t, uint32_t a, uint32_t b, double close) {
  const std::string_view first_a = t.first(a);
  const std::string_view last_a = t.last(a);
  const std::string_view first_b = t.first(b);
  const std::string_view last_b = t.last(b);
  if (first_a.empty() || last_a.empty() || first_b.empty() || last_b.empty()) return false;
  return compare::JaroWinklerSimilarity(first_a, last_b, 0.1, close) >= close &&
         compare::JaroWinklerSimilarity(last_a, first_b, 0.1, close) >= close;
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

template <typename Access>
uint8_t FirstNameLevel(const Access& t, const ComparisonParameters& p, uint32_t a, uint32_t b) {
  const std::string_view x = t.first(a);
  const std::string_view y = t.first(b);
  if (x.empty() || y.empty()) return kNullLevel;
  if (t.SameFirst(a, b) || SwappedNames(t, a, b)) return first_name::kExact;
  if (t.SameGivenCanonical(a, b)) return first_name::kNickname;
  const double similarity = compare::JaroWinklerSimilarity(x, y, 0.1, p.fuzzy);
  if (similarity >= p.close) return first_name::kClose;
  if (SwappedCloseNames(t, a, b, p.close)) return first_name::kClose;
  if (similarity >= p.fuzzy) return first_name::kFuzzy;
  const std::string_view px = t.given_phonetic(a);
  if (!px.empty() && px == t.given_phonetic(b)) return first_name::kFuzzy;
  if (InitialOrToken(x, y)) return first_name::kInitial;
  return kElseLevel;
}

template <typename Access>
uint8_t LastNameLevel(const Access& t, const ComparisonParameters& p, uint32_t a, uint32_t b) {
  const std::string_view x = t.surname(a);
  const std::string_view y = t.surname(b);
  if (x.empty() || y.empty()) return kNullLevel;
  if (t.SameSurname(a, b) || SwappedNames(t, a, b)) return last_name::kExact;
  const double similarity = compare::JaroWinklerSimilarity(x, y, 0.1, p.fuzzy);
  if (similarity >= p.close) return last_name::kClose;
  if (SwappedCloseNames(t, a, b, p.close)) return last_name::kClose;
  if (similarity >= p.fuzzy) return last_name::kFuzzy;
  const std::string_view px = t.surname_phonetic(a);
  if (!px.empty() && px == t.surname_phonetic(b)) return last_name::kFuzzy;
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

// Emails are compared on their canonical form when there is one (valid syntax), else as given.
template <typename Access>
uint8_t EmailLevel(const Access& t, const ComparisonParameters& p, uint32_t a, uint32_t b) {
  if (!t.HasEmail(a) || !t.HasEmail(b)) return kNullLevel;
  if (t.SameEmail(a, b)) return email::kExact;
  if (t.SameEmailLocal(a, b)) return email::kLocalPart;
  // Far apart: neither a typo nor a digits-only difference can apply; the level is "else".
  if (t.EmailsFarApart(a, b, p.max_edits + 1)) return kElseLevel;
  const std::string_view x = t.email(a);
  const std::string_view y = t.email(b);
  if (DifferOnlyInDigits(internal::LocalPart(x), internal::LocalPart(y))) {
    return kElseLevel;  // john.smith1@ and john.smith2@: two numbered accounts, not a typo
  }
  // Typos only: one edit, or two in an address long enough that two edits are still a near
  // copy. No similarity score on the local part: most local parts are built from the person's
  // name, so "sarahsmith12@" and "sarah.smith34@" are similar because the names are; scoring
  // them would count the name agreement twice and merge namesakes.
  const uint32_t max_edits = std::min(x.size(), y.size()) >= 16 ? p.max_edits + 1 : p.max_edits;
  if (compare::OsaDistance(x, y, max_edits) <= max_edits) return email::kFuzzy;
  return kElseLevel;
}

template <typename Access>
uint8_t PhoneLevel(const Access& t, const ComparisonParameters& p, uint32_t a, uint32_t b) {
  const std::string_view x = t.phone(a);
  const std::string_view y = t.phone(b);
  if (x.empty() || y.empty()) return kNullLevel;
  if (t.SamePhone(a, b)) return phone::kExact;
  if (compare::CommonSuffixDigits(x, y) >= p.suffix_digits) return phone::kSuffix;
  return kElseLevel;
}

template <typename Access>
uint8_t DobLevel(const Access& t, const ComparisonParameters& p, uint32_t a, uint32_t b) {
  const std::string_view x = t.dob(a);
  const std::string_view y = t.dob(b);
  if (x.empty() || y.empty()) return kNullLevel;
  if (t.SameDob(a, b)) return dob::kExact;
  const compare::DateComparison comparison = compare::CompareDates(x, y);
  if (comparison.day_month_swapped || comparison.one_digit_typo) return dob::kTypo;
  if (comparison.days_apart != compare::kUnknownDaysApart && std::abs(comparison.days_apart) <= static_cast<int64_t>(p.within_days)) {
    return dob::kWithinYear;
  }
  return kElseLevel;
}

// Street, postcode and city form one comparison: counted separately they would multiply the
// same evidence three times (Fellegi-Sunter assumes independent fields), and households, who
// share all three, would merge.
template <typename Access>
uint8_t AddressLevel(const Access& t, const ComparisonParameters& p, uint32_t a, uint32_t b) {
  const std::string_view post_a = t.postcode(a);
  const std::string_view post_b = t.postcode(b);
  const std::string_view city_a = t.city(a);
  const std::string_view city_b = t.city(b);
  const bool has_street = t.Has(Field::kStreet, a) && t.Has(Field::kStreet, b);
  const bool has_post = !post_a.empty() && !post_b.empty();
  const bool has_city = !city_a.empty() && !city_b.empty();
  if (!has_street && !has_post && !has_city) return kNullLevel;
  const bool post_equal = has_post && t.SamePostcode(a, b);
  const bool city_equal =
      has_city && (t.SameCity(a, b) || compare::JaroWinklerSimilarity(city_a, city_b, 0.1, p.city) >= p.city);
  // The place agrees, or says nothing: postcode and city absent or equal, not contradicting.
  const bool place_agrees = (post_equal || !has_post) && (city_equal || !has_city);
  if (has_street) {
    const bool street_equal = t.SameStreet(a, b);
    if (street_equal && place_agrees) return address::kExact;
    // A close street counts only where the postcode or the city agrees: test that first, the
    // street kernels are the costly part.
    if (post_equal || city_equal) {
      const std::string_view street_a = t.street(a);
      const std::string_view street_b = t.street(b);
      if (street_equal || compare::TokenJaccard(street_a, street_b) >= 0.5 ||
          compare::JaroWinklerSimilarity(street_a, street_b, 0.1, p.street) >= p.street) {
        return address::kStreetFuzzy;
      }
    }
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

uint8_t NationalIdLevel(const NormalizedTable& t, const ComparisonParameters& p, uint32_t a, uint32_t b) {
  const std::string_view x = t.Get(Field::kNationalId, a);
  const std::string_view y = t.Get(Field::kNationalId, b);
  if (x.empty() || y.empty()) return kNullLevel;
  if (x == y) return generic::kExact;
  if (compare::OsaDistance(x, y, p.max_edits) <= p.max_edits) return generic::kFuzzy;
  return kElseLevel;
}

}  // namespace

bool GivenNamesConflict(const NormalizedTable& table, uint32_t a, uint32_t b,
                        const ComparisonParameters& parameters) {
  return FirstNameLevel(internal::TableAccess(table), parameters, a, b) == kElseLevel;
}

ComparisonParameters FirstNameParameters(const std::vector<Comparison>& comparisons) {
  for (const Comparison& comparison : comparisons) {
    if (comparison.kind == ComparisonKind::kFirstName) return comparison.parameters;
  }
  return {};
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

namespace {

std::vector<Comparison> MakeDefaultComparisons() {
  std::vector<Comparison> comparisons = {
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
  for (Comparison& comparison : comparisons) {
    if (comparison.kind == ComparisonKind::kCompany) comparison.parameters.fuzzy = 0.9;
  }
  return comparisons;
}

}  // namespace

const std::vector<Comparison>& DefaultComparisons() {
  static const std::vector<Comparison> kComparisons = MakeDefaultComparisons();
  return kComparisons;
}

std::vector<std::string_view> ParameterNames(ComparisonKind kind) {
  switch (kind) {
    case ComparisonKind::kFirstName:
    case ComparisonKind::kLastName: return {"close", "fuzzy"};
    case ComparisonKind::kEmail:
    case ComparisonKind::kNationalId: return {"max_edits"};
    case ComparisonKind::kPhone: return {"suffix_digits"};
    case ComparisonKind::kDob: return {"within_days"};
    case ComparisonKind::kAddress: return {"street", "city"};
    case ComparisonKind::kCompany: return {"fuzzy"};
    case ComparisonKind::kGender: return {};
  }
  return {};
}

double GetParameter(const ComparisonParameters& parameters, std::string_view key) {
  if (key == "close") return parameters.close;
  if (key == "fuzzy") return parameters.fuzzy;
  if (key == "street") return parameters.street;
  if (key == "city") return parameters.city;
  if (key == "max_edits") return parameters.max_edits;
  if (key == "suffix_digits") return parameters.suffix_digits;
  if (key == "within_days") return parameters.within_days;
  return 0;
}

Status SetParameter(ComparisonParameters& parameters, std::string_view key, double value) {
  auto similarity = [&](double& out) {
    if (!(value > 0 && value <= 1)) {
      return InvalidArgument("expected a Jaro-Winkler similarity in (0, 1], e.g. 0.9");
    }
    out = value;
    return Status();
  };
  auto count = [&](uint32_t& out, double low, double high, const char* what) {
    if (!(value >= low && value <= high) || value != std::floor(value)) {
      return InvalidArgument(std::string("expected ") + what + ", an integer from " +
                             std::to_string(static_cast<int>(low)) + " to " +
                             std::to_string(static_cast<int>(high)));
    }
    out = static_cast<uint32_t>(value);
    return Status();
  };
  if (key == "close") return similarity(parameters.close);
  if (key == "fuzzy") return similarity(parameters.fuzzy);
  if (key == "street") return similarity(parameters.street);
  if (key == "city") return similarity(parameters.city);
  if (key == "max_edits") return count(parameters.max_edits, 1, 3, "a number of edits");
  if (key == "suffix_digits") return count(parameters.suffix_digits, 4, 15, "a number of digits");
  if (key == "within_days") return count(parameters.within_days, 1, 36525, "a number of days");
  return InvalidArgument("unknown parameter");
}

Status ValidateParameters(const Comparison& comparison) {
  if ((comparison.kind == ComparisonKind::kFirstName || comparison.kind == ComparisonKind::kLastName) &&
      comparison.parameters.close < comparison.parameters.fuzzy) {
    return InvalidArgument("\"close\" (" + std::to_string(comparison.parameters.close) +
                           ") must be at least \"fuzzy\" (" +
                           std::to_string(comparison.parameters.fuzzy) + ")");
  }
  return Status();
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

using internal::FieldBit;
using internal::kEmailAnyBit;
using internal::kSurnameCompactBit;

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

namespace internal {

MatchRow MakeMatchRow(const NormalizedTable& t, uint32_t row) {
  MatchRow out;
  std::memset(&out, 0, sizeof(out));
  for (size_t f = 0; f < kFieldCount; ++f) {
    if (!t.value(static_cast<Field>(f)).IsEmpty(row)) out.presence |= FieldBit(static_cast<Field>(f));
  }
  const std::string_view email = EmailForm(t, row);
  if (!email.empty()) out.presence |= kEmailAnyBit;
  const std::string_view surname = t.Get(DerivedKey::kSurnameCompact, row);
  if (!surname.empty()) out.presence |= kSurnameCompactBit;
  if (surname == t.Get(Field::kLastName, row)) out.presence |= kLastIsCompactBit;
  out.given_canonical_hash = Hash32(t.Get(DerivedKey::kGivenCanonical, row));
  out.email_hash = Hash32(email);
  out.email_local_hash = Hash32(LocalPart(email));
  out.email_bag = ByteBag(email);
  out.first_name.Set(t.Get(Field::kFirstName, row));
  out.surname.Set(surname);
  out.given_phonetic.Set(t.Get(DerivedKey::kGivenPhonetic, row));
  out.surname_phonetic.Set(t.Get(DerivedKey::kSurnamePhonetic, row));
  out.phone.Set(t.Get(Field::kPhone, row));
  out.city.Set(t.Get(Field::kCity, row));
  out.dob.Set(t.Get(Field::kDob, row));
  out.postcode.Set(t.Get(Field::kPostcode, row));
  out.street_hash = Hash32(t.Get(Field::kStreet, row));
  return out;
}

}  // namespace internal

Comparator::Comparator(const NormalizedTable& table, std::vector<Comparison> comparisons,
                       ExecContext* ctx)
    : table_(table), comparisons_(std::move(comparisons)) {
  AssignOnHugePages(rows_, table.row_count());
  for (const Comparison& comparison : comparisons_) null_mask_.push_back(NullMask(comparison.kind));
  auto fill = [&](uint32_t begin, uint32_t end) {
    for (uint32_t row = begin; row < end; ++row) rows_[row] = internal::MakeMatchRow(table, row);
  };
  const uint32_t rows = table.row_count();
  if (ctx == nullptr) {
    fill(0, rows);
    return;
  }
  ctx->task_arena().execute([&] {
    tbb::parallel_for(tbb::blocked_range<uint32_t>(0, rows, 4096),
                      [&](const auto& range) { fill(range.begin(), range.end()); });
  });
}

namespace {

// The level of one comparison through either access (the gender, national id and company
// comparisons read their columns in both: their fields are rare and their values short).
template <typename Access>
uint8_t LevelThrough(const Access& t, const Comparison& comparison, uint32_t a, uint32_t b) {
  const ComparisonParameters& p = comparison.parameters;
  const NormalizedTable& table = t.table();
  switch (comparison.kind) {
    case ComparisonKind::kFirstName: return FirstNameLevel(t, p, a, b);
    case ComparisonKind::kLastName: return LastNameLevel(t, p, a, b);
    case ComparisonKind::kEmail: return EmailLevel(t, p, a, b);
    case ComparisonKind::kPhone: return PhoneLevel(t, p, a, b);
    case ComparisonKind::kDob: return DobLevel(t, p, a, b);
    case ComparisonKind::kAddress: return AddressLevel(t, p, a, b);
    case ComparisonKind::kNationalId: return NationalIdLevel(table, p, a, b);
    case ComparisonKind::kGender: {
      const std::string_view x = table.Get(Field::kGender, a);
      const std::string_view y = table.Get(Field::kGender, b);
      if (x.empty() || y.empty()) return kNullLevel;
      return x == y ? generic::kFuzzy : kElseLevel;  // two levels: else, exact (index 2)
    }
    case ComparisonKind::kCompany:
      return TextLevel(table.Get(Field::kCompany, a), table.Get(Field::kCompany, b), p.fuzzy);
  }
  return kNullLevel;
}

}  // namespace

uint8_t Comparator::Level(size_t comparison, uint32_t a, uint32_t b) const {
  if (IsNull(comparison, a, b)) return kNullLevel;
  return LevelThrough(internal::RowAccess(table_, rows_.data()), comparisons_[comparison], a, b);
}

uint8_t Comparator::ColumnLevel(size_t comparison, uint32_t a, uint32_t b) const {
  return LevelThrough(internal::TableAccess(table_), comparisons_[comparison], a, b);
}

Pattern Comparator::Compare(uint32_t a, uint32_t b) const {
  Pattern pattern = 0;
  for (size_t index = 0; index < comparisons_.size(); ++index) {
    pattern |= static_cast<Pattern>(Level(index, a, b)) << (4 * index);
  }
  return pattern;
}

}  // namespace idforge::match
