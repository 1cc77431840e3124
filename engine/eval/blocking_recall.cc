// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
#include "engine/eval/blocking_recall.h"

#include <algorithm>
#include <string_view>

namespace idforge::eval {

TruthIndex::TruthIndex(const TruthTable& truth, const RecordTable& table) {
  entries_.resize(table.row_count());
  const std::span<const SourceInfo> sources = table.sources();
  // Performance: looked up a batch at a time (RecordLabels::FindMany()), which overlaps the
  // cache misses of a truth table of millions of records.
  constexpr uint32_t kBatch = 4096;
  std::vector<std::string_view> source_names;
  std::vector<std::string_view> source_ids;
  std::vector<uint32_t> truth_rows;
  for (uint32_t begin = 0; begin < table.row_count(); begin += kBatch) {
    const uint32_t end = std::min(table.row_count(), begin + kBatch);
    source_names.clear();
    source_ids.clear();
    for (uint32_t row = begin; row < end; ++row) {
      source_names.push_back(sources[table.source(row)].name);
      source_ids.push_back(table.source_id(row));
    }
    truth_rows.resize(source_names.size());
    truth.FindMany(source_names, source_ids, truth_rows);
    for (uint32_t row = begin; row < end; ++row) {
      const uint32_t truth_row = truth_rows[row - begin];
      if (truth_row != RecordLabels::kNotFound) {
        entries_[row] = {truth.label(truth_row), truth_row};
      } else {
        ++records_not_in_truth_;
      }
    }
  }
  std::vector<uint64_t> entity_size(truth.label_count(), 0);
  for (uint32_t row = 0; row < truth.size(); ++row) ++entity_size[truth.label(row)];
  for (const uint64_t size : entity_size) true_pairs_ += size < 2 ? 0 : size * (size - 1) / 2;
}

BlockingRecallCounter::BlockingRecallCounter(const TruthIndex& truth) : truth_(truth) {}

void BlockingRecallCounter::AddPair(uint32_t row_a, uint32_t row_b) {
  const RecordId a{row_a};
  const RecordId b{row_b};
  if (!truth_.SameEntity(a, b)) return;
  const uint32_t truth_a = truth_.truth_row(a);
  const uint32_t truth_b = truth_.truth_row(b);
  if (truth_a == truth_b) return;
  const uint64_t low = std::min(truth_a, truth_b);
  const uint64_t high = std::max(truth_a, truth_b);
  true_pairs_.push_back((low << 32) | high);
  if (true_pairs_.size() >= compact_at_) Compact();
}

template <typename Member>
void BlockingRecallCounter::AddMembers(std::span<const Member> members) {
  // Sorting by entity puts each entity's members side by side, so only true pairs are visited,
  // never the k² pairs of the block.
  scratch_.clear();
  for (const Member member : members) {
    const TruthIndex::Entry entry = truth_.entry(RecordId{static_cast<uint32_t>(member)});
    if (entry.entity != TruthIndex::kNoEntity) scratch_.emplace_back(entry.entity, entry.truth_row);
  }
  if (scratch_.size() < 2) return;
  // Performance: most blocks hold a handful of records with a truth entity; insertion sort beats
  // std::sort's dispatch below ~16 elements.
  if (scratch_.size() <= 16) {
    for (size_t idx = 1; idx < scratch_.size(); ++idx) {
      const std::pair<uint32_t, uint32_t> moving = scratch_[idx];
      size_t to = idx;
      for (; to > 0 && moving < scratch_[to - 1]; --to) scratch_[to] = scratch_[to - 1];
      scratch_[to] = moving;
    }
  } else {
    std::sort(scratch_.begin(), scratch_.end());
  }
  for (size_t begin = 0; begin < scratch_.size();) {
    size_t end = begin + 1;
    while (end < scratch_.size() && scratch_[end].first == scratch_[begin].first) ++end;
    for (size_t x = begin; x < end; ++x) {
      for (size_t y = x + 1; y < end; ++y) {
        // Sorted, so scratch_[x].second <= scratch_[y].second; equal truth rows are one record.
        if (scratch_[x].second == scratch_[y].second) continue;
        true_pairs_.push_back((uint64_t{scratch_[x].second} << 32) | scratch_[y].second);
      }
    }
    begin = end;
  }
  if (true_pairs_.size() >= compact_at_) Compact();
}

void BlockingRecallCounter::AddBlock(std::span<const RecordId> members) { AddMembers(members); }

void BlockingRecallCounter::AddBlock(std::span<const uint32_t> rows) { AddMembers(rows); }

void BlockingRecallCounter::Merge(const BlockingRecallCounter& other) {
  true_pairs_.insert(true_pairs_.end(), other.true_pairs_.begin(), other.true_pairs_.end());
  if (true_pairs_.size() >= compact_at_) Compact();
}

void BlockingRecallCounter::Compact() {
  std::sort(true_pairs_.begin(), true_pairs_.end());
  true_pairs_.erase(std::unique(true_pairs_.begin(), true_pairs_.end()), true_pairs_.end());
  // Grow the threshold with the distinct count so compaction stays amortized O(log n) per pair.
  compact_at_ = std::max(compact_at_, true_pairs_.size() * 2);
}

BlockingRecall BlockingRecallCounter::Finish() {
  Compact();
  BlockingRecall result;
  result.true_pairs = truth_.true_pairs();
  result.proposed_true_pairs = true_pairs_.size();
  if (result.true_pairs > 0) {
    result.recall =
        static_cast<double>(result.proposed_true_pairs) / static_cast<double>(result.true_pairs);
  }
  return result;
}

BlockingRecall MeasureBlockingRecall(const TruthIndex& truth,
                                     std::span<const std::pair<RecordId, RecordId>> candidates) {
  BlockingRecallCounter counter(truth);
  for (const auto& [a, b] : candidates) counter.AddPair(a, b);
  return counter.Finish();
}

}  // namespace idforge::eval
