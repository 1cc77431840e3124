// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// ISO date parsing (fixed positions, no library call) and day counts with Howard Hinnant's
// days_from_civil, exact over the proleptic Gregorian calendar.
#include "engine/compare/date_distance.h"

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace idforge::compare {
namespace {

struct IsoDate {
  int32_t year;
  int32_t month;
  int32_t day;
};

bool IsLeap(int32_t year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int32_t DaysInMonth(int32_t year, int32_t month) {
  constexpr int32_t kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeap(year) ? 29 : kDays[month - 1];
}

bool ParseIso(std::string_view s, IsoDate& date) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  int32_t fields[3] = {0, 0, 0};
  constexpr int kStart[3] = {0, 5, 8};
  constexpr int kLen[3] = {4, 2, 2};
  for (int field = 0; field < 3; ++field) {
    for (int pos = kStart[field]; pos < kStart[field] + kLen[field]; ++pos) {
      const char c = s[static_cast<size_t>(pos)];
      if (c < '0' || c > '9') return false;
      fields[field] = fields[field] * 10 + (c - '0');
    }
  }
  date = {fields[0], fields[1], fields[2]};
  return date.year >= 1 && date.month >= 1 && date.month <= 12 && date.day >= 1 &&
         date.day <= DaysInMonth(date.year, date.month);
}

// Days since 1970-01-01 (Hinnant, "chrono-Compatible Low-Level Date Algorithms").
int32_t DaysFromCivil(IsoDate date) {
  const int32_t y = date.year - (date.month <= 2 ? 1 : 0);
  const int32_t era = y / 400;  // y >= 0 here
  const int32_t yoe = y - era * 400;
  const int32_t mp = (date.month + 9) % 12;
  const int32_t doy = (153 * mp + 2) / 5 + date.day - 1;
  const int32_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

}  // namespace

DateComparison CompareDates(std::string_view a, std::string_view b) {
  DateComparison result;
  IsoDate da;
  IsoDate db;
  if (!ParseIso(a, da) || !ParseIso(b, db)) return result;
  result.valid = true;
  result.days_apart = std::abs(DaysFromCivil(da) - DaysFromCivil(db));
  result.exact = result.days_apart == 0;
  if (result.exact) return result;
  result.day_month_swapped = da.year == db.year && da.month == db.day && da.day == db.month;
  result.year_only_differs = da.month == db.month && da.day == db.day;
  int differing_digits = 0;
  for (size_t pos = 0; pos < a.size(); ++pos) differing_digits += a[pos] != b[pos];
  result.one_digit_typo = differing_digits == 1;
  return result;
}

double NumericSimilarity(double a, double b, double scale) {
  if (std::isnan(a) || std::isnan(b)) return 0.0;
  if (a == b) return 1.0;
  if (!(scale > 0.0)) return 0.0;
  const double score = 1.0 - std::fabs(a - b) / scale;
  return score > 0.0 ? score : 0.0;
}

}  // namespace idforge::compare
