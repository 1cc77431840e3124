// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// The two ways the profile shows a value without showing it: a mask that keeps only the shape of
// a personal value ("j***@g***.com", "J*** L***"), and a format pattern that keeps only the
// classes of its characters ("+99 9 99 99 99 99", "Aaaa"). Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "idforge/record_table.h"

namespace idforge::profile {

// Masks `value` of canonical field `field` for a report:
//  - email: first character of the local part and of the domain, then "***"; the top-level
//    domain is kept: "jean.dupont@gmail.com" -> "j***@g***.com";
//  - phone, dob, postcode, national_id: the first 3 characters, then every letter or digit is
//    '*' (punctuation kept): "+33612345678" -> "+33*********";
//  - gender, country, region: categories, not personal data: returned unchanged;
//  - anything else: the first character of each word, then "***": "jean-luc picard" ->
//    "j***-l*** p***".
// UTF-8 aware: a kept character is a whole code point.
std::string MaskValue(Field field, std::string_view value);

// Appends the format pattern of `value` to `out` (cleared first): ASCII and Latin-1 letters
// become 'A' (upper case) or 'a' (lower case; other scripts count as lower case), digits '9',
// every other character is kept. So that the patterns of a field stay few, a run of the same
// symbol is cut: letters after 4 and other characters after 4 become one '+', digits after 15
// (an E.164 number has at most 15); the pattern stops at kMaxPatternSymbols with "…".
// "Jean-Pierre" -> "Aaaa-Aaaaa+", "+33 6 12 34 56 78" -> "+99 9 99 99 99 99".
inline constexpr size_t kMaxPatternSymbols = 40;
void FormatPattern(std::string_view value, std::string& out);

}  // namespace idforge::profile
