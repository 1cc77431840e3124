// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// The true person behind the records: compact indices into the reference tables, drawn once per
// person, from which every record of that person is rendered with its own variations.
#pragma once

#include <cstdint>
#include <vector>

#include "engine/gen/gen.h"
#include "engine/gen/random.h"
#include "engine/gen/tables.h"

namespace idforge::gen {

inline constexpr uint32_t kNoIndex = 0xFFFFFFFFu;

struct Address {
  uint16_t city = 0;
  uint16_t postcode = 0;   // index into the city's postcodes
  uint16_t street = 0;
  uint8_t type = 0;
  uint8_t number_suffix = 0;  // 1: "bis"/"a", 2: "ter"/"b"
  uint16_t number = 1;
  uint8_t line2 = 0;          // 0: none, else pattern index + 1
  uint8_t line2_number = 1;
  char line2_letter = 'A';
  char postcode_extra[3] = {'0', '0', '0'};  // US: ZIP digits 4-5; GB: inward code
  bool abbreviated = false;   // how the person usually writes the street type
};

enum class Relation : uint8_t { kNone, kHousehold, kTwin, kNamesake };

enum SourceBit : uint8_t { kCrm = 1, kMarketing = 2, kShop = 4 };

struct Person {
  uint64_t index = 0;  // global, 0-based; entity id "P<index + 1>"
  Country country = Country::kUS;
  bool female = false;
  Relation relation = Relation::kNone;
  uint32_t given = 0;
  uint32_t surname = 0;
  uint32_t surname2 = kNoIndex;    // ES second surname, or the second half of a double-barrel name
  bool hyphenated = false;
  uint32_t other_surname = kNoIndex;  // birth name, when the person took a married name
  int32_t dob = 0;                 // days since 1970-01-01
  Address address;
  Address previous;
  uint32_t mobile_key = 0;      // unique per person (Scatter27 of the index)
  uint32_t landline_key = kNoIndex;  // shared within a household
  bool landline_first = false;  // gives the landline rather than the mobile
  uint8_t email_pattern = 0;
  uint8_t email_provider = 0;
  uint8_t alt_pattern = 0;
  uint8_t alt_provider = 0;
  uint32_t shared_email_from = kNoIndex;  // batch-local index of the household head whose email is shared
  bool email_shared = false;               // a partner uses this person's email
  uint16_t company = 0xFFFF;    // stem index; 0xFFFF: no company
  uint8_t company_suffix = 0;
  uint8_t title = 0;
  uint8_t sources = 0;     // SourceBit mask
  uint8_t duplicates = 0;  // SourceBit mask: a second record in that source
};

// Makes the persons of one batch. Partners of hard negatives are earlier persons of the same
// batch, so batches stay independent. Not thread-safe (one per batch).
void MakePersons(const Tables& tables, const PopulationOptions& population, double duplicate_rate,
                 uint64_t first_index, uint32_t count, uint64_t seed, Rng& rng,
                 std::vector<Person>& out);

}  // namespace idforge::gen
