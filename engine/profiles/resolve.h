// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Profiles in a run: a job source that names a profile instead of listing fields gets the
// profile's mapping for the columns its file has; a zero-config run builds the whole job from
// detection; after reading, the profiles' value quirks are undone; and the job a zero-config run
// uses can be written out as a job file (`idforge init`).
#pragma once

#include <string>
#include <vector>

#include "engine/profiles/detect.h"
#include "engine/profiles/profile.h"
#include "idforge/options.h"
#include "idforge/record_table.h"
#include "idforge/status.h"

namespace idforge::profiles {

// Fills every source that names a `profile` and maps no field from its file's header (sniffed).
// The source's own settings (name, delimiter, encoding, id, updated_at) win over the profile's.
// An unknown profile name is InvalidArgument naming `sources[i].profile` and the known names.
Result<JobSpec> ResolveJobProfiles(const JobSpec& job, const std::vector<Profile>& profiles);

// The same against the built-in profiles (what the pipeline calls before reading).
Result<JobSpec> ResolveJobProfiles(const JobSpec& job);

// Undoes the value quirks of each source's profile in `table` (rows of source i come from
// job.sources[i]): leading apostrophes, double-space separated address parts. O(rows) per
// affected column; untouched columns are not copied.
void ApplyValueQuirks(const JobSpec& job, const std::vector<Profile>& profiles, RecordTable& table);
// The same with the built-in profiles; a job without profiles costs nothing.
Status ApplyValueQuirks(const JobSpec& job, RecordTable& table);

// One file of a zero-config run: what was found and what was chosen.
struct DetectedSource {
  FileSniff sniff;
  Detection detection;
  SourceSpec source;
};

struct ZeroConfigJob {
  JobSpec job;
  std::vector<DetectedSource> files;  // same order as job.sources
};

// Detects every file and builds the job: sources named after their files without extensions
// (`crm.csv.gz` -> `crm`; a repeated name gets `_2`, `_3`), priority in argument order, output to
// `out_dir`.
Result<ZeroConfigJob> BuildZeroConfigJob(const std::vector<std::string>& files,
                                         const std::string& out_dir,
                                         const std::vector<Profile>& profiles);

// The job as a job file (SPEC.md), paths written as given; ParseJobJson() of it gives the job
// back. Each source keeps `profile` (quirks, links, write-back) and lists its `fields`.
std::string JobToJson(const JobSpec& job);

}  // namespace idforge::profiles
