// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
#include "engine/state/stable_ids.h"

namespace idforge::state {

IdAssignment AssignIds(const std::vector<PriorEntity>& prior, const ClusterOrigins& origins) {
  const auto older = [&](uint32_t a, uint32_t b) {
    if (prior[a].created_run != prior[b].created_run) return prior[a].created_run < prior[b].created_run;
    return prior[a].golden_id < prior[b].golden_id;
  };
  // Each prior entity's largest part (its claim on a cluster).
  std::vector<int32_t> best(prior.size(), IdAssignment::kNone);
  std::vector<uint32_t> best_count(prior.size(), 0);
  for (size_t cluster = 0; cluster < origins.size(); ++cluster) {
    for (const auto& [entity, count] : origins[cluster]) {
      if (count > best_count[entity]) {  // strict: ties keep the smaller cluster index
        best_count[entity] = count;
        best[entity] = static_cast<int32_t>(cluster);
      }
    }
  }
  IdAssignment out;
  out.keeps.assign(origins.size(), IdAssignment::kNone);
  out.split_from.assign(origins.size(), IdAssignment::kNone);
  out.cluster_of_prior = best;
  for (uint32_t entity = 0; entity < prior.size(); ++entity) {
    if (best[entity] == IdAssignment::kNone) continue;
    int32_t& keeper = out.keeps[static_cast<size_t>(best[entity])];
    if (keeper == IdAssignment::kNone || older(entity, static_cast<uint32_t>(keeper))) {
      keeper = static_cast<int32_t>(entity);
    }
  }
  for (size_t cluster = 0; cluster < origins.size(); ++cluster) {
    if (out.keeps[cluster] != IdAssignment::kNone) continue;
    uint32_t most = 0;
    for (const auto& [entity, count] : origins[cluster]) {
      const auto current = static_cast<uint32_t>(out.split_from[cluster]);
      if (out.split_from[cluster] == IdAssignment::kNone || count > most ||
          (count == most && older(entity, current))) {
        most = count;
        out.split_from[cluster] = static_cast<int32_t>(entity);
      }
    }
  }
  return out;
}

}  // namespace idforge::state
