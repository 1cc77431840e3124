// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// The normalize stage: from the raw RecordTable to the matching values of every record. Raw values
// stay in the raw table (golden records show the best raw form); this table holds the keys that
// matching compares, per-record validity flags, and the per-source quality counts of the audit.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "engine/common/exec_context.h"
#include "engine/common/normalized_table.h"
#include "engine/normalize/date.h"
#include "idforge/record_table.h"

namespace idforge::normalize {

struct NormalizeOptions {
  // The run's reference date: later birth dates are flagged future. Given by the caller (the CLI
  // uses today's date), never read from a clock here, so outputs are reproducible.
  Date today;
  // Rows per parallel task; any value gives the same table.
  uint32_t rows_per_task = 8192;
};

// Normalizes every row of `raw` in parallel (ctx.task_arena()) and sets ctx.stats().quality().
// Deterministic for any thread count. Linear in the input size.
Result<NormalizedTable> NormalizeTable(const RecordTable& raw, const NormalizeOptions& options,
                                       ExecContext& ctx);

// Gender to "f", "m", "x" or empty (F, female, femme, Frau, Mme, W, ...).
std::string_view NormalizeGender(std::string_view raw);

}  // namespace idforge::normalize
