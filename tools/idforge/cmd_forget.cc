// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// `idforge forget`: erasure of records from an incremental-run state (GDPR Art. 17 / CCPA). The
// engine does the work (ForgetRecords in idforge/state.h); this file parses flags and prints.
#include <cstdio>
#include <ctime>
#include <fstream>
#include <string>
#include <vector>

#include "idforge/state.h"
#include "tools/idforge/commands.h"

namespace idforge::cli {

const std::string_view kForgetHelp = R"(Usage: idforge forget STATE.db --source S --id X
       idforge forget STATE.db --ids FILE.csv

Erases records and everything derived from them (raw and normalized values, blocking keys, match
links, golden values they provided) from an incremental-run state, re-clusters and recomputes the
entities they belonged to, and logs the erasure with counts only. All or nothing: one transaction.

Options:
  --source S --id X   one record: its source name and its id in that source
  --ids FILE.csv      many records: lines "source,source_id" (a header line is allowed)
  --out DIR           also rewrite golden.csv, golden_provenance.csv, crosswalk.csv, model.json
                      and changes.csv in DIR from the state (else the next run writes them)
  --threads N         worker threads (default: all cores)

Exit codes: 0 done, 1 usage error, 2 state file or input problem, 3 internal error.
)";

namespace {

// Splits one CSV line (RFC 4180 quotes) into fields.
std::vector<std::string> SplitCsvLine(const std::string& line) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        fields.back().push_back('"');
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        fields.back().push_back(c);
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields.emplace_back();
    } else if (c != '\r') {
      fields.back().push_back(c);
    }
  }
  return fields;
}

int Usage(const std::string& message) {
  std::fprintf(stderr, "idforge forget: %s\nRun `idforge forget --help` for usage.\n", message.c_str());
  return kExitUsage;
}

}  // namespace

int ForgetCommand(int argc, char** argv) {
  ForgetOptions options;
  std::string source;
  std::string id;
  std::string ids_path;
  for (int i = 0; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      std::fputs(std::string(kForgetHelp).c_str(), stdout);
      return kExitOk;
    }
    const bool takes_value = arg == "--source" || arg == "--id" || arg == "--ids" || arg == "--out" ||
                             arg == "--threads";
    if (takes_value) {
      if (i + 1 >= argc) return Usage(std::string(arg) + " needs a value");
      const std::string value = argv[++i];
      if (arg == "--source") source = value;
      if (arg == "--id") id = value;
      if (arg == "--ids") ids_path = value;
      if (arg == "--out") options.out_dir = value;
      if (arg == "--threads") {
        char* end = nullptr;
        const long threads = std::strtol(value.c_str(), &end, 10);
        if (end == value.c_str() || *end != '\0' || threads < 0 || threads > 1024) {
          return Usage("--threads expects a number of threads, found \"" + value + "\"");
        }
        options.threads = static_cast<int>(threads);
      }
    } else if (!arg.empty() && arg[0] == '-') {
      return Usage("unknown option " + std::string(arg));
    } else if (options.state_path.empty()) {
      options.state_path = std::string(arg);
    } else {
      return Usage("one state file only (found \"" + std::string(arg) + "\" too)");
    }
  }
  if (options.state_path.empty()) return Usage("missing STATE.db");
  if (source.empty() != id.empty()) return Usage("--source and --id go together");
  if (source.empty() && ids_path.empty()) return Usage("name the records: --source S --id X, or --ids FILE.csv");
  if (!source.empty()) options.records.push_back({source, id});
  if (!ids_path.empty()) {
    std::ifstream in(ids_path, std::ios::binary);
    if (!in) {
      std::fprintf(stderr, "idforge forget: %s: cannot open the list of records\n", ids_path.c_str());
      return kExitInput;
    }
    std::string line;
    uint64_t line_number = 0;
    while (std::getline(in, line)) {
      ++line_number;
      const std::vector<std::string> fields = SplitCsvLine(line);
      if (fields.size() == 1 && fields[0].empty()) continue;
      if (line_number == 1 && fields.size() >= 2 && fields[0] == "source" && fields[1] == "source_id") continue;
      if (fields.size() < 2 || fields[0].empty()) {
        std::fprintf(stderr, "idforge forget: %s:%llu: expected \"source,source_id\"\n", ids_path.c_str(),
                     static_cast<unsigned long long>(line_number));
        return kExitInput;
      }
      options.records.push_back({fields[0], fields[1]});
    }
  }
  // The erasure log's date; the engine never reads the clock.
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char today[16];
  std::strftime(today, sizeof(today), "%Y-%m-%d", &utc);
  options.today = today;

  Result<ForgetSummary> summary = ForgetRecords(options);
  if (!summary.ok()) {
    std::fprintf(stderr, "idforge forget: %s\n", std::string(summary.status().message()).c_str());
    return summary.status().code() == StatusCode::kInternal ? kExitInternal : kExitInput;
  }
  std::printf("erased %llu record(s); %llu not found; %llu entit%s recomputed\n",
              static_cast<unsigned long long>(summary->records_erased),
              static_cast<unsigned long long>(summary->records_not_found),
              static_cast<unsigned long long>(summary->entities_recomputed),
              summary->entities_recomputed == 1 ? "y" : "ies");
  for (const std::string& path : summary->files_written) std::printf("  wrote %s\n", path.c_str());
  return kExitOk;
}

}  // namespace idforge::cli
