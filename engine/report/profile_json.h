// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// The "profile" object of report.json (docs/report-schema.json): what engine/profile counted,
// with fill and validity rates from the normalize stage's quality counts.
#pragma once

#include <span>

#include "engine/common/json_writer.h"
#include "engine/common/run_stats.h"
#include "idforge/record_table.h"

namespace idforge::report {

// Writes `"profile": {...}` into the open object of `json`. REQUIRES: stats.profile().ran.
void WriteProfileJson(JsonWriter& json, std::span<const SourceInfo> sources, const RunStats& stats);

// filled / records and valid / filled of one field of one source; 0 when the divisor is 0.
double FillRate(const RunStats& stats, size_t source_idx, Field field);
double ValidityRate(const RunStats& stats, size_t source_idx, Field field);

}  // namespace idforge::report
