// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Profile: the data-quality audit of the inputs, without matching. Per source and field it counts
// distinct values, the most frequent values (masked by default) and format patterns; per source
// the exact-duplicate records and keys (same email, same phone); per pair of sources what they
// share exactly. `idforge profile` reports only this; `idforge run` adds it to its report.
#pragma once

#include "engine/common/exec_context.h"
#include "engine/common/normalized_table.h"
#include "engine/common/run_stats.h"
#include "idforge/record_table.h"
#include "idforge/status.h"

namespace idforge::profile {

struct ProfileOptions {
  size_t top_values = 10;    // most frequent normalized values per field
  size_t top_patterns = 5;   // most frequent raw format patterns per field
  bool report_values = false;  // false: top values masked (MaskValue)
};

// Profiles `raw` and its normalized keys `normalized` (row-aligned). Distinct counts are exact up
// to 64-bit hash collisions: each value is hashed with XXH3 and the (hash, row) pairs of one
// field of one source are grouped by hash (hash_groups.h). Performance: O(n) per field, the
// hashing and grouping run on ctx's TBB arena; memory is 48 bytes per record of the largest
// source (reused for every field) plus 8 bytes per distinct email and phone. Ties between equally
// frequent values break on the value, so the result is identical for any thread count.
Result<ProfileStats> ProfileTable(const RecordTable& raw, const NormalizedTable& normalized,
                                  const ProfileOptions& options, ExecContext& ctx);

}  // namespace idforge::profile
