// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Date standardization: a per-field strftime-like format from the job file, or detection among the
// layouts exports use (ISO, Salesforce, US and European slashes, YYYYMMDD, `24-May-11`,
// `Mar 1 1970`, English/French month names), with an explicit day/month policy and flags for
// ambiguous, impossible, placeholder and future dates. Pure: "today" comes from the caller.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace idforge::normalize {

// A calendar date. All zero means "none".
struct Date {
  int16_t year = 0;
  uint8_t month = 0;  // 1..12 when valid
  uint8_t day = 0;    // 1..DaysInMonth(year, month) when valid
  friend bool operator==(const Date&, const Date&) = default;
};

enum class DateOrder { kDayFirst, kMonthFirst, kDetect };

struct DatePolicy {
  // Order of the two small numbers in `a/b/yyyy` when neither is > 12. kDetect uses
  // `detect_fallback`, set from the source's default_country (DefaultDateOrderForCountry()).
  // A value > 12 always decides the order, whatever the policy.
  DateOrder order = DateOrder::kDetect;
  DateOrder detect_fallback = DateOrder::kDayFirst;
  // Two-digit years: yy > pivot_year → 19yy, else 20yy. -1 means today.year % 100, so a birth
  // date `3/1/70` is 1970 and `1/2/18` is 2018 (in 2026).
  int pivot_year = -1;
  // The run's reference date (from the job, never from a clock inside the engine). Dates after it
  // are flagged `future`; year 0 disables the check and the -1 pivot becomes 50.
  Date today;
};

struct DateFlags {
  bool parsed = false;          // the text has a recognized layout
  bool valid = false;           // parsed and a real calendar date (Feb 29 only in leap years)
  bool placeholder = false;     // 1900-01-01, 1901-01-01, 0001-01-01, 1970-01-01, 9999-12-31, ...
  bool future = false;          // after policy.today
  bool ambiguous = false;       // day/month order decided by the policy, not by the values
  bool two_digit_year = false;  // the century came from the pivot
};

// Parses `raw` into `out`. `format` is strftime-like (see SupportedDateDirectives()); empty means
// detect. `out` is set only when flags.valid, else it is Date{}.
// Placeholder policy: the exact dates listed in DateFlags plus 1753-01-01 (SQL Server's minimum),
// any year <= 1800 and year 9999 are placeholders (still valid=true: the caller empties them).
// Time parts (`T21:03:42.000Z`, ` 14:40:47`, `+02:00`, ` PM`) are parsed and ignored.
// Not detected, on purpose: epoch seconds and spreadsheet serials (ambiguous with YYYYMMDD and
// with plain numbers), year-only and month-year values (not a date of birth), `YYMMDD`/`DDMMYY`.
// O(n); ~110 ns for a typical value (BM_ParseDate_Detect).
DateFlags ParseDate(std::string_view raw, std::string_view format, const DatePolicy& policy,
                    Date& out);

// `1984-07-21` (year zero-padded to 4 digits). Clears `out` first.
void FormatIsoDate(const Date& date, std::string& out);

// Month-first for the United States and its territories, Canada and the Philippines; day-first
// everywhere else (and for an empty or unknown code).
DateOrder DefaultDateOrderForCountry(std::string_view iso2);

// The conversion characters accepted after `%` in a format; the job parser validates with these.
// `%H %I %M %S %p %f %z %Z %a %A` are parsed and ignored; `%j` is a day of the year.
bool IsSupportedDateDirective(char c);
std::string_view SupportedDateDirectives();  // "YymdebBhaAHIMSpfzZTFDj%"

// Days in `month` of `year` (proleptic Gregorian); 0 when month is not 1..12.
int DaysInMonth(int year, int month);

}  // namespace idforge::normalize
