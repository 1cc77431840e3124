// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// The normalize stage: from the raw RecordTable to the matching values of every record. Raw values
// stay in the raw table (golden records show the best raw form); this table holds the keys that
// matching compares, per-record validity flags, and the per-source quality counts of the audit.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "engine/common/exec_context.h"
#include "engine/normalize/date.h"
#include "idforge/record_table.h"

namespace idforge::normalize {

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

 private:
  friend class TableNormalizer;
  friend Result<NormalizedTable> NormalizeTable(const RecordTable& raw,
                                                const struct NormalizeOptions& options,
                                                ExecContext& ctx);
  std::array<StringColumn, kFieldCount> values_;
  std::array<StringColumn, kDerivedKeyCount> derived_;
  std::vector<uint32_t> flags_;
};

struct NormalizeOptions {
  // The run's reference date: later birth dates are flagged future. Given by the caller (the CLI
  // uses today's date), never read from a clock here, so outputs are reproducible.
  Date today;
  // Rows per parallel task; any value gives the same table.
  uint32_t rows_per_task = 8192;
};

// Normalizes every row of `raw` in parallel (ctx.task_arena()) and sets ctx.stats().quality().
// Deterministic for any thread count. Linear in the input size.
Result<NormalizedTable> NormalizeTable(const RecordTable& raw, const NormalizeOptions& options,
                                       ExecContext& ctx);

// Gender to "f", "m", "x" or empty (F, female, femme, Frau, Mme, W, ...).
std::string_view NormalizeGender(std::string_view raw);

}  // namespace idforge::normalize
