// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
#include "engine/common/exec_context.h"

#include <oneapi/tbb/info.h>

namespace idforge {

ExecContext::ExecContext(int threads)
    : threads_(threads > 0 ? threads : tbb::info::default_concurrency()), arena_(threads_) {}

}  // namespace idforge
