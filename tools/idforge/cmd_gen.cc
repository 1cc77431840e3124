// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// `idforge gen`: flags in, engine/gen does the work, a summary out.
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <string>

#include "engine/gen/gen.h"
#include "tools/idforge/commands.h"

namespace idforge::cli {

const std::string_view kGenHelp = R"(Usage: idforge gen (--persons N | --records N) --out DIR [--seed S] [--threads N] [--quiet]

Writes the customer exports of one fictional company, as the tools write them, with known truth:
  crm.csv        Salesforce contact extract (UTF-8 BOM, CRLF, every field quoted)
  marketing.csv  Mailchimp audience re-saved with ';' (Address in one cell)
  shop.jsonl     Shopify customers, one JSON object per line, nested default_address
  truth.csv      source,source_id,entity_id for every record
  job.json       the job that reads them: idforge run DIR/job.json --truth DIR/truth.csv
People from five countries (US, FR, GB, DE, ES), each in 0-3 sources and sometimes twice in one,
with typos, nicknames, moves, married names, format noise, missing values and placeholder junk;
households, twins and namesakes as hard negatives. The same seed gives byte-identical files
whatever the thread count.

  --persons N   number of persons (about 1.66 records each)
  --records N   size the data set by records instead: persons = N / records per person
  --out DIR     output directory (created if missing)
  --seed S      random seed (default 1)
  --threads N   worker threads (default: all cores; the output does not depend on it)
  --quiet       print nothing but errors
)";

namespace {

bool ParseUint(std::string_view text, uint64_t& out) {
  const auto result = std::from_chars(text.data(), text.data() + text.size(), out);
  return result.ec == std::errc() && result.ptr == text.data() + text.size();
}

int Usage(const std::string& message) {
  std::fprintf(stderr, "idforge gen: %s\nRun 'idforge gen --help' for the flags.\n", message.c_str());
  return kExitUsage;
}

}  // namespace

int GenCommand(int argc, char** argv) {
  gen::GenerateOptions options;
  uint64_t records = 0;
  bool quiet = false;
  for (int i = 0; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      std::fputs(std::string(kGenHelp).c_str(), stdout);
      return kExitOk;
    }
    if (arg == "--quiet") {
      quiet = true;
      continue;
    }
    if (arg != "--persons" && arg != "--records" && arg != "--out" && arg != "--seed" &&
        arg != "--threads") {
      return Usage("unknown argument '" + std::string(arg) + "'");
    }
    if (i + 1 >= argc) return Usage(std::string(arg) + " needs a value");
    const std::string_view value = argv[++i];
    if (arg == "--out") {
      options.out_dir = std::string(value);
      continue;
    }
    uint64_t number = 0;
    if (!ParseUint(value, number)) {
      return Usage(std::string(arg) + " expects a non-negative integer, got '" + std::string(value) + "'");
    }
    if (arg == "--persons") options.persons = number;
    if (arg == "--records") records = number;
    if (arg == "--seed") options.seed = number;
    if (arg == "--threads") options.threads = static_cast<int>(std::min<uint64_t>(number, 1024));
  }
  if (records > 0) {
    if (options.persons > 0) return Usage("give --persons or --records, not both");
    options.persons = static_cast<uint64_t>(
        std::llround(static_cast<double>(records) / gen::ExpectedRecordsPerPerson(options)));
  }
  if (options.persons == 0) return Usage("--persons N (or --records N) is required");
  if (options.out_dir.empty()) return Usage("--out DIR is required");
  const auto start = std::chrono::steady_clock::now();
  Result<gen::GenerateSummary> summary = gen::Generate(options);
  if (!summary.ok()) {
    std::fprintf(stderr, "idforge gen: %s\n", std::string(summary.status().message()).c_str());
    return summary.status().code() == StatusCode::kInvalidArgument ? kExitUsage : kExitInput;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (quiet) return kExitOk;
  const gen::GenerateSummary& s = *summary;
  std::printf("idforge gen: %llu persons -> %llu records (crm %llu, marketing %llu, shop %llu), "
              "%.1f MB in %.2f s (%.0f records/s)\n",
              static_cast<unsigned long long>(s.persons), static_cast<unsigned long long>(s.records()),
              static_cast<unsigned long long>(s.crm_records),
              static_cast<unsigned long long>(s.marketing_records),
              static_cast<unsigned long long>(s.shop_records),
              static_cast<double>(s.bytes_written) / 1e6, seconds,
              static_cast<double>(s.records()) / seconds);
  std::printf("  hard negatives: %llu households, %llu twins, %llu namesakes; %llu persons in no source\n",
              static_cast<unsigned long long>(s.households), static_cast<unsigned long long>(s.twins),
              static_cast<unsigned long long>(s.namesakes),
              static_cast<unsigned long long>(s.persons_without_records));
  std::printf("  variations (applied / eligible):");
  for (size_t k = 0; k < s.variations.size(); ++k) {
    const gen::VariationCount& v = s.variations[k];
    std::printf("%s %s %.2f%%", k % 4 == 0 ? "\n   " : ",", v.name.c_str(),
                v.eligible ? 100.0 * static_cast<double>(v.applied) / static_cast<double>(v.eligible) : 0.0);
  }
  std::printf("\n  run: idforge run %s/job.json --truth %s/truth.csv\n", options.out_dir.c_str(),
              options.out_dir.c_str());
  return kExitOk;
}

}  // namespace idforge::cli
