// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Email comparison on the normalized `local@domain` form: the parts are compared separately,
// because a shared company domain says little while a near-equal local part at another domain
// (`jlefevre@gmail.com` vs `jlefevre@yahoo.fr`) says a lot.
#pragma once

#include <string_view>

namespace idforge::compare {

struct EmailComparison {
  bool exact = false;             // a == b, both non-empty
  bool local_equal = false;       // same non-empty local part
  bool domain_equal = false;      // same non-empty domain
  double local_similarity = 0.0;  // Jaro-Winkler (p = 0.1) of the local parts
};

// Splits each value at its last `@` (no `@`: the whole value is the local part, the domain is
// empty). Empty parts never count as equal: a missing value is not agreement.
// Jaro-Winkler suits local parts: their differences are mostly trailing digits and separators
// after a shared prefix (`jsmith`, `jsmith82`, `j.smith`). Symmetric, pure and thread-safe.
EmailComparison CompareEmails(std::string_view a, std::string_view b);

}  // namespace idforge::compare
