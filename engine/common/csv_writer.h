// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// CSV output in RFC 4180 form (comma, LF, quotes only where needed), as every output table uses.
#pragma once

#include <string>
#include <string_view>

namespace idforge {

// Appends `value` as one CSV field: quoted (quotes doubled) when it holds a comma, quote, CR, LF,
// or leading/trailing space, so any value round-trips through a CSV reader; always quoted with
// `quote_all` (exports for tools that expect every field quoted).
void AppendCsvField(std::string& out, std::string_view value, bool quote_all = false);
// True when AppendCsvField() quotes `value` without quote_all (for writers that escape a repeated
// value once).
bool CsvFieldNeedsQuotes(std::string_view value);
// Values are written exactly (no spreadsheet formula escaping): outputs feed other pipelines, and
// rewriting values would break round-trips.

}  // namespace idforge
