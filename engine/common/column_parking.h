// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// ParkedFields: the raw field values, compressed while the matching stages run. From blocking to
// clustering nothing reads them (matching works on the normalized table), yet they are a third of
// the run's peak memory; survivorship needs them back to write golden records.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/common/exec_context.h"
#include "idforge/record_table.h"

namespace idforge {

class ParkedFields {
 public:
  // Compresses the canonical field columns, the update times and the carried fields of `table`
  // (zstd, fast level) and frees their buffers. Source ids, row metadata and carried fields whose
  // name starts with `readable_prefix` (non-empty; the known-link columns) stay readable. Until
  // Restore(), reading a parked column is a bug (an assertion in debug builds).
  static ParkedFields Park(RecordTable& table, std::string_view readable_prefix, ExecContext& ctx);
  ParkedFields() = default;
  ParkedFields(ParkedFields&&) noexcept = default;
  ParkedFields& operator=(ParkedFields&&) noexcept = default;

  // Puts the columns back exactly as they were. REQUIRES: the table Park() was given.
  void Restore(RecordTable& table, ExecContext& ctx);

  uint64_t raw_bytes() const { return raw_bytes_; }
  uint64_t compressed_bytes() const { return compressed_bytes_; }

  // One column's compressed buffers. Public for ColumnParking only.
  struct Column {
    bool parked = false;
    uint64_t value_bytes = 0;   // bytes_ size
    uint64_t offset_count = 0;  // rel_offsets_ size
    std::string frames;         // [u32 compressed size][zstd frame] for each chunk of both buffers
  };

 private:
  std::vector<Column> columns_;  // [field], then [kFieldCount + extra], then updated_at
  uint64_t raw_bytes_ = 0;
  uint64_t compressed_bytes_ = 0;
};

}  // namespace idforge
