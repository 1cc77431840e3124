// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
#include "tools/idforge/cli.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <algorithm>

#include "engine/job/job_file.h"

namespace idforge::cli {

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
    } else if (arg == "--report-values") {
      args.report_values = true;
    } else if (arg == "--out" || arg == "--truth" || arg == "--model" || arg == "--threads" ||
               arg == "--chunk-kib" || arg == "--model-out" || arg == "--crosswalk" ||
               arg == "--state" || arg == "--export-as") {
      std::optional<std::string> v = value(arg);
      if (!v) return std::string(arg) + " needs a value";
      if (arg == "--out") args.out_dir = *v;
      if (arg == "--truth") args.truth = *v;
      if (arg == "--model") args.model = *v;
      if (arg == "--model-out") args.model_out = *v;
      if (arg == "--crosswalk") args.crosswalk = *v;
      if (arg == "--state") args.state = *v;
      if (arg == "--export-as") {
        size_t start = 0;
        while (start <= v->size()) {
          const size_t comma = std::min(v->find(',', start), v->size());
          if (comma > start) args.export_as.push_back(v->substr(start, comma - start));
          start = comma + 1;
        }
      }
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

namespace {

// 1234 -> "1,234"; progress lines are read by people.
std::string Grouped(uint64_t value) {
  std::string digits = std::to_string(value);
  std::string out;
  for (size_t idx = 0; idx < digits.size(); ++idx) {
    if (idx > 0 && (digits.size() - idx) % 3 == 0) out += ',';
    out += digits[idx];
  }
  return out;
}

// 12345678 -> "12.3M": a live counter needs no more digits.
std::string Short(double value) {
  char buffer[32];
  if (value >= 1e9) std::snprintf(buffer, sizeof(buffer), "%.1fG", value / 1e9);
  else if (value >= 1e6) std::snprintf(buffer, sizeof(buffer), "%.1fM", value / 1e6);
  else if (value >= 1e3) std::snprintf(buffer, sizeof(buffer), "%.1fk", value / 1e3);
  else std::snprintf(buffer, sizeof(buffer), "%.0f", value);
  return buffer;
}

}  // namespace

ProgressCallback MakeProgress(bool quiet) {
  // Live ticks only on a terminal: a CI log gets the one-line-per-stage summary instead.
  if (quiet || !::isatty(STDERR_FILENO)) return nullptr;
  struct State {
    std::string stage;
    uint64_t done = 0;
    std::chrono::steady_clock::time_point started, last;
  };
  return [state = State{}](std::string_view stage, uint64_t done, uint64_t total) mutable {
    const auto now = std::chrono::steady_clock::now();
    if (stage != state.stage || done < state.done) {  // a new stage, or the stage's next file
      state.stage = std::string(stage);
      state.started = now;
      state.last = {};
    }
    state.done = done;
    if (done < total && now - state.last < std::chrono::milliseconds(100)) return;
    state.last = now;
    if (done >= total) {
      std::fprintf(stderr, "\r\033[K");
      std::fflush(stderr);
      return;
    }
    const double elapsed = std::chrono::duration<double>(now - state.started).count();
    const double rate = elapsed > 0 ? static_cast<double>(done) / elapsed : 0;
    const double percent =
        total > 0 ? 100.0 * static_cast<double>(done) / static_cast<double>(total) : 0;
    std::string line = std::string(stage) + ": " + Short(static_cast<double>(done)) + " / " +
                       Short(static_cast<double>(total)) + " (";
    char number[64];
    std::snprintf(number, sizeof(number), "%.1f%%)", percent);
    line += number;
    if (rate > 0 && elapsed >= 0.5) {
      std::snprintf(number, sizeof(number), " · %s/s · ETA %.0f s", Short(rate).c_str(),
                    static_cast<double>(total - done) / rate);
      line += number;
    }
    std::fprintf(stderr, "\r\033[K%s", line.c_str());
    std::fflush(stderr);
  };
}

StageDoneCallback MakeStageDone(bool quiet) {
  if (quiet) return nullptr;
  const bool terminal = ::isatty(STDERR_FILENO) != 0;
  return [terminal](std::string_view stage, double seconds, uint64_t items, std::string_view unit) {
    std::string line = std::string(stage) + ": ";
    if (items > 0) line += Grouped(items) + " " + std::string(unit) + " in ";
    char number[64];
    std::snprintf(number, sizeof(number), "%.2f s", seconds);
    line += number;
    if (items > 0 && seconds > 0) {
      line += " (" + Grouped(static_cast<uint64_t>(static_cast<double>(items) / seconds)) + " " +
              std::string(unit) + "/s)";
    }
    std::fprintf(stderr, "%s%s\n", terminal ? "\r\033[K" : "", line.c_str());
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

RunOptions BaseOptions(std::string_view command, const Args& args) {
  RunOptions options;
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
  Result<JobSpec> job = job::ParseJobFile(job_path);
  if (!job.ok()) return ReportError(command, job.status());
  return RunParsedJob(command, *job, job_path, args);
}

int RunParsedJob(std::string_view command, const JobSpec& job, std::string_view label,
                 const Args& args) {
  // BaseOptions sets the reference date for "birth date in the future": the engine never reads
  // the clock.
  RunOptions options = BaseOptions(command, args);
  options.out_dir = args.out_dir;
  options.truth_path = args.truth;
  options.progress = MakeProgress(args.quiet);
  options.stage_done = MakeStageDone(args.quiet);
  if (args.chunk_kib > 0) options.read.chunk_bytes = args.chunk_kib * 1024;
  options.state_path = args.state;
  options.export_profiles = args.export_as;
  options.report_values = args.report_values;
  Result<RunSummary> summary = RunJob(job, options);
  if (!summary.ok()) return ReportError(command, summary.status());

  if (!args.quiet) {
    std::printf("idforge %s: %s\n", std::string(command).c_str(), std::string(label).c_str());
    for (const SourceSummary& source : summary->sources) {
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


}  // namespace idforge::cli
