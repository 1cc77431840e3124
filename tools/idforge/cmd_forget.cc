// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
#include <cstdio>
#include <string>

#include "tools/idforge/commands.h"

namespace idforge::cli {

const std::string_view kForgetHelp = R"(Usage: idforge forget STATE.db --source S --id X

Erases records and everything derived from them from an incremental-run state.
)";

int ForgetCommand(int argc, char** argv) {
  for (int i = 0; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      std::fputs(std::string(kForgetHelp).c_str(), stdout);
      return kExitOk;
    }
  }
  std::fprintf(stderr, "idforge forget: not available yet: it arrives with issue #8 (incremental runs).\n");
  return kExitUsage;
}

}  // namespace idforge::cli
