// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Blocking: groups records that share a blocking key, per rule. Only pairs inside one block are
// ever compared, so this stage bounds the cost of the whole run. Oversized blocks (a call-centre
// phone, test@test.com) are not compared pairwise: their members are compared only with their
// neighbours in name order (sorted neighbourhood), and each such value is reported.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "engine/block/blocking_rules.h"
#include "engine/common/exec_context.h"
#include "engine/common/normalized_table.h"

namespace idforge::block {

struct BlockingOptions {
  std::vector<BlockingRule> rules;  // empty: DefaultBlockingRules()
  // A key value shared by more records than this is "generic": its block is windowed, not
  // compared pairwise (a block of 1,000 is already 499,500 pairs).
  uint32_t max_block_size = 1000;
  // A block of more records than this is windowed too, without being reported: the name rules'
  // blocks grow with the data (Smith|J holds thousands at 10 M records) and pairwise they would
  // make the run quadratic. Within a larger block, name order still puts variants side by side.
  uint32_t pairwise_block_size = 25;
  // Neighbours each member of a windowed block is compared with, in name order.
  uint32_t generic_window = 8;
};

// A key value too common to compare pairwise, for the audit. No personal data: masked value.
struct GenericValue {
  uint32_t rule = 0;
  std::string masked_value;  // "j***@g***.com", "S***|1***"
  uint32_t size = 0;
};

struct RuleStats {
  uint64_t records_with_key = 0;
  uint64_t blocks = 0;           // blocks of two or more records
  uint64_t candidate_pairs = 0;  // pairs this rule proposes (before removing earlier rules' pairs)
  uint64_t generic_blocks = 0;   // over max_block_size: windowed and reported
  uint64_t windowed_blocks = 0;  // over pairwise_block_size (generic ones included)
};

// Candidate groups per rule in CSR form. Immutable after BuildBlocks(); safe to share across
// threads. Block order: by key hash, members ascending by row, so iteration is deterministic.
class BlockIndex {
 public:
  size_t rule_count() const { return rules_.size(); }
  const BlockingRule& rule(size_t r) const { return rules_[r]; }
  uint32_t block_count(size_t r) const {
    return static_cast<uint32_t>(per_rule_[r].offsets.size()) - 1;
  }
  // Members of block `b` of rule `r`. A generic block's members are in name order, others
  // ascending by row. REQUIRES: b < block_count(r).
  std::span<const uint32_t> members(size_t r, uint32_t b) const {
    const RuleBlocks& blocks = per_rule_[r];
    return {blocks.rows.data() + blocks.offsets[b], blocks.offsets[b + 1] - blocks.offsets[b]};
  }
  bool is_generic(size_t r, uint32_t b) const { return per_rule_[r].generic[b] != 0; }
  // A 32-bit fingerprint of row's key under rule r; 0 when the row has no key or its block is
  // generic. Two rows share a non-zero fingerprint iff (up to hash collisions) rule r paired them.
  uint32_t fingerprint(size_t r, uint32_t row) const {
    return fingerprints_[static_cast<size_t>(row) * rules_.size() + r];
  }
  // True when an earlier rule than `r` already proposed (a, b): the pair is scored once.
  // Performance: a row's fingerprints are contiguous (row-major), so this reads one or two cache
  // lines per record instead of one per earlier rule.
  bool ProposedEarlier(size_t r, uint32_t a, uint32_t b) const {
    const uint32_t* fa = fingerprints_.data() + static_cast<size_t>(a) * rules_.size();
    const uint32_t* fb = fingerprints_.data() + static_cast<size_t>(b) * rules_.size();
    for (size_t earlier = 0; earlier < r; ++earlier) {
      if (fa[earlier] != 0 && fa[earlier] == fb[earlier]) return true;
    }
    return false;
  }
  // Starts loading a row's fingerprints (what ProposedEarlier() reads).
  void PrefetchFingerprints(uint32_t row) const {
    __builtin_prefetch(fingerprints_.data() + static_cast<size_t>(row) * rules_.size());
  }
  const RuleStats& stats(size_t r) const { return per_rule_[r].stats; }
  const std::vector<GenericValue>& generic_values() const { return generic_values_; }
  uint32_t generic_window() const { return generic_window_; }

 private:
  friend Result<BlockIndex> BuildBlocks(const NormalizedTable&, const BlockingOptions&,
                                        ExecContext&);
  struct RuleBlocks {
    std::vector<uint32_t> rows;
    std::vector<uint32_t> offsets{0};
    std::vector<uint8_t> generic;
    RuleStats stats;
  };
  std::vector<BlockingRule> rules_;
  std::vector<RuleBlocks> per_rule_;
  std::vector<uint32_t> fingerprints_;  // [row * rule_count + rule]
  std::vector<GenericValue> generic_values_;
  uint32_t generic_window_ = 0;
};

// O(n log n) per rule in the number of keyed records; keys hashed with XXH3 and grouped by a
// parallel sort. Deterministic for any thread count.
Result<BlockIndex> BuildBlocks(const NormalizedTable& table, const BlockingOptions& options,
                               ExecContext& ctx);

// Masks a key for reports: the first character of each part, then "***"; emails keep the shape
// ("j***@g***.com").
std::string MaskKey(std::string_view key);

}  // namespace idforge::block
