// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Date and number comparison. Dates arrive in the normalized ISO form `YYYY-MM-DD`; the
// comparison names the error patterns that keying and export create (day and month swapped by a
// US/European format mix-up, a wrong year, one mistyped digit) so the scorer can weigh each.
#pragma once

#include <cstdint>
#include <limits>
#include <string_view>

namespace idforge::compare {

inline constexpr int32_t kUnknownDaysApart = std::numeric_limits<int32_t>::max();

// Flags are exclusive of `exact` (a date equal to the other is not "swapped") and all false when
// !valid. days_apart is |a - b| in days, or kUnknownDaysApart when !valid.
struct DateComparison {
  bool valid = false;              // both are real calendar dates `YYYY-MM-DD`, years 0001..9999
  bool exact = false;              // same date
  bool day_month_swapped = false;  // same year, a's month = b's day and a's day = b's month
  bool year_only_differs = false;  // same month and day, different year
  bool one_digit_typo = false;     // exactly one of the 8 digits differs
  int32_t days_apart = kUnknownDaysApart;
};

// Compares two normalized dates. Anything but `YYYY-MM-DD` with a valid calendar date (including
// an empty value) gives valid = false: a missing date is not a disagreement. Pure, O(1).
DateComparison CompareDates(std::string_view a, std::string_view b);

// Linear decay: 1 - |a - b| / scale, clamped to [0, 1], so equal values give 1 and values `scale`
// or more apart give 0 (an age 2 years off with scale 5 gives 0.6). scale <= 0 means exact
// equality (1 or 0); a NaN argument gives 0. Symmetric, pure.
double NumericSimilarity(double a, double b, double scale);

}  // namespace idforge::compare
