// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Clustering: union-find equals BFS connected components, entities do not depend on edge order,
// and the over-merge guards split what they must and nothing else.
#include "engine/cluster/cluster.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <limits>
#include <queue>
#include <random>

#include "engine/cluster/union_find.h"
#include "tests/testing/test_util.h"

namespace idforge::cluster {
namespace {

Clustering Connect(uint32_t rows, std::vector<Edge> edges, ClusterOptions options = {},
                   CannotLink cannot_link = nullptr, int threads = 1) {
  ExecContext ctx(threads);
  return ConnectEdges(rows, edges, options, cannot_link, ctx);
}

// The same edges handed over in `parts` uneven chunks (as per-thread scorer output would be).
Clustering ConnectChunked(uint32_t rows, const std::vector<Edge>& edges, size_t parts,
                          ClusterOptions options, CannotLink cannot_link, int threads) {
  std::vector<std::span<const Edge>> chunks;
  size_t begin = 0;
  for (size_t part = 0; part < parts; ++part) {
    const size_t end = part + 1 == parts ? edges.size() : std::min(edges.size(), begin + (part + 1) * 7);
    chunks.emplace_back(edges.data() + begin, end - begin);
    begin = end;
  }
  ExecContext ctx(threads);
  return ConnectEdges(rows, EdgeChunks(chunks), options, cannot_link, ctx);
}

void ExpectSameClustering(const Clustering& actual, const Clustering& expected) {
  EXPECT_EQ(actual.entity_of, expected.entity_of);
  EXPECT_EQ(actual.entity_first, expected.entity_first);
  EXPECT_EQ(actual.best_weight, expected.best_weight);
  ASSERT_EQ(actual.guards.size(), expected.guards.size());
  for (size_t i = 0; i < actual.guards.size(); ++i) {
    EXPECT_EQ(actual.guards[i].first_row, expected.guards[i].first_row);
    EXPECT_EQ(actual.guards[i].rule, expected.guards[i].rule);
    EXPECT_EQ(actual.guards[i].size, expected.guards[i].size);
    EXPECT_EQ(actual.guards[i].parts, expected.guards[i].parts);
  }
}

std::vector<Edge> RandomEdges(uint32_t rows, size_t count, std::mt19937_64& rng) {
  std::vector<Edge> edges;
  while (edges.size() < count) {
    const auto a = static_cast<uint32_t>(rng() % rows);
    const auto b = static_cast<uint32_t>(rng() % rows);
    if (a != b) edges.push_back({std::min(a, b), std::max(a, b), static_cast<float>(rng() % 64) / 4});
  }
  return edges;
}

// Reference: breadth-first search over the edges; a component is labelled by its smallest row.
std::vector<uint32_t> BfsLabels(uint32_t rows, const std::vector<Edge>& edges) {
  std::vector<std::vector<uint32_t>> adjacency(rows);
  for (const Edge& edge : edges) {
    adjacency[edge.a].push_back(edge.b);
    adjacency[edge.b].push_back(edge.a);
  }
  std::vector<uint32_t> label(rows, UINT32_MAX);
  for (uint32_t start = 0; start < rows; ++start) {
    if (label[start] != UINT32_MAX) continue;
    std::queue<uint32_t> queue;
    queue.push(start);
    label[start] = start;
    while (!queue.empty()) {
      const uint32_t row = queue.front();
      queue.pop();
      for (uint32_t next : adjacency[row]) {
        if (label[next] == UINT32_MAX) {
          label[next] = start;
          queue.push(next);
        }
      }
    }
  }
  return label;
}

TEST(ClusterTest, NoEdgesGivesSingletons) {
  const Clustering clustering = Connect(4, {});
  EXPECT_EQ(clustering.entity_count(), 4u);
  EXPECT_EQ(clustering.entity_of, (std::vector<uint32_t>{0, 1, 2, 3}));
}

TEST(ClusterTest, UnionFindEqualsBfsAndIgnoresEdgeOrder) {
  const uint64_t seed = test::Seed();
  SCOPED_TRACE("IDFORGE_TEST_SEED=" + std::to_string(seed));
  std::mt19937_64 rng(seed);
  for (int round = 0; round < 20; ++round) {
    const auto rows = static_cast<uint32_t>(50 + rng() % 400);
    std::vector<Edge> edges;
    for (uint32_t i = 0; i < rows; ++i) {
      const auto a = static_cast<uint32_t>(rng() % rows);
      const auto b = static_cast<uint32_t>(rng() % rows);
      if (a != b) edges.push_back({std::min(a, b), std::max(a, b), 10.0f});
    }
    ClusterOptions no_cap;
    no_cap.max_entity_size = rows + 1;
    const Clustering clustering = Connect(rows, edges, no_cap);
    const std::vector<uint32_t> labels = BfsLabels(rows, edges);
    for (uint32_t row = 0; row < rows; ++row) {
      ASSERT_EQ(clustering.entity_first[clustering.entity_of[row]], labels[row]) << "row " << row;
    }
    std::shuffle(edges.begin(), edges.end(), rng);
    EXPECT_EQ(Connect(rows, edges, no_cap).entity_of, clustering.entity_of);
  }
}

TEST(ClusterTest, MaxEntitySizeSplitsAChainOnItsWeakestLinks) {
  // 0-1-2 strongly linked, 3-4-5 strongly linked, one weak bridge 2-3.
  std::vector<Edge> edges = {{0, 1, 20}, {1, 2, 20}, {3, 4, 20}, {4, 5, 20}, {2, 3, 5}};
  ClusterOptions options;
  options.max_entity_size = 3;
  const Clustering clustering = Connect(6, edges, options);
  EXPECT_EQ(clustering.entity_count(), 2u);
  EXPECT_EQ(clustering.entity_of[0], clustering.entity_of[2]);
  EXPECT_EQ(clustering.entity_of[3], clustering.entity_of[5]);
  EXPECT_NE(clustering.entity_of[2], clustering.entity_of[3]);
  ASSERT_EQ(clustering.guards.size(), 1u);
  EXPECT_EQ(clustering.guards[0].rule, "max_entity_size");
  EXPECT_EQ(clustering.guards[0].size, 6u);
  EXPECT_EQ(clustering.guards[0].parts, 2u);
}

TEST(ClusterTest, CannotLinkKeepsConflictingRecordsApart) {
  // A~B (strong), B~C (weak), but A and C cannot be one person: the weak link is dropped.
  std::vector<Edge> edges = {{0, 1, 30}, {1, 2, 4}};
  const CannotLink conflict = [](uint32_t a, uint32_t b) {
    return (a == 0 && b == 2) || (a == 2 && b == 0);
  };
  const Clustering clustering = Connect(3, edges, {}, conflict);
  EXPECT_EQ(clustering.entity_of[0], clustering.entity_of[1]);
  EXPECT_NE(clustering.entity_of[1], clustering.entity_of[2]);
  ASSERT_EQ(clustering.guards.size(), 1u);
  EXPECT_EQ(clustering.guards[0].rule, "cannot_link");
}

TEST(ClusterTest, ComponentsWithoutConflictAreUntouched) {
  std::vector<Edge> edges = {{0, 1, 30}, {1, 2, 4}};
  const CannotLink never = [](uint32_t, uint32_t) { return false; };
  const Clustering clustering = Connect(3, edges, {}, never);
  EXPECT_EQ(clustering.entity_count(), 1u);
  EXPECT_TRUE(clustering.guards.empty());
}

TEST(ConcurrentUnionFindTest, ParallelEqualsBfsForAnyThreadCount) {
  const uint64_t seed = test::Seed();
  SCOPED_TRACE("IDFORGE_TEST_SEED=" + std::to_string(seed));
  std::mt19937_64 rng(seed);
  // Sparse (many small components), near the giant-component threshold, and dense; big enough
  // that several 64 K-edge pieces run concurrently.
  for (const auto& [rows, degree_x2] : std::vector<std::pair<uint32_t, uint32_t>>{
           {1000, 1}, {50'000, 1}, {200'000, 2}, {300'000, 4}, {100'000, 12}}) {
    const std::vector<Edge> edges = RandomEdges(rows, size_t{rows} * degree_x2 / 2, rng);
    const std::vector<uint32_t> labels = BfsLabels(rows, edges);
    for (int threads : {1, 2, 8}) {
      SCOPED_TRACE("rows=" + std::to_string(rows) + " threads=" + std::to_string(threads));
      ExecContext ctx(threads);
      ConcurrentUnionFind sets(rows);
      const std::span<const Edge> chunks[1] = {edges};
      sets.UnionAll(EdgeChunks(chunks), ctx);
      for (uint32_t row = 0; row < rows; ++row) ASSERT_EQ(sets.Find(row), labels[row]) << "row " << row;
    }
  }
}

TEST(ClusterTest, ResultIndependentOfThreadsChunksAndEdgeOrder) {
  const uint64_t seed = test::Seed();
  SCOPED_TRACE("IDFORGE_TEST_SEED=" + std::to_string(seed));
  std::mt19937_64 rng(seed + 1);
  for (int round = 0; round < 6; ++round) {
    const auto rows = static_cast<uint32_t>(5'000 + rng() % 30'000);
    std::vector<Edge> edges = RandomEdges(rows, rows / 2 + rng() % rows, rng);
    ClusterOptions options;
    options.max_entity_size = 8 + static_cast<uint32_t>(rng() % 64);
    // Deterministic, symmetric evidence: rows whose ids differ by a multiple of 97 conflict.
    const CannotLink conflict = [](uint32_t a, uint32_t b) { return a != b && (a > b ? a - b : b - a) % 97 == 0; };
    const Clustering reference = Connect(rows, edges, options, conflict, 1);
    // Components without guards match BFS exactly.
    const std::vector<uint32_t> labels = BfsLabels(rows, edges);
    for (uint32_t row = 0; row < rows; ++row) {
      ASSERT_LE(reference.entity_first[reference.entity_of[row]], row);
      ASSERT_GE(reference.entity_first[reference.entity_of[row]], labels[row]);
    }
    for (int threads : {2, 8}) {
      SCOPED_TRACE("round " + std::to_string(round) + " threads " + std::to_string(threads));
      std::shuffle(edges.begin(), edges.end(), rng);
      ExpectSameClustering(Connect(rows, edges, options, conflict, threads), reference);
      ExpectSameClustering(ConnectChunked(rows, edges, 5, options, conflict, threads), reference);
    }
  }
}

TEST(ClusterTest, NoGuardsEqualsBfsOnLargeGraphsInParallel) {
  const uint64_t seed = test::Seed();
  SCOPED_TRACE("IDFORGE_TEST_SEED=" + std::to_string(seed));
  std::mt19937_64 rng(seed + 2);
  const uint32_t rows = 400'000;
  const std::vector<Edge> edges = RandomEdges(rows, 300'000, rng);
  const std::vector<uint32_t> labels = BfsLabels(rows, edges);
  ClusterOptions no_cap;
  no_cap.max_entity_size = rows;
  for (int threads : {1, 2, 8}) {
    const Clustering clustering = Connect(rows, edges, no_cap, nullptr, threads);
    EXPECT_TRUE(clustering.guards.empty());
    for (uint32_t row = 0; row < rows; ++row) {
      ASSERT_EQ(clustering.entity_first[clustering.entity_of[row]], labels[row]) << "row " << row;
    }
  }
}

TEST(ClusterTest, BestWeightIsTheStrongestKeptEdge) {
  // 0-1 (5), 1-2 (9), 0-2 (7); 3 alone. A size cap of 2 keeps the 9 link only.
  const std::vector<Edge> edges = {{0, 1, 5}, {1, 2, 9}, {0, 2, 7}};
  const Clustering all = Connect(4, edges);
  EXPECT_EQ(all.best_weight, (std::vector<float>{7, 9, 9, -std::numeric_limits<float>::infinity()}));
  ClusterOptions cap;
  cap.max_entity_size = 2;
  const Clustering capped = Connect(4, edges, cap);
  EXPECT_EQ(capped.entity_of, (std::vector<uint32_t>{0, 1, 1, 2}));
  EXPECT_EQ(capped.best_weight[0], -std::numeric_limits<float>::infinity());
  EXPECT_EQ(capped.best_weight[1], 9);
}

}  // namespace
}  // namespace idforge::cluster
