// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// The two partitions evaluation compares: a truth file (`source,source_id,entity_id`, SPEC.md
// "Truth files") and a crosswalk (`source,source_id,golden_id,...`, the run's output). Both are
// records named by (source, source_id), each carrying one cluster label.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/eval/interner.h"
#include "idforge/status.h"

namespace idforge::eval {

// Records keyed by (source, source_id), each with a label (a truth entity id or a golden id).
// Labels are interned: label(row) is a dense id in [0, label_count()), in first-seen order.
// Rows are numbered 0, 1, ... in insertion (file) order.
//
// Memory: linear; about 30 bytes per record plus its key and label bytes (10 M records with
// short ids fit in well under 1 GB).
// Ownership: owns every byte it exposes; views stay valid until the next Add().
// Thread-safety: const methods are safe from any number of threads; Add() is not.
class RecordLabels {
 public:
  // Adds a record. InvalidArgument when (source, source_id) is already present; the table is
  // then unchanged.
  Status Add(std::string_view source, std::string_view source_id, std::string_view label);

  struct Record {
    std::string_view source;
    std::string_view source_id;
    std::string_view label;
  };
  // Add() of each record in turn, stopping at the first error; *added tells how many were.
  // Performance: the hash-table slots of a group of records are prefetched before any is added,
  // so their cache misses overlap (~2x faster than Add() per record on a million records;
  // eval_benchmark: BM_LoadTruth_Synthetic). LoadTruth() and LoadCrosswalk() use it.
  Status AddMany(std::span<const Record> records, size_t* added);

  // Room for `records` records whose source_ids have `id_bytes` bytes in all (a hint).
  void Reserve(size_t records, size_t id_bytes);

  uint32_t size() const { return keys_.size(); }
  std::string_view source(uint32_t row) const;
  std::string_view source_id(uint32_t row) const { return keys_.Get(row).substr(sizeof(uint32_t)); }
  uint32_t label(uint32_t row) const { return labels_of_rows_[row]; }

  uint32_t label_count() const { return labels_.size(); }
  std::string_view label_name(uint32_t label) const { return labels_.Get(label); }

  // The row of (source, source_id), or nullopt. O(1) expected.
  std::optional<uint32_t> Find(std::string_view source, std::string_view source_id) const;

  // Find() for many records: rows[i] = the row of (sources[i], source_ids[i]), or kNotFound.
  // REQUIRES: the three spans have the same size.
  // Performance: ~5x faster than as many Find() calls on a table too large for the cache
  // (Interner::FindMany()); joins of a million records call this.
  static constexpr uint32_t kNotFound = Interner::kNotFound;
  void FindMany(std::span<const std::string_view> sources,
                std::span<const std::string_view> source_ids, std::span<uint32_t> rows) const;

 private:
  // A record key is its source's id (4 bytes) followed by the source_id bytes, so one interner
  // both stores the keys and finds them; a key's interned id is its row.
  static void AppendKey(std::string& key, uint32_t source, std::string_view source_id);
  // The interned id of `source`, checking the previous record's first (files list a source's
  // records together).
  uint32_t SourceIndex(std::string_view source);
  // Adds a record whose key (AppendKey()) and hashes are computed.
  Status AddKeyed(std::string_view key, uint32_t key_hash, std::string_view label,
                  uint32_t label_hash);

  Interner sources_;
  Interner keys_;
  Interner labels_;
  std::vector<uint32_t> labels_of_rows_;
  uint32_t last_source_ = UINT32_MAX;  // the last source looked up, if any
  std::string scratch_key_;
};

// Ground truth: entity_id per record. Distinct from Crosswalk so that Evaluate(truth, crosswalk)
// cannot be called with its arguments swapped (which would swap precision and recall).
class TruthTable : public RecordLabels {};

// A predicted clustering: golden_id per record.
class Crosswalk : public RecordLabels {};

// Reads a truth file: a CSV with a header naming at least `source`, `source_id` and `entity_id`
// (any order, any case, other columns ignored). Errors name the file and line: NotFound for a
// missing file; InvalidArgument for a missing column, a row with the wrong number of fields, an
// empty source_id or entity_id, a duplicate (source, source_id), or malformed quoting.
// O(file size) time; memory linear in the number of records.
Result<TruthTable> LoadTruth(const std::string& path);

// Reads a crosswalk (`source`, `source_id`, `golden_id`; `match_probability` and other columns
// are ignored), with the same checks as LoadTruth().
Result<Crosswalk> LoadCrosswalk(const std::string& path);

}  // namespace idforge::eval
