// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// `idforge profile JOB.json`: the data-quality audit of the inputs, no matching.
#include <cstdio>

#include "engine/job/job_file.h"
#include "tools/idforge/commands.h"

namespace idforge::cli {

const std::string_view kProfileHelp = R"(Usage: idforge profile JOB.json [--out DIR] [--threads N] [--report-values] [--quiet]

Data-quality audit of the job's sources, without matching: per source and field the fill rate,
validity rate (email syntax, phone, date), junk placeholders, distinct values, top values and
format patterns (e.g. "Aaaa", "+99 9 99 99 99 99"); exact-duplicate records and duplicate
emails and phones within and across sources; rejected rows by reason.

Writes report.json, report.html and rejects.csv to --out (default: the job's output.dir).

Options:
  --out DIR          output directory
  --threads N        worker threads (default: all cores); the output does not depend on it
  --report-values    show top values unmasked (default: masked, e.g. "j***@g***.com")
  --quiet            print nothing but errors
)";

int ProfileCommand(const Args& args) {
  if (args.positional.size() != 1) {
    std::fprintf(stderr, "idforge profile: usage: idforge profile JOB.json [--out DIR]\n");
    return kExitUsage;
  }
  Result<JobSpec> job = job::ParseJobFile(args.positional[0]);
  if (!job.ok()) return ReportError("profile", job.status());
  RunOptions options = BaseOptions("profile", args);
  options.out_dir = args.out_dir;
  options.report_values = args.report_values;
  options.progress = MakeProgress(args.quiet);
  options.stage_done = MakeStageDone(args.quiet);
  if (args.chunk_kib > 0) options.read.chunk_bytes = args.chunk_kib * 1024;
  Result<ProfileSummary> summary = ProfileJob(*job, options);
  if (!summary.ok()) return ReportError("profile", summary.status());
  if (args.quiet) return kExitOk;

  std::printf("idforge profile: %s\n", args.positional[0].c_str());
  for (const SourceSummary& source : summary->sources) {
    std::printf("  %-12s %10llu records read, %10llu accepted, %8llu rejected\n",
                source.name.c_str(), static_cast<unsigned long long>(source.records_read),
                static_cast<unsigned long long>(source.accepted),
                static_cast<unsigned long long>(source.rejected));
  }
  std::printf("  %llu exact-duplicate records within sources (same values on every field)\n",
              static_cast<unsigned long long>(summary->exact_duplicate_records));
  std::printf("  done in %.2f s, peak memory %s\n", summary->seconds,
              HumanBytes(summary->peak_rss_bytes).c_str());
  std::printf("Top values in the reports are %s.\n",
              args.report_values ? "UNMASKED (--report-values): the reports hold personal data"
                                 : "masked (--report-values shows them)");
  std::printf("Outputs written to %s:\n", summary->out_dir.c_str());
  for (const std::string& file : summary->files_written) std::printf("  %s\n", file.c_str());
  if (summary->records_rejected > 0) {
    std::printf("%llu rows were rejected: see rejects.csv (file, line, reason, raw row).\n",
                static_cast<unsigned long long>(summary->records_rejected));
  }
  return kExitOk;
}

}  // namespace idforge::cli
