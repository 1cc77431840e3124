// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Field comparators: dates (swaps, typos, calendar arithmetic, bad values), numbers, emails,
// phone suffixes and exact equality.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "engine/compare/date_distance.h"
#include "engine/compare/email_compare.h"
#include "engine/compare/exact.h"
#include "engine/compare/jaro_winkler.h"
#include "engine/compare/phone_compare.h"

namespace idforge::compare {
namespace {

TEST(CompareDatesTest, Exact) {
  const DateComparison c = CompareDates("1990-03-12", "1990-03-12");
  EXPECT_TRUE(c.valid);
  EXPECT_TRUE(c.exact);
  EXPECT_FALSE(c.day_month_swapped);
  EXPECT_FALSE(c.one_digit_typo);
  EXPECT_EQ(c.days_apart, 0);
}

TEST(CompareDatesTest, DayMonthSwap) {
  const DateComparison c = CompareDates("1990-03-12", "1990-12-03");
  EXPECT_TRUE(c.valid);
  EXPECT_FALSE(c.exact);
  EXPECT_TRUE(c.day_month_swapped);
  EXPECT_FALSE(c.year_only_differs);
  EXPECT_EQ(c.days_apart, 266);
  EXPECT_FALSE(CompareDates("1990-03-12", "1991-12-03").day_month_swapped);
}

TEST(CompareDatesTest, YearAndDigitTypos) {
  const DateComparison year = CompareDates("1990-03-12", "1980-03-12");
  EXPECT_TRUE(year.year_only_differs);
  EXPECT_TRUE(year.one_digit_typo);
  EXPECT_EQ(year.days_apart, 3652);  // Feb 29 of 1984 and 1988 (1980's is before Mar 12)
  const DateComparison day = CompareDates("1990-03-12", "1990-03-13");
  EXPECT_TRUE(day.one_digit_typo);
  EXPECT_FALSE(day.year_only_differs);
  EXPECT_EQ(day.days_apart, 1);
  EXPECT_FALSE(CompareDates("1990-03-12", "1990-04-13").one_digit_typo);
}

TEST(CompareDatesTest, CalendarArithmetic) {
  EXPECT_EQ(CompareDates("2000-02-28", "2000-03-01").days_apart, 2);  // 2000 is leap
  EXPECT_EQ(CompareDates("1900-02-28", "1900-03-01").days_apart, 1);  // 1900 is not
  EXPECT_EQ(CompareDates("1970-01-01", "2026-01-01").days_apart, 20454);
  EXPECT_EQ(CompareDates("0001-01-01", "9999-12-31").days_apart, 3652058);
}

TEST(CompareDatesTest, InvalidValuesAreNotDisagreement) {
  for (const auto& [a, b] : {std::pair{"", "1990-03-12"},
                             {"1990-02-30", "1990-02-30"},
                             {"1990-13-01", "1990-01-13"},
                             {"90-03-12", "1990-03-12"},
                             {"1990/03/12", "1990-03-12"},
                             {"0000-01-01", "0000-01-01"}}) {
    const DateComparison c = CompareDates(a, b);
    EXPECT_FALSE(c.valid) << a << " " << b;
    EXPECT_FALSE(c.exact);
    EXPECT_EQ(c.days_apart, kUnknownDaysApart);
  }
}

TEST(NumericSimilarityTest, LinearDecay) {
  EXPECT_EQ(NumericSimilarity(40, 40, 5), 1.0);
  EXPECT_DOUBLE_EQ(NumericSimilarity(40, 42, 5), 0.6);
  EXPECT_DOUBLE_EQ(NumericSimilarity(42, 40, 5), 0.6);
  EXPECT_EQ(NumericSimilarity(40, 50, 5), 0.0);
  EXPECT_EQ(NumericSimilarity(40, 41, 0), 0.0);
  EXPECT_EQ(NumericSimilarity(40, 40, 0), 1.0);
  EXPECT_EQ(NumericSimilarity(std::nan(""), 40, 5), 0.0);
  EXPECT_EQ(NumericSimilarity(std::numeric_limits<double>::infinity(), 40, 5), 0.0);
}

TEST(CompareEmailsTest, Parts) {
  const EmailComparison same = CompareEmails("jlefevre@gmail.com", "jlefevre@gmail.com");
  EXPECT_TRUE(same.exact);
  EXPECT_TRUE(same.local_equal);
  EXPECT_TRUE(same.domain_equal);
  EXPECT_EQ(same.local_similarity, 1.0);
  const EmailComparison moved = CompareEmails("jlefevre@gmail.com", "jlefevre@yahoo.fr");
  EXPECT_FALSE(moved.exact);
  EXPECT_TRUE(moved.local_equal);
  EXPECT_FALSE(moved.domain_equal);
  const EmailComparison typo = CompareEmails("jsmith82@acme.com", "jsmith@acme.com");
  EXPECT_FALSE(typo.local_equal);
  EXPECT_TRUE(typo.domain_equal);
  EXPECT_EQ(typo.local_similarity, JaroWinklerSimilarity("jsmith82", "jsmith"));
  EXPECT_GT(typo.local_similarity, 0.9);
  // Last '@' splits; missing parts never agree.
  EXPECT_TRUE(CompareEmails("a@b@c.com", "x@c.com").domain_equal);
  const EmailComparison empty = CompareEmails("", "");
  EXPECT_FALSE(empty.exact);
  EXPECT_FALSE(empty.local_equal);
  EXPECT_FALSE(empty.domain_equal);
  EXPECT_FALSE(CompareEmails("@x.com", "@x.com").local_equal);
  EXPECT_FALSE(CompareEmails("bob", "bob@").domain_equal);
}

TEST(PhoneCompareTest, SuffixDigits) {
  EXPECT_EQ(CommonSuffixDigits("+33612345678", "612345678"), 9u);
  EXPECT_EQ(CommonSuffixDigits("+33612345678", "+33612345678"), 11u);
  EXPECT_EQ(CommonSuffixDigits("+1 (702) 919-1300", "7029191300"), 10u);
  EXPECT_EQ(CommonSuffixDigits("+33612345678", "+33612345679"), 0u);
  EXPECT_EQ(CommonSuffixDigits("", "123"), 0u);
  EXPECT_EQ(CommonSuffixDigits("ext", "abc"), 0u);
}

TEST(PhoneCompareTest, Agreement) {
  EXPECT_TRUE(PhonesAgree("+33612345678", "612345678"));
  EXPECT_TRUE(PhonesAgree("3213212", "3213212"));     // short but identical
  EXPECT_FALSE(PhonesAgree("5678", "+33612345678"));  // a fragment is not a number
  EXPECT_FALSE(PhonesAgree("+33612345678", "+44712345678", 9));
  EXPECT_TRUE(PhonesAgree("+33612345678", "+44712345678", 8));  // documented suffix rule
  EXPECT_FALSE(PhonesAgree("", ""));
}

TEST(ExactEqualTest, MissingNeverAgrees) {
  EXPECT_TRUE(ExactEqual("f", "f"));
  EXPECT_FALSE(ExactEqual("f", "m"));
  EXPECT_FALSE(ExactEqual("", ""));
}

}  // namespace
}  // namespace idforge::compare
