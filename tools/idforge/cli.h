// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// What every CLI command shares: exit codes (SPEC.md), the common flags, progress on a terminal,
// error printing and the run summary. Only the CLI prints, exits or reads the environment.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "idforge/idforge.h"

namespace idforge::cli {

// SPEC.md exit codes.
inline constexpr int kExitOk = 0;
inline constexpr int kExitUsage = 1;
inline constexpr int kExitInput = 2;
inline constexpr int kExitInternal = 3;

int ExitCodeFor(const Status& status);

// The flags of the commands that read a job (run, demo, profile, train, explain, init, eval).
struct Args {
  std::vector<std::string> positional;
  std::string out_dir;
  std::string truth;
  std::string model;
  std::string model_out;
  std::string crosswalk;
  std::string state;                   // --state STATE.db: incremental run (issue #8)
  std::vector<std::string> export_as;  // --export-as hubspot,mailchimp (issue #9)
  int threads = 0;
  size_t chunk_kib = 0;
  bool quiet = false;
  bool help = false;
  bool report_values = false;  // --report-values: top values unmasked in reports (issue #6)
};

// Parses the shared flags. Returns an error message on bad usage.
std::optional<std::string> ParseArgs(std::string_view command, int argc, char** argv, Args& args);

// Live progress on stderr (done, rate, ETA) when it is a terminal and not --quiet.
ProgressCallback MakeProgress(bool quiet);
// One line per finished stage on stderr (stage, items, time, rate), terminal or not; nothing
// with --quiet.
StageDoneCallback MakeStageDone(bool quiet);

std::string HumanBytes(uint64_t bytes);

// Prints "idforge COMMAND: message" on stderr and returns the exit code for the status.
int ReportError(std::string_view command, const Status& status);

// RunOptions from the shared flags, with today's date as the run's reference date.
RunOptions BaseOptions(std::string_view command, const Args& args);

// Runs `job` with the shared flags and prints the summary; `label` names the job for people.
int RunParsedJob(std::string_view command, const JobSpec& job, std::string_view label,
                 const Args& args);

// Parses the job file and runs it.
int RunJobFile(std::string_view command, const std::string& job_path, const Args& args);

}  // namespace idforge::cli
