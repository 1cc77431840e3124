// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
#include <cstdio>

#include "tools/idforge/commands.h"

namespace idforge::cli {

const std::string_view kProfileHelp = R"(Usage: idforge profile JOB.json [--out DIR]

Data-quality audit of the inputs (fill rates, validity, junk, duplicates), without matching.
)";

int ProfileCommand(const Args& args) {
  (void)args;
  std::fprintf(stderr, "idforge profile: not available yet: it arrives with issue #6 (audit reports).\n");
  return kExitUsage;
}

}  // namespace idforge::cli
