// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Fuzzes the address functions and checks the invariants: outputs are valid UTF-8 (for valid
// input), no longer than needed, and NormalizeStreet / NormalizePostcode are idempotent.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "engine/common/utf8.h"
#include "engine/normalize/address.h"

namespace {

void CheckUtf8(std::string_view value) {
  if (!idforge::utf8::IsValid(value)) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const bool valid_input = idforge::utf8::IsValid(input);
  static constexpr std::string_view kCountries[] = {"", "US", "FR", "GB", "DE", "CA", "IE", "NL"};
  const std::string_view country = kCountries[size % std::size(kCountries)];

  std::string once, twice;
  idforge::normalize::NormalizeStreet(input, once);
  CheckUtf8(once);  // invalid bytes become spaces, so the key is UTF-8 whatever the input
  idforge::normalize::NormalizeStreet(once, twice);
  if (once != twice) std::abort();

  idforge::normalize::NormalizePostcode(input, country, once);
  CheckUtf8(once);
  idforge::normalize::NormalizePostcode(once, country, twice);
  if (once != twice) std::abort();

  idforge::normalize::AddressParts parts;
  idforge::normalize::ParseAddressLine(input, country, parts);
  if (valid_input) {
    for (const std::string* part :
         {&parts.house_number, &parts.unit, &parts.street, &parts.city, &parts.region}) {
      // Parts are slices cut at ASCII separators, so they stay UTF-8.
      CheckUtf8(*part);
      if (part->size() > size) std::abort();
    }
  }
  CheckUtf8(parts.postcode);
  if (!parts.country.empty() && parts.country.size() != 2) std::abort();
  (void)idforge::normalize::CountryCode(input);
  return 0;
}
