// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// The profile stage (engine/profile) on 1 and 2 threads: a synthetic three-source customer table
// (names, emails, phones, addresses, dates, with realistic cardinalities), normalized once; and,
// when IDFORGE_BENCH_JOB names a job file (e.g. bench/e2e's build/e2e-data/r1M-s1/job.json), the
// job's own sources, read and normalized once. Reports records/s.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "engine/job/job_file.h"
#include "engine/normalize/normalize_table.h"
#include "engine/profile/mask_pattern.h"
#include "engine/profile/profile.h"
#include "engine/read/read_inputs.h"

namespace idforge::profile {
namespace {

struct Tables {
  RecordTable raw;
  NormalizedTable normalized;
};

std::string Pick(std::mt19937_64& rng, const std::vector<std::string>& from) {
  return from[rng() % from.size()];
}

// `count` distinct made-up words of 2-4 syllables, capitalised.
std::vector<std::string> Words(size_t count, uint64_t seed) {
  static const char* const kSyllables[] = {"an", "bel", "cor", "da", "el", "fran", "gu", "hol",
                                           "i",  "jo",  "ka",  "lu", "ma", "nor",  "o",  "pi",
                                           "ro", "sa",  "ti",  "ul", "ve", "wen",  "xa", "zo"};
  std::mt19937_64 rng(seed);
  std::vector<std::string> words;
  for (size_t idx = 0; idx < count; ++idx) {
    std::string word;
    const size_t syllables = 2 + rng() % 3;
    for (size_t s = 0; s < syllables; ++s) word += kSyllables[rng() % std::size(kSyllables)];
    word[0] = static_cast<char>(word[0] - 'a' + 'A');
    words.push_back(std::move(word));
  }
  return words;
}

// Three sources of rows / 3 records each; entities repeat across sources so that the
// cross-source counts find something.
Tables Customers(uint32_t rows, uint64_t seed) {
  std::mt19937_64 rng(seed);
  const std::vector<std::string> firsts = Words(300, seed + 1);
  const std::vector<std::string> lasts = Words(5000, seed + 2);
  const std::vector<std::string> cities = Words(800, seed + 3);
  const std::vector<std::string> companies = Words(2000, seed + 4);
  const std::vector<std::string> domains = {"gmail.com", "yahoo.com", "outlook.com",
                                            "acme.io",   "orange.fr", "web.de"};
  const std::vector<std::string> countries = {"US", "us", "United States", "FR", "GB", "DE"};
  const std::vector<std::string> titles = {"Manager", "Engineer", "VP Sales", "CEO", "Analyst"};
  Tables tables;
  const char* const kSources[] = {"crm", "marketing", "shop"};
  for (const char* name : kSources) tables.raw.AddSource({.name = name, .default_country = "US"});
  for (uint32_t row = 0; row < rows; ++row) {
    const uint16_t source = static_cast<uint16_t>(uint64_t{row} * 3 / rows);
    // A person seen in several sources: the same seed for the same person.
    const uint64_t person = rng() % (rows * 2 / 3 + 1);
    std::mt19937_64 person_rng(person * 7919 + seed);
    const std::string first = Pick(person_rng, firsts);
    const std::string last = Pick(person_rng, lasts);
    char phone[32];
    std::snprintf(phone, sizeof(phone), source == 1 ? "(%03d) %03d-%04d" : "+1 %03d %03d %04d",
                  static_cast<int>(200 + person_rng() % 800), static_cast<int>(person_rng() % 1000),
                  static_cast<int>(person_rng() % 10000));
    char dob[16];
    std::snprintf(dob, sizeof(dob), "%04d-%02d-%02d", static_cast<int>(1940 + person_rng() % 60),
                  static_cast<int>(1 + person_rng() % 12), static_cast<int>(1 + person_rng() % 28));
    std::string email =
        first + "." + last + std::to_string(person % 1000) + "@" + Pick(person_rng, domains);
    const std::string street = std::to_string(1 + person_rng() % 9999) + " " +
                               Pick(person_rng, lasts) + (person_rng() % 2 ? " St" : " Avenue");
    char postcode[8];
    std::snprintf(postcode, sizeof(postcode), "%05d", static_cast<int>(person_rng() % 30000));
    const std::string city = Pick(person_rng, cities);
    const std::string company = Pick(person_rng, companies) + " Inc";
    for (Field field : AllFields()) {
      std::string value;
      switch (field) {
        case Field::kFirstName:
          value = rng() % 10 ? first : "";
          break;
        case Field::kLastName:
          value = last;
          break;
        case Field::kEmail:
          value = rng() % 20 ? email : "";
          break;
        case Field::kPhone:
          value = rng() % 4 ? phone : "";
          break;
        case Field::kStreet:
          value = source != 1 ? street : "";
          break;
        case Field::kCity:
          value = source != 1 ? city : "";
          break;
        case Field::kPostcode:
          value = source != 1 ? postcode : "";
          break;
        case Field::kCountry:
          value = source != 1 ? Pick(rng, countries) : "";
          break;
        case Field::kDob:
          value = source == 0 ? dob : "";
          break;
        case Field::kCompany:
          value = source != 1 && rng() % 3 == 0 ? company : "";
          break;
        case Field::kJobTitle:
          value = source == 0 ? Pick(rng, titles) : "";
          break;
        default:
          break;
      }
      tables.raw.mutable_field(field).Append(value);
    }
    tables.raw.mutable_source_id_column().Append(std::to_string(row));
    tables.raw.mutable_updated_at_column().Append("");
    tables.raw.AppendRowMeta(source, row + 2);
  }
  ExecContext ctx(2);
  normalize::NormalizeOptions options;
  options.today = {2026, 11, 29};
  Result<NormalizedTable> normalized = normalize::NormalizeTable(tables.raw, options, ctx);
  if (!normalized.ok()) std::abort();
  tables.normalized = *std::move(normalized);
  return tables;
}

void RunProfile(benchmark::State& state, const Tables& tables) {
  ExecContext ctx(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    Result<ProfileStats> stats = ProfileTable(tables.raw, tables.normalized, {}, ctx);
    if (!stats.ok()) {
      state.SkipWithError(stats.status().ToString().c_str());
      return;
    }
    benchmark::DoNotOptimize(stats->sources.size());
  }
  state.SetItemsProcessed(state.iterations() * tables.raw.row_count());
}

void BM_ProfileTable_Customers(benchmark::State& state) {
  static const Tables tables = Customers(1'000'000, 7);
  RunProfile(state, tables);
}
BENCHMARK(BM_ProfileTable_Customers)
    ->Arg(1)
    ->Arg(2)
    ->Unit(benchmark::kMillisecond)
    ->MeasureProcessCPUTime()
    ->UseRealTime();

// The job named by IDFORGE_BENCH_JOB, read and normalized once (relative paths as in the job).
void BM_ProfileTable_Job(benchmark::State& state) {
  const char* job_path = std::getenv("IDFORGE_BENCH_JOB");
  if (job_path == nullptr) {
    state.SkipWithError("set IDFORGE_BENCH_JOB to a job file");
    return;
  }
  static const std::unique_ptr<Tables> tables = [&]() -> std::unique_ptr<Tables> {
    Result<JobSpec> job = job::ParseJobFile(job_path);
    if (!job.ok()) return nullptr;
    ExecContext ctx(2);
    ReadOptions read_options;
    read_options.on_error = job->on_error;
    Result<RecordTable> raw = read::ReadInputs(job->sources, read_options, ctx);
    if (!raw.ok()) return nullptr;
    normalize::NormalizeOptions options;
    options.today = {2026, 11, 29};
    Result<NormalizedTable> normalized = normalize::NormalizeTable(*raw, options, ctx);
    if (!normalized.ok()) return nullptr;
    return std::make_unique<Tables>(Tables{*std::move(raw), *std::move(normalized)});
  }();
  if (tables == nullptr) {
    state.SkipWithError("cannot read or normalize IDFORGE_BENCH_JOB");
    return;
  }
  RunProfile(state, *tables);
}
BENCHMARK(BM_ProfileTable_Job)
    ->Arg(1)
    ->Arg(2)
    ->Unit(benchmark::kMillisecond)
    ->MeasureProcessCPUTime()
    ->UseRealTime();

// FormatPattern alone over typical values (names, emails, phones, dates, streets).
void BM_FormatPattern_Mixed(benchmark::State& state) {
  const std::vector<std::string> values = {"Jean-Pierre",       "jean.dupont@gmail.com",
                                           "+33 6 12 34 56 78", "1985-04-12",
                                           "12 rue de la Paix", "Zoë",
                                           "O'Brien",           "(555) 123-4567",
                                           "SW1A 2AA",          "García Márquez"};
  std::string out;
  for (auto _ : state) {
    for (const std::string& value : values) {
      FormatPattern(value, out);
      benchmark::DoNotOptimize(out.data());
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(values.size()));
}
BENCHMARK(BM_FormatPattern_Mixed);

}  // namespace
}  // namespace idforge::profile
