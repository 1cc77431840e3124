// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Concrete mistakes to look at: pairs of records the run merged but the truth keeps apart (false
// merges) and pairs the truth joins but the run left apart (missed matches).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "engine/eval/labels.h"

namespace idforge::eval {

// One record of a sample, with its label on each side ("" on the side that does not list it).
struct SampleRecord {
  std::string source;
  std::string source_id;
  std::string entity_id;  // from the truth file
  std::string golden_id;  // from the crosswalk
};

struct ErrorSample {
  SampleRecord a;  // from the largest group of the cluster (the "host")
  SampleRecord b;  // from another group (the "intruder")
};

// Up to `max` false merges, at most one per predicted cluster, so the samples show distinct
// mistakes. Within a cluster, `a` comes from its largest truth entity and `b` from the next
// largest other one (ties: earlier in the truth file), each the first such record in file order.
// Clusters are taken in the order of a fixed hash of their golden_id, which spreads samples over
// the whole file without randomness: the same inputs always give the same samples.
// O(n) time and memory plus a sort of each sampled cluster. Missing records are singletons, as in
// Evaluate().
std::vector<ErrorSample> SampleFalseMerges(const TruthTable& truth, const Crosswalk& crosswalk,
                                           size_t max);

// Up to `max` missed matches, at most one per truth entity: `a` from the entity's largest
// predicted cluster, `b` from another one; otherwise as SampleFalseMerges().
std::vector<ErrorSample> SampleMissedMatches(const TruthTable& truth, const Crosswalk& crosswalk,
                                             size_t max);

}  // namespace idforge::eval
