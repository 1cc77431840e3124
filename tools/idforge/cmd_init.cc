// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// `idforge init FILE...` and the zero-config `idforge run FILE...`: detection and mapping live in
// engine/profiles; this file only prints what was chosen and hands the job to the runner.
#include <cstdio>
#include <string>

#include "engine/profiles/resolve.h"
#include "tools/idforge/commands.h"

namespace idforge::cli {

const std::string_view kInitHelp = R"(Usage: idforge init FILE [FILE...] [--out DIR] [--export-as LIST]

Detects each export (format, compression, delimiter, encoding, and the export profile that fits
its columns: hubspot, salesforce, mailchimp, shopify, klaviyo, stripe, segment, or generic) and
prints the job file a zero-config `idforge run FILE...` would use, to edit and keep:

  idforge init hubspot.csv mailchimp.csv shop.jsonl > job.json
  idforge run job.json

Detection notes (confidence, ambiguity, unmapped columns) go to stderr, the job to stdout. Paths
are written as given, so save the job in the directory you ran init from.
)";

namespace {

constexpr std::string_view kDefaultOutDir = "idforge-out";

void PrintDetections(std::FILE* out, std::string_view command, const profiles::ZeroConfigJob& zero) {
  for (const profiles::DetectedSource& file : zero.files) {
    const profiles::Detection& detection = file.detection;
    std::fprintf(out, "idforge %.*s: %s -> source \"%s\", profile %s (confidence %.2f)\n",
                 static_cast<int>(command.size()), command.data(), file.sniff.path.c_str(),
                 file.source.name.c_str(), detection.profile->name.c_str(), detection.confidence);
    if (detection.fell_back_to_generic) {
      std::fprintf(out, "  no tool profile fits: common header names used (generic)%s%s%s\n",
                   detection.ambiguous() ? "; closest tool: " : "",
                   detection.runner_up.c_str(), detection.ambiguous() ? " (too few of its columns)" : "");
    } else if (detection.ambiguous()) {
      std::fprintf(out,
                   "  warning: ambiguous: %s scores %.2f, close to %s; check the mapping with "
                   "`idforge init` and name the profile in a job file if it is wrong\n",
                   detection.runner_up.c_str(), detection.runner_up_score,
                   detection.profile->name.c_str());
    }
    if (!detection.unmapped.empty()) {
      std::string list;
      for (size_t i = 0; i < detection.unmapped.size() && i < 12; ++i) {
        list += (i ? ", " : "") + ("\"" + detection.unmapped[i] + "\"");
      }
      if (detection.unmapped.size() > 12) list += ", ...";
      std::fprintf(out, "  %zu column(s) not mapped: %s\n", detection.unmapped.size(),
                   list.c_str());
    }
  }
  std::fflush(out);  // before the run's progress lines on stderr
}

// The detections point into `builtin`, so the caller keeps it alive while it uses them.
Result<profiles::ZeroConfigJob> Detect(const Args& args, std::vector<profiles::Profile>& builtin) {
  IDFORGE_ASSIGN_OR_RETURN(builtin, profiles::BuiltinProfiles());
  const std::string out_dir = args.out_dir.empty() ? std::string(kDefaultOutDir) : args.out_dir;
  IDFORGE_ASSIGN_OR_RETURN(profiles::ZeroConfigJob zero,
                           profiles::BuildZeroConfigJob(args.positional, out_dir, builtin));
  zero.job.output.profiles = args.export_as;
  return zero;
}

}  // namespace

int InitCommand(const Args& args) {
  if (args.positional.empty()) {
    std::fprintf(stderr, "idforge init: give the export files to detect (see `idforge init --help`)\n");
    return kExitUsage;
  }
  std::vector<profiles::Profile> builtin;
  Result<profiles::ZeroConfigJob> zero = Detect(args, builtin);
  if (!zero.ok()) return ReportError("init", zero.status());
  PrintDetections(stderr, "init", *zero);
  const std::string json = profiles::JobToJson(zero->job);
  std::fputs(json.c_str(), stdout);
  return kExitOk;
}

int ZeroConfigRunCommand(const Args& args) {
  std::vector<profiles::Profile> builtin;
  Result<profiles::ZeroConfigJob> zero = Detect(args, builtin);
  if (!zero.ok()) return ReportError("run", zero.status());
  if (!args.quiet) PrintDetections(stdout, "run", *zero);
  Args run_args = args;
  run_args.export_as.clear();  // already in the job's output.profiles
  std::string label = "zero-config run on";
  for (const std::string& file : args.positional) label += " " + file;
  return RunParsedJob("run", zero->job, label, run_args);
}

}  // namespace idforge::cli
