// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// The whole system on one screen: each stage in order, its timing recorded, its outputs written.
// Stages that are not built yet are listed as missing, never faked.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <utility>
#include <vector>

#include <oneapi/tbb/parallel_for.h>

#include "engine/common/atomic_file.h"
#include "engine/common/column_parking.h"
#include "engine/common/exec_context.h"
#include "engine/normalize/normalize_table.h"
#include "engine/pipeline/incremental.h"
#include "engine/pipeline/matching.h"
#include "engine/pipeline/run_paths.h"
#include "engine/profiles/profile.h"
#include "engine/profiles/resolve.h"
#include "engine/export/writeback.h"
#include "engine/profile/profile.h"
#include "engine/read/read_inputs.h"
#include "engine/report/html_report.h"
#include "engine/report/outputs.h"
#include "engine/survive/survive.h"
#include "idforge/idforge.h"

namespace idforge {
namespace {

using pipeline::JoinPath;
using pipeline::ParseToday;

// What the job asks for that this version does not do yet; said plainly, never faked.
std::vector<std::string> MissingStages(const JobSpec& /*job*/) {
  std::vector<std::string> missing;
  return missing;
}

// Read + normalize: what every command starts with.
struct Prepared {
  RecordTable table;
  NormalizedTable normalized;
};

Result<Prepared> ReadAndNormalize(const JobSpec& job, const RunOptions& options, ExecContext& ctx) {
  ReadOptions read_options = options.read;
  read_options.on_error = job.on_error;
  Prepared prepared;
  StageTimer read_timer(ctx.stats(), "read");
  // Sources that name an export profile get its mapping; its value quirks are undone after reading.
  IDFORGE_ASSIGN_OR_RETURN(const JobSpec resolved, profiles::ResolveJobProfiles(job));
  IDFORGE_ASSIGN_OR_RETURN(prepared.table, read::ReadInputs(resolved.sources, read_options, ctx));
  IDFORGE_RETURN_IF_ERROR(profiles::ApplyValueQuirks(resolved, prepared.table));
  read_timer.Finish(prepared.table.row_count(), "records");
  normalize::NormalizeOptions normalize_options;
  IDFORGE_ASSIGN_OR_RETURN(normalize_options.today, ParseToday(options.today));
  StageTimer normalize_timer(ctx.stats(), "normalize");
  IDFORGE_ASSIGN_OR_RETURN(prepared.normalized,
                           normalize::NormalizeTable(prepared.table, normalize_options, ctx));
  normalize_timer.Finish(prepared.normalized.row_count(), "records");
  return prepared;
}

// Forwards each finished stage to the caller (the CLI prints one line per stage).
void ReportStages(const RunOptions& options, ExecContext& ctx) {
  if (options.progress) ctx.set_progress(options.progress);
  if (!options.stage_done) return;
  ctx.stats().set_timing_listener([callback = options.stage_done](const StageTiming& timing) {
    callback(timing.stage, timing.seconds, timing.items, timing.item_unit);
  });
}

// The profile stage: its figures go into the report's "profile" section.
Status ProfileInto(const Prepared& prepared, const RunOptions& options, ExecContext& ctx) {
  StageTimer timer(ctx.stats(), "profile");
  profile::ProfileOptions profile_options;
  profile_options.report_values = options.report_values;
  IDFORGE_ASSIGN_OR_RETURN(
      ctx.stats().profile(),
      profile::ProfileTable(prepared.table, prepared.normalized, profile_options, ctx));
  timer.Finish(prepared.table.row_count(), "records");
  return Status();
}

Result<uint32_t> FindRecord(const RecordTable& table, const RecordRef& ref) {
  bool source_found = false;
  for (uint32_t row = 0; row < table.row_count(); ++row) {
    if (table.sources()[table.source(row)].name != ref.source) continue;
    source_found = true;
    if (table.source_id(row) == ref.id) return row;
  }
  if (!source_found) {
    std::string names;
    for (const SourceInfo& source : table.sources()) names += (names.empty() ? "" : ", ") + source.name;
    return NotFound("no source named \"" + ref.source + "\" (sources: " + names + ")");
  }
  return NotFound("no record with id \"" + ref.id + "\" in source " + ref.source +
                  " (or it was rejected: see rejects.csv of a run)");
}

}  // namespace

Result<TrainSummary> TrainJob(const JobSpec& job, const RunOptions& options,
                              const std::string& model_out) {
  ExecContext ctx(options.threads);
  IDFORGE_ASSIGN_OR_RETURN(Prepared prepared, ReadAndNormalize(job, options, ctx));
  RunOptions train_options = options;
  train_options.model_path.clear();
  IDFORGE_ASSIGN_OR_RETURN(pipeline::MatchPlan plan,
                           pipeline::PrepareMatching(prepared.normalized, job, train_options, ctx));
  IDFORGE_RETURN_IF_ERROR(pipeline::WriteModel(model_out, plan.model));
  return TrainSummary{model_out, prepared.normalized.row_count(), plan.comparisons.size(),
                      plan.model.lambda};
}

Result<std::string> ExplainPair(const JobSpec& job, const RunOptions& options, const RecordRef& a,
                                const RecordRef& b) {
  ExecContext ctx(options.threads);
  IDFORGE_ASSIGN_OR_RETURN(Prepared prepared, ReadAndNormalize(job, options, ctx));
  IDFORGE_ASSIGN_OR_RETURN(uint32_t row_a, FindRecord(prepared.table, a));
  IDFORGE_ASSIGN_OR_RETURN(uint32_t row_b, FindRecord(prepared.table, b));
  IDFORGE_ASSIGN_OR_RETURN(pipeline::MatchPlan plan,
                           pipeline::PrepareMatching(prepared.normalized, job, options, ctx));
  return pipeline::ExplainText(prepared.table, prepared.normalized, plan, row_a, row_b, ctx);
}

Result<ProfileSummary> ProfileJob(const JobSpec& job, const RunOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  ExecContext ctx(options.threads);
  ReportStages(options, ctx);
  ProfileSummary summary;
  summary.out_dir = options.out_dir.empty() ? job.output.dir : options.out_dir;
  IDFORGE_RETURN_IF_ERROR(EnsureDirectory(summary.out_dir));
  IDFORGE_ASSIGN_OR_RETURN(Prepared prepared, ReadAndNormalize(job, options, ctx));
  IDFORGE_RETURN_IF_ERROR(ProfileInto(prepared, options, ctx));
  for (const SourceProfile& source : ctx.stats().profile().sources) {
    summary.exact_duplicate_records += source.exact_records.duplicate_records;
  }

  const std::string rejects_path = JoinPath(summary.out_dir, "rejects.csv");
  IDFORGE_RETURN_IF_ERROR(
      report::WriteRejectsCsv(rejects_path, prepared.table.sources(), ctx.rejects()));
  summary.files_written.push_back(rejects_path);
  report::ReportContext context{
      .job_path = job.job_path,
      .command = "profile",
      .stages_done = {"read", "normalize", "profile"},
      .stages_missing = {},
      .threads = ctx.threads(),
      .record_store_bytes = prepared.table.MemoryBytes(),
      .record_count = prepared.table.row_count()};
  const std::string report_path = JoinPath(summary.out_dir, "report.json");
  IDFORGE_RETURN_IF_ERROR(report::WriteReportJson(report_path, context, prepared.table.sources(),
                                                  ctx.stats(), ctx.rejects()));
  summary.files_written.push_back(report_path);
  const std::string html_path = JoinPath(summary.out_dir, "report.html");
  IDFORGE_RETURN_IF_ERROR(report::WriteReportHtml(html_path, context, prepared.table.sources(),
                                                  ctx.stats(), ctx.rejects()));
  summary.files_written.push_back(html_path);
  for (const SourceReadStats& source : ctx.stats().sources()) {
    summary.sources.push_back({source.name, source.records_read, source.accepted, source.rejected});
    summary.records_accepted += source.accepted;
    summary.records_rejected += source.rejected;
  }
  summary.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  summary.peak_rss_bytes = PeakRssBytes();
  return summary;
}

Result<RunSummary> RunJob(const JobSpec& job, const RunOptions& options) {
  // A state file turns the run into an incremental one (engine/pipeline/incremental.cc).
  if (!options.state_path.empty()) return pipeline::RunIncremental(job, options);
  const auto started = std::chrono::steady_clock::now();
  ExecContext ctx(options.threads);
  ReportStages(options, ctx);
  RunSummary summary;
  summary.out_dir = options.out_dir.empty() ? job.output.dir : options.out_dir;
  IDFORGE_RETURN_IF_ERROR(EnsureDirectory(summary.out_dir));

  // Configuration errors surface before any heavy work.
  IDFORGE_ASSIGN_OR_RETURN(survive::SurvivorshipOptions survivorship,
                           survive::ParseSurvivorshipOptions(job.survivorship_json));
  IDFORGE_RETURN_IF_ERROR(writeback::ValidateRunExports(job, options.export_profiles));
  IDFORGE_ASSIGN_OR_RETURN(Prepared prepared, ReadAndNormalize(job, options, ctx));
  const RecordTable& table = prepared.table;
  const NormalizedTable& normalized = prepared.normalized;
  summary.stages_done.push_back("read");
  summary.stages_done.push_back("normalize");
  IDFORGE_RETURN_IF_ERROR(ProfileInto(prepared, options, ctx));
  summary.stages_done.push_back("profile");
  // Matching reads only the normalized table: the raw field values wait compressed until
  // survivorship (a third less peak memory at 10 M records; engine/common/column_parking.h).
  StageTimer park_timer(ctx.stats(), "park");
  ParkedFields parked = ParkedFields::Park(prepared.table, profiles::kLinkPrefix, ctx);
  park_timer.Finish(table.row_count(), "records");
  IDFORGE_ASSIGN_OR_RETURN(pipeline::MatchOutcome matched,
                           pipeline::RunMatching(table, normalized, job, options, ctx));
  // The derived keys served blocking and scoring only: their memory makes room for the raw values.
  prepared.normalized.ReleaseDerivedKeys();
  StageTimer unpark_timer(ctx.stats(), "unpark");
  parked.Restore(prepared.table, ctx);
  unpark_timer.Finish(table.row_count(), "records");
  summary.stages_done.insert(summary.stages_done.end(),
                             {"block", matched.model.comparisons.empty() ? "score" : "train+score",
                              "cluster"});
  summary.stages_missing = MissingStages(job);
  StageTimer survive_timer(ctx.stats(), "survive");
  IDFORGE_ASSIGN_OR_RETURN(survive::GoldenTable golden,
                           survive::BuildGolden(table, normalized, matched.clustering,
                                                matched.golden_ids, survivorship, ctx));
  survive_timer.Finish(matched.clustering.entity_count(), "entities");
  summary.stages_done.push_back("survive");
  // Nothing below reads normalized values: give their memory back before the outputs are built
  // (a third of the peak at 10 M records).
  prepared.normalized = NormalizedTable();
  StageTimer write_timer(ctx.stats(), "write");
  // The main outputs are independent files, each written atomically: write them concurrently.
  std::vector<std::pair<std::string, std::function<Status(const std::string&)>>> writers;
  if (job.output.golden_csv) {
    writers.emplace_back(JoinPath(summary.out_dir, "golden.csv"), [&](const std::string& path) {
      return survive::WriteGoldenCsv(path, table, golden);
    });
  }
  if (job.output.golden_jsonl) {
    writers.emplace_back(JoinPath(summary.out_dir, "golden.jsonl"), [&](const std::string& path) {
      return survive::WriteGoldenJsonl(path, table, golden);
    });
  }
  writers.emplace_back(JoinPath(summary.out_dir, "golden_provenance.csv"), [&](const std::string& path) {
    return survive::WriteProvenanceCsv(path, table, golden);
  });
  writers.emplace_back(JoinPath(summary.out_dir, "crosswalk.csv"), [&](const std::string& path) {
    return pipeline::WriteCrosswalk(path, table, matched);
  });
  std::vector<Status> written(writers.size());
  ctx.task_arena().execute([&] {
    tbb::parallel_for(size_t{0}, writers.size(), [&](size_t i) { written[i] = writers[i].second(writers[i].first); });
  });
  for (size_t i = 0; i < writers.size(); ++i) {
    IDFORGE_RETURN_IF_ERROR(written[i]);
    summary.files_written.push_back(writers[i].first);
  }
  IDFORGE_ASSIGN_OR_RETURN(
      const std::vector<std::string> exports,
      writeback::WriteRunExports(summary.out_dir, options.export_profiles,
                                 {job, table, matched.clustering, golden}));
  summary.files_written.insert(summary.files_written.end(), exports.begin(), exports.end());
  summary.entities = matched.clustering.entity_count();
  summary.matches = ctx.stats().match().matches;
  write_timer.Finish(table.row_count(), "records");
  if (!options.truth_path.empty()) {
    StageTimer evaluate_timer(ctx.stats(), "evaluate");
    IDFORGE_RETURN_IF_ERROR(pipeline::EvaluateRun(table, matched, options.truth_path, ctx));
    evaluate_timer.Finish(table.row_count(), "records");
    summary.evaluated = true;
    const EvaluationStats& e = ctx.stats().evaluation();
    summary.precision = e.precision;
    summary.recall = e.recall;
    summary.f1 = e.f1;
    summary.bcubed_f1 = e.bcubed_f1;
    summary.blocking_recall = e.blocking_recall;
  }
  const std::string model_path = JoinPath(summary.out_dir, "model.json");
  IDFORGE_RETURN_IF_ERROR(pipeline::WriteModel(model_path, matched.model));
  summary.files_written.push_back(model_path);
  if (job.output.pairs) {
    const std::string pairs_path = JoinPath(summary.out_dir, "pairs.csv");
    Status pairs_written;  // formatted in parallel: inside the run's arena (--threads)
    ctx.task_arena().execute(
        [&] { pairs_written = pipeline::WritePairs(pairs_path, table, matched); });
    IDFORGE_RETURN_IF_ERROR(pairs_written);
    summary.files_written.push_back(pairs_path);
  }

  const std::string rejects_path = JoinPath(summary.out_dir, "rejects.csv");
  IDFORGE_RETURN_IF_ERROR(report::WriteRejectsCsv(rejects_path, table.sources(), ctx.rejects()));
  summary.files_written.push_back(rejects_path);

  report::ReportContext context{.job_path = job.job_path,
                                .command = options.command,
                                .stages_done = summary.stages_done,
                                .stages_missing = summary.stages_missing,
                                .threads = ctx.threads(),
                                .record_store_bytes = table.MemoryBytes(),
                                .record_count = table.row_count()};
  const std::string report_path = JoinPath(summary.out_dir, "report.json");
  IDFORGE_RETURN_IF_ERROR(
      report::WriteReportJson(report_path, context, table.sources(), ctx.stats(), ctx.rejects()));
  summary.files_written.push_back(report_path);
  const std::string html_path = JoinPath(summary.out_dir, "report.html");
  IDFORGE_RETURN_IF_ERROR(
      report::WriteReportHtml(html_path, context, table.sources(), ctx.stats(), ctx.rejects()));
  summary.files_written.push_back(html_path);

  for (const SourceReadStats& source : ctx.stats().sources()) {
    summary.sources.push_back({source.name, source.records_read, source.accepted, source.rejected});
    summary.records_accepted += source.accepted;
    summary.records_rejected += source.rejected;
  }
  summary.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  summary.peak_rss_bytes = PeakRssBytes();
  return summary;
}

}  // namespace idforge
