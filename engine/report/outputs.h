// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// The files a run writes (SPEC.md "Outputs"), each atomically. This stage only writes: every
// number it prints was decided and counted by an earlier stage.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "engine/common/reject_log.h"
#include "engine/common/run_stats.h"
#include "idforge/record_table.h"
#include "idforge/status.h"

namespace idforge::report {

// rejects.csv: `source,line,byte_offset,reason,raw`, one row per reject in log order. `reason` is
// the stable reason name, then ": " and the detail when there is one.
Status WriteRejectsCsv(const std::string& path, std::span<const SourceInfo> sources,
                       const RejectLog& rejects);

// What report.json says about the run as a whole.
struct ReportContext {
  std::string job_path;
  std::string command;                      // run | demo | profile
  std::vector<std::string> stages_done;     // in pipeline order
  std::vector<std::string> stages_missing;  // "block (issue #4)": not built yet, said plainly
  int threads = 0;
  uint64_t record_store_bytes = 0;
  uint64_t record_count = 0;
};

// report.json: stable keys (documented in docs/report-schema.json). Everything but the "run"
// object (timings, memory, threads) is deterministic for the same input and config.
Status WriteReportJson(const std::string& path, const ReportContext& context,
                       std::span<const SourceInfo> sources, const RunStats& stats,
                       const RejectLog& rejects);

}  // namespace idforge::report
