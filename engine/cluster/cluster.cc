// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// ConnectEdges(): parallel union-find over the edge chunks, then the components' members
// (counting sort by root), then the guards re-cluster flagged components one by one (each on its
// own edges, in parallel), then one pass numbers entities by smallest row.
#include "engine/cluster/cluster.h"

#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/enumerable_thread_specific.h>
#include <oneapi/tbb/parallel_for.h>

#include <algorithm>
#include <atomic>
#include <limits>

namespace idforge::cluster {
namespace {

// fn(begin, end) over [0, n) in parallel pieces (serially when the context has one thread).
template <typename Fn>
void ForRanges(ExecContext& ctx, uint32_t n, uint32_t grain, const Fn& fn) {
  if (ctx.threads() == 1 || n <= grain) {
    fn(0u, n);
    return;
  }
  ctx.task_arena().execute([&] {
    tbb::parallel_for(tbb::blocked_range<uint32_t>(0, n, grain),
                      [&](const tbb::blocked_range<uint32_t>& range) { fn(range.begin(), range.end()); });
  });
}

void AtomicMax(float& slot, float value) {
  std::atomic_ref<float> ref(slot);
  float current = ref.load(std::memory_order_relaxed);
  while (value > current && !ref.compare_exchange_weak(current, value, std::memory_order_relaxed)) {
  }
}

// Rows grouped by component root, ascending within a component (a counting sort, so the order
// does not depend on the thread count).
struct Components {
  std::vector<uint32_t> start;    // per root r: members are members[start[r], start[r + 1])
  std::vector<uint32_t> members;
  std::span<const uint32_t> of(uint32_t root) const {
    return std::span<const uint32_t>(members).subspan(start[root], start[root + 1] - start[root]);
  }
};

Components GroupByRoot(const std::vector<uint32_t>& root_of) {
  const auto rows = static_cast<uint32_t>(root_of.size());
  Components out;
  out.start.assign(size_t{rows} + 1, 0);
  for (uint32_t row = 0; row < rows; ++row) ++out.start[root_of[row] + 1];
  for (uint32_t i = 1; i <= rows; ++i) out.start[i] += out.start[i - 1];
  out.members.resize(rows);
  std::vector<uint32_t> fill(out.start.begin(), out.start.end() - 1);
  for (uint32_t row = 0; row < rows; ++row) out.members[fill[root_of[row]]++] = row;
  return out;
}

bool HasConflict(std::span<const uint32_t> group, const CannotLink& cannot_link) {
  for (size_t i = 0; i < group.size(); ++i) {
    for (size_t j = i + 1; j < group.size(); ++j) {
      if (cannot_link(group[i], group[j])) return true;
    }
  }
  return false;
}

// Greedy re-clustering of one flagged component: its edges strongest first (ties by rows), each
// joining two sets unless the result would exceed max_size or put a cannot-link pair together.
// Writes every member's new root (its new set's smallest row) into root_of.
void Recluster(std::span<const uint32_t> members, std::span<const Edge> edges, uint32_t max_size,
               const CannotLink& cannot_link, std::vector<uint32_t>& root_of) {
  const auto size = static_cast<uint32_t>(members.size());
  auto local = [&](uint32_t row) {
    return static_cast<uint32_t>(std::lower_bound(members.begin(), members.end(), row) - members.begin());
  };
  std::vector<uint32_t> parent(size);
  std::vector<std::vector<uint32_t>> set_members(size);  // local indices, per local root
  for (uint32_t i = 0; i < size; ++i) {
    parent[i] = i;
    set_members[i] = {i};
  }
  auto find = [&](uint32_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  };
  for (const Edge& edge : edges) {
    uint32_t ra = find(local(edge.a));
    uint32_t rb = find(local(edge.b));
    if (ra == rb) continue;
    if (set_members[ra].size() + set_members[rb].size() > max_size) continue;
    bool conflict = false;
    if (cannot_link) {
      for (size_t x = 0; x < set_members[ra].size() && !conflict; ++x) {
        for (size_t y = 0; y < set_members[rb].size() && !conflict; ++y) {
          conflict = cannot_link(members[set_members[ra][x]], members[set_members[rb][y]]);
        }
      }
    }
    if (conflict) continue;
    if (rb < ra) std::swap(ra, rb);  // the smaller local index is the smaller row
    parent[rb] = ra;
    set_members[ra].insert(set_members[ra].end(), set_members[rb].begin(), set_members[rb].end());
    std::vector<uint32_t>().swap(set_members[rb]);
  }
  for (uint32_t i = 0; i < size; ++i) root_of[members[i]] = members[find(i)];
}

}  // namespace

Clustering ConnectEdges(uint32_t row_count, std::span<const Edge> edges,
                        const ClusterOptions& options, const CannotLink& cannot_link,
                        ExecContext& ctx) {
  const std::span<const Edge> chunks[1] = {edges};
  return ConnectEdges(row_count, EdgeChunks(chunks), options, cannot_link, ctx);
}

Clustering ConnectEdges(uint32_t row_count, EdgeChunks chunks, const ClusterOptions& options,
                        const CannotLink& cannot_link, ExecContext& ctx) {
  std::vector<uint32_t> root_of;
  {
    ConcurrentUnionFind sets(row_count);
    sets.UnionAll(chunks, ctx);
    root_of = std::move(sets).TakeRoots();
  }
  const Components components = GroupByRoot(root_of);

  // Which components a guard must re-cluster (0: none, else the GuardEvent rule).
  const uint32_t max_size = std::max<uint32_t>(2, options.max_entity_size);
  enum : uint8_t { kKeep, kTooLarge, kConflict };
  std::vector<uint8_t> verdict(row_count, kKeep);
  ForRanges(ctx, row_count, 256, [&](uint32_t begin, uint32_t end) {
    for (uint32_t root = begin; root < end; ++root) {
      const std::span<const uint32_t> group = components.of(root);
      if (group.size() < 2) continue;
      if (group.size() > max_size) {
        verdict[root] = kTooLarge;
      } else if (cannot_link && group.size() <= options.cannot_link_check_limit &&
                 HasConflict(group, cannot_link)) {
        verdict[root] = kConflict;
      }
    }
  });
  std::vector<GuardEvent> events;
  std::vector<uint32_t> flagged_roots;
  for (uint32_t root = 0; root < row_count; ++root) {
    if (verdict[root] == kKeep) continue;
    flagged_roots.push_back(root);
    events.push_back({root, verdict[root] == kTooLarge ? "max_entity_size" : "cannot_link",
                      static_cast<uint32_t>(components.of(root).size()), 0});
  }

  // Rows of re-clustered components: only their edges can have been dropped (a byte per row, so
  // the final edge pass reads root_of only for them).
  std::vector<uint8_t> reclustered;
  if (!flagged_roots.empty()) {
    reclustered.assign(row_count, 0);
    for (uint32_t root : flagged_roots) {
      for (uint32_t row : components.of(root)) reclustered[row] = 1;
    }
    // The flagged components' edges, grouped by component, strongest first, ties by rows.
    tbb::enumerable_thread_specific<std::vector<Edge>> collected;
    ForEachEdgePiece(chunks, ctx, [&](std::span<const Edge> piece) {
      std::vector<Edge>& mine = collected.local();
      for (const Edge& edge : piece) {
        if (reclustered[edge.a]) mine.push_back(edge);
      }
    });
    std::vector<Edge> redo;
    for (std::vector<Edge>& part : collected) redo.insert(redo.end(), part.begin(), part.end());
    std::sort(redo.begin(), redo.end(), [&](const Edge& x, const Edge& y) {
      if (root_of[x.a] != root_of[y.a]) return root_of[x.a] < root_of[y.a];
      if (x.weight != y.weight) return x.weight > y.weight;
      return x.a != y.a ? x.a < y.a : x.b < y.b;
    });
    std::vector<size_t> edge_start(flagged_roots.size() + 1, redo.size());
    for (size_t f = 0, e = 0; f < flagged_roots.size(); ++f) {
      while (e < redo.size() && root_of[redo[e].a] < flagged_roots[f]) ++e;
      edge_start[f] = e;
    }
    // Components are disjoint, so each task writes only its own members' root_of.
    std::vector<uint32_t> old_root(flagged_roots);
    ForRanges(ctx, static_cast<uint32_t>(flagged_roots.size()), 1, [&](uint32_t begin, uint32_t end) {
      for (uint32_t f = begin; f < end; ++f) {
        const std::span<const Edge> own(redo.data() + edge_start[f], edge_start[f + 1] - edge_start[f]);
        Recluster(components.of(old_root[f]), own, max_size, cannot_link, root_of);
      }
    });
  }

  Clustering out;
  out.entity_of.assign(row_count, 0);
  for (uint32_t row = 0; row < row_count; ++row) {
    const uint32_t root = root_of[row];
    if (root == row) {
      out.entity_of[row] = static_cast<uint32_t>(out.entity_first.size());
      out.entity_first.push_back(row);
    } else {
      out.entity_of[row] = out.entity_of[root];  // root < row: already numbered
    }
  }
  // An edge is kept when its records ended in one entity; the guards dropped the others.
  out.best_weight.assign(row_count, -std::numeric_limits<float>::infinity());
  std::atomic<uint64_t> kept{0};
  ForEachEdgePiece(chunks, ctx, [&](std::span<const Edge> piece) {
    uint64_t mine = 0;
    for (const Edge& edge : piece) {
      if (!reclustered.empty() && reclustered[edge.a] && root_of[edge.a] != root_of[edge.b]) continue;
      ++mine;
      AtomicMax(out.best_weight[edge.a], edge.weight);
      AtomicMax(out.best_weight[edge.b], edge.weight);
    }
    kept.fetch_add(mine, std::memory_order_relaxed);
  });
  for (GuardEvent& event : events) {
    std::vector<uint32_t> parts;
    for (uint32_t row : components.of(event.first_row)) parts.push_back(out.entity_of[row]);
    std::sort(parts.begin(), parts.end());
    event.parts = static_cast<uint32_t>(std::unique(parts.begin(), parts.end()) - parts.begin());
  }
  out.guards = std::move(events);
  ctx.stats().Add("cluster.entities", out.entity_count());
  ctx.stats().Add("cluster.edges", static_cast<int64_t>(kept.load()));
  ctx.stats().Add("cluster.guard_splits", static_cast<int64_t>(out.guards.size()));
  return out;
}

}  // namespace idforge::cluster
