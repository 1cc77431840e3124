// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Known identity links: ids that a tool itself records as one person (Salesforce MasterRecordId
// and ConvertedContactId, Segment userId/anonymousId/previousId, Mailchimp EUID, a tool's record
// id seen in two exports). They reach the table as "link:<namespace>" carried columns holding
// space-separated ids; records sharing an id in one namespace are linked, whatever their fields say.
#pragma once

#include <cstdint>
#include <limits>
#include <vector>

#include "engine/common/edge.h"
#include "idforge/record_table.h"

namespace idforge::profiles {

// Strongest possible evidence: sorts first when clustering re-clusters on its strongest links.
inline constexpr float kKnownLinkWeight = std::numeric_limits<float>::max();

struct KnownLinks {
  std::vector<Edge> edges;          // a < b, sorted, unique; weight kKnownLinkWeight
  std::vector<uint32_t> group_of;   // per row: smallest row of its known-link group (empty: none)

  bool SameIdentity(uint32_t a, uint32_t b) const {
    return !group_of.empty() && group_of[a] == group_of[b];
  }
};

// O(n log n) over the ids of every "link:" column. Deterministic (sorted by hash, then row).
KnownLinks FindKnownLinks(const RecordTable& table);

}  // namespace idforge::profiles
