// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Exact agreement for categorical fields (gender, postcode, country, canonical email). The one
// thing it adds to `==`: a missing value never agrees, not even with another missing value.
#pragma once

#include <string_view>

namespace idforge::compare {

// True when a and b are equal and non-empty (normalized values: no case or space variants).
inline bool ExactEqual(std::string_view a, std::string_view b) { return !a.empty() && a == b; }

}  // namespace idforge::compare
