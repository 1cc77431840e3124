// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Header normalization for profile matching: "Code postal", "CODE_POSTAL" and "code-postal" are
// one key, and so are "Prénom" and "PRENOM": lower case, Latin accents folded, and everything
// that is not a letter or digit dropped.
#pragma once

#include <string>
#include <string_view>

namespace idforge::profiles {

// "State / Region" -> "stateregion", "Prénom" -> "prenom", "Straße" -> "strasse". Code points
// outside Latin-1 are kept as their UTF-8 bytes; invalid bytes are dropped.
std::string HeaderMatchKey(std::string_view header);

}  // namespace idforge::profiles
