// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
#include "engine/eval/blocking_recall.h"

#include <algorithm>

namespace idforge::eval {

TruthIndex::TruthIndex(const TruthTable& truth, const RecordTable& table) {
  entity_of_row_.resize(table.row_count(), kNoEntity);
  truth_row_of_row_.resize(table.row_count(), kNoEntity);
  const std::span<const SourceInfo> sources = table.sources();
  for (uint32_t row = 0; row < table.row_count(); ++row) {
    const std::optional<uint32_t> truth_row =
        truth.Find(sources[table.source(row)].name, table.source_id(row));
    if (truth_row) {
      entity_of_row_[row] = truth.label(*truth_row);
      truth_row_of_row_[row] = *truth_row;
    } else {
      ++records_not_in_truth_;
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
    const RecordId id{static_cast<uint32_t>(member)};
    const uint32_t entity = truth_.entity(id);
    if (entity != TruthIndex::kNoEntity) {
      scratch_.emplace_back(entity, truth_.truth_row(id));
    }
  }
  std::sort(scratch_.begin(), scratch_.end());
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
