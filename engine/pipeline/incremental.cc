// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// `run --state` and `forget`: open the state in one transaction, turn the job's sources into a
// delta (content hashes decide what is new, changed, unchanged or deleted), link it, write the
// outputs from the state and commit. A run killed anywhere before the commit leaves the state as
// the previous run left it (SQLite rolls the open transaction back on the next open).
#include "engine/pipeline/incremental.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <tuple>
#include <unordered_map>

#include "engine/block/block_index.h"
#include "engine/common/atomic_file.h"
#include "engine/common/edge.h"
#include "engine/common/hash.h"
#include "engine/match/settings.h"
#include "engine/pipeline/incremental_session.h"
#include "engine/pipeline/matching.h"
#include "engine/pipeline/run_paths.h"
#include "engine/profile/profile.h"
#include "engine/profiles/resolve.h"
#include "engine/read/read_inputs.h"
#include "engine/report/html_report.h"
#include "engine/report/outputs.h"
#include "engine/state/record_codec.h"

namespace idforge::pipeline {
namespace {

// The carried column that holds each delta source's tombstone flag while reading; never stored.
constexpr std::string_view kTombstoneExtra = "\x01tombstone";

bool Truthy(std::string_view value) {
  std::string lowered;
  for (char c : value) {
    if (c != ' ') lowered.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));
  }
  return lowered == "1" || lowered == "true" || lowered == "yes" || lowered == "y" ||
         lowered == "t" || lowered == "deleted";
}

std::vector<std::string> SplitLines(std::string_view text) {
  std::vector<std::string> lines;
  size_t begin = 0;
  while (begin < text.size()) {
    size_t end = text.find('\n', begin);
    if (end == std::string_view::npos) end = text.size();
    lines.emplace_back(text.substr(begin, end - begin));
    begin = end + 1;
  }
  return lines;
}

std::string JoinLines(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& line : lines) out += line + "\n";
  return out;
}

// The first column of each line of a deletions file (an optional header "id"/"source_id" or the
// source's id column is skipped). Quotes around a value are removed.
Result<std::vector<std::string>> ReadIdList(const std::string& path, const std::string& id_column) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound(path + ": cannot open the deletions file (check \"deletions\" in the job)");
  std::vector<std::string> ids;
  std::string line;
  bool first = true;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::string value = line.substr(0, line.find(','));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
    const bool header = first && (value == "id" || value == "source_id" || value == id_column);
    first = false;
    if (!header && !value.empty()) ids.push_back(std::move(value));
  }
  return ids;
}

}  // namespace

Status LoadSession(Session& session) {
  state::Store& store = session.store;
  IDFORGE_ASSIGN_OR_RETURN(std::optional<std::string> model, store.GetMeta(kMetaModel));
  if (!model) return InvalidArgument("the state file has no model: its first run did not finish");
  IDFORGE_ASSIGN_OR_RETURN(session.model, match::MatchModel::FromJson(*model, "state model.json"));
  session.comparisons.clear();
  for (const match::ComparisonModel& comparison : session.model.comparisons) {
    session.comparisons.push_back(comparison.comparison);
  }
  IDFORGE_ASSIGN_OR_RETURN(std::optional<std::string> rules, store.GetMeta(kMetaRules));
  session.rules.clear();
  for (const std::string& text : SplitLines(rules.value_or(""))) {
    IDFORGE_ASSIGN_OR_RETURN(block::BlockingRule rule, block::ParseBlockingRule(text));
    session.rules.push_back(std::move(rule));
  }
  IDFORGE_ASSIGN_OR_RETURN(std::optional<std::string> matching, store.GetMeta(kMetaMatching));
  IDFORGE_ASSIGN_OR_RETURN(match::MatchingSettings settings,
                           match::ParseMatchingSettings(matching.value_or("{}"), "state matching settings"));
  session.max_block_size = settings.blocking.max_block_size;
  // Clamped as block::BuildBlocks clamps them.
  session.pairwise_block_size = std::clamp<uint32_t>(settings.blocking.pairwise_block_size, 2,
                                                     std::max<uint32_t>(2, settings.blocking.max_block_size));
  session.generic_window = std::max<uint32_t>(1, settings.blocking.generic_window);
  session.max_entity_size = settings.max_entity_size;
  IDFORGE_ASSIGN_OR_RETURN(std::optional<std::string> survivorship, store.GetMeta(kMetaSurvivorship));
  IDFORGE_ASSIGN_OR_RETURN(session.survivorship,
                           survive::ParseSurvivorshipOptions(survivorship.value_or("{}")));
  IDFORGE_ASSIGN_OR_RETURN(std::optional<std::string> extras, store.GetMeta(kMetaExtras));
  session.extra_names = SplitLines(extras.value_or(""));
  IDFORGE_ASSIGN_OR_RETURN(session.sources, store.LoadSources());
  return Status::Ok();
}

namespace {

// The report's profile section (data quality of the records this run reads into the state).
Status ProfileInto(const RecordTable& raw, const NormalizedTable& norm, const RunOptions& options,
                   ExecContext& ctx) {
  StageTimer timer(ctx.stats(), "profile");
  profile::ProfileOptions profile_options;
  profile_options.report_values = options.report_values;
  IDFORGE_ASSIGN_OR_RETURN(ctx.stats().profile(),
                           profile::ProfileTable(raw, norm, profile_options, ctx));
  timer.Finish(raw.row_count(), "records");
  return Status::Ok();
}

// The first run: the batch pipeline on everything, then the whole result saved.
Status FirstRun(Session& session, const JobSpec& job, const RunOptions& options, Delta& delta,
                RunSummary& summary, ExecContext& ctx) {
  state::Store& store = session.store;
  const RecordTable& raw = delta.raw;
  StageTimer normalize_timer(ctx.stats(), "normalize");
  IDFORGE_ASSIGN_OR_RETURN(NormalizedTable norm, normalize::NormalizeTable(raw, session.normalize, ctx));
  normalize_timer.Finish(raw.row_count(), "records");
  IDFORGE_RETURN_IF_ERROR(ProfileInto(raw, norm, options, ctx));
  JobSpec batch_job = job;
  batch_job.output.pairs = true;  // every scored pair: the accepted ones are the stored edges
  RunOptions batch_options = options;
  batch_options.truth_path.clear();
  IDFORGE_ASSIGN_OR_RETURN(MatchOutcome matched, RunMatching(raw, norm, batch_job, batch_options, ctx));
  // The accepted pairs are the stored edges; the others (most of them: ~100 M at 10 M records)
  // are freed now unless the job asked for pairs.csv.
  std::vector<Edge> accepted;
  {
    const float threshold = static_cast<float>(matched.model.ThresholdWeight());
    for (const match::ScoredPair& pair : matched.pairs) {
      if (pair.weight >= threshold) accepted.push_back({pair.a, pair.b, pair.weight});
    }
    if (!job.output.pairs) std::vector<match::ScoredPair>().swap(matched.pairs);
  }
  IDFORGE_ASSIGN_OR_RETURN(survive::GoldenTable golden,
                           survive::BuildGolden(raw, norm, matched.clustering, matched.golden_ids,
                                                session.survivorship, ctx));
  std::vector<std::string> rule_texts;
  for (const BlockingRuleStats& rule : ctx.stats().match().rules) rule_texts.push_back(rule.rule);
  IDFORGE_RETURN_IF_ERROR(store.SetMeta(kMetaModel, matched.model.ToJson()));
  IDFORGE_RETURN_IF_ERROR(store.SetMeta(kMetaMatching, job.matching_json));
  IDFORGE_RETURN_IF_ERROR(store.SetMeta(kMetaRules, JoinLines(rule_texts)));
  IDFORGE_RETURN_IF_ERROR(store.SetMeta(kMetaExtras, JoinLines(session.extra_names)));
  IDFORGE_RETURN_IF_ERROR(store.SetMeta(kMetaGoldenHeader, GoldenHeader(raw, golden)));
  IDFORGE_RETURN_IF_ERROR(LoadSession(session));  // what later runs will see, checked now

  // Bulk load into the empty state: secondary indexes are built after the inserts, and records,
  // keysets and edges go in primary-key order (see Store::BeginBulkLoad).
  StageTimer save_timer(ctx.stats(), "state: save");
  // Every record is "created": changes.csv lists them from the crosswalk scan (WriteStateOutputs)
  // rather than from ten million events held in memory here.
  session.first_run = true;
  IDFORGE_RETURN_IF_ERROR(store.BeginBulkLoad());
  const uint32_t entities = matched.clustering.entity_count();
  std::vector<int64_t> entity_number(entities);
  std::string line;
  std::string provenance;
  for (uint32_t e = 0; e < entities; ++e) {
    FormatGolden(raw, golden, e, line, provenance);
    IDFORGE_ASSIGN_OR_RETURN(entity_number[e], store.InsertEntity(matched.golden_ids[e], session.run,
                                                                  golden.member_count[e], line, provenance));
  }
  std::vector<state::KindKey> row_keys;  // one record's keyset
  std::vector<int64_t> rid(raw.row_count());
  std::unordered_map<uint64_t, int64_t> term_counts;  // HashCombine(comparison, value hash)
  std::vector<std::pair<size_t, uint64_t>> term_keys;
  std::vector<int64_t> totals(session.comparisons.size(), 0);
  std::string key;
  std::string scratch;
  for (uint32_t row = 0; row < raw.row_count(); ++row) {
    const uint32_t entity = matched.clustering.entity_of[row];
    IDFORGE_ASSIGN_OR_RETURN(rid[row], store.InsertRecord(raw.source(row), raw.source_id(row), delta.hashes[row],
                                                          raw.line(row), delta.encoded[row], entity_number[entity],
                                                          matched.clustering.best_weight[row]));
    const int64_t name = NameOrder(norm, row);
    row_keys.clear();
    for (size_t r = 0; r < session.rules.size(); ++r) {
      if (block::BuildKey(session.rules[r], norm, row, key, scratch)) {
        row_keys.emplace_back(static_cast<int64_t>(r), HashKey(key));
      }
    }
    for (size_t c = 0; c < session.comparisons.size(); ++c) {
      if (!session.comparisons[c].term_frequency) continue;
      const std::string_view value = TermValue(norm, session.comparisons[c].kind, row);
      if (value.empty()) continue;
      const uint64_t hash = HashKey(value);
      row_keys.emplace_back(state::kTermKindBase + static_cast<int64_t>(c), hash);
      if (term_counts[HashCombine(c, hash)]++ == 0) term_keys.emplace_back(c, hash);
      ++totals[c];
    }
    IDFORGE_RETURN_IF_ERROR(store.InsertKeyset(rid[row], name, row_keys));
  }
  std::sort(term_keys.begin(), term_keys.end(), [](const auto& x, const auto& y) {
    return std::pair(x.first, static_cast<int64_t>(x.second)) < std::pair(y.first, static_cast<int64_t>(y.second));
  });
  for (const auto& [c, hash] : term_keys) {
    IDFORGE_RETURN_IF_ERROR(store.AddTermCount(static_cast<int64_t>(c), hash, term_counts[HashCombine(c, hash)]));
  }
  for (size_t c = 0; c < totals.size(); ++c) {
    IDFORGE_RETURN_IF_ERROR(store.SetMeta("term_total_" + std::to_string(c), std::to_string(totals[c])));
  }
  std::vector<state::StoredEdge> edges;
  edges.reserve(accepted.size());
  for (const Edge& pair : accepted) {
    edges.push_back({std::min(rid[pair.a], rid[pair.b]), std::max(rid[pair.a], rid[pair.b]), pair.weight});
  }
  std::sort(edges.begin(), edges.end(), [](const state::StoredEdge& x, const state::StoredEdge& y) {
    return std::pair(x.a, x.b) < std::pair(y.a, y.b);
  });
  for (const state::StoredEdge& edge : edges) IDFORGE_RETURN_IF_ERROR(store.InsertEdge(edge));
  IDFORGE_RETURN_IF_ERROR(store.EndBulkLoad());
  save_timer.Finish(raw.row_count(), "records");
  if (job.output.pairs) {
    const std::string path = JoinPath(summary.out_dir, "pairs.csv");
    Status pairs_written;  // formatted in parallel: inside the run's arena (--threads)
    ctx.task_arena().execute([&] { pairs_written = WritePairs(path, raw, matched); });
    IDFORGE_RETURN_IF_ERROR(pairs_written);
    summary.files_written.push_back(path);
  }
  summary.matches = ctx.stats().match().matches;
  summary.stages_done = {"read", "normalize", "profile", "block", "train+score", "cluster", "survive", "state"};
  return Status::Ok();
}

}  // namespace

Result<RunSummary> RunIncremental(const JobSpec& job_file, const RunOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  ExecContext ctx(options.threads);
  if (options.progress) ctx.set_progress(options.progress);
  if (options.stage_done) {
    ctx.stats().set_timing_listener([callback = options.stage_done](const StageTiming& timing) {
      callback(timing.stage, timing.seconds, timing.items, timing.item_unit);
    });
  }
  RunSummary summary;
  summary.out_dir = options.out_dir.empty() ? job_file.output.dir : options.out_dir;
  // Configuration errors surface before the state is opened.
  if (!job_file.output.profiles.empty() || !options.export_profiles.empty()) {
    return InvalidArgument(
        job_file.job_path + ": output.profiles / --export-as (import files for other tools) are not "
        "written by incremental runs yet: they need every entity's golden record in memory, which "
        "a --state run does not rebuild (TODO(#8)). Remove them from the job and the command line, "
        "or run without --state");
  }
  IDFORGE_ASSIGN_OR_RETURN(survive::SurvivorshipOptions survivorship,
                           survive::ParseSurvivorshipOptions(job_file.survivorship_json));
  // Sources that name an export profile get its mapping (zero-config jobs name one per file).
  IDFORGE_ASSIGN_OR_RETURN(const JobSpec job, profiles::ResolveJobProfiles(job_file));
  IDFORGE_RETURN_IF_ERROR(EnsureDirectory(summary.out_dir));
  IDFORGE_ASSIGN_OR_RETURN(state::Store store, state::Store::Open(options.state_path));
  Session session(std::move(store));
  IDFORGE_RETURN_IF_ERROR(session.store.SetThreads(static_cast<uint32_t>(ctx.threads())));
  IDFORGE_ASSIGN_OR_RETURN(session.normalize.today, ParseToday(options.today));
  IDFORGE_RETURN_IF_ERROR(session.store.Begin());
  IDFORGE_ASSIGN_OR_RETURN(const int64_t runs_before, session.store.RunCount());
  session.run = runs_before + 1;

  // Read, with each delta source's tombstone column carried under a reserved name.
  std::vector<SourceSpec> specs = job.sources;
  for (SourceSpec& spec : specs) {
    if (spec.delta && !spec.tombstone_column.empty()) {
      spec.extras.emplace_back(std::string(kTombstoneExtra), FieldMapping{{spec.tombstone_column}, ""});
    }
  }
  ReadOptions read_options = options.read;
  read_options.on_error = job.on_error;
  StageTimer read_timer(ctx.stats(), "read");
  IDFORGE_ASSIGN_OR_RETURN(RecordTable input, read::ReadInputs(specs, read_options, ctx));
  IDFORGE_RETURN_IF_ERROR(profiles::ApplyValueQuirks(job, input));
  read_timer.Finish(input.row_count(), "records");

  int tombstone = -1;
  std::vector<std::string> job_extras;
  for (size_t e = 0; e < input.extra_names().size(); ++e) {
    if (input.extra_names()[e] == kTombstoneExtra) {
      tombstone = static_cast<int>(e);
    } else {
      job_extras.push_back(input.extra_names()[e]);
    }
  }
  if (runs_before == 0) {
    session.extra_names = job_extras;
    session.survivorship = survivorship;
    IDFORGE_RETURN_IF_ERROR(session.store.SetMeta(kMetaSurvivorship, job.survivorship_json));
  } else {
    IDFORGE_RETURN_IF_ERROR(session.store.SetMeta(kMetaSurvivorship, job.survivorship_json));
    IDFORGE_RETURN_IF_ERROR(LoadSession(session));
    for (const std::string& name : job_extras) {
      if (std::find(session.extra_names.begin(), session.extra_names.end(), name) == session.extra_names.end()) {
        return InvalidArgument(job.job_path + ": carried field \"" + name + "\" is not in the state " +
                               options.state_path + " (its first run fixed the carried fields); "
                               "remove it from the job or start a new state file");
      }
    }
  }
  std::vector<int> extra_map;
  for (const std::string& name : session.extra_names) {
    const auto& names = input.extra_names();
    const auto it = std::find(names.begin(), names.end(), name);
    extra_map.push_back(it == names.end() ? -1 : static_cast<int>(it - names.begin()));
  }
  std::vector<uint16_t> state_source(input.sources().size());
  for (size_t s = 0; s < input.sources().size(); ++s) {
    IDFORGE_ASSIGN_OR_RETURN(state_source[s], session.store.UpsertSource(input.sources()[s]));
  }
  IDFORGE_ASSIGN_OR_RETURN(session.sources, session.store.LoadSources());

  // Classify every input record by its content hash.
  Delta delta(session.extra_names);
  for (const SourceInfo& source : session.sources) delta.raw.AddSource(source);
  std::vector<std::unordered_map<std::string, state::StoredRecordKey>> snapshot(job.sources.size());
  if (runs_before > 0) {
    for (size_t s = 0; s < job.sources.size(); ++s) {
      if (job.sources[s].delta) continue;
      IDFORGE_RETURN_IF_ERROR(session.store.ForEachRecordOfSource(
          state_source[s], [&](std::string_view id, const state::StoredRecordKey& key) {
            snapshot[s].emplace(std::string(id), key);
          }));
    }
  }
  state::RunLogEntry log{.command = "run", .today = options.today};
  std::string encoded;
  auto remove = [&](int64_t rid) {
    delta.removed.push_back(rid);
    delta.deleted.push_back(rid);
    ++log.records_deleted;
  };
  for (uint32_t row = 0; row < input.row_count(); ++row) {
    const uint16_t job_source = input.source(row);
    const SourceSpec& spec = job.sources[job_source];
    std::optional<state::StoredRecordKey> stored;
    if (runs_before > 0) {
      if (spec.delta) {
        IDFORGE_ASSIGN_OR_RETURN(stored, session.store.FindRecord(state_source[job_source], input.source_id(row)));
      } else {
        auto it = snapshot[job_source].find(std::string(input.source_id(row)));
        if (it != snapshot[job_source].end()) {
          stored = it->second;
          snapshot[job_source].erase(it);
        }
      }
    }
    if (tombstone >= 0 && spec.delta && Truthy(input.extra(static_cast<size_t>(tombstone)).Get(row))) {
      if (stored) remove(stored->rid);
      continue;
    }
    state::EncodeRecord(input, row, extra_map, encoded);
    const uint64_t hash = state::ContentHash(encoded);
    if (stored && stored->hash == hash) {
      ++log.records_unchanged;
      continue;
    }
    if (stored) {
      delta.removed.push_back(stored->rid);
      ++log.records_changed;
    } else {
      ++log.records_new;
    }
    IDFORGE_RETURN_IF_ERROR(state::AppendDecodedRecord(encoded, state_source[job_source], input.source_id(row),
                                                       input.line(row), delta.raw));
    delta.encoded.push_back(encoded);
    delta.hashes.push_back(hash);
    delta.prev_rid.push_back(stored ? stored->rid : 0);
  }
  for (size_t s = 0; s < job.sources.size(); ++s) {
    for (const auto& [id, key] : snapshot[s]) remove(key.rid);  // absent from a full snapshot
    if (runs_before == 0 || job.sources[s].deletions_path.empty()) continue;
    IDFORGE_ASSIGN_OR_RETURN(std::vector<std::string> ids,
                             ReadIdList(job.sources[s].deletions_path, job.sources[s].id_column));
    for (const std::string& id : ids) {
      IDFORGE_ASSIGN_OR_RETURN(std::optional<state::StoredRecordKey> stored,
                               session.store.FindRecord(state_source[s], id));
      if (stored && std::find(delta.removed.begin(), delta.removed.end(), stored->rid) == delta.removed.end()) {
        remove(stored->rid);
      }
    }
  }
  std::sort(delta.deleted.begin(), delta.deleted.end());
  // The input is now in `delta` (new and changed records, decoded in the state's source order):
  // keep what the reports need and free the rest before linking (at 10 M records the first run
  // otherwise holds both copies through the batch pipeline).
  const std::vector<SourceInfo> input_sources(input.sources().begin(), input.sources().end());
  const uint64_t input_bytes = input.MemoryBytes();
  const uint32_t input_rows = input.row_count();
  input = RecordTable(std::vector<std::string>{});

  std::vector<ChangeEvent> events;
  if (runs_before == 0) {
    IDFORGE_RETURN_IF_ERROR(FirstRun(session, job, options, delta, summary, ctx));
    log.created = static_cast<int64_t>(ctx.stats().match().entities);
  } else {
    summary.stages_done = {"read", "state: link delta"};
    if (delta.raw.row_count() > 0) {
      // The profile of a later run covers its new and changed records (the rest is unchanged).
      IDFORGE_ASSIGN_OR_RETURN(NormalizedTable norm,
                               normalize::NormalizeTable(delta.raw, session.normalize, ctx));
      IDFORGE_RETURN_IF_ERROR(ProfileInto(delta.raw, norm, options, ctx));
      summary.stages_done = {"read", "profile", "state: link delta"};
    }
    if (delta.raw.row_count() > 0 || !delta.removed.empty()) {
      StageTimer link_timer(ctx.stats(), "link");
      IDFORGE_ASSIGN_OR_RETURN(LinkCounts counts, ApplyDelta(session, delta, events, ctx));
      link_timer.Finish(static_cast<uint64_t>(counts.pairs_scored), "pairs");
      log.created = counts.created;
      log.updated = counts.updated;
      log.merged = counts.merged;
      log.split = counts.split;
      log.deleted = counts.deleted;
    }
  }
  IDFORGE_ASSIGN_OR_RETURN(log.records_total, session.store.Count("records"));
  IDFORGE_ASSIGN_OR_RETURN(log.entities_total, session.store.Count("entities"));
  IDFORGE_RETURN_IF_ERROR(session.store.LogRun(log).status());

  StageTimer outputs_timer(ctx.stats(), "state: outputs");
  IDFORGE_RETURN_IF_ERROR(
      WriteStateOutputs(session, events, job.output, summary.out_dir, summary.files_written));
  outputs_timer.Finish(static_cast<uint64_t>(log.records_total), "records");
  const std::string rejects_path = JoinPath(summary.out_dir, "rejects.csv");
  IDFORGE_RETURN_IF_ERROR(report::WriteRejectsCsv(rejects_path, input_sources, ctx.rejects()));
  summary.files_written.push_back(rejects_path);
  report::ReportContext context{.job_path = job.job_path,
                                .command = options.command,
                                .stages_done = summary.stages_done,
                                .stages_missing = {},
                                .threads = ctx.threads(),
                                .record_store_bytes = input_bytes,
                                .record_count = input_rows};
  const std::string report_path = JoinPath(summary.out_dir, "report.json");
  IDFORGE_RETURN_IF_ERROR(report::WriteReportJson(report_path, context, input_sources, ctx.stats(), ctx.rejects()));
  summary.files_written.push_back(report_path);
  const std::string html_path = JoinPath(summary.out_dir, "report.html");
  IDFORGE_RETURN_IF_ERROR(report::WriteReportHtml(html_path, context, input_sources, ctx.stats(), ctx.rejects()));
  summary.files_written.push_back(html_path);
  // Everything above is inside the transaction: the state only advances once the outputs exist.
  IDFORGE_RETURN_IF_ERROR(session.store.Commit());

  for (const SourceReadStats& source : ctx.stats().sources()) {
    summary.sources.push_back({source.name, source.records_read, source.accepted, source.rejected});
    summary.records_accepted += source.accepted;
    summary.records_rejected += source.rejected;
  }
  summary.entities = static_cast<uint64_t>(log.entities_total);
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  summary.peak_rss_bytes = PeakRssBytes();
  return summary;
}

}  // namespace idforge::pipeline

namespace idforge {

Result<ForgetSummary> ForgetRecords(const ForgetOptions& options) {
  using namespace pipeline;  // NOLINT(google-build-using-namespace): one function
  ExecContext ctx(options.threads);
  IDFORGE_ASSIGN_OR_RETURN(state::Store store, state::Store::Open(options.state_path));
  Session session(std::move(store));
  IDFORGE_RETURN_IF_ERROR(session.store.Begin());
  IDFORGE_ASSIGN_OR_RETURN(const int64_t runs_before, session.store.RunCount());
  if (runs_before == 0) {
    return InvalidArgument(options.state_path + ": the state has no runs yet; nothing to forget");
  }
  session.run = runs_before + 1;
  IDFORGE_RETURN_IF_ERROR(LoadSession(session));
  IDFORGE_ASSIGN_OR_RETURN(session.normalize.today, ParseToday(options.today));
  ForgetSummary summary;
  Delta delta(session.extra_names);
  for (const SourceInfo& source : session.sources) delta.raw.AddSource(source);
  for (const RecordRef& ref : options.records) {
    std::optional<uint16_t> source;
    for (size_t s = 0; s < session.sources.size(); ++s) {
      if (session.sources[s].name == ref.source) source = static_cast<uint16_t>(s);
    }
    std::optional<state::StoredRecordKey> stored;
    if (source) {
      IDFORGE_ASSIGN_OR_RETURN(stored, session.store.FindRecord(*source, ref.id));
    }
    if (!stored || std::find(delta.removed.begin(), delta.removed.end(), stored->rid) != delta.removed.end()) {
      ++summary.records_not_found;
      continue;
    }
    delta.removed.push_back(stored->rid);
    delta.deleted.push_back(stored->rid);
  }
  std::sort(delta.deleted.begin(), delta.deleted.end());
  summary.records_erased = delta.removed.size();
  std::vector<ChangeEvent> events;
  state::RunLogEntry log{.command = "forget", .today = options.today};
  log.records_deleted = static_cast<int64_t>(delta.removed.size());
  if (!delta.removed.empty()) {
    IDFORGE_ASSIGN_OR_RETURN(LinkCounts counts, ApplyDelta(session, delta, events, ctx));
    summary.entities_recomputed = static_cast<uint64_t>(counts.entities_touched);
    log.created = counts.created;
    log.updated = counts.updated;
    log.merged = counts.merged;
    log.split = counts.split;
    log.deleted = counts.deleted;
  }
  IDFORGE_ASSIGN_OR_RETURN(log.records_total, session.store.Count("records"));
  IDFORGE_ASSIGN_OR_RETURN(log.entities_total, session.store.Count("entities"));
  IDFORGE_ASSIGN_OR_RETURN(const int64_t run, session.store.LogRun(log));
  IDFORGE_RETURN_IF_ERROR(session.store.LogErasure(run, options.today,
                                                   static_cast<int64_t>(summary.records_erased),
                                                   static_cast<int64_t>(summary.entities_recomputed)));
  if (!options.out_dir.empty()) {
    // A forget has no job: the golden records are written as golden.csv (the default format).
    IDFORGE_RETURN_IF_ERROR(
        WriteStateOutputs(session, events, OutputSpec{}, options.out_dir, summary.files_written));
  }
  IDFORGE_RETURN_IF_ERROR(session.store.Commit());
  return summary;
}

}  // namespace idforge
