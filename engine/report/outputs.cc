// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
#include "engine/report/outputs.h"

#include "engine/common/atomic_file.h"
#include "engine/common/csv_writer.h"
#include "engine/common/json_writer.h"
#include "engine/report/profile_json.h"

namespace idforge::report {

Status WriteRejectsCsv(const std::string& path, std::span<const SourceInfo> sources,
                       const RejectLog& rejects) {
  IDFORGE_ASSIGN_OR_RETURN(AtomicFile file, AtomicFile::Open(path));
  std::string buffer = "source,line,byte_offset,reason,raw\n";
  for (const Reject& reject : rejects.entries()) {
    AppendCsvField(buffer, reject.source < sources.size() ? sources[reject.source].name : "");
    buffer += ',';
    buffer += std::to_string(reject.line);
    buffer += ',';
    buffer += std::to_string(reject.byte_offset);
    buffer += ',';
    std::string reason(RejectReasonName(reject.reason));
    if (!reject.detail.empty()) reason += ": " + reject.detail;
    AppendCsvField(buffer, reason);
    buffer += ',';
    AppendCsvField(buffer, reject.raw);
    buffer += '\n';
    if (buffer.size() > (1 << 20)) {
      file.Write(buffer);
      buffer.clear();
    }
  }
  file.Write(buffer);
  return file.Commit();
}

Status WriteReportJson(const std::string& path, const ReportContext& context,
                       std::span<const SourceInfo> sources, const RunStats& stats,
                       const RejectLog& rejects) {
  JsonWriter json;
  json.BeginObject();
  json.Field("report_version", uint64_t{1});
  json.Field("command", context.command);
  json.Field("job", context.job_path);

  json.Key("stages");
  json.BeginObject();
  json.Key("done");
  json.BeginArray();
  for (const std::string& stage : context.stages_done) json.String(stage);
  json.EndArray();
  json.Key("missing");
  json.BeginArray();
  for (const std::string& stage : context.stages_missing) json.String(stage);
  json.EndArray();
  json.EndObject();

  uint64_t total_read = 0;
  uint64_t total_accepted = 0;
  uint64_t total_rejected = 0;
  json.Key("inputs");
  json.BeginArray();
  for (size_t source_idx = 0; source_idx < stats.sources().size(); ++source_idx) {
    const SourceReadStats& source = stats.sources()[source_idx];
    total_read += source.records_read;
    total_accepted += source.accepted;
    total_rejected += source.rejected;
    json.BeginObject();
    json.Field("source", source.name);
    json.Field("path", source.path);
    json.Field("format", source.format);
    json.Field("compression", source.compression);
    json.Field("encoding", source.encoding);
    if (source.format == "csv") {
      json.Field("delimiter", source.delimiter);
      json.Field("delimiter_detected", source.delimiter_detected);
    }
    json.Field("file_bytes", source.file_bytes);
    json.Field("decoded_bytes", source.decoded_bytes);
    json.Field("records_read", source.records_read);
    json.Field("accepted", source.accepted);
    json.Field("rejected", source.rejected);
    json.Field("blank_lines", source.blank_lines);
    json.Key("rejects_by_reason");
    json.BeginObject();
    for (size_t reason = 0; reason < kRejectReasonCount; ++reason) {
      const uint64_t count =
          rejects.Count(static_cast<uint16_t>(source_idx), static_cast<RejectReason>(reason));
      if (count > 0) json.Field(RejectReasonName(static_cast<RejectReason>(reason)), count);
    }
    json.EndObject();
    json.Key("unmapped_columns");
    json.BeginArray();
    for (const std::string& column : source.unmapped_columns) json.String(column);
    json.EndArray();
    json.EndObject();
  }
  json.EndArray();

  if (!stats.quality().empty()) {
    // Per source and canonical field: how much is there, how much of it is usable.
    json.Key("quality");
    json.BeginArray();
    for (size_t source_idx = 0; source_idx < stats.quality().size(); ++source_idx) {
      json.BeginObject();
      json.Field("source", source_idx < sources.size() ? sources[source_idx].name : "");
      json.Key("fields");
      json.BeginObject();
      for (Field field : AllFields()) {
        const FieldQuality& quality = stats.quality()[source_idx][static_cast<size_t>(field)];
        if (quality.filled == 0) continue;
        json.Key(FieldName(field));
        json.BeginObject();
        json.Field("filled", quality.filled);
        json.Field("valid", quality.valid);
        json.Field("invalid", quality.invalid);
        json.Field("junk", quality.junk);
        json.EndObject();
      }
      json.EndObject();
      json.EndObject();
    }
    json.EndArray();
  }

  if (stats.profile().ran) WriteProfileJson(json, sources, stats);

  if (stats.match().ran) {
    const MatchStats& match = stats.match();
    json.Key("matching");
    json.BeginObject();
    json.Field("model_trained", match.model_trained);
    json.Key("prior");
    json.Double(match.prior, 8);
    json.Key("threshold");
    json.Double(match.threshold, 6);
    json.Field("pairs_scored", match.pairs_scored);
    json.Field("matches", match.matches);
    json.Field("known_links", match.known_links);  // issue #9: links the tools recorded
    json.Key("blocking");
    json.BeginArray();
    for (const BlockingRuleStats& rule : match.rules) {
      json.BeginObject();
      json.Field("rule", rule.rule);
      json.Field("records_with_key", rule.records_with_key);
      json.Field("blocks", rule.blocks);
      json.Field("candidate_pairs", rule.candidate_pairs);
      json.Field("pairs_scored", rule.pairs_scored);
      json.Field("generic_blocks", rule.generic_blocks);
      json.EndObject();
    }
    json.EndArray();
    json.Key("generic_values");
    json.BeginArray();
    for (const GenericValueStats& value : match.generic_values) {
      json.BeginObject();
      json.Field("rule", value.rule);
      json.Field("value", value.masked_value);
      json.Field("records", value.size);
      json.EndObject();
    }
    json.EndArray();
    json.Key("model");
    json.BeginArray();
    for (const ModelLevelStats& level : match.model) {
      json.BeginObject();
      json.Field("comparison", level.comparison);
      json.Field("level", level.level);
      json.Key("m");
      json.Double(level.m, 6);
      json.Key("u");
      json.Double(level.u, 6);
      json.Key("bayes_factor");
      json.Double(level.m / level.u, 6);
      json.EndObject();
    }
    json.EndArray();
    json.Field("weight_histogram_min", static_cast<int64_t>(match.histogram_min));
    json.Key("weight_histogram");
    json.BeginArray();
    for (uint64_t count : match.weight_histogram) json.Uint(count);
    json.EndArray();
    json.Field("entities", match.entities);
    json.Key("entity_sizes");
    json.BeginObject();
    for (const auto& [size, count] : match.entity_sizes) json.Field(std::to_string(size), count);
    json.EndObject();
    json.Key("guards");
    json.BeginArray();
    for (const GuardStats& guard : match.guards) {
      json.BeginObject();
      json.Field("rule", guard.rule);
      json.Field("first_record", guard.record);
      json.Field("records", guard.size);
      json.Field("entities_after", guard.parts);
      json.EndObject();
    }
    json.EndArray();
    json.Key("sources");
    json.BeginArray();
    for (size_t a = 0; a < match.source_overlap.size(); ++a) {
      json.BeginObject();
      json.Field("source", a < sources.size() ? sources[a].name : "");
      json.Field("entities", match.source_overlap[a][a]);
      json.Field("duplicate_records", match.duplicate_records[a]);
      json.Key("entities_shared_with");
      json.BeginObject();
      for (size_t b = 0; b < match.source_overlap.size(); ++b) {
        if (b != a && b < sources.size()) json.Field(sources[b].name, match.source_overlap[a][b]);
      }
      json.EndObject();
      json.EndObject();
    }
    json.EndArray();
    json.EndObject();
  }

  if (stats.evaluation().ran) {
    const EvaluationStats& e = stats.evaluation();
    json.Key("evaluation");
    json.BeginObject();
    json.Field("truth", e.truth_path);
    json.Field("records_evaluated", e.records_evaluated);
    json.Field("records_only_in_truth", e.records_only_in_truth);
    json.Field("records_only_in_crosswalk", e.records_only_in_crosswalk);
    json.Key("pairwise");
    json.BeginObject();
    json.Field("true_pairs", e.true_pairs);
    json.Field("true_positives", e.true_positives);
    json.Field("false_positives", e.false_positives);
    json.Field("false_negatives", e.false_negatives);
    json.Field("precision", e.precision);
    json.Field("recall", e.recall);
    json.Field("f1", e.f1);
    json.EndObject();
    json.Key("bcubed");
    json.BeginObject();
    json.Field("precision", e.bcubed_precision);
    json.Field("recall", e.bcubed_recall);
    json.Field("f1", e.bcubed_f1);
    json.EndObject();
    json.Key("blocking");
    json.BeginObject();
    json.Field("true_pairs_proposed", e.blocking_true_pairs_proposed);
    json.Field("recall", e.blocking_recall);
    json.EndObject();
    for (const auto* list : {&e.false_merges, &e.missed_matches}) {
      json.Key(list == &e.false_merges ? "false_merge_samples" : "missed_match_samples");
      json.BeginArray();
      for (const auto& [a, b] : *list) {
        json.BeginArray();
        json.String(a);
        json.String(b);
        json.EndArray();
      }
      json.EndArray();
    }
    json.EndObject();
  }

  json.Key("totals");
  json.BeginObject();
  json.Field("records_read", total_read);
  json.Field("accepted", total_accepted);
  json.Field("rejected", total_rejected);
  json.EndObject();

  if (!stats.counters().empty()) {
    json.Key("counters");
    json.BeginObject();
    for (const auto& [name, value] : stats.counters()) json.Field(name, value);
    json.EndObject();
  }

  // Everything below varies from run to run by nature (time, memory, machine).
  json.Key("run");
  json.BeginObject();
  json.Field("threads", static_cast<int64_t>(context.threads));
  json.Field("record_count", context.record_count);
  json.Field("record_store_bytes", context.record_store_bytes);
  json.Key("stages");
  json.BeginArray();
  for (const StageTiming& timing : stats.timings()) {
    json.BeginObject();
    json.Field("stage", timing.stage);
    json.Field("seconds", timing.seconds);
    json.Field("items", timing.items);
    json.Field("unit", timing.item_unit);
    json.Field("items_per_second", timing.seconds > 0 ? static_cast<double>(timing.items) / timing.seconds : 0.0);
    json.Field("peak_rss_bytes", timing.peak_rss_bytes);
    json.EndObject();
  }
  json.EndArray();
  json.Field("peak_rss_bytes", PeakRssBytes());
  json.EndObject();
  json.EndObject();

  IDFORGE_ASSIGN_OR_RETURN(AtomicFile file, AtomicFile::Open(path));
  file.Write(json.str());
  return file.Commit();
}

}  // namespace idforge::report
