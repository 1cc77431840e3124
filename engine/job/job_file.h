// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Job files (SPEC.md "Job file"): parsed strictly, so a typo is an error that names the file,
// the JSON path and what to write instead, never a silently ignored key.
#pragma once

#include <string>
#include <string_view>

#include "idforge/options.h"
#include "idforge/status.h"

namespace idforge::job {

// Reads and parses the job file at `path`. Relative source paths and the output directory are
// resolved against the job file's directory. Errors are InvalidArgument (NotFound for a missing
// job file) with messages like `job.json: sources[1].fields.dob: unknown date format directive %Q`.
Result<JobSpec> ParseJobFile(const std::string& path);

// Parses job JSON text; `display_name` prefixes messages and `base_dir` resolves relative paths.
Result<JobSpec> ParseJobJson(std::string_view json, std::string_view display_name,
                             const std::string& base_dir);

// The strftime-style directives a date `format` may use (without '%').
std::string_view SupportedDateDirectives();

// The source name a file gets when the job does not name it: the file name without directory
// and extensions (`exports/crm.csv.gz` -> `crm`).
std::string SourceNameFromPath(std::string_view path);

}  // namespace idforge::job
