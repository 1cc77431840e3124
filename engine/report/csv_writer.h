// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// CSV output in RFC 4180 form (comma, LF, quotes only where needed), as every output table uses.
#pragma once

#include <string>
#include <string_view>

namespace idforge::report {

// Appends `value` as one CSV field: quoted (quotes doubled) when it holds a comma, quote, CR, LF,
// or leading/trailing space, so any value round-trips through a CSV reader.
void AppendCsvField(std::string& out, std::string_view value);
// Values are written exactly (no spreadsheet formula escaping): outputs feed other pipelines, and
// rewriting values would break round-trips.

}  // namespace idforge::report
