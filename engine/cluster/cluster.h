// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Clustering: connected components of the accepted matches (union-find with path halving and
// union by smaller root, so each component's root is its smallest row). Entities are numbered by
// their smallest row, so the result does not depend on edge order or thread count.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "engine/common/edge.h"
#include "engine/common/exec_context.h"

namespace idforge::cluster {

// Owns its vectors; immutable after ConnectEdges().
struct Clustering {
  std::vector<uint32_t> entity_of;     // per row: entity index, entities ordered by smallest row
  std::vector<uint32_t> entity_first;  // per entity: its smallest row
  std::vector<float> best_weight;      // per row: strongest accepted edge (-inf for singletons)
  uint32_t entity_count() const { return static_cast<uint32_t>(entity_first.size()); }
};

// O(E α(N)) time, O(N) memory; edges are streamed once.
Clustering ConnectEdges(uint32_t row_count, std::span<const Edge> edges, ExecContext& ctx);

}  // namespace idforge::cluster
