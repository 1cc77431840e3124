// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Write-back: the golden records as import files for the tools they came from (the `export`
// section of each export profile: header names, quoting, date formats), with the entity's own
// record id in that tool so that an import updates the existing record instead of creating a
// duplicate; plus a generic CSV and JSON lines. Consent and marketing flags are never written:
// the engine does not know them, and guessing them would be wrong.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "engine/cluster/cluster.h"
#include "engine/profiles/profile.h"
#include "engine/survive/survive.h"
#include "idforge/options.h"
#include "idforge/record_table.h"
#include "idforge/status.h"

namespace idforge::writeback {

// The generic CSV (canonical field names) and JSON lines targets, besides the tool profiles.
inline constexpr std::string_view kGenericCsv = "generic";
inline constexpr std::string_view kJsonLines = "jsonl";

// What a write-back reads. `job` is the job as run: job.sources[i].profile names the tool of the
// table's source i. All references must outlive the call.
struct ExportInput {
  const JobSpec& job;
  const RecordTable& raw;
  const cluster::Clustering& clustering;
  const survive::GoldenTable& golden;
};

// The names to export, in order, without repeats: the job's output.profiles, then `extra`.
std::vector<std::string> ExportNames(const JobSpec& job, const std::vector<std::string>& extra);

// InvalidArgument listing the valid names when one has no export (checked before a run reads).
Status ValidateExportNames(const std::vector<std::string>& names,
                           const std::vector<profiles::Profile>& profiles);

// The file name a target is written to ("export_hubspot.csv", "export_golden.jsonl").
std::string ExportFileName(std::string_view name, const std::vector<profiles::Profile>& profiles);

// The content of one target (REQUIRES: a valid name).
std::string RenderExport(std::string_view name, const ExportInput& input,
                         const std::vector<profiles::Profile>& profiles);

// Writes every target into `out_dir` atomically; returns the paths written, in order.
Result<std::vector<std::string>> WriteExports(const std::string& out_dir,
                                              const std::vector<std::string>& names,
                                              const ExportInput& input,
                                              const std::vector<profiles::Profile>& profiles);

// The pipeline's entry points: the job's output.profiles plus `extra` (--export-as), against the
// built-in profiles. Nothing to export: nothing written.
Status ValidateRunExports(const JobSpec& job, const std::vector<std::string>& extra);
Result<std::vector<std::string>> WriteRunExports(const std::string& out_dir,
                                                 const std::vector<std::string>& extra,
                                                 const ExportInput& input);

// "1985-03-02" formatted with %Y %y %m %d %e (day without zero) and %%; anything that is not an
// ISO date is returned as it is.
std::string FormatIsoDate(std::string_view iso, std::string_view format);

}  // namespace idforge::writeback
