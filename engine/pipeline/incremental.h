// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Incremental runs against a persistent identity graph (engine/state): the first run is the batch
// pipeline and saves everything; later runs link only the new, changed and deleted records and
// re-cluster only the entities they touch.
#pragma once

#include "idforge/idforge.h"
#include "idforge/state.h"

namespace idforge::pipeline {

// RunJob with options.state_path set.
Result<RunSummary> RunIncremental(const JobSpec& job, const RunOptions& options);

}  // namespace idforge::pipeline
