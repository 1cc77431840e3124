// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Blocking recall: the share of true pairs that blocking proposed as candidates. Blocking is the
// one stage whose misses nothing later can recover, so a run with --truth reports it on its own.
#pragma once

#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "engine/common/check.h"
#include "engine/eval/labels.h"
#include "idforge/record_table.h"

namespace idforge::eval {

// The truth entity of every record of one run, looked up once by (source name, source_id) so the
// matching stages can ask SameEntity() by RecordId in O(1).
// Ownership: owns its data; does not keep references to the tables it was built from.
// Thread-safety: immutable after construction; safe to read from any number of threads.
class TruthIndex {
 public:
  static constexpr uint32_t kNoEntity = UINT32_MAX;
  struct Entry {
    uint32_t entity = kNoEntity;     // TruthTable::label() of the record's truth row
    uint32_t truth_row = kNoEntity;  // the record's row in the truth file
  };

  // O(rows) expected time: one hash lookup per record of `table`.
  TruthIndex(const TruthTable& truth, const RecordTable& table);

  // The dense truth entity of a record (TruthTable::label()), or kNoEntity when the truth file
  // does not list it.
  uint32_t entity(RecordId id) const { return entries_[Row(id)].entity; }
  // The record's row in the truth file, or kNoEntity when it is not listed.
  uint32_t truth_row(RecordId id) const { return entries_[Row(id)].truth_row; }
  // Both at once (one memory access).
  Entry entry(RecordId id) const { return entries_[Row(id)]; }
  // True when both records are listed in the truth file with the same entity.
  bool SameEntity(RecordId a, RecordId b) const {
    const uint32_t entity_a = entity(a);
    return entity_a != kNoEntity && entity_a == entity(b);
  }

  // All true pairs of the truth file: the sum over entities of C(size, 2). The denominator of
  // blocking recall; it includes pairs with a record the run did not read, which no blocking can
  // propose (as Evaluate() counts them as missed).
  uint64_t true_pairs() const { return true_pairs_; }
  uint32_t row_count() const { return static_cast<uint32_t>(entries_.size()); }
  uint32_t records_not_in_truth() const { return records_not_in_truth_; }

 private:
  // Per record: its truth entity and its truth file row (kNoEntity when absent). Pairs are
  // counted by truth row, so two run records with the same key (a source repeating an id) never
  // make a pair the truth lacks, and recall stays <= 1.
  std::vector<Entry> entries_;
  uint64_t true_pairs_ = 0;
  uint32_t records_not_in_truth_ = 0;
};

struct BlockingRecall {
  uint64_t true_pairs = 0;           // TruthIndex::true_pairs()
  uint64_t proposed_true_pairs = 0;  // distinct true pairs among the candidates
  double recall = 1.0;               // proposed_true_pairs / true_pairs; 1 when there are none
};

// Collects candidate pairs as blocking proposes them (pair by pair, or block by block), in any
// order and with repeats, and counts each distinct true pair once.
//
// Memory: 8 bytes per proposed true pair (repeats are compacted as they pile up); false pairs
// cost nothing. Thread-compatible: give each thread its own counter and Merge() them in the
// single-threaded finalize; the result does not depend on the order of Add or Merge calls.
// Keeps a reference to `truth`, which must outlive the counter.
class BlockingRecallCounter {
 public:
  explicit BlockingRecallCounter(const TruthIndex& truth IDFORGE_LIFETIME_BOUND);

  // (a, b) and (b, a) are the same pair; a == b is ignored. REQUIRES: ids < truth.row_count().
  // Row overloads take RecordTable rows as engine/block and Edge carry them.
  void AddPair(RecordId a, RecordId b) { AddPair(Row(a), Row(b)); }
  void AddPair(uint32_t row_a, uint32_t row_b);
  // Every pair of members of one block: use it for blocks compared pairwise (for a windowed
  // generic block, AddPair() the pairs it compares). O(k log k) for k members, plus the true
  // pairs in the block; never visits its k² pairs.
  void AddBlock(std::span<const RecordId> members);
  void AddBlock(std::span<const uint32_t> rows);
  void Merge(const BlockingRecallCounter& other);

  BlockingRecall Finish();

 private:
  void Compact();
  template <typename Member>
  void AddMembers(std::span<const Member> members);

  const TruthIndex& truth_;
  std::vector<uint64_t> true_pairs_;  // (low << 32) | high truth rows, with repeats
  size_t compact_at_ = size_t{1} << 20;
  std::vector<std::pair<uint32_t, uint32_t>> scratch_;  // AddBlock: (entity, truth row)
};

// Blocking recall of an explicit list of candidate pairs.
BlockingRecall MeasureBlockingRecall(const TruthIndex& truth,
                                     std::span<const std::pair<RecordId, RecordId>> candidates);

}  // namespace idforge::eval
