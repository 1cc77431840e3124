// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// The persistent identity graph of incremental runs (`idforge run --state STATE.db`): erasure of
// records (GDPR Art. 17 / CCPA) from a state file.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "idforge/idforge.h"

namespace idforge {

struct ForgetOptions {
  std::string state_path;
  std::vector<RecordRef> records;  // (source name, source_id) to erase
  std::string today;               // the erasure's date for the log, "YYYY-MM-DD"; never the clock
  std::string out_dir;             // when set, rewrites golden/crosswalk/provenance/changes there
  int threads = 0;
};

struct ForgetSummary {
  uint64_t records_erased = 0;
  uint64_t records_not_found = 0;
  uint64_t entities_recomputed = 0;
  std::vector<std::string> files_written;
};

// Removes the records and everything derived from them (raw values, blocking and term keys, match
// edges, golden values they provided), re-clusters and recomputes the entities they belonged to,
// and logs the erasure with counts only. One transaction: all or nothing.
Result<ForgetSummary> ForgetRecords(const ForgetOptions& options);

}  // namespace idforge
