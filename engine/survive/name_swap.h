// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Swapped given and family names ("John Smith" in one record, "Smith John" in another) would
// survive field by field into "Smith Smith". This finds the members whose two names are the
// reverse of what the entity mostly says, so survivorship can leave them out of first/last name.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "engine/common/normalized_table.h"
#include "idforge/record_table.h"

namespace idforge::survive {

// Sets swapped[i] = 1 for member i when other members hold its two (normalized, different)
// names in the opposite order and that orientation has the majority; on a tie the best record
// (lowest source priority, then the latest updated_at per `recency`, then the smallest source
// and source_id) sets the orientation. `swapped` has one entry per member, zeroed by the caller.
// O(m^2) comparisons of short strings for an entity of m members.
void MarkSwappedNames(const RecordTable& raw, const NormalizedTable& norm,
                      const std::vector<int64_t>& recency, std::span<const uint32_t> members,
                      std::vector<uint8_t>& swapped);

}  // namespace idforge::survive
