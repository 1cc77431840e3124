// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
#include "engine/cluster/union_find.h"

#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/parallel_for.h>

#include <numeric>

namespace idforge::cluster {
namespace {

// Edges per parallel piece: large enough to amortize a task, small enough to balance two cores.
constexpr size_t kEdgesPerPiece = size_t{1} << 16;
// How far ahead to prefetch: about the number of cache misses in flight per core.
constexpr size_t kPrefetchDistance = 16;

struct Piece {
  uint32_t chunk;
  size_t begin;
  size_t end;
};

}  // namespace

ConcurrentUnionFind::ConcurrentUnionFind(uint32_t n) : parent_(n) {
  std::iota(parent_.begin(), parent_.end(), 0u);
}

void ConcurrentUnionFind::UnionEdges(std::span<const Edge> edges) {
  const size_t count = edges.size();
  const uint32_t* parent = parent_.data();
  for (size_t i = 0; i < count; ++i) {
    if (i + kPrefetchDistance < count) {
      const Edge& ahead = edges[i + kPrefetchDistance];
      __builtin_prefetch(parent + ahead.a);
      __builtin_prefetch(parent + ahead.b);
    }
    Union(edges[i].a, edges[i].b);
  }
}

std::vector<uint32_t> ConcurrentUnionFind::TakeRoots() && {
  std::vector<uint32_t> roots = std::move(parent_);
  const size_t count = roots.size();
  uint32_t* root = roots.data();
  for (size_t x = 0; x < count; ++x) {
    if (x + kPrefetchDistance < count) __builtin_prefetch(root + root[x + kPrefetchDistance]);
    root[x] = root[root[x]];
  }
  return roots;
}

void ConcurrentUnionFind::UnionAll(EdgeChunks chunks, ExecContext& ctx) {
  ForEachEdgePiece(chunks, ctx, [this](std::span<const Edge> piece) { UnionEdges(piece); });
}

void ForEachEdgePiece(EdgeChunks chunks, ExecContext& ctx,
                      const std::function<void(std::span<const Edge>)>& fn) {
  if (ctx.threads() == 1) {
    for (std::span<const Edge> chunk : chunks) fn(chunk);
    return;
  }
  std::vector<Piece> pieces;
  for (size_t c = 0; c < chunks.size(); ++c) {
    for (size_t begin = 0; begin < chunks[c].size(); begin += kEdgesPerPiece) {
      pieces.push_back({static_cast<uint32_t>(c), begin,
                        std::min(chunks[c].size(), begin + kEdgesPerPiece)});
    }
  }
  ctx.task_arena().execute([&] {
    tbb::parallel_for(tbb::blocked_range<size_t>(0, pieces.size(), 1),
                      [&](const tbb::blocked_range<size_t>& range) {
                        for (size_t p = range.begin(); p != range.end(); ++p) {
                          const Piece& piece = pieces[p];
                          fn(chunks[piece.chunk].subspan(piece.begin, piece.end - piece.begin));
                        }
                      });
  });
}

}  // namespace idforge::cluster
