// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
#include <cstdio>
#include <string>

#include "tools/idforge/commands.h"

namespace idforge::cli {

const std::string_view kGenHelp = R"(Usage: idforge gen --persons N --out DIR [--seed S]

Writes synthetic multi-source exports (CRM, email marketing, shop) with a truth file and a job.
)";

int GenCommand(int argc, char** argv) {
  for (int i = 0; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      std::fputs(std::string(kGenHelp).c_str(), stdout);
      return kExitOk;
    }
  }
  std::fprintf(stderr, "idforge gen: not available yet: it arrives with issue #7 (benchmarking at scale).\n");
  return kExitUsage;
}

}  // namespace idforge::cli
