// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
#include "engine/block/block_index.h"

#include <algorithm>

#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/parallel_sort.h>

#include "engine/common/arena.h"
#include "engine/common/hash.h"

namespace idforge::block {
namespace {

struct KeyedRow {
  uint64_t hash;
  uint32_t row;
  friend bool operator<(const KeyedRow& a, const KeyedRow& b) {
    return a.hash != b.hash ? a.hash < b.hash : a.row < b.row;
  }
};

constexpr uint32_t kRowsPerTask = 16384;

// Every keyed row of `rule`, in parallel; task results are concatenated in row order.
std::vector<KeyedRow> KeyRows(const BlockingRule& rule, const NormalizedTable& table,
                              ExecContext& ctx) {
  const uint32_t rows = table.row_count();
  const uint32_t tasks = (rows + kRowsPerTask - 1) / kRowsPerTask;
  std::vector<std::vector<KeyedRow>> parts(tasks);
  ctx.task_arena().execute([&] {
    tbb::parallel_for(tbb::blocked_range<uint32_t>(0, tasks, 1), [&](const auto& range) {
      std::string key;
      std::string scratch;
      for (uint32_t task = range.begin(); task != range.end(); ++task) {
        const uint32_t end = std::min(rows, (task + 1) * kRowsPerTask);
        std::vector<KeyedRow>& part = parts[task];
        for (uint32_t row = task * kRowsPerTask; row < end; ++row) {
          if (BuildKey(rule, table, row, key, scratch)) part.push_back({HashKey(key), row});
        }
      }
    });
  });
  size_t total = 0;
  for (const auto& part : parts) total += part.size();
  std::vector<KeyedRow> keyed;
  keyed.reserve(total);
  for (const auto& part : parts) keyed.insert(keyed.end(), part.begin(), part.end());
  return keyed;
}

// Name order for the sorted neighbourhood inside a generic block.
void SortByName(std::span<uint32_t> members, const NormalizedTable& table) {
  std::vector<std::pair<std::string, uint32_t>> keyed;
  keyed.reserve(members.size());
  for (uint32_t row : members) {
    std::string key(table.Get(DerivedKey::kSurnameCompact, row));
    key += '|';
    key += table.Get(Field::kFirstName, row);
    key += '|';
    key += table.Get(Field::kDob, row);
    keyed.emplace_back(std::move(key), row);
  }
  std::sort(keyed.begin(), keyed.end());
  for (size_t i = 0; i < members.size(); ++i) members[i] = keyed[i].second;
}

}  // namespace

std::string MaskKey(std::string_view key) {
  std::string out;
  bool start = true;
  for (size_t pos = 0; pos < key.size(); ++pos) {
    const char c = key[pos];
    const bool separator = c == '\x1f' || c == '|' || c == '@' || c == '.' || c == ' ' || c == '+';
    if (separator) {
      out += (c == '\x1f') ? '|' : c;
      start = true;
      continue;
    }
    if (start) {
      // Copy one whole UTF-8 character, then mask the rest of the part.
      size_t end = pos + 1;
      while (end < key.size() && (static_cast<unsigned char>(key[end]) & 0xC0) == 0x80) ++end;
      out.append(key.substr(pos, end - pos));
      out += "***";
      pos = end - 1;
      start = false;
    }
  }
  return out;
}

Result<BlockIndex> BuildBlocks(const NormalizedTable& table, const BlockingOptions& options,
                               ExecContext& ctx) {
  BlockIndex index;
  index.rules_ = options.rules.empty() ? DefaultBlockingRules(table) : options.rules;
  index.generic_window_ = std::max<uint32_t>(1, options.generic_window);
  const uint32_t rows = table.row_count();
  const uint32_t max_block = std::max<uint32_t>(2, options.max_block_size);
  const uint32_t pairwise_block = std::clamp<uint32_t>(options.pairwise_block_size, 2, max_block);
  index.per_rule_.resize(index.rules_.size());
  const size_t rule_count = index.rules_.size();
  AssignOnHugePages(index.fingerprints_, static_cast<size_t>(rows) * rule_count, 0u);
  for (size_t r = 0; r < index.rules_.size(); ++r) {
    if (ctx.cancelled()) return Status(StatusCode::kCancelled, "blocking cancelled");
    std::vector<KeyedRow> keyed = KeyRows(index.rules_[r], table, ctx);
    ctx.task_arena().execute([&] { tbb::parallel_sort(keyed.begin(), keyed.end()); });

    BlockIndex::RuleBlocks& blocks = index.per_rule_[r];
    blocks.stats.records_with_key = keyed.size();
    std::string key;
    std::string scratch;
    size_t begin = 0;
    while (begin < keyed.size()) {
      size_t end = begin + 1;
      while (end < keyed.size() && keyed[end].hash == keyed[begin].hash) ++end;
      const auto size = static_cast<uint32_t>(end - begin);
      if (size >= 2) {
        const bool generic = size > max_block;
        const bool windowed = size > pairwise_block;
        const size_t first = blocks.rows.size();
        for (size_t i = begin; i < end; ++i) blocks.rows.push_back(keyed[i].row);
        blocks.offsets.push_back(static_cast<uint32_t>(blocks.rows.size()));
        blocks.generic.push_back(windowed ? 1 : 0);
        ++blocks.stats.blocks;
        if (windowed) {
          SortByName(std::span<uint32_t>(blocks.rows.data() + first, size), table);
          ++blocks.stats.windowed_blocks;
          // Each member with its next `window` neighbours; the last ones have fewer.
          const uint64_t window = std::min<uint32_t>(index.generic_window_, size - 1);
          blocks.stats.candidate_pairs += static_cast<uint64_t>(size) * window - window * (window + 1) / 2;
          if (generic) {
            ++blocks.stats.generic_blocks;
            BuildKey(index.rules_[r], table, keyed[begin].row, key, scratch);
            index.generic_values_.push_back({static_cast<uint32_t>(r), MaskKey(key), size});
          }
        } else {
          blocks.stats.candidate_pairs += static_cast<uint64_t>(size) * (size - 1) / 2;
          const auto fingerprint = static_cast<uint32_t>(keyed[begin].hash >> 32) | 1u;
          for (size_t i = begin; i < end; ++i) {
            index.fingerprints_[static_cast<size_t>(keyed[i].row) * rule_count + r] = fingerprint;
          }
        }
      }
      begin = end;
    }
    blocks.rows.shrink_to_fit();
  }
  return index;
}

}  // namespace idforge::block
