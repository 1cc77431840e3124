// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// The idforge command line: finds the command, prints its help, and dispatches to its file
// (commands.h). The CLI is the only code of the project that prints, exits or reads the
// environment.
#include <cstdio>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tools/idforge/cli.h"
#include "tools/idforge/commands.h"

namespace idforge::cli {
namespace {

constexpr std::string_view kUsage = R"(idforge — identity resolution and deduplication of customer data

Usage:
  idforge run JOB.json [--out DIR] [--threads N] [--model MODEL.json] [--truth TRUTH.csv] [--quiet]
  idforge run FILE [FILE...] [--out DIR] ...      no job file: detect formats and export profiles
  idforge init FILE [FILE...]                     print the job file a zero-config run would use
  idforge profile JOB.json [--out DIR]            data-quality audit of the inputs, no matching
  idforge train JOB.json --model-out MODEL.json   estimate the match model (no labels needed)
  idforge explain JOB.json SOURCE:ID SOURCE:ID    why two records do or don't match
  idforge eval --truth TRUTH.csv --crosswalk CROSSWALK.csv
  idforge gen --persons N --out DIR [--seed S]    synthetic multi-source exports with ground truth
  idforge forget STATE.db --source S --id X       erase records from an incremental-run state
  idforge demo [--out DIR]                        `run` on the bundled sample in datasets/sample

Run `idforge COMMAND --help` for the options of a command.
Exit status: 0 success; 1 usage or job-file error; 2 input error made fatal by "on_error": "fail"
(or an unreadable input); 3 internal error.
)";

struct CommandHelp {
  std::string_view name;
  const std::string_view* text;
};

constexpr std::string_view kRunHelp = R"(Usage: idforge run JOB.json [options]
       idforge run FILE [FILE...] [options]

Reads every source of the job, standardizes, matches and clusters the records, and writes the
outputs of SPEC.md into the output directory (the job's "output.dir", or --out).

Without a job file, each FILE (a raw export: HubSpot, Salesforce, Mailchimp, Shopify, Klaviyo,
Stripe, Segment, or any CSV/JSON with common header names) is sniffed (format, compression,
delimiter, encoding) and mapped by the export profile that fits it best; the chosen profile, its
confidence, close runner-ups and unmapped columns are printed. Outputs go to idforge-out/ unless
--out is given. `idforge init FILE...` prints the job file used, to edit and keep.

Options:
  --out DIR        output directory (overrides the job's output.dir)
  --threads N      worker threads (default: all cores); results do not depend on it
  --model FILE     use this match model instead of training one
  --truth FILE     truth CSV (source,source_id,entity_id): adds precision/recall to the report
  --quiet          no progress output
  --chunk-kib N    parse chunk size in KiB (tuning; results do not depend on it)
  --export-as LIST also write the golden records as import files: hubspot, salesforce,
                   mailchimp, shopify, klaviyo, generic (CSV), jsonl (export_<name>.csv)
)";

constexpr std::string_view kDemoHelp = R"(Usage: idforge demo [--out DIR] [--threads N] [--quiet]

Runs `idforge run` on the bundled sample (datasets/sample/job.json: a CRM CSV, an email-marketing
CSV and a shop JSON-lines file) and prints where the outputs were written.
Default output directory: ./idforge-demo-out
)";

constexpr std::string_view kTrainHelp = R"(Usage: idforge train JOB.json --model-out MODEL.json

Estimates the Fellegi-Sunter match model without labels (u from random pairs, m by EM on the
blocked pairs, the prior from the candidates) and writes it as JSON: each comparison's levels with
m, u and Bayes factor. `idforge run JOB.json --model MODEL.json` reuses it without retraining.

Options:
  --model-out FILE  where to write the model (required)
  --threads N       worker threads (default: all cores)
)";

constexpr std::string_view kExplainHelp = R"(Usage: idforge explain JOB.json SOURCE:ID SOURCE:ID

Shows, field by field, why two records do or don't match: raw and normalized values, the
comparison level, its weight in bits, the prior, the total, the match probability, and which
blocking rules propose the pair. Example: idforge explain job.json crm:0035g00000A6IDYAA3 shop:42

Options:
  --model FILE   explain with this model instead of training one
  --threads N    worker threads (default: all cores)
)";

constexpr std::string_view kEvalHelp = R"(Usage: idforge eval --truth TRUTH.csv --crosswalk CROSSWALK.csv

Pairwise and B-cubed precision/recall/F1 of a crosswalk (source,source_id,golden_id,...) against
a truth file (source,source_id,entity_id), with a few false merges and missed matches to inspect.
Records in only one of the files count as singletons on the other side.
)";

const CommandHelp kCommands[] = {
    {"run", &kRunHelp},
    {"demo", &kDemoHelp},
    {"train", &kTrainHelp},
    {"explain", &kExplainHelp},
    {"eval", &kEvalHelp},
    {"init", &kInitHelp},
    {"profile", &kProfileHelp},
    {"gen", &kGenHelp},
    {"forget", &kForgetHelp},
};

const CommandHelp* FindCommand(std::string_view name) {
  for (const CommandHelp& command : kCommands) {
    if (command.name == name) return &command;
  }
  return nullptr;
}

// The bundled sample: installed copy first, then the source tree this binary was built from,
// then the current directory.
std::optional<std::string> FindSampleJob(const char* argv0) {
  std::vector<std::filesystem::path> candidates;
  std::error_code error;
  const auto exe = std::filesystem::canonical("/proc/self/exe", error);
  if (!error) candidates.push_back(exe.parent_path().parent_path() / "share/idforge/sample/job.json");
  (void)argv0;
#ifdef IDFORGE_SOURCE_DIR
  candidates.push_back(std::filesystem::path(IDFORGE_SOURCE_DIR) / "datasets/sample/job.json");
#endif
  candidates.push_back(std::filesystem::current_path() / "datasets/sample/job.json");
  for (const auto& candidate : candidates) {
    if (std::filesystem::is_regular_file(candidate, error)) return candidate.string();
  }
  return std::nullopt;
}

bool StartsWithJsonArray(const std::string& path) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) return false;  // RunJobFile reports the unreadable file
  int c = 0;
  do {
    c = std::fgetc(file);
  } while (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == 0xEF || c == 0xBB || c == 0xBF);
  std::fclose(file);
  return c == '[';
}

int Main(int argc, char** argv) {
  if (argc < 2) {
    std::fputs(kUsage.data(), stderr);
    return kExitUsage;
  }
  const std::string_view command = argv[1];
  if (command == "--help" || command == "-h" || command == "help") {
    if (argc >= 3) {
      if (const CommandHelp* help = FindCommand(argv[2])) {
        std::fputs(std::string(*help->text).c_str(), stdout);
        return kExitOk;
      }
    }
    std::fputs(kUsage.data(), stdout);
    return kExitOk;
  }
  if (command == "--version" || command == "version") {
    std::printf("idforge %s\n", std::string(kVersion).c_str());
    return kExitOk;
  }
  const CommandHelp* help = FindCommand(command);
  if (help == nullptr) {
    std::fprintf(stderr, "idforge: unknown command \"%s\"\n\n%s", std::string(command).c_str(),
                 kUsage.data());
    return kExitUsage;
  }
  // Commands with flags of their own parse their whole argv.
  if (command == "gen") return GenCommand(argc - 2, argv + 2);
  if (command == "forget") return ForgetCommand(argc - 2, argv + 2);
  Args args;
  if (std::optional<std::string> error = ParseArgs(command, argc - 2, argv + 2, args)) {
    std::fprintf(stderr, "idforge %s: %s\n", std::string(command).c_str(), error->c_str());
    return kExitUsage;
  }
  if (args.help) {
    std::fputs(std::string(*help->text).c_str(), stdout);
    return kExitOk;
  }
  if (command == "train") return TrainCommand(args);
  if (command == "eval") return EvalCommand(args);
  if (command == "explain") return ExplainCommand(args);
  if (command == "profile") return ProfileCommand(args);
  if (command == "init") return InitCommand(args);
  if (command == "demo") {
    if (!args.positional.empty()) {
      std::fprintf(stderr, "idforge demo: takes no file arguments (see `idforge demo --help`)\n");
      return kExitUsage;
    }
    std::optional<std::string> job = FindSampleJob(argv[0]);
    if (!job) {
      std::fprintf(stderr,
                   "idforge demo: the bundled sample (datasets/sample/job.json) was not found; "
                   "run from the repository root or install idforge\n");
      return kExitUsage;
    }
    if (args.out_dir.empty()) args.out_dir = "idforge-demo-out";
    return RunJobFile(command, *job, args);
  }
  // run
  if (args.positional.empty()) {
    std::fprintf(stderr, "idforge run: missing JOB.json (see `idforge run --help`)\n");
    return kExitUsage;
  }
  const std::string& first = args.positional.front();
  // A single .json file is a job file unless it holds a JSON array (an export of records).
  if (args.positional.size() == 1 && first.ends_with(".json") && !StartsWithJsonArray(first)) {
    return RunJobFile(command, first, args);
  }
  return ZeroConfigRunCommand(args);
}

}  // namespace
}  // namespace idforge::cli

int main(int argc, char** argv) {
  using idforge::cli::kExitInternal;
  try {
    return idforge::cli::Main(argc, argv);
  } catch (const std::exception& error) {
    std::fprintf(stderr, "idforge: internal error: %s (please report it)\n", error.what());
    return kExitInternal;
  }
}
