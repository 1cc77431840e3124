// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// idforge: identity resolution and deduplication of customer data. This is the library's entry
// point; the `idforge` CLI is a thin driver over these calls.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "idforge/options.h"
#include "idforge/record_table.h"
#include "idforge/status.h"

namespace idforge {

inline constexpr std::string_view kVersion = "0.1.0";

// Called from the pipeline's serial steps with the progress of a long stage.
using ProgressCallback = std::function<void(std::string_view stage, uint64_t done, uint64_t total)>;
// Called once when a stage ends, with its duration and the records or pairs it processed.
using StageDoneCallback = std::function<void(std::string_view stage, double seconds,
                                             uint64_t items, std::string_view unit)>;

struct RunOptions {
  int threads = 0;          // 0: all cores
  std::string out_dir;      // overrides the job's output directory when not empty
  std::string truth_path;   // truth CSV for evaluation; empty: none
  std::string model_path;   // model.json to use instead of training; empty: train
  std::string command = "run";
  // The run's reference date, "YYYY-MM-DD" (birth dates after it are invalid). The CLI passes
  // today's date; the library never reads the clock, so a run can be replayed exactly.
  std::string today;
  ReadOptions read;         // chunking knobs (the job's on_error is applied on top)
  // SQLite identity graph to continue from and update (incremental runs); empty: batch run.
  std::string state_path;
  // Tool import files to write besides the job's output.profiles ("hubspot", "mailchimp", ...).
  std::vector<std::string> export_profiles;
  // Reports show top values unmasked (default: masked, e.g. "j***@g***.com").
  bool report_values = false;
  ProgressCallback progress;
  StageDoneCallback stage_done;
};

// A source as the summary reports it.
struct SourceSummary {
  std::string name;
  uint64_t records_read = 0;
  uint64_t accepted = 0;
  uint64_t rejected = 0;
};

struct RunSummary {
  std::string out_dir;
  std::vector<std::string> files_written;   // full paths, in the order written
  std::vector<std::string> stages_done;
  std::vector<std::string> stages_missing;  // stages not built yet, with their issue
  std::vector<SourceSummary> sources;
  uint64_t records_accepted = 0;
  uint64_t records_rejected = 0;
  double seconds = 0;
  uint64_t peak_rss_bytes = 0;
  // With a truth file: pairwise precision/recall/F1, B-cubed F1, blocking recall.
  bool evaluated = false;
  double precision = 0, recall = 0, f1 = 0, bcubed_f1 = 0, blocking_recall = 0;
  uint64_t entities = 0;
  uint64_t matches = 0;
};

// Runs the pipeline on `job` and writes its outputs. Bad rows are rejects, not errors; the
// Status is non-OK for configuration errors (InvalidArgument/NotFound), unreadable inputs
// (IOError), a bad row under on_error=fail (CorruptInput) and bugs (Internal).
Result<RunSummary> RunJob(const JobSpec& job, const RunOptions& options);

struct ProfileSummary {
  std::string out_dir;
  std::vector<std::string> files_written;  // report.json, report.html, rejects.csv
  std::vector<SourceSummary> sources;
  uint64_t records_accepted = 0;
  uint64_t records_rejected = 0;
  uint64_t exact_duplicate_records = 0;  // within sources: same normalized values on every field
  double seconds = 0;
  uint64_t peak_rss_bytes = 0;
};

// The data-quality audit of the job's sources without matching: reads and normalizes them,
// profiles every field (fill, validity, distinct, top values masked unless
// options.report_values, format patterns, exact duplicates) and writes report.json, report.html
// and rejects.csv. Errors as RunJob.
Result<ProfileSummary> ProfileJob(const JobSpec& job, const RunOptions& options);

struct TrainSummary {
  std::string model_path;
  uint32_t records = 0;
  size_t comparisons = 0;
  double prior = 0;  // probability that two random records match
};

// Reads and normalizes the job's sources, blocks them and estimates the match model without
// labels (EM); writes it to `model_out` (model.json format, loadable with RunOptions::model_path).
Result<TrainSummary> TrainJob(const JobSpec& job, const RunOptions& options,
                              const std::string& model_out);

// A record by its source name and id in that source.
struct RecordRef {
  std::string source;
  std::string id;
};

// Why two records do or don't match: each comparison's raw and normalized values, level and
// weight, the prior, the total and the decision, as text for a person. Uses options.model_path
// when set, else trains first.
Result<std::string> ExplainPair(const JobSpec& job, const RunOptions& options, const RecordRef& a,
                                const RecordRef& b);

}  // namespace idforge
