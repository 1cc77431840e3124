// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// The read stage: every source of a job into one RecordTable, bad rows into ctx.rejects(), one
// SourceReadStats per source into ctx.stats().
#pragma once

#include <vector>

#include "engine/common/exec_context.h"
#include "idforge/options.h"
#include "idforge/record_table.h"

namespace idforge::read {

// Sources are read one after another (each in parallel chunks), in job order.
Result<RecordTable> ReadInputs(const std::vector<SourceSpec>& sources, const ReadOptions& options,
                               ExecContext& ctx);

// The format a source is read as: its `format`, else from its extension (.csv/.tsv/.txt, .jsonl/
// .ndjson, .json; compression suffixes ignored).
InputFormat ResolveFormat(const SourceSpec& spec);

}  // namespace idforge::read
