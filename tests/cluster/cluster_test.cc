// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Clustering: union-find equals BFS connected components, entities do not depend on edge order,
// and the over-merge guards split what they must and nothing else.
#include "engine/cluster/cluster.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <queue>
#include <random>

#include "tests/testing/test_util.h"

namespace idforge::cluster {
namespace {

Clustering Connect(uint32_t rows, std::vector<Edge> edges, ClusterOptions options = {},
                   CannotLink cannot_link = nullptr) {
  ExecContext ctx(1);
  return ConnectEdges(rows, edges, options, cannot_link, ctx);
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

}  // namespace
}  // namespace idforge::cluster
