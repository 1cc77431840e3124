// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Lock-free union-find (the CAS-based scheme of Anderson & Woll and Jayanti & Tarjan) with union
// by index: a root is only ever linked under a smaller root, so parent[x] <= x always holds and
// every set's root is its smallest element whatever the order in which threads link. That is
// what makes the clustering independent of the thread count and of the edge order.
//
// Why it is safe with relaxed atomics: a root changes only by one CAS (root -> smaller root),
// which fails if the node stopped being a root; a non-root's parent changes only by path
// halving, which stores an ancestor, and ancestry is never undone, so even a stale halving store
// leaves a valid (just less compressed) parent. Every reader sees a forest whose roots are the
// smallest rows of their sets.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "engine/common/edge.h"
#include "engine/common/exec_context.h"

namespace idforge::cluster {

// Edges as the scorer produced them: one or more chunks (e.g. one per thread), never copied
// into one dense array.
using EdgeChunks = std::span<const std::span<const Edge>>;

// Calls fn on pieces of ~64 K edges covering every chunk, in parallel inside ctx.task_arena()
// (in order on the calling thread when the context has one thread). fn must be thread-safe.
void ForEachEdgePiece(EdgeChunks chunks, ExecContext& ctx,
                      const std::function<void(std::span<const Edge>)>& fn);

class ConcurrentUnionFind {
 public:
  // O(n): every element starts as its own root.
  explicit ConcurrentUnionFind(uint32_t n);

  uint32_t element_count() const { return static_cast<uint32_t>(parent_.size()); }

  // Thread-safe. The root of x's set: its smallest element (once all unions are done).
  uint32_t Find(uint32_t x) {
    uint32_t parent = Load(x);
    while (parent != x) {
      const uint32_t grandparent = Load(parent);
      if (grandparent == parent) return parent;
      Store(x, grandparent);  // path halving
      x = grandparent;
      parent = Load(x);
    }
    return x;
  }

  // Thread-safe. Joins the sets of a and b; the larger root is linked under the smaller.
  void Union(uint32_t a, uint32_t b) {
    for (;;) {
      a = Find(a);
      b = Find(b);
      if (a == b) return;
      if (a < b) std::swap(a, b);
      uint32_t expected = a;
      if (std::atomic_ref<uint32_t>(parent_[a]).compare_exchange_weak(
              expected, b, std::memory_order_relaxed)) {
        return;
      }
    }
  }

  // Unions every edge of `edges` on the calling thread, prefetching the parents of the edges a
  // few steps ahead (the parent array is far larger than the cache on big runs).
  void UnionEdges(std::span<const Edge> edges);

  // Unions every edge of every chunk with ForEachEdgePiece().
  void UnionAll(EdgeChunks chunks, ExecContext& ctx);

  // Not thread-safe; after every union. Per element, its root (its set's smallest element), in
  // one ascending pass: parent[x] <= x, so the parent's root is already final when x is reached.
  // One random read per element (prefetched) instead of a Find() walk; consumes the structure.
  std::vector<uint32_t> TakeRoots() &&;

 private:
  uint32_t Load(uint32_t x) {
    return std::atomic_ref<uint32_t>(parent_[x]).load(std::memory_order_relaxed);
  }
  void Store(uint32_t x, uint32_t value) {
    std::atomic_ref<uint32_t>(parent_[x]).store(value, std::memory_order_relaxed);
  }

  std::vector<uint32_t> parent_;  // accessed through std::atomic_ref only while threads run
};

}  // namespace idforge::cluster
