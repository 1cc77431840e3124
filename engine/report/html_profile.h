// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// The profile sections of report.html: per field of each source its fill and validity, distinct
// values, top values (masked unless --report-values) and format patterns; exact duplicates within
// and across sources, before any matching.
#pragma once

#include <string>
#include <vector>

#include "engine/common/run_stats.h"

namespace idforge::report {

// Appends the "Field profile" and "Exact duplicates" sections. `names[i]` names source i.
// `expanded`: each source's field table open (profile); else folded in a <details> element, so
// a run's page stays short (no script needed). REQUIRES: stats.profile().ran.
// O(sources² + sources × fields × top values).
void WriteProfileSections(std::string& out, const std::vector<std::string>& names,
                          const RunStats& stats, bool expanded);

}  // namespace idforge::report
