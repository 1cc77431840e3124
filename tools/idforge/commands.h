// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// One function per CLI command, each in its own file (cmd_*.cc, commands.cc). Commands that own
// flags the others don't (gen, forget) parse their own argv and print their own --help.
#pragma once

#include <string_view>

#include "tools/idforge/cli.h"

namespace idforge::cli {

int TrainCommand(const Args& args);    // commands.cc
int ExplainCommand(const Args& args);  // commands.cc
int EvalCommand(const Args& args);     // commands.cc

// cmd_profile.cc: `idforge profile JOB.json`.
extern const std::string_view kProfileHelp;
int ProfileCommand(const Args& args);

// cmd_init.cc: `idforge init FILE...` and `idforge run FILE...` (no job file).
extern const std::string_view kInitHelp;
int InitCommand(const Args& args);
int ZeroConfigRunCommand(const Args& args);

// cmd_gen.cc: `idforge gen`; argv holds the arguments after "gen".
extern const std::string_view kGenHelp;
int GenCommand(int argc, char** argv);

// cmd_forget.cc: `idforge forget STATE.db ...`; argv holds the arguments after "forget".
extern const std::string_view kForgetHelp;
int ForgetCommand(int argc, char** argv);

}  // namespace idforge::cli
