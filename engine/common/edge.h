// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Edge: an accepted match between two records, what scoring hands to clustering.
#pragma once

#include <cstdint>

namespace idforge {

struct Edge {
  uint32_t a;    // row, a < b
  uint32_t b;    // row
  float weight;  // log2 odds that a and b match
};
// 12 bytes, no padding: 100 M edges are 1.2 GB. Clustering never copies them (the guards copy only
// the edges of the components they re-cluster). An 8-byte form would have to drop the weight,
// which the guards (strongest links first) and the crosswalk's best link probability need.
static_assert(sizeof(Edge) == 12);

}  // namespace idforge
