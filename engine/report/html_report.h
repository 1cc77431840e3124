// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// report.html: the run's audit for a data steward, as one self-contained page (inline CSS and
// inline SVG charts, no scripts, nothing fetched), so it opens offline and can be mailed around.
// It shows the same numbers as report.json; like every report writer it decides nothing.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "engine/common/reject_log.h"
#include "engine/common/run_stats.h"
#include "engine/report/outputs.h"
#include "idforge/record_table.h"
#include "idforge/status.h"

namespace idforge::report {

// Writes report.html atomically. Every string from the input (source names, paths, column names,
// masked values) is HTML-escaped. Everything but the "Run" section (timings, memory, threads) is
// byte-identical for the same input and config. O(sources² + fields × sources + histogram bins).
Status WriteReportHtml(const std::string& path, const ReportContext& context,
                       std::span<const SourceInfo> sources, const RunStats& stats,
                       const RejectLog& rejects);

// `text` with &, <, >, " and ' replaced by entities: safe in element content and quoted
// attributes alike. Exposed for tests.
std::string HtmlEscape(std::string_view text);

}  // namespace idforge::report
