// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Junk detection: placeholder values typed into forms and CRMs ("test", "n/a", "unknown", "xxx")
// that carry no identity. They are the top cause of false merges, so every field normalizer
// empties them and the table-level normalizer counts them per field.
#pragma once

#include <string_view>

namespace idforge::normalize {

// True when `value` is a generic placeholder in any field: a listed word or phrase compared
// ASCII-case-insensitively with punctuation and spaces ignored ("N/A", "n.a.", "no name",
// "not provided", "tbd", "asdf", "null", ...), a value made only of ASCII punctuation
// ("-", ".", "?", "--"), all zeros ("0", "000"), one letter repeated 3+ times ("xxx", "aaaa") or
// one digit repeated 5+ times ("11111"; shorter runs such as "111" are real house numbers).
// Empty and whitespace-only values are not placeholders: they are simply empty.
// The caller usually passes an already lower-cased value, but case does not matter.
// Known false positive: the surname "Na" (kept: "na" as "not available" is far more common).
// O(n) with n <= 48 inspected bytes; longer values are placeholders only as repeated characters.
bool IsPlaceholderValue(std::string_view value);

}  // namespace idforge::normalize
