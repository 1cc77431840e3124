// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Private to the name normalizer: the nickname table compiled into the library. The CSV text is
// embedded at configure time (nicknames_data.cc.in -> nicknames_data.cc), and parsed once, on
// first use, into an immutable hash table; the public lookups are CanonicalGivenName() and
// IsKnownGivenName() in name.h.
#pragma once

#include <string_view>

namespace idforge::normalize {

// datasets/nicknames/nicknames.csv as it was at configure time (header row included). Defined in
// the generated nicknames_data.cc; static storage, never changes.
std::string_view EmbeddedNicknamesCsv();

}  // namespace idforge::normalize
