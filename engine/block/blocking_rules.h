// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Blocking rules: a rule is a conjunction of key parts ("last_name_phonetic & first(first_name,1)
// & postcode"); two records are candidates when every part of some rule agrees. Written in job
// files as strings, parsed here; a built-in set covers typical customer data.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/common/normalized_table.h"
#include "idforge/status.h"

namespace idforge::block {

// What a key part reads: a normalized field, a derived key, or a key computed at blocking time.
struct KeySource {
  enum class Kind : uint8_t { kField, kDerived, kNamesSorted, kNamesSortedPhonetic, kEmailLocal } kind =
      Kind::kField;
  uint8_t index = 0;  // Field or DerivedKey

  friend bool operator==(const KeySource&, const KeySource&) = default;
};

enum class KeyTransform : uint8_t {
  kExact,      // the whole value
  kFirst,      // first n bytes (code points for non-ASCII are not split: see KeyPart)
  kLast,       // last n characters: last(phone,8) are the subscriber digits
  kYear,       // dob: "1984"
  kYearMonth,  // dob: "1984-07"
};

struct KeyPart {
  KeySource source;
  KeyTransform transform = KeyTransform::kExact;
  uint8_t n = 0;  // for kFirst / kLast
};

struct BlockingRule {
  std::string text;  // as written: "last_name_compact & dob"
  std::vector<KeyPart> parts;
  // Canonical fields the rule's keys come from: their comparisons are not trained on this rule's
  // pairs (they agree by construction, which would bias m).
  std::vector<Field> fields;
};

// Parses "name & first(name,1) & year(dob)". Key names: every canonical field, and
// first_name_canonical, first_name_phonetic, last_name_phonetic, last_name_compact,
// email_canonical, names_sorted (first and last name as an unordered pair: swapped names meet),
// names_sorted_phonetic (the same over the phonetic codes: swapped names with typos meet),
// email_local (the canonical email's local part, so a typo in the domain still meets; role
// mailboxes such as info@ and parts under 3 characters give no key).
// Errors name the rule and the unknown piece.
Result<BlockingRule> ParseBlockingRule(std::string_view text);

// The built-in rules for person/customer data (used when the job has no matching.blocking).
std::vector<BlockingRule> DefaultBlockingRules();
// The built-in rules for this data: the customer rules, plus organisation rules (company name,
// phone, address) when records name companies rather than people.
std::vector<BlockingRule> DefaultBlockingRules(const NormalizedTable& table);

// The key of `rule` for `row`, appended to `out` (parts joined with '\x1f'); false when any part
// is empty (no key: the record is not blocked by this rule). `out` is cleared first; `scratch`
// is working space the caller reuses.
bool BuildKey(const BlockingRule& rule, const NormalizedTable& table, uint32_t row,
              std::string& out, std::string& scratch);

}  // namespace idforge::block
