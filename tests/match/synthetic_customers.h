// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Seeded synthetic customers for the matching tests: persons with 0-2 noisy duplicates (typos in
// names, missing emails, phones and birth dates), so blocks mix matches and non-matches.
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "idforge/record_table.h"

namespace idforge::match::test {

// How varied the names and places are: the tests use few (blocks mix many namesakes), the
// match benchmarks more (blocks of realistic size at 200 k - 1 M records).
struct CustomerVariety {
  uint32_t surname_numbers = 40;  // a surname is one of the base names plus a number below this
  bool more_names = false;        // four more surnames and a sixth city
};

// `persons` people; row r's entity is entity_of[r] when `entity_of` is given.
inline RecordTable SyntheticCustomers(uint32_t persons, uint64_t seed,
                                      std::vector<uint32_t>* entity_of = nullptr,
                                      CustomerVariety variety = {}) {
  std::mt19937_64 rng(seed);
  const std::vector<std::string> firsts = {"robert", "bob",   "jerome", "zoe",   "maria", "jean",
                                           "william", "emilie", "hans", "siobhan", "li", "ahmed",
                                           "anna", "oliver", "grace", "lucas"};
  std::vector<std::string> lasts = {"lefevre", "smith",  "garcia", "vanderberg",
                                    "muller",  "obrien", "nguyen", "delacruz",
                                    "johnson", "dubois", "kelly",  "rowe"};
  std::vector<std::string> cities = {"lyon", "london", "berlin", "madrid", "paris"};
  if (variety.more_names) {
    lasts.insert(lasts.end(), {"green", "thomas", "hall", "dean"});
    cities.push_back("leeds");
  }
  RecordTable table;
  table.AddSource({.name = "crm", .default_country = "FR"});
  auto typo = [&](std::string value) {
    if (value.size() > 3 && rng() % 4 == 0) value[1 + rng() % (value.size() - 2)] = 'x';
    return value;
  };
  uint32_t row = 0;
  for (uint32_t person = 0; person < persons; ++person) {
    const std::string first = firsts[rng() % firsts.size()];
    const std::string last = lasts[rng() % lasts.size()] + std::to_string(rng() % variety.surname_numbers);
    const std::string email = first + "." + last + "@example.com";
    const std::string phone = "+336" + std::to_string(10000000 + rng() % 89999999);
    const std::string dob = std::to_string(1940 + rng() % 60) + "-0" +
                            std::to_string(1 + rng() % 9) + "-1" + std::to_string(rng() % 9);
    const std::string city = cities[rng() % cities.size()];
    const uint32_t copies = 1 + static_cast<uint32_t>(rng() % 3);
    for (uint32_t copy = 0; copy < copies; ++copy, ++row) {
      for (Field field : AllFields()) {
        std::string value;
        switch (field) {
          case Field::kFirstName: value = copy ? typo(first) : first; break;
          case Field::kLastName: value = copy ? typo(last) : last; break;
          case Field::kEmail: value = rng() % 5 ? email : ""; break;
          case Field::kPhone: value = rng() % 3 ? phone : ""; break;
          case Field::kDob: value = rng() % 4 ? dob : ""; break;
          case Field::kCity: value = city; break;
          default: break;
        }
        table.mutable_field(field).Append(value);
      }
      table.mutable_source_id_column().Append(std::to_string(row));
      table.mutable_updated_at_column().Append("");
      table.AppendRowMeta(0, row + 2);
      if (entity_of) entity_of->push_back(person);
    }
  }
  return table;
}

}  // namespace idforge::match::test
