// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// What the batch and the incremental runs both need to set up: output paths and the reference
// date that normalization checks future dates against.
#pragma once

#include <string>
#include <string_view>

#include "engine/normalize/date.h"
#include "idforge/status.h"

namespace idforge::pipeline {

// dir/file, with the platform's separator.
std::string JoinPath(const std::string& dir, std::string_view file);

// "2026-11-29" -> Date; an empty string gives an empty Date (no future-date check).
// Error: not YYYY-MM-DD.
Result<normalize::Date> ParseToday(const std::string& today);

}  // namespace idforge::pipeline
