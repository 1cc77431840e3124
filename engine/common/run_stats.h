// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// RunStats: the counters and timers each stage records; the audit report is built from them.
// Not thread-safe: stages write to it from their serial (finalize) steps only.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "idforge/record_table.h"

namespace idforge {

// Counts of one canonical field in one source (the normalize stage fills them; report.json
// "quality" shows them).
struct FieldQuality {
  uint64_t filled = 0;   // raw value present
  uint64_t valid = 0;    // normalized value kept (and valid, for fields that have a validity test)
  uint64_t invalid = 0;  // present but failing its validity test (email syntax, date, phone)
  uint64_t junk = 0;     // placeholder values blanked (test@test.com, n/a, 1900-01-01, ...)

  FieldQuality& operator+=(const FieldQuality& other) {
    filled += other.filled;
    valid += other.valid;
    invalid += other.invalid;
    junk += other.junk;
    return *this;
  }
};
using SourceQuality = std::array<FieldQuality, kFieldCount>;

// What reading one source found (report.json "inputs").
struct SourceReadStats {
  std::string name;
  std::string path;
  std::string format;       // csv | jsonl | json
  std::string compression;  // none | gzip | zstd
  std::string encoding;     // utf-8 | latin1
  std::string delimiter;    // CSV: the delimiter used, and whether it was detected
  bool delimiter_detected = false;
  uint64_t file_bytes = 0;     // on disk
  uint64_t decoded_bytes = 0;  // after decompression and transcoding
  uint64_t records_read = 0;   // accepted + rejected
  uint64_t accepted = 0;
  uint64_t rejected = 0;
  uint64_t blank_lines = 0;                  // skipped, not records
  std::vector<std::string> unmapped_columns;  // present in the input, used by no mapping
};

struct StageTiming {
  std::string stage;
  double seconds = 0;
  uint64_t items = 0;        // records or pairs the stage processed
  std::string item_unit;     // "records", "pairs"
  uint64_t peak_rss_bytes = 0;  // process peak RSS when the stage ended
};

// What matching did (report.json "matching"); filled by the pipeline from the block, match and
// cluster stages.
struct BlockingRuleStats {
  std::string rule;
  uint64_t records_with_key = 0;
  uint64_t blocks = 0;
  uint64_t candidate_pairs = 0;  // proposed by the rule, before removing earlier rules' pairs
  uint64_t pairs_scored = 0;     // first proposed by this rule: scored under it
  uint64_t generic_blocks = 0;
};
struct GenericValueStats {
  std::string rule;
  std::string masked_value;
  uint64_t size = 0;
};
struct ModelLevelStats {
  std::string comparison;
  std::string level;
  double m = 0;
  double u = 0;
};
// An over-merge guard that re-clustered a component.
struct GuardStats {
  std::string rule;    // cannot_link | max_entity_size
  std::string record;  // the component's first record, "source:id"
  uint64_t size = 0;
  uint64_t parts = 0;
};

struct MatchStats {
  bool ran = false;
  bool model_trained = false;  // false: loaded with --model
  std::vector<BlockingRuleStats> rules;
  std::vector<GenericValueStats> generic_values;
  std::vector<ModelLevelStats> model;
  double prior = 0;      // probability that two random records match
  double threshold = 0;  // match probability threshold
  uint64_t pairs_scored = 0;
  uint64_t matches = 0;  // accepted pairs
  int histogram_min = 0;
  std::vector<uint64_t> weight_histogram;  // 1-bit bins from histogram_min; [0] below it
  uint64_t entities = 0;
  std::map<uint64_t, uint64_t> entity_sizes;  // size -> number of entities
  // source_overlap[i][j]: entities with records in both source i and source j; [i][i]: entities
  // with a record in source i (the 360-degree view: how many CRM customers are also shoppers).
  std::vector<std::vector<uint64_t>> source_overlap;
  // Per source: records that are duplicates of another record of the same source
  // (records minus the entities they belong to).
  std::vector<uint64_t> duplicate_records;
  std::vector<GuardStats> guards;
};

// Accuracy against a truth file (report.json "evaluation"), when the run had --truth.
struct EvaluationStats {
  bool ran = false;
  std::string truth_path;
  uint64_t records_evaluated = 0;
  uint64_t records_only_in_truth = 0;
  uint64_t records_only_in_crosswalk = 0;
  uint64_t true_pairs = 0;
  uint64_t true_positives = 0;
  uint64_t false_positives = 0;
  uint64_t false_negatives = 0;
  double precision = 0, recall = 0, f1 = 0;
  double bcubed_precision = 0, bcubed_recall = 0, bcubed_f1 = 0;
  uint64_t blocking_true_pairs_proposed = 0;
  double blocking_recall = 0;
  // Examples for inspection: "source:id (entity E, golden G)" pairs; masked ids only.
  std::vector<std::pair<std::string, std::string>> false_merges;
  std::vector<std::pair<std::string, std::string>> missed_matches;
};

class RunStats {
 public:
  void Add(std::string_view counter, int64_t delta) { counters_[std::string(counter)] += delta; }
  int64_t Get(std::string_view counter) const;
  const std::map<std::string, int64_t, std::less<>>& counters() const { return counters_; }

  std::vector<SourceReadStats>& sources() { return sources_; }
  const std::vector<SourceReadStats>& sources() const { return sources_; }

  // quality()[source][field], indexed like RecordTable::sources(); empty until normalize ran.
  std::vector<SourceQuality>& quality() { return quality_; }
  const std::vector<SourceQuality>& quality() const { return quality_; }

  EvaluationStats& evaluation() { return evaluation_; }
  const EvaluationStats& evaluation() const { return evaluation_; }
  MatchStats& match() { return match_; }
  const MatchStats& match() const { return match_; }

  void AddTiming(StageTiming timing) { timings_.push_back(std::move(timing)); }
  const std::vector<StageTiming>& timings() const { return timings_; }

 private:
  std::map<std::string, int64_t, std::less<>> counters_;  // ordered: reports are deterministic
  std::vector<SourceReadStats> sources_;
  std::vector<StageTiming> timings_;
  std::vector<SourceQuality> quality_;
  MatchStats match_;
  EvaluationStats evaluation_;
};

// Peak resident set size of this process so far (VmHWM), 0 when unknown.
uint64_t PeakRssBytes();
// Current resident set size (VmRSS), 0 when unknown.
uint64_t CurrentRssBytes();

// Times a stage from construction to Finish() and records it with the peak RSS.
class StageTimer {
 public:
  StageTimer(RunStats& stats, std::string stage)
      : stats_(stats), stage_(std::move(stage)), start_(std::chrono::steady_clock::now()) {}
  void Finish(uint64_t items, std::string item_unit);

 private:
  RunStats& stats_;
  std::string stage_;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace idforge
