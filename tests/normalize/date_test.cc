// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Date parsing: detection on values from the Senzing truth set, FEBRL, Salesforce, Mailchimp and
// GA4 exports; job-file formats; the day/month policy; placeholders; idempotence.
#include "engine/normalize/date.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <string_view>

#include "tests/testing/test_util.h"

namespace idforge::normalize {
namespace {

DatePolicy Policy(DateOrder fallback = DateOrder::kDayFirst) {
  DatePolicy policy;
  policy.detect_fallback = fallback;
  policy.today = Date{2026, 3, 15};
  return policy;
}

struct DateCase {
  std::string_view raw;
  std::string_view iso;  // empty when not valid
  bool parsed;
  bool ambiguous;
  bool two_digit_year;
  bool placeholder;
  bool future;
};

// Detection with the month-first fallback (a US source such as the Senzing truth set).
constexpr DateCase kMonthFirstCases[] = {
    // raw, iso, parsed, ambiguous, two_digit_year, placeholder, future
    {"12/11/1978", "1978-12-11", true, true, false, false, false},
    {"11/12/1978", "1978-11-12", true, true, false, false, false},
    {"3/1/1970", "1970-03-01", true, true, false, false, false},
    {"Mar 1 1970", "1970-03-01", true, false, false, false, false},
    {"3/1/70", "1970-03-01", true, true, true, false, false},
    {"10/27/76", "1976-10-27", true, false, true, false, false},
    {"9/28/97", "1997-09-28", true, false, true, false, false},
    {"20/8/1991", "1991-08-20", true, false, false, false, false},
    {"8/20/91", "1991-08-20", true, false, true, false, false},
    {"24-May-11", "2011-05-24", true, false, true, false, false},
    {"25-Jun-08", "2008-06-25", true, false, true, false, false},
    {"2/4/31", "1931-02-04", true, true, true, false, false},
    {"1/2/18", "2018-01-02", true, true, true, false, false},
    {"1997-11-12", "1997-11-12", true, false, false, false, false},
    {"99-May-99", "", true, false, true, false, false},  // day 99
    {"Mar 9 9999", "9999-03-09", true, false, false, true, true},
    {"1/1/1", "", false, false, false, false, false},              // 1-digit year: not a layout
    {"5/5/2020", "2020-05-05", true, false, false, false, false},  // equal parts: no ambiguity
};

// Detection with the day-first fallback (a European source), and layouts that need no policy.
constexpr DateCase kDayFirstCases[] = {
    {"12/11/1978", "1978-11-12", true, true, false, false, false},
    {"21/07/1984", "1984-07-21", true, false, false, false, false},
    {"07/21/1984", "1984-07-21", true, false, false, false, false},  // value decides
    {"21.07.1984", "1984-07-21", true, false, false, false, false},
    {"1.2.1984", "1984-02-01", true, false, false, false, false},  // dots: always day-first
    {"1984-07-21", "1984-07-21", true, false, false, false, false},
    {"1984/07/21", "1984-07-21", true, false, false, false, false},
    {"1984.7.21", "1984-07-21", true, false, false, false, false},
    {"2006-06-12T21:03:42.000Z", "2006-06-12", true, false, false, false, false},
    {"2015-03-16 14:40:47", "2015-03-16", true, false, false, false, false},
    {"2024-01-31 09:15", "2024-01-31", true, false, false, false, false},
    {"2021-06-01T10:00:00+02:00", "2021-06-01", true, false, false, false, false},
    {"19560924", "1956-09-24", true, false, false, false, false},
    {"20230115", "2023-01-15", true, false, false, false, false},
    {"19562409", "", true, false, false, false, false},  // FEBRL month 24
    {"21 July 1984", "1984-07-21", true, false, false, false, false},
    {"21st July 1984", "1984-07-21", true, false, false, false, false},
    {"July 21, 1984", "1984-07-21", true, false, false, false, false},
    {"Tue, 21 Jul 1984", "1984-07-21", true, false, false, false, false},
    {"21 juillet 1984", "1984-07-21", true, false, false, false, false},
    {"1er janv. 2020", "2020-01-01", true, false, false, false, false},
    {"12 févr. 1990", "1990-02-12", true, false, false, false, false},
    {"3 août 2001", "2001-08-03", true, false, false, false, false},
    {"15 DÉC 1999", "1999-12-15", true, false, false, false, false},
    {"21 de julio de 1984", "1984-07-21", true, false, false, false, false},
    {"1984-Jul-21", "1984-07-21", true, false, false, false, false},
    {"29/02/2000", "2000-02-29", true, false, false, false, false},
    {"29/02/1900", "", true, false, false, false, false},  // not a leap year
    {"30/02/1990", "", true, false, false, false, false},
    {"31/04/2020", "", true, false, false, false, false},
    {"00/00/0000", "", true, false, false, false, false},
    {"1900-01-01", "1900-01-01", true, false, false, true, false},
    {"01/01/1900", "1900-01-01", true, false, false, true, false},
    {"1901-01-01", "1901-01-01", true, false, false, true, false},
    {"0001-01-01", "0001-01-01", true, false, false, true, false},
    {"9999-12-31", "9999-12-31", true, false, false, true, true},
    {"1970-01-01", "1970-01-01", true, false, false, true, false},
    {"1899-12-30", "1899-12-30", true, false, false, true, false},
    {"2030-05-01", "2030-05-01", true, false, false, false, true},
    {"2026-03-15", "2026-03-15", true, false, false, false, false},  // today is not future
    {"2026-03-16", "2026-03-16", true, false, false, false, true},
    {"", "", false, false, false, false, false},
    {"n/a", "", false, false, false, false, false},
    {"1990", "", false, false, false, false, false},
    {"07/1984", "", false, false, false, false, false},
    {"1984-07-21x", "", false, false, false, false, false},
    {"12/11/1978 12/11/1979", "", false, false, false, false, false},
    {"1700000000", "", false, false, false, false, false},  // epoch seconds: not detected
    {"44197", "", false, false, false, false, false},       // spreadsheet serial: not detected
    {"Smith", "", false, false, false, false, false},
};

void CheckCases(const DateCase* begin, const DateCase* end, const DatePolicy& policy) {
  std::string iso;
  for (const DateCase* c = begin; c != end; ++c) {
    SCOPED_TRACE(std::string(c->raw));
    Date date;
    const DateFlags flags = ParseDate(c->raw, "", policy, date);
    EXPECT_EQ(flags.parsed, c->parsed);
    EXPECT_EQ(flags.valid, !c->iso.empty());
    if (flags.valid) {
      FormatIsoDate(date, iso);
      EXPECT_EQ(iso, c->iso);
    } else {
      EXPECT_EQ(date, Date{});
    }
    EXPECT_EQ(flags.ambiguous, c->ambiguous);
    EXPECT_EQ(flags.two_digit_year, c->two_digit_year);
    EXPECT_EQ(flags.placeholder, c->placeholder);
    EXPECT_EQ(flags.future, c->future);
  }
}

TEST(ParseDateTest, DetectsLayoutsMonthFirst) {
  CheckCases(std::begin(kMonthFirstCases), std::end(kMonthFirstCases),
             Policy(DateOrder::kMonthFirst));
}

TEST(ParseDateTest, DetectsLayoutsDayFirst) {
  CheckCases(std::begin(kDayFirstCases), std::end(kDayFirstCases), Policy(DateOrder::kDayFirst));
}

struct FormatCase {
  std::string_view raw;
  std::string_view format;
  std::string_view iso;  // empty when not parsed or invalid
};

constexpr FormatCase kFormatCases[] = {
    {"21/07/1984", "%d/%m/%Y", "1984-07-21"},
    {"07/21/1984", "%m/%d/%Y", "1984-07-21"},
    {"12/11/1978", "%m/%d/%Y", "1978-12-11"},
    {"12/11/1978", "%d/%m/%Y", "1978-11-12"},
    {"1984-07-21", "%F", "1984-07-21"},
    {"07/21/84", "%D", "1984-07-21"},
    {"2006-06-12T21:03:42.000Z", "%Y-%m-%dT%H:%M:%S.%f%z", "2006-06-12"},
    {"2015-03-16 14:40:47", "%Y-%m-%d %T", "2015-03-16"},
    {"19560924", "%Y%m%d", "1956-09-24"},
    {"24-May-11", "%d-%b-%y", "2011-05-24"},
    {"Tuesday, July 21, 1984", "%A, %B %e, %Y", "1984-07-21"},
    {"Jul  1 1984", "%b %e %Y", "1984-07-01"},
    {"1984-203", "%Y-%j", "1984-07-21"},
    {"03/16/2015 02:40 PM", "%m/%d/%Y %I:%M %p", "2015-03-16"},
    {"16 mars 2015 14h40", "%d %B %Y %Hh%M", "2015-03-16"},
    {"2015-03-16 CET", "%Y-%m-%d %Z", "2015-03-16"},
    {"100%", "%Y%%", ""},            // no month or day
    {"21/07/1984", "%m/%d/%Y", ""},  // month 21
    {"21/07/1984 extra", "%d/%m/%Y", ""},
    {"21-07-1984", "%d/%m/%Y", ""},
    {"1984", "%Q", ""},
};

TEST(ParseDateTest, UsesTheJobFileFormat) {
  std::string iso;
  for (const FormatCase& c : kFormatCases) {
    SCOPED_TRACE(std::string(c.raw) + " with " + std::string(c.format));
    Date date;
    const DateFlags flags = ParseDate(c.raw, c.format, Policy(), date);
    EXPECT_EQ(flags.valid, !c.iso.empty());
    if (flags.valid) {
      FormatIsoDate(date, iso);
      EXPECT_EQ(iso, c.iso);
    }
  }
}

TEST(ParseDateTest, ExplicitPolicyOverridesTheFallbackButNotTheValues) {
  DatePolicy policy = Policy(DateOrder::kDayFirst);
  policy.order = DateOrder::kMonthFirst;
  Date date;
  EXPECT_TRUE(ParseDate("12/11/1978", "", policy, date).ambiguous);
  EXPECT_EQ(date, (Date{1978, 12, 11}));
  EXPECT_FALSE(ParseDate("20/8/1991", "", policy, date).ambiguous);
  EXPECT_EQ(date, (Date{1991, 8, 20}));
}

TEST(ParseDateTest, PivotYear) {
  DatePolicy policy = Policy();
  Date date;
  policy.pivot_year = 30;
  ParseDate("1/2/31", "", policy, date);
  EXPECT_EQ(date.year, 1931);
  ParseDate("1/2/30", "", policy, date);
  EXPECT_EQ(date.year, 2030);
  policy.pivot_year = -1;
  policy.today = Date{};  // no reference date: pivot 50, no future flag
  ParseDate("1/2/51", "", policy, date);
  EXPECT_EQ(date.year, 1951);
  EXPECT_FALSE(ParseDate("1/2/50", "", policy, date).future);
  EXPECT_EQ(date.year, 2050);
}

TEST(ParseDateTest, DefaultOrderPerCountry) {
  EXPECT_EQ(DefaultDateOrderForCountry("US"), DateOrder::kMonthFirst);
  EXPECT_EQ(DefaultDateOrderForCountry("ca"), DateOrder::kMonthFirst);
  EXPECT_EQ(DefaultDateOrderForCountry("PH"), DateOrder::kMonthFirst);
  EXPECT_EQ(DefaultDateOrderForCountry("FR"), DateOrder::kDayFirst);
  EXPECT_EQ(DefaultDateOrderForCountry("GB"), DateOrder::kDayFirst);
  EXPECT_EQ(DefaultDateOrderForCountry(""), DateOrder::kDayFirst);
}

TEST(ParseDateTest, SupportedDirectives) {
  for (const char c : std::string_view("YymdebBhaAHIMSpfzZTFDj%")) {
    EXPECT_TRUE(IsSupportedDateDirective(c)) << c;
  }
  for (const char c : std::string_view("QqCcGgUuVvWwXxs\0", 16)) {
    EXPECT_FALSE(IsSupportedDateDirective(c)) << c;
  }
  EXPECT_EQ(SupportedDateDirectives(), "YymdebBhaAHIMSpfzZTFDj%");
}

TEST(ParseDateTest, DaysInMonth) {
  EXPECT_EQ(DaysInMonth(2000, 2), 29);
  EXPECT_EQ(DaysInMonth(1900, 2), 28);
  EXPECT_EQ(DaysInMonth(2024, 2), 29);
  EXPECT_EQ(DaysInMonth(2023, 12), 31);
  EXPECT_EQ(DaysInMonth(2023, 13), 0);
  EXPECT_EQ(DaysInMonth(2023, 0), 0);
}

TEST(ParseDateTest, FormatIsoDatePadsFields) {
  std::string out = "garbage";
  FormatIsoDate(Date{1, 2, 3}, out);
  EXPECT_EQ(out, "0001-02-03");
  FormatIsoDate(Date{1984, 7, 21}, out);
  EXPECT_EQ(out, "1984-07-21");
}

// Parsing the ISO form of a parsed date gives the same date and flags (idempotence).
TEST(ParseDateTest, IsIdempotentThroughIsoForm) {
  const uint64_t seed = test::Seed();
  SCOPED_TRACE("IDFORGE_TEST_SEED=" + std::to_string(seed));
  std::mt19937_64 rng(seed);
  static constexpr std::string_view kMonths[] = {"Jan", "févr.", "March", "avr",  "May", "juin",
                                                 "Jul", "août",  "Sept",  "oct.", "Nov", "déc"};
  const DatePolicy policy = Policy(DateOrder::kMonthFirst);
  std::string raw, iso, iso_again;
  for (int n = 0; n < 20'000; ++n) {
    const int year = static_cast<int>(rng() % 200) + 1850;
    const int month = static_cast<int>(rng() % 14);
    const int day = static_cast<int>(rng() % 33);
    switch (rng() % 4) {
      case 0:
        raw = std::to_string(month) + "/" + std::to_string(day) + "/" + std::to_string(year);
        break;
      case 1:
        raw = std::to_string(year) + "-" + std::to_string(month) + "-" + std::to_string(day);
        break;
      case 2:
        raw = std::to_string(day) + " " + std::string(kMonths[rng() % 12]) + " " +
              std::to_string(year % 100);
        break;
      default:
        raw = std::to_string(year * 10000 + month * 100 + day);
        break;
    }
    SCOPED_TRACE(raw);
    Date date;
    const DateFlags flags = ParseDate(raw, "", policy, date);
    if (!flags.valid) continue;
    ASSERT_GE(date.month, 1);
    ASSERT_LE(date.month, 12);
    ASSERT_GE(date.day, 1);
    ASSERT_LE(date.day, DaysInMonth(date.year, date.month));
    FormatIsoDate(date, iso);
    Date again;
    const DateFlags flags_again = ParseDate(iso, "", policy, again);
    ASSERT_TRUE(flags_again.valid);
    ASSERT_EQ(again, date);
    ASSERT_EQ(flags_again.placeholder, flags.placeholder);
    ASSERT_EQ(flags_again.future, flags.future);
    FormatIsoDate(again, iso_again);
    ASSERT_EQ(iso_again, iso);
  }
}

}  // namespace
}  // namespace idforge::normalize
