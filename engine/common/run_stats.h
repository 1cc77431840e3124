// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// RunStats: the counters and timers each stage records; the audit report is built from them.
// Not thread-safe: stages write to it from their serial (finalize) steps only.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <functional>
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
  uint64_t known_links = 0;  // links the tools recorded (engine/profiles/links.h), joined as certain
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

// The data-quality profile (report.json "profile"): filled by engine/profile for `profile` and
// `run`. Example values are masked unless values_unmasked (--report-values).
struct ValueCount {
  std::string value;  // a normalized value (masked) or a raw format pattern
  uint64_t count = 0;
};
struct FieldProfile {
  Field field = Field::kFirstName;
  uint64_t values = 0;    // non-empty normalized values
  uint64_t distinct = 0;  // distinct normalized values (exact: XXH3-64 of each value)
  std::vector<ValueCount> top_values;  // most frequent normalized values, count desc
  uint64_t patterns = 0;               // distinct format patterns of the raw values
  std::vector<ValueCount> top_patterns;
};
// Records sharing one key value (email, phone) or one whole record signature.
struct DuplicateStats {
  uint64_t records = 0;            // records with a key (or with any value, for records)
  uint64_t distinct = 0;           // distinct keys among them
  uint64_t duplicate_records = 0;  // records - distinct: copies of a record seen before
  uint64_t groups = 0;             // keys held by two or more records
  uint64_t largest_group = 0;
};
struct SourceProfile {
  uint64_t records = 0;
  std::vector<FieldProfile> fields;  // mapped fields with a raw value, in Field order
  DuplicateStats exact_records;      // same normalized values on every field
  DuplicateStats email;              // same normalized email
  DuplicateStats phone;              // same normalized phone
};
// Two sources compared on exact values.
struct SourcePairProfile {
  size_t a = 0, b = 0;               // source indexes, a < b
  std::vector<Field> common_fields;  // fields both sources have values for
  uint64_t a_records_in_b = 0;       // records of a with an exact copy in b (on common_fields)
  uint64_t b_records_in_a = 0;
  uint64_t shared_emails = 0;  // distinct normalized emails present in both
  uint64_t shared_phones = 0;
};
struct ProfileStats {
  bool ran = false;
  bool values_unmasked = false;
  std::vector<SourceProfile> sources;  // indexed like RecordTable::sources()
  std::vector<SourcePairProfile> pairs;
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
  ProfileStats& profile() { return profile_; }
  const ProfileStats& profile() const { return profile_; }

  void AddTiming(StageTiming timing);
  // Called with each timing as it is added (the CLI prints one line per finished stage).
  void set_timing_listener(std::function<void(const StageTiming&)> listener) {
    timing_listener_ = std::move(listener);
  }
  const std::vector<StageTiming>& timings() const { return timings_; }

 private:
  std::map<std::string, int64_t, std::less<>> counters_;  // ordered: reports are deterministic
  std::vector<SourceReadStats> sources_;
  std::vector<StageTiming> timings_;
  std::vector<SourceQuality> quality_;
  MatchStats match_;
  EvaluationStats evaluation_;
  ProfileStats profile_;
  std::function<void(const StageTiming&)> timing_listener_;
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
