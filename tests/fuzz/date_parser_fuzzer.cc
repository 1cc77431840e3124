// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Fuzzes ParseDate in detection mode and with a format taken from the input, and checks the
// invariants: valid ⇒ a real calendar date; invalid ⇒ Date{}; the ISO form re-parses identically.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "engine/normalize/date.h"

namespace {

using idforge::normalize::Date;
using idforge::normalize::DateFlags;
using idforge::normalize::DateOrder;
using idforge::normalize::DatePolicy;

void Check(const Date& date, const DateFlags& flags, const DatePolicy& policy) {
  if (!flags.valid) {
    if (!(date == Date{})) std::abort();
    return;
  }
  if (!flags.parsed || date.month < 1 || date.month > 12 || date.day < 1 ||
      date.day > idforge::normalize::DaysInMonth(date.year, date.month) || date.year < 1) {
    std::abort();
  }
  std::string iso;
  idforge::normalize::FormatIsoDate(date, iso);
  Date again;
  const DateFlags flags_again = idforge::normalize::ParseDate(iso, "", policy, again);
  if (!flags_again.valid || !(again == date) || flags_again.ambiguous) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  DatePolicy policy;
  policy.today = Date{2026, 3, 15};
  policy.detect_fallback = size % 2 == 0 ? DateOrder::kDayFirst : DateOrder::kMonthFirst;
  Date date;
  Check(date, idforge::normalize::ParseDate(input, "", policy, date), policy);
  // "format|value": the job-file path.
  const size_t bar = input.find('|');
  if (bar != std::string_view::npos) {
    const DateFlags flags =
        idforge::normalize::ParseDate(input.substr(bar + 1), input.substr(0, bar), policy, date);
    Check(date, flags, policy);
  }
  return 0;
}
