// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// The candidate search of incremental runs (pipeline::FindCandidates, one scan of the stored
// keysets) against the obviously correct reference: every block built whole, as a batch run over
// the state and the delta builds it, compared pairwise or windowed in name order.
#include <gtest/gtest.h>

#include <algorithm>
#include <limits>
#include <map>
#include <random>
#include <set>

#include "engine/pipeline/incremental_session.h"

namespace idforge::pipeline {
namespace {

struct StoredRow {
  int64_t rid;
  state::Keyset keyset;
};

DeltaCandidates Reference(const std::vector<StoredRow>& stored,
                          const std::vector<std::vector<state::KindKey>>& d_keys,
                          const std::vector<int64_t>& d_name, uint32_t pairwise, uint32_t window) {
  const auto d_rows = static_cast<uint32_t>(d_keys.size());
  struct Place {
    int64_t name;
    int64_t order;
    int64_t rid;  // 0: delta row
    uint32_t row;
  };
  std::map<state::KindKey, std::vector<Place>> blocks;
  for (uint32_t row = 0; row < d_rows; ++row) {
    for (const state::KindKey& key : d_keys[row]) {
      if (key.first >= state::kTermKindBase) continue;
      auto& block = blocks[key];
      if (block.empty() || block.back().row != row || block.back().rid != 0) {
        block.push_back({d_name[row], std::numeric_limits<int64_t>::max() - d_rows + row, 0, row});
      }
    }
  }
  for (const StoredRow& record : stored) {
    for (const state::KindKey& key : record.keyset.keys) {
      auto it = blocks.find(key);
      if (it != blocks.end()) it->second.push_back({record.keyset.name, record.rid, record.rid, 0});
    }
  }
  std::vector<std::set<int64_t>> candidates(d_rows);
  std::vector<std::set<uint32_t>> peers(d_rows);
  for (auto& [key, block] : blocks) {
    std::sort(block.begin(), block.end(), [](const Place& x, const Place& y) {
      return std::pair(x.name, x.order) < std::pair(y.name, y.order);
    });
    const bool windowed = block.size() > pairwise;
    for (size_t p = 0; p < block.size(); ++p) {
      if (block[p].rid != 0) continue;
      for (size_t q = 0; q < block.size(); ++q) {
        const size_t distance = p > q ? p - q : q - p;
        if (q == p || (windowed && distance > window)) continue;
        if (block[q].rid != 0) {
          candidates[block[p].row].insert(block[q].rid);
        } else if (block[q].row > block[p].row) {
          peers[block[p].row].insert(block[q].row);
        }
      }
    }
  }
  DeltaCandidates out;
  for (uint32_t row = 0; row < d_rows; ++row) {
    out.stored.emplace_back(candidates[row].begin(), candidates[row].end());
    out.peers.emplace_back(peers[row].begin(), peers[row].end());
  }
  return out;
}

// Random states with few key values (blocks of every size, from singletons to most of the
// state) and few name orders (ties), several settings.
TEST(DeltaCandidatesTest, EqualsTheWholeBlockReference) {
  for (const auto& [pairwise, window] : {std::pair{5u, 2u}, std::pair{25u, 8u}, std::pair{2u, 1u}}) {
    for (uint32_t seed = 1; seed <= 20; ++seed) {
      std::mt19937_64 rng(seed);
      auto keys_of = [&]() {
        std::vector<state::KindKey> keys;
        const uint64_t values[] = {3, 40, 400};  // per kind: huge, medium and small blocks
        for (int64_t kind = 0; kind < 3; ++kind) {
          if (rng() % 5 == 0) continue;  // no key for this rule
          // Keys above INT64_MAX too: stored bit for bit.
          keys.emplace_back(kind, (rng() % values[kind]) * 0x9000000000000001ULL);
        }
        keys.emplace_back(state::kTermKindBase, rng() % 3);  // term-frequency keys are not blocks
        return keys;
      };
      std::vector<StoredRow> stored;
      for (int64_t rid = 1; rid <= 400; ++rid) {
        if (rng() % 7 == 0) continue;  // deleted records leave gaps
        stored.push_back({rid, {static_cast<int64_t>(rng() % 12) - 6, keys_of()}});
      }
      std::vector<std::vector<state::KindKey>> d_keys;
      std::vector<int64_t> d_name;
      for (int row = 0; row < 30; ++row) {
        d_keys.push_back(keys_of());
        d_name.push_back(static_cast<int64_t>(rng() % 12) - 6);
      }
      auto scan = [&](const std::function<void(int64_t, const state::Keyset&)>& fn) {
        for (const StoredRow& record : stored) fn(record.rid, record.keyset);
        return Status::Ok();
      };
      auto found = FindCandidates(d_keys, d_name, pairwise, window, scan);
      ASSERT_TRUE(found.ok()) << found.status().ToString();
      const DeltaCandidates expected = Reference(stored, d_keys, d_name, pairwise, window);
      ASSERT_EQ(found->stored, expected.stored) << "seed " << seed << " pairwise " << pairwise;
      ASSERT_EQ(found->peers, expected.peers) << "seed " << seed << " pairwise " << pairwise;
    }
  }
}

// A block too large to compare pairwise gives each delta record at most 2 x window stored
// candidates, however large the stored block (memory and work bounded by the delta).
TEST(DeltaCandidatesTest, LargeBlocksAreWindowed) {
  std::vector<std::vector<state::KindKey>> d_keys = {{{0, 7}}};
  std::vector<int64_t> d_name = {500};
  uint64_t visited = 0;
  auto scan = [&](const std::function<void(int64_t, const state::Keyset&)>& fn) {
    for (int64_t rid = 1; rid <= 100000; ++rid) {
      ++visited;
      fn(rid, state::Keyset{rid % 1000, {{0, 7}}});
    }
    return Status::Ok();
  };
  auto found = FindCandidates(d_keys, d_name, 25, 8, scan);
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(visited, 100000u);
  // Before it: name 500 (rids 500, 1500, ..., 99500), the 8 largest rids; after it: name 501
  // (rids 501, 1501, ...), the 8 smallest.
  std::vector<int64_t> expected;
  for (int64_t k = 0; k < 8; ++k) expected.push_back(501 + 1000 * k);
  for (int64_t k = 7; k >= 0; --k) expected.push_back(99500 - 1000 * k);
  EXPECT_EQ(found->stored[0], expected);
}

// An errored scan is the search's error.
TEST(DeltaCandidatesTest, ScanErrorsPropagate) {
  auto scan = [](const std::function<void(int64_t, const state::Keyset&)>&) {
    return Internal("damaged keyset");
  };
  EXPECT_FALSE(FindCandidates({{{0, 1}}}, {0}, 25, 8, scan).ok());
}

}  // namespace
}  // namespace idforge::pipeline
