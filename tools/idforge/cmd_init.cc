// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
#include <cstdio>

#include "tools/idforge/commands.h"

namespace idforge::cli {

const std::string_view kInitHelp = R"(Usage: idforge init FILE [FILE...]

Prints the job file a zero-config run would use for these exports, to edit and keep.
)";

int InitCommand(const Args& args) {
  (void)args;
  std::fprintf(stderr, "idforge init: not available yet: it arrives with issue #9.\n");
  return kExitUsage;
}

int ZeroConfigRunCommand(const Args& args) {
  (void)args;
  std::fprintf(stderr,
               "idforge run: zero-config runs on raw exports (no job file) arrive with issue #9 "
               "(export profiles); write a job file for now (see SPEC.md, or "
               "datasets/sample/job.json)\n");
  return kExitUsage;
}

}  // namespace idforge::cli
