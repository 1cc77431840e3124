// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// The idforge command line: parses flags, prints, and maps Status codes to exit codes (SPEC.md).
// The only code of the project that prints, exits or reads the environment.
#include <unistd.h>

#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/eval/labels.h"
#include "engine/eval/metrics.h"
#include "engine/eval/samples.h"
#include "engine/job/job_file.h"
#include "idforge/idforge.h"

namespace {

using idforge::Result;
using idforge::Status;
using idforge::StatusCode;

// SPEC.md exit codes.
constexpr int kExitOk = 0;
constexpr int kExitUsage = 1;
constexpr int kExitInput = 2;
constexpr int kExitInternal = 3;

int ExitCodeFor(const Status& status) {
  switch (status.code()) {
    case StatusCode::kOk: return kExitOk;
    case StatusCode::kInvalidArgument:
    case StatusCode::kNotFound: return kExitUsage;
    case StatusCode::kIOError:
    case StatusCode::kCorruptInput:
    case StatusCode::kResourceExhausted:
    case StatusCode::kCancelled: return kExitInput;
    case StatusCode::kInternal: return kExitInternal;
  }
  return kExitInternal;
}

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
  idforge demo [--out DIR]                        `run` on the bundled sample in datasets/sample

Run `idforge COMMAND --help` for the options of a command.
Exit status: 0 success; 1 usage or job-file error; 2 input error made fatal by "on_error": "fail"
(or an unreadable input); 3 internal error.
)";

struct CommandHelp {
  std::string_view name;
  std::string_view text;
  std::string_view pending_issue;  // non-empty: not built yet
};

constexpr CommandHelp kCommands[] = {
    {"run", R"(Usage: idforge run JOB.json [options]

Reads every source of the job, standardizes, matches and clusters the records, and writes the
outputs of SPEC.md into the output directory (the job's "output.dir", or --out).

Options:
  --out DIR        output directory (overrides the job's output.dir)
  --threads N      worker threads (default: all cores); results do not depend on it
  --model FILE     use this match model instead of training one
  --truth FILE     truth CSV (source,source_id,entity_id): adds precision/recall to the report
  --quiet          no progress output
  --chunk-kib N    parse chunk size in KiB (tuning; results do not depend on it)
)", ""},
    {"demo", R"(Usage: idforge demo [--out DIR] [--threads N] [--quiet]

Runs `idforge run` on the bundled sample (datasets/sample/job.json: a CRM CSV, an email-marketing
CSV and a shop JSON-lines file) and prints where the outputs were written.
Default output directory: ./idforge-demo-out
)", ""},
    {"init", R"(Usage: idforge init FILE [FILE...]

Prints the job file a zero-config run would use for these exports, to edit and keep.
)", "#9 (export profiles)"},
    {"profile", R"(Usage: idforge profile JOB.json [--out DIR]

Data-quality audit of the inputs (fill rates, validity, junk, duplicates), without matching.
)", "#6 (audit reports)"},
    {"train", R"(Usage: idforge train JOB.json --model-out MODEL.json

Estimates the Fellegi-Sunter match model without labels (u from random pairs, m by EM on the
blocked pairs, the prior from the candidates) and writes it as JSON: each comparison's levels with
m, u and Bayes factor. `idforge run JOB.json --model MODEL.json` reuses it without retraining.

Options:
  --model-out FILE  where to write the model (required)
  --threads N       worker threads (default: all cores)
)", ""},
    {"explain", R"(Usage: idforge explain JOB.json SOURCE:ID SOURCE:ID

Shows, field by field, why two records do or don't match: raw and normalized values, the
comparison level, its weight in bits, the prior, the total, the match probability, and which
blocking rules propose the pair. Example: idforge explain job.json crm:0035g00000A6IDYAA3 shop:42

Options:
  --model FILE   explain with this model instead of training one
  --threads N    worker threads (default: all cores)
)", ""},
    {"eval", R"(Usage: idforge eval --truth TRUTH.csv --crosswalk CROSSWALK.csv

Pairwise and B-cubed precision/recall/F1 of a crosswalk (source,source_id,golden_id,...) against
a truth file (source,source_id,entity_id), with a few false merges and missed matches to inspect.
Records in only one of the files count as singletons on the other side.
)", ""},
    {"gen", R"(Usage: idforge gen --persons N --out DIR [--seed S]

Writes synthetic multi-source exports (CRM, email marketing, shop) with a truth file and a job.
)", "#7 (benchmarking at scale)"},
};

const CommandHelp* FindCommand(std::string_view name) {
  for (const CommandHelp& command : kCommands) {
    if (command.name == name) return &command;
  }
  return nullptr;
}

struct Args {
  std::vector<std::string> positional;
  std::string out_dir;
  std::string truth;
  std::string model;
  std::string model_out;
  std::string crosswalk;
  int threads = 0;
  size_t chunk_kib = 0;
  bool quiet = false;
  bool help = false;
};

// Parses the flags every matching command shares. Returns an error message on bad usage.
std::optional<std::string> ParseArgs(std::string_view command, int argc, char** argv, Args& args) {
  for (int i = 0; i < argc; ++i) {
    const std::string_view arg = argv[i];
    auto value = [&](std::string_view flag) -> std::optional<std::string> {
      if (i + 1 >= argc) return std::nullopt;
      (void)flag;
      return std::string(argv[++i]);
    };
    if (arg == "--help" || arg == "-h") {
      args.help = true;
    } else if (arg == "--quiet" || arg == "-q") {
      args.quiet = true;
    } else if (arg == "--out" || arg == "--truth" || arg == "--model" || arg == "--threads" ||
               arg == "--chunk-kib" || arg == "--model-out" || arg == "--crosswalk") {
      std::optional<std::string> v = value(arg);
      if (!v) return std::string(arg) + " needs a value";
      if (arg == "--out") args.out_dir = *v;
      if (arg == "--truth") args.truth = *v;
      if (arg == "--model") args.model = *v;
      if (arg == "--model-out") args.model_out = *v;
      if (arg == "--crosswalk") args.crosswalk = *v;
      if (arg == "--threads" || arg == "--chunk-kib") {
        char* end = nullptr;
        const long number = std::strtol(v->c_str(), &end, 10);
        if (end == v->c_str() || *end != '\0' || number < 1 || number > 1'000'000) {
          return std::string(arg) + " expects a positive integer, got \"" + *v + "\"";
        }
        if (arg == "--threads") args.threads = static_cast<int>(number);
        if (arg == "--chunk-kib") args.chunk_kib = static_cast<size_t>(number);
      }
    } else if (arg.starts_with("--")) {
      return "unknown option " + std::string(arg) + " for `idforge " + std::string(command) +
             "` (see `idforge " + std::string(command) + " --help`)";
    } else {
      args.positional.emplace_back(arg);
    }
  }
  return std::nullopt;
}

// Progress on stderr when it is a terminal and not --quiet; nothing in CI logs.
idforge::ProgressCallback MakeProgress(bool quiet) {
  if (quiet || !::isatty(STDERR_FILENO)) return nullptr;
  return [last = std::chrono::steady_clock::time_point{}](std::string_view stage, uint64_t done,
                                                          uint64_t total) mutable {
    const auto now = std::chrono::steady_clock::now();
    if (done < total && now - last < std::chrono::milliseconds(100)) return;
    last = now;
    const double percent = total > 0 ? 100.0 * static_cast<double>(done) / static_cast<double>(total) : 0;
    std::fprintf(stderr, "\r\033[K%.*s: %5.1f%%", static_cast<int>(stage.size()), stage.data(), percent);
    if (done >= total) std::fprintf(stderr, "\r\033[K");
    std::fflush(stderr);
  };
}

std::string HumanBytes(uint64_t bytes) {
  char buffer[32];
  const double mib = static_cast<double>(bytes) / (1024.0 * 1024.0);
  std::snprintf(buffer, sizeof(buffer), "%.1f MiB", mib);
  return buffer;
}

int ReportError(std::string_view command, const Status& status) {
  std::fprintf(stderr, "idforge %.*s: %s\n", static_cast<int>(command.size()), command.data(),
               std::string(status.message()).c_str());
  return ExitCodeFor(status);
}

idforge::RunOptions BaseOptions(std::string_view command, const Args& args) {
  idforge::RunOptions options;
  options.threads = args.threads;
  options.command = std::string(command);
  options.model_path = args.model;
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  char today[16];
  std::strftime(today, sizeof(today), "%Y-%m-%d", &local);
  options.today = today;
  return options;
}

int RunJobFile(std::string_view command, const std::string& job_path, const Args& args) {
  Result<idforge::JobSpec> job = idforge::job::ParseJobFile(job_path);
  if (!job.ok()) return ReportError(command, job.status());
  // BaseOptions sets the reference date for "birth date in the future": the engine never reads
  // the clock.
  idforge::RunOptions options = BaseOptions(command, args);
  options.out_dir = args.out_dir;
  options.truth_path = args.truth;
  options.progress = MakeProgress(args.quiet);
  if (args.chunk_kib > 0) options.read.chunk_bytes = args.chunk_kib * 1024;
  Result<idforge::RunSummary> summary = idforge::RunJob(*job, options);
  if (!summary.ok()) return ReportError(command, summary.status());

  if (!args.quiet) {
    std::printf("idforge %s: %s\n", std::string(command).c_str(), job_path.c_str());
    for (const idforge::SourceSummary& source : summary->sources) {
      std::printf("  %-12s %10llu records read, %10llu accepted, %8llu rejected\n",
                  source.name.c_str(), static_cast<unsigned long long>(source.records_read),
                  static_cast<unsigned long long>(source.accepted),
                  static_cast<unsigned long long>(source.rejected));
    }
    std::printf("  %llu records -> %llu entities (%llu matching pairs)\n",
                static_cast<unsigned long long>(summary->records_accepted),
                static_cast<unsigned long long>(summary->entities),
                static_cast<unsigned long long>(summary->matches));
    if (summary->evaluated) {
      std::printf("  against %s: pairwise precision %.4f, recall %.4f, F1 %.4f; B-cubed F1 %.4f; "
                  "blocking recall %.4f\n",
                  args.truth.c_str(), summary->precision, summary->recall, summary->f1,
                  summary->bcubed_f1, summary->blocking_recall);
    }
    std::printf("  done in %.2f s, peak memory %s\n", summary->seconds,
                HumanBytes(summary->peak_rss_bytes).c_str());
    std::printf("Stages run: ");
    for (size_t i = 0; i < summary->stages_done.size(); ++i) {
      std::printf("%s%s", i ? ", " : "", summary->stages_done[i].c_str());
    }
    std::printf("\n");
    if (!summary->stages_missing.empty()) {
      std::printf("Not built yet (no output is faked for them):\n");
      for (const std::string& stage : summary->stages_missing) std::printf("  - %s\n", stage.c_str());
    }
    std::printf("Outputs written to %s:\n", summary->out_dir.c_str());
    for (const std::string& file : summary->files_written) std::printf("  %s\n", file.c_str());
    if (summary->records_rejected > 0) {
      std::printf("%llu rows were rejected: see rejects.csv (file, line, reason, raw row).\n",
                  static_cast<unsigned long long>(summary->records_rejected));
    }
  }
  return kExitOk;
}

int Train(const Args& args) {
  if (args.positional.size() != 1 || args.model_out.empty()) {
    std::fprintf(stderr, "idforge train: usage: idforge train JOB.json --model-out MODEL.json\n");
    return kExitUsage;
  }
  Result<idforge::JobSpec> job = idforge::job::ParseJobFile(args.positional[0]);
  if (!job.ok()) return ReportError("train", job.status());
  Result<idforge::TrainSummary> summary =
      idforge::TrainJob(*job, BaseOptions("train", args), args.model_out);
  if (!summary.ok()) return ReportError("train", summary.status());
  std::printf("idforge train: %u records, %zu comparisons; prior %.3g; model written to %s\n",
              summary->records, summary->comparisons, summary->prior, summary->model_path.c_str());
  return kExitOk;
}

std::optional<idforge::RecordRef> ParseRecordRef(const std::string& text) {
  const size_t colon = text.find(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == text.size()) return std::nullopt;
  return idforge::RecordRef{text.substr(0, colon), text.substr(colon + 1)};
}

int Explain(const Args& args) {
  if (args.positional.size() != 3) {
    std::fprintf(stderr, "idforge explain: usage: idforge explain JOB.json SOURCE:ID SOURCE:ID\n");
    return kExitUsage;
  }
  const std::optional<idforge::RecordRef> a = ParseRecordRef(args.positional[1]);
  const std::optional<idforge::RecordRef> b = ParseRecordRef(args.positional[2]);
  if (!a || !b) {
    std::fprintf(stderr, "idforge explain: records are SOURCE:ID, e.g. crm:0035g00000A6IDYAA3\n");
    return kExitUsage;
  }
  Result<idforge::JobSpec> job = idforge::job::ParseJobFile(args.positional[0]);
  if (!job.ok()) return ReportError("explain", job.status());
  Result<std::string> text = idforge::ExplainPair(*job, BaseOptions("explain", args), *a, *b);
  if (!text.ok()) return ReportError("explain", text.status());
  std::fputs(text->c_str(), stdout);
  return kExitOk;
}

int Eval(const Args& args) {
  if (args.truth.empty() || args.crosswalk.empty() || !args.positional.empty()) {
    std::fprintf(stderr, "idforge eval: usage: idforge eval --truth TRUTH.csv --crosswalk CROSSWALK.csv\n");
    return kExitUsage;
  }
  Result<idforge::eval::TruthTable> truth = idforge::eval::LoadTruth(args.truth);
  if (!truth.ok()) return ReportError("eval", truth.status());
  Result<idforge::eval::Crosswalk> crosswalk = idforge::eval::LoadCrosswalk(args.crosswalk);
  if (!crosswalk.ok()) return ReportError("eval", crosswalk.status());
  const idforge::eval::Evaluation e = idforge::eval::Evaluate(*truth, *crosswalk);
  std::printf("records %llu (only in truth %llu, only in crosswalk %llu); entities: true %llu, "
              "predicted %llu\n",
              static_cast<unsigned long long>(e.records_evaluated),
              static_cast<unsigned long long>(e.records_only_in_truth),
              static_cast<unsigned long long>(e.records_only_in_crosswalk),
              static_cast<unsigned long long>(e.true_entities),
              static_cast<unsigned long long>(e.predicted_entities));
  std::printf("pairwise: precision %.4f  recall %.4f  F1 %.4f  (TP %llu, FP %llu, FN %llu)\n",
              e.pairwise.precision, e.pairwise.recall, e.pairwise.f1,
              static_cast<unsigned long long>(e.pairwise.true_positives),
              static_cast<unsigned long long>(e.pairwise.false_positives),
              static_cast<unsigned long long>(e.pairwise.false_negatives));
  std::printf("B-cubed:  precision %.4f  recall %.4f  F1 %.4f\n", e.bcubed.precision,
              e.bcubed.recall, e.bcubed.f1);
  auto show = [](const char* title, const std::vector<idforge::eval::ErrorSample>& samples) {
    if (samples.empty()) return;
    std::printf("%s:\n", title);
    for (const auto& sample : samples) {
      std::printf("  %s:%s (entity %s) ~ %s:%s (entity %s)\n", sample.a.source.c_str(),
                  sample.a.source_id.c_str(), sample.a.entity_id.c_str(), sample.b.source.c_str(),
                  sample.b.source_id.c_str(), sample.b.entity_id.c_str());
    }
  };
  show("false merges (sample)", idforge::eval::SampleFalseMerges(*truth, *crosswalk, 5));
  show("missed matches (sample)", idforge::eval::SampleMissedMatches(*truth, *crosswalk, 5));
  return kExitOk;
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

int Main(int argc, char** argv) {
  if (argc < 2) {
    std::fputs(kUsage.data(), stderr);
    return kExitUsage;
  }
  const std::string_view command = argv[1];
  if (command == "--help" || command == "-h" || command == "help") {
    if (argc >= 3) {
      if (const CommandHelp* help = FindCommand(argv[2])) {
        std::fputs(std::string(help->text).c_str(), stdout);
        return kExitOk;
      }
    }
    std::fputs(kUsage.data(), stdout);
    return kExitOk;
  }
  if (command == "--version" || command == "version") {
    std::printf("idforge %s\n", std::string(idforge::kVersion).c_str());
    return kExitOk;
  }
  const CommandHelp* help = FindCommand(command);
  if (help == nullptr) {
    std::fprintf(stderr, "idforge: unknown command \"%s\"\n\n%s", std::string(command).c_str(),
                 kUsage.data());
    return kExitUsage;
  }
  if (!help->pending_issue.empty()) {
    for (int i = 2; i < argc; ++i) {
      if (std::string_view(argv[i]) == "--help" || std::string_view(argv[i]) == "-h") {
        std::fputs(std::string(help->text).c_str(), stdout);
        return kExitOk;
      }
    }
    std::fprintf(stderr, "idforge %s: not available yet: it arrives with issue %s.\n",
                 std::string(command).c_str(), std::string(help->pending_issue).c_str());
    return kExitUsage;
  }
  Args args;
  if (std::optional<std::string> error = ParseArgs(command, argc - 2, argv + 2, args)) {
    std::fprintf(stderr, "idforge %s: %s\n", std::string(command).c_str(), error->c_str());
    return kExitUsage;
  }
  if (args.help) {
    std::fputs(std::string(help->text).c_str(), stdout);
    return kExitOk;
  }
  if (command == "train") return Train(args);
  if (command == "eval") return Eval(args);
  if (command == "explain") return Explain(args);
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
  if (args.positional.size() == 1 && first.ends_with(".json")) {
    return RunJobFile(command, first, args);
  }
  std::fprintf(stderr,
               "idforge run: zero-config runs on raw exports (no job file) arrive with issue #9 "
               "(export profiles); write a job file for now (see SPEC.md, or "
               "datasets/sample/job.json)\n");
  return kExitUsage;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return Main(argc, argv);
  } catch (const std::exception& error) {
    std::fprintf(stderr, "idforge: internal error: %s (please report it)\n", error.what());
    return kExitInternal;
  }
}
