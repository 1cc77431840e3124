// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// A source record's raw values as one byte string (stored in the state so the record can be
// re-normalized, re-scored and survive into golden records later), and its content hash: two
// versions of a record with the same hash are the same record, and cost nothing on later runs.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "idforge/record_table.h"
#include "idforge/status.h"

namespace idforge::state {

// Appends row `row` of `table` to `out` (cleared first): updated_at, the canonical fields in Field
// order, then the carried fields `extras` (indexes into table's extras; -1 = empty value), each
// as a varint length and its bytes.
void EncodeRecord(const RecordTable& table, uint32_t row, std::span<const int> extras,
                  std::string& out);

// XXH3 of the encoded values.
uint64_t ContentHash(std::string_view encoded);

// Appends one row to `table` (whose extra_names() count must equal the encoded extras) from
// `encoded`. CorruptInput when the bytes are not an encoding (a damaged state file).
Status AppendDecodedRecord(std::string_view encoded, uint16_t source, std::string_view source_id,
                           uint64_t line, RecordTable& table);

}  // namespace idforge::state
