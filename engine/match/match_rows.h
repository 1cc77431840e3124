// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Private to engine/match: the values the built-in comparisons read, one 128-byte row per record,
// and the two ways the level functions reach them (RowAccess over those rows, TableAccess over
// the columns). The level functions are written once against either; both give the same levels.
//
// Performance: a candidate pair joins two scattered records. Read from the columns, each field
// costs two cache misses per side (its offsets, then its bytes): ~20 per pair, and the compare
// stage waited on memory for most of its time (perf: the offset loads in Comparator::Level).
// Here the short values (names, phone, date, city, postcode) sit in place and the long ones
// (email, street, canonical given name) as 32-bit hashes, so most pairs touch the two cache
// lines of each record and nothing else. A hash is only a filter: equal hashes are confirmed on
// the column values, so levels are exact.
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "engine/common/hash.h"
#include "engine/common/normalized_table.h"

namespace idforge::match::internal {

// A value of up to N - 1 bytes stored in place, zero-padded, with its size in the last byte; a
// longer value is marked long and read from its column. Two short values are equal exactly
// when their N bytes are.
template <size_t N>
struct InlineText {
  static constexpr uint8_t kLong = 0xFF;
  static_assert(N >= 2 && N - 1 < kLong);

  char bytes[N - 1];
  uint8_t size;

  bool is_long() const { return size == kLong; }
  // REQUIRES: !is_long().
  std::string_view view() const { return {bytes, size}; }
  void Set(std::string_view value) {
    std::memset(bytes, 0, sizeof(bytes));
    if (value.size() < N) {
      if (!value.empty()) std::memcpy(bytes, value.data(), value.size());  // data() may be null
      size = static_cast<uint8_t>(value.size());
    } else {
      size = kLong;
    }
  }
};

// Presence bits (MatchRow::presence): one per canonical field that is non-empty, then these.
inline constexpr uint32_t FieldBit(Field field) { return uint32_t{1} << static_cast<uint32_t>(field); }
inline constexpr uint32_t kEmailAnyBit = uint32_t{1} << kFieldCount;           // canonical or as given
inline constexpr uint32_t kSurnameCompactBit = uint32_t{1} << (kFieldCount + 1);
inline constexpr uint32_t kLastIsCompactBit = uint32_t{1} << (kFieldCount + 2);  // no space in the surname
static_assert(kFieldCount + 3 <= 32);

struct alignas(64) MatchRow {
  // Cache line 0: names and email.
  uint32_t presence;
  uint32_t given_canonical_hash;
  uint32_t email_hash;        // of the form emails are compared on (canonical, else as given)
  uint32_t email_local_hash;  // of its part before the last '@'
  InlineText<16> first_name;
  InlineText<16> surname;     // compact (DerivedKey::kSurnameCompact)
  InlineText<8> given_phonetic;
  InlineText<8> surname_phonetic;
  // Cache line 1: phone, date and place.
  InlineText<16> phone;
  InlineText<16> city;
  InlineText<12> dob;
  InlineText<12> postcode;
  uint32_t street_hash;
  // One bit per byte value mod 32 of the email: an edit changes at most two bits, so emails
  // whose bits differ in more than 2k places are more than k edits apart.
  uint32_t email_bag;
};
static_assert(sizeof(MatchRow) == 128);

// The email form comparisons use: canonical when the syntax is valid, else as given.
inline std::string_view EmailForm(const NormalizedTable& t, uint32_t row) {
  const std::string_view canonical = t.Get(DerivedKey::kEmailCanonical, row);
  return canonical.empty() ? t.Get(Field::kEmail, row) : canonical;
}
// The part before the last '@' (the whole value when there is none).
inline std::string_view LocalPart(std::string_view email) { return email.substr(0, email.rfind('@')); }

inline uint32_t Hash32(std::string_view value) {
  const uint64_t h = HashKey(value);
  return static_cast<uint32_t>(h ^ (h >> 32));
}

inline uint32_t ByteBag(std::string_view value) {
  uint32_t bag = 0;
  for (const char c : value) bag |= uint32_t{1} << (static_cast<uint8_t>(c) & 31);
  return bag;
}

MatchRow MakeMatchRow(const NormalizedTable& t, uint32_t row);

// The level functions' view of the columns: every value read where it is stored.
class TableAccess {
 public:
  explicit TableAccess(const NormalizedTable& t) : t_(t) {}
  const NormalizedTable& table() const { return t_; }
  bool Has(Field field, uint32_t r) const { return !t_.value(field).IsEmpty(r); }
  std::string_view first(uint32_t r) const { return t_.Get(Field::kFirstName, r); }
  std::string_view last(uint32_t r) const { return t_.Get(Field::kLastName, r); }
  std::string_view surname(uint32_t r) const { return t_.Get(DerivedKey::kSurnameCompact, r); }
  std::string_view given_phonetic(uint32_t r) const { return t_.Get(DerivedKey::kGivenPhonetic, r); }
  std::string_view surname_phonetic(uint32_t r) const { return t_.Get(DerivedKey::kSurnamePhonetic, r); }
  std::string_view phone(uint32_t r) const { return t_.Get(Field::kPhone, r); }
  std::string_view dob(uint32_t r) const { return t_.Get(Field::kDob, r); }
  std::string_view city(uint32_t r) const { return t_.Get(Field::kCity, r); }
  std::string_view postcode(uint32_t r) const { return t_.Get(Field::kPostcode, r); }
  std::string_view street(uint32_t r) const { return t_.Get(Field::kStreet, r); }
  std::string_view email(uint32_t r) const { return EmailForm(t_, r); }
  bool HasEmail(uint32_t r) const { return !email(r).empty(); }
  bool SameGivenCanonical(uint32_t a, uint32_t b) const {
    return t_.Get(DerivedKey::kGivenCanonical, a) == t_.Get(DerivedKey::kGivenCanonical, b);
  }
  bool SameFirst(uint32_t a, uint32_t b) const { return first(a) == first(b); }
  bool SameSurname(uint32_t a, uint32_t b) const { return surname(a) == surname(b); }
  bool SamePhone(uint32_t a, uint32_t b) const { return phone(a) == phone(b); }
  bool SameDob(uint32_t a, uint32_t b) const { return dob(a) == dob(b); }
  bool SamePostcode(uint32_t a, uint32_t b) const { return postcode(a) == postcode(b); }
  bool SameCity(uint32_t a, uint32_t b) const { return city(a) == city(b); }
  bool SameStreet(uint32_t a, uint32_t b) const { return street(a) == street(b); }
  bool SameEmail(uint32_t a, uint32_t b) const { return email(a) == email(b); }
  bool SameEmailLocal(uint32_t a, uint32_t b) const {
    const std::string_view x = LocalPart(email(a));
    return !x.empty() && x == LocalPart(email(b));
  }
  bool EmailsFarApart(uint32_t, uint32_t, uint32_t) const { return false; }  // no filter: always look

 private:
  const NormalizedTable& t_;
};

// The same view over MatchRows: values in place, the columns only for long values and to
// confirm equal hashes.
class RowAccess {
 public:
  RowAccess(const NormalizedTable& t, const MatchRow* rows) : t_(t), rows_(rows) {}
  const NormalizedTable& table() const { return t_; }
  bool Has(Field field, uint32_t r) const { return (rows_[r].presence & FieldBit(field)) != 0; }
  std::string_view first(uint32_t r) const { return Text(rows_[r].first_name, t_.value(Field::kFirstName), r); }
  std::string_view last(uint32_t r) const {
    return (rows_[r].presence & kLastIsCompactBit) != 0 ? surname(r) : t_.Get(Field::kLastName, r);
  }
  std::string_view surname(uint32_t r) const {
    return Text(rows_[r].surname, t_.derived(DerivedKey::kSurnameCompact), r);
  }
  std::string_view given_phonetic(uint32_t r) const {
    return Text(rows_[r].given_phonetic, t_.derived(DerivedKey::kGivenPhonetic), r);
  }
  std::string_view surname_phonetic(uint32_t r) const {
    return Text(rows_[r].surname_phonetic, t_.derived(DerivedKey::kSurnamePhonetic), r);
  }
  std::string_view phone(uint32_t r) const { return Text(rows_[r].phone, t_.value(Field::kPhone), r); }
  std::string_view dob(uint32_t r) const { return Text(rows_[r].dob, t_.value(Field::kDob), r); }
  std::string_view city(uint32_t r) const { return Text(rows_[r].city, t_.value(Field::kCity), r); }
  std::string_view postcode(uint32_t r) const { return Text(rows_[r].postcode, t_.value(Field::kPostcode), r); }
  std::string_view street(uint32_t r) const { return t_.Get(Field::kStreet, r); }
  std::string_view email(uint32_t r) const { return EmailForm(t_, r); }
  bool HasEmail(uint32_t r) const { return (rows_[r].presence & kEmailAnyBit) != 0; }
  bool SameGivenCanonical(uint32_t a, uint32_t b) const {
    return rows_[a].given_canonical_hash == rows_[b].given_canonical_hash &&
           t_.Get(DerivedKey::kGivenCanonical, a) == t_.Get(DerivedKey::kGivenCanonical, b);
  }
  bool SameFirst(uint32_t a, uint32_t b) const {
    return Same(&MatchRow::first_name, t_.value(Field::kFirstName), a, b);
  }
  bool SameSurname(uint32_t a, uint32_t b) const {
    return Same(&MatchRow::surname, t_.derived(DerivedKey::kSurnameCompact), a, b);
  }
  bool SamePhone(uint32_t a, uint32_t b) const { return Same(&MatchRow::phone, t_.value(Field::kPhone), a, b); }
  bool SameDob(uint32_t a, uint32_t b) const { return Same(&MatchRow::dob, t_.value(Field::kDob), a, b); }
  bool SamePostcode(uint32_t a, uint32_t b) const {
    return Same(&MatchRow::postcode, t_.value(Field::kPostcode), a, b);
  }
  bool SameCity(uint32_t a, uint32_t b) const { return Same(&MatchRow::city, t_.value(Field::kCity), a, b); }
  bool SameStreet(uint32_t a, uint32_t b) const {
    return rows_[a].street_hash == rows_[b].street_hash && street(a) == street(b);
  }
  bool SameEmail(uint32_t a, uint32_t b) const {
    return rows_[a].email_hash == rows_[b].email_hash && email(a) == email(b);
  }
  bool SameEmailLocal(uint32_t a, uint32_t b) const {
    if (rows_[a].email_local_hash != rows_[b].email_local_hash) return false;
    const std::string_view x = LocalPart(email(a));
    return !x.empty() && x == LocalPart(email(b));
  }
  // True when the emails are certainly more than `edits` edits apart (see MatchRow::email_bag).
  bool EmailsFarApart(uint32_t a, uint32_t b, uint32_t edits) const {
    return static_cast<uint32_t>(std::popcount(rows_[a].email_bag ^ rows_[b].email_bag)) > 2 * edits;
  }

 private:
  // A value in place, or from its column when it is too long for its slot.
  template <size_t N>
  static std::string_view Text(const InlineText<N>& text, const StringColumn& column, uint32_t r) {
    return text.is_long() ? column.Get(r) : text.view();
  }
  // Two values in place are equal exactly when their N bytes are (one short and one long never
  // are: their size bytes differ); only two long values need their column.
  template <size_t N>
  bool Same(InlineText<N> MatchRow::*slot, const StringColumn& column, uint32_t a, uint32_t b) const {
    const InlineText<N>& x = rows_[a].*slot;
    const InlineText<N>& y = rows_[b].*slot;
    if (!x.is_long() || !y.is_long()) return std::memcmp(&x, &y, N) == 0;
    return column.Get(a) == column.Get(b);
  }

  const NormalizedTable& t_;
  const MatchRow* rows_;
};

}  // namespace idforge::match::internal
