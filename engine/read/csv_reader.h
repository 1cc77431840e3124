// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// CSV reader (RFC 4180 plus what real exports do): quoted fields, doubled quotes, embedded
// delimiters and newlines, CRLF or LF, delimiter detection among , ; TAB |, optional trimming.
// Parsed in parallel chunks; the table is identical for any thread count and chunk size.
#pragma once

#include <optional>
#include <string_view>

#include "engine/common/exec_context.h"
#include "engine/read/input_stream.h"
#include "idforge/options.h"
#include "idforge/record_table.h"

namespace idforge::read {

// Reads every record of `spec`'s CSV input into `table` (rows tagged `source_idx`); bad rows go to
// ctx.rejects(). Fills `stats` (delimiter, counts, unmapped columns). A header that lacks a mapped
// column is an InvalidArgument Status; bad rows are rejects, or CorruptInput under kFail.
Status ReadCsv(const SourceSpec& spec, InputStream& input, uint16_t source_idx,
               const ReadOptions& options, RecordTable& table, ExecContext& ctx,
               SourceReadStats& stats);

// The delimiter among , ; TAB | that splits the first lines of `sample` most consistently
// (quotes respected); nullopt when none does.
std::optional<char> DetectDelimiter(std::string_view sample);

}  // namespace idforge::read
