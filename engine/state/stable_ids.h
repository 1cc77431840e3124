// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Which golden id each re-clustered entity keeps. A golden id, once issued, survives as long as
// its entity does: on a merge the oldest id survives and the others are merged into it; on a split
// the part holding most of the old entity's records keeps its id and the other parts get new ids.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace idforge::state {

// An entity as it was before this run.
struct PriorEntity {
  std::string golden_id;
  int64_t created_run = 0;  // older ids win merges; ties go to the smaller golden_id
};

// Per new cluster: (prior entity index, members of the cluster that were in it).
using ClusterOrigins = std::vector<std::vector<std::pair<uint32_t, uint32_t>>>;

struct IdAssignment {
  static constexpr int32_t kNone = -1;
  // Per new cluster: the prior entity whose id it keeps, or kNone (it needs a new id).
  std::vector<int32_t> keeps;
  // Per new cluster with a new id: the prior entity most of its old members came from (a split),
  // or kNone (a created entity: all its records are new).
  std::vector<int32_t> split_from;
  // Per prior entity: the cluster it lives on in (kept or merged into), or kNone (deleted).
  std::vector<int32_t> cluster_of_prior;
};

// O(total parts). Deterministic: ties break on cluster index, creation run, then golden id.
IdAssignment AssignIds(const std::vector<PriorEntity>& prior, const ClusterOrigins& origins);

}  // namespace idforge::state
