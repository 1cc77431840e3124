// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// JSON readers (simdjson On-Demand): JSON lines (one object per line, parsed in parallel chunks)
// and a JSON array of objects. Fields are dotted paths into nested objects; numbers and booleans
// become their JSON text, null and missing become empty.
#pragma once

#include "engine/common/exec_context.h"
#include "engine/read/input_stream.h"
#include "idforge/options.h"
#include "idforge/record_table.h"

namespace idforge::read {

// Reads `spec`'s JSON lines input; a line that is not a JSON object is a reject with its line.
Status ReadJsonLines(const SourceSpec& spec, InputStream& input, uint16_t source_idx,
                     const ReadOptions& options, RecordTable& table, ExecContext& ctx,
                     SourceReadStats& stats);

// Reads `spec`'s JSON input: a top-level array of objects (a single object is one record).
Status ReadJsonArray(const SourceSpec& spec, InputStream& input, uint16_t source_idx,
                     const ReadOptions& options, RecordTable& table, ExecContext& ctx,
                     SourceReadStats& stats);

}  // namespace idforge::read
