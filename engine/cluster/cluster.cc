// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
#include "engine/cluster/cluster.h"

#include <algorithm>
#include <limits>
#include <numeric>

namespace idforge::cluster {
namespace {

uint32_t Find(std::vector<uint32_t>& parent, uint32_t x) {
  while (parent[x] != x) {
    parent[x] = parent[parent[x]];  // path halving
    x = parent[x];
  }
  return x;
}

}  // namespace

Clustering ConnectEdges(uint32_t row_count, std::span<const Edge> edges, ExecContext& ctx) {
  std::vector<uint32_t> parent(row_count);
  std::iota(parent.begin(), parent.end(), 0u);
  Clustering out;
  out.best_weight.assign(row_count, -std::numeric_limits<float>::infinity());
  for (const Edge& edge : edges) {
    const uint32_t ra = Find(parent, edge.a);
    const uint32_t rb = Find(parent, edge.b);
    // The smaller root wins: a component's root is always its smallest row.
    if (ra < rb) parent[rb] = ra;
    if (rb < ra) parent[ra] = rb;
    out.best_weight[edge.a] = std::max(out.best_weight[edge.a], edge.weight);
    out.best_weight[edge.b] = std::max(out.best_weight[edge.b], edge.weight);
  }
  out.entity_of.assign(row_count, 0);
  for (uint32_t row = 0; row < row_count; ++row) {
    const uint32_t root = Find(parent, row);
    if (root == row) {
      out.entity_of[row] = static_cast<uint32_t>(out.entity_first.size());
      out.entity_first.push_back(row);
    } else {
      out.entity_of[row] = out.entity_of[root];  // root < row: already numbered
    }
  }
  ctx.stats().Add("cluster.entities", out.entity_count());
  ctx.stats().Add("cluster.edges", static_cast<int64_t>(edges.size()));
  return out;
}

}  // namespace idforge::cluster
