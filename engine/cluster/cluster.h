// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Clustering: connected components of the accepted matches (lock-free parallel union-find with
// path halving and union by smaller root, so each component's root is its smallest row; see
// union_find.h), then over-merge guards:
// a component that chains records which cannot be one person (cannot-link evidence), or that is
// larger than any real customer, is re-clustered greedily on its strongest links without ever
// joining what the guard forbids. Entities are numbered by their smallest row, so the result does
// not depend on edge order or thread count.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "engine/cluster/union_find.h"
#include "engine/common/edge.h"
#include "engine/common/exec_context.h"

namespace idforge::cluster {

struct ClusterOptions {
  // No entity grows beyond this many records (a call centre's phone chaining strangers).
  uint32_t max_entity_size = 200;
  // Components up to this size are checked pair by pair for cannot-link evidence (O(n^2)).
  uint32_t cannot_link_check_limit = 500;
};

// True when records a and b cannot be the same person (e.g. different valid emails and
// different birth dates). Must be symmetric, deterministic and thread-safe (components are checked
// in parallel).
using CannotLink = std::function<bool(uint32_t a, uint32_t b)>;

// A guard that split a component, for the audit.
struct GuardEvent {
  uint32_t first_row = 0;  // smallest row of the component before the split
  std::string rule;        // "cannot_link" or "max_entity_size"
  uint32_t size = 0;       // records in the component
  uint32_t parts = 0;      // entities after re-clustering
};

// Owns its vectors; immutable after ConnectEdges().
struct Clustering {
  std::vector<uint32_t> entity_of;     // per row: entity index, entities ordered by smallest row
  std::vector<uint32_t> entity_first;  // per entity: its smallest row
  std::vector<float> best_weight;      // per row: strongest kept edge (-inf for singletons)
  std::vector<GuardEvent> guards;      // components the guards re-clustered
  uint32_t entity_count() const { return static_cast<uint32_t>(entity_first.size()); }
};

// O(E α(N) + N) plus the guards' work on flagged components (their edges are sorted by weight);
// edges need not be sorted and are never copied, so memory is O(N) plus the flagged components'
// edges. Parallel inside ctx.task_arena(); the result is identical for any thread count, chunking
// and edge order. `cannot_link` may be empty (no evidence check; the size guard still applies).
Clustering ConnectEdges(uint32_t row_count, EdgeChunks chunks, const ClusterOptions& options,
                        const CannotLink& cannot_link, ExecContext& ctx);
// One chunk.
Clustering ConnectEdges(uint32_t row_count, std::span<const Edge> edges,
                        const ClusterOptions& options, const CannotLink& cannot_link,
                        ExecContext& ctx);

}  // namespace idforge::cluster
