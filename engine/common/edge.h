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

}  // namespace idforge
