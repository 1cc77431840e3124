// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// NormalizedTable: the matching keys of every record, row-aligned with the raw RecordTable. The
// normalize stage builds it; blocking, comparison and the audit read it. It lives in common so
// that later stages depend on the data, not on the stage that computes it.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "idforge/record_table.h"

namespace idforge {

// Per-record flags (NormalizedTable::flags()).
namespace flag {
inline constexpr uint32_t kEmailValid = 1u << 0;
inline constexpr uint32_t kEmailRole = 1u << 1;         // info@, sales@: a shared mailbox
inline constexpr uint32_t kEmailFreeProvider = 1u << 2;
inline constexpr uint32_t kPhoneE164 = 1u << 3;         // the phone value is E.164, not bare digits
inline constexpr uint32_t kPhoneValid = 1u << 4;
inline constexpr uint32_t kPhoneMobile = 1u << 5;
inline constexpr uint32_t kDobValid = 1u << 6;
inline constexpr uint32_t kDobAmbiguous = 1u << 7;      // day/month order came from the policy
inline constexpr uint32_t kNameFromFullName = 1u << 8;  // first/last were split from full_name
inline constexpr uint32_t kAddressFromLine = 1u << 9;   // street/city/postcode parsed from address
}  // namespace flag

// Derived keys beyond the per-field values.
enum class DerivedKey : uint8_t {
  kGivenCanonical,    // first name with nicknames resolved: "bob" -> "robert"
  kGivenPhonetic,     // Double Metaphone (primary) of the first name
  kSurnamePhonetic,   // Double Metaphone (primary) of the last name
  kSurnameCompact,    // last name without spaces: "de la fontaine" -> "delafontaine"
  kEmailCanonical,    // gmail dots and +tags removed: the form emails are matched on
};
inline constexpr size_t kDerivedKeyCount = 5;


// Row-aligned with the raw table it was built from. An empty value means "nothing to match on"
// (absent, junk or unusable). Immutable once built; safe to read from many threads.
class NormalizedTable {
 public:
  uint32_t row_count() const { return values_[0].size(); }
  const StringColumn& value(Field field) const { return values_[static_cast<size_t>(field)]; }
  std::string_view Get(Field field, uint32_t row) const { return value(field).Get(row); }
  const StringColumn& derived(DerivedKey key) const { return derived_[static_cast<size_t>(key)]; }
  std::string_view Get(DerivedKey key, uint32_t row) const { return derived(key).Get(row); }
  uint32_t flags(uint32_t row) const { return flags_[row]; }
  uint64_t MemoryBytes() const;

  // Building (the normalize stage): every row appends one value to every column and one flags
  // word, in row order.
  StringColumn& mutable_value(Field field) { return values_[static_cast<size_t>(field)]; }
  StringColumn& mutable_derived(DerivedKey key) { return derived_[static_cast<size_t>(key)]; }
  std::vector<uint32_t>& mutable_flags() { return flags_; }
  // Appends all rows of `other`.
  void AppendRows(const NormalizedTable& other);
  void ShrinkToFit();
  // Frees the derived keys (blocking and comparison only), keeping the row count: once matching
  // is done, survivorship reads the field values alone.
  void ReleaseDerivedKeys();

 private:
  std::array<StringColumn, kFieldCount> values_;
  std::array<StringColumn, kDerivedKeyCount> derived_;
  std::vector<uint32_t> flags_;
};

}  // namespace idforge
