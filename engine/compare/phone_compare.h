// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Phone agreement by trailing digits. The normalizer gives E.164 (`+33612345678`) when it knows
// the country, else the national digits (`612345678`), which are a suffix of the E.164 digits:
// comparing from the end matches the two without guessing a country.
#pragma once

#include <cstdint>
#include <string_view>

namespace idforge::compare {

// The number of equal digits at the end of a and b, counting digits only (`+`, spaces and any
// other byte are skipped), so `+33612345678` and `612345678` share 9. O(length), pure.
uint32_t CommonSuffixDigits(std::string_view a, std::string_view b);

// True when the numbers share at least min_suffix trailing digits, or when both have the same
// non-empty digit string (short numbers such as 7-digit locals agree with themselves). A fragment
// shorter than min_suffix never agrees with a longer number. Symmetric, pure.
bool PhonesAgree(std::string_view a, std::string_view b, uint32_t min_suffix = 8);

}  // namespace idforge::compare
