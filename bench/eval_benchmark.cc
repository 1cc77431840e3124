// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// The evaluate stage (engine/eval) on a synthetic run shaped like `idforge gen`'s: three sources,
// entities of 1-4 records, a truth file in entity order and a crosswalk in source order with a few
// false merges and splits. BM_EvaluateStage is what `idforge run --truth` times as "evaluate".
//
//   eval_benchmark --benchmark_filter=Stage
//   IDFORGE_BENCH_TRUTH=t.csv IDFORGE_BENCH_CROSSWALK=c.csv eval_benchmark  # on real files
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "engine/eval/labels.h"
#include "engine/eval/metrics.h"
#include "engine/eval/samples.h"

namespace idforge::eval {
namespace {

struct Row {
  std::string source;
  std::string source_id;
  std::string label;
};

struct Run {
  std::string truth_path;      // written once, removed at exit
  std::vector<Row> crosswalk;  // in source order, as the pipeline adds them
};

std::string SourceId(int source, uint64_t n) {
  char buffer[32];
  if (source == 0) {
    std::snprintf(buffer, sizeof(buffer), "0035g%010lluAAA", static_cast<unsigned long long>(n));
  } else if (source == 1) {
    std::snprintf(buffer, sizeof(buffer), "%llu", static_cast<unsigned long long>(100000000 + n));
  } else {
    std::snprintf(buffer, sizeof(buffer), "%llu",
                  static_cast<unsigned long long>(6000000000000 + n));
  }
  return buffer;
}

// `records` records of entities of 1-4 records; 3 % of the records are split off into their own
// cluster and 2 % of the entities are merged with the next one.
Run MakeRun(uint64_t records, uint64_t seed) {
  static const char* const kSources[] = {"crm", "marketing", "shop"};
  std::mt19937_64 rng(seed);
  std::vector<Row> truth;
  std::vector<std::vector<Row>> by_source(3);
  uint64_t entity = 0;
  std::string golden;
  while (truth.size() < records) {
    const uint64_t size = 1 + rng() % 4;
    ++entity;
    if (rng() % 50 != 0) {
      char buffer[32];
      std::snprintf(buffer, sizeof(buffer), "g%016llx", static_cast<unsigned long long>(rng()));
      golden = buffer;
    }
    for (uint64_t member = 0; member < size && truth.size() < records; ++member) {
      const int source = static_cast<int>(rng() % 3);
      Row row{kSources[source], SourceId(source, truth.size()), "P" + std::to_string(entity)};
      truth.push_back(row);
      row.label = rng() % 33 == 0 ? "s" + row.source_id : golden;
      by_source[static_cast<size_t>(source)].push_back(std::move(row));
    }
  }
  Run run;
  for (std::vector<Row>& rows : by_source) {
    for (Row& row : rows) run.crosswalk.push_back(std::move(row));
  }
  run.truth_path =
      (std::filesystem::temp_directory_path() /
       ("idforge_eval_bench_" + std::to_string(getpid()) + "_" + std::to_string(records) + ".csv"))
          .string();
  std::string text = "source,source_id,entity_id\n";
  for (const Row& row : truth) text += row.source + "," + row.source_id + "," + row.label + "\n";
  std::FILE* file = std::fopen(run.truth_path.c_str(), "wb");
  if (file != nullptr) {
    std::fwrite(text.data(), 1, text.size(), file);
    std::fclose(file);
  }
  return run;
}

// One run per size for the whole process; the truth file is removed at exit.
const Run& SharedRun(uint64_t records) {
  struct Cache {
    std::vector<std::pair<uint64_t, Run>> runs;
    ~Cache() {
      for (const auto& [size, run] : runs) std::remove(run.truth_path.c_str());
    }
  };
  static Cache cache;
  for (const auto& [size, run] : cache.runs) {
    if (size == records) return run;
  }
  cache.runs.emplace_back(records, MakeRun(records, /*seed=*/7));
  return cache.runs.back().second;
}

Crosswalk BuildCrosswalk(const std::vector<Row>& rows) {
  Crosswalk crosswalk;
  for (const Row& row : rows) {
    if (!crosswalk.Add(row.source, row.source_id, row.label).ok()) std::abort();
  }
  return crosswalk;
}

TruthTable MustLoadTruth(const std::string& path) {
  Result<TruthTable> truth = LoadTruth(path);
  if (!truth.ok()) std::abort();
  return *std::move(truth);
}

void BM_LoadTruth_Synthetic(benchmark::State& state) {
  const Run& run = SharedRun(static_cast<uint64_t>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(MustLoadTruth(run.truth_path).size());
  state.SetItemsProcessed(state.iterations() * state.range(0));
  state.SetBytesProcessed(state.iterations() *
                          static_cast<int64_t>(std::filesystem::file_size(run.truth_path)));
}
BENCHMARK(BM_LoadTruth_Synthetic)->Arg(1'000'000)->Unit(benchmark::kMillisecond);

void BM_CrosswalkAdd_Synthetic(benchmark::State& state) {
  const Run& run = SharedRun(static_cast<uint64_t>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(BuildCrosswalk(run.crosswalk).size());
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_CrosswalkAdd_Synthetic)->Arg(1'000'000)->Unit(benchmark::kMillisecond);

void BM_Evaluate_Synthetic(benchmark::State& state) {
  const Run& run = SharedRun(static_cast<uint64_t>(state.range(0)));
  const TruthTable truth = MustLoadTruth(run.truth_path);
  const Crosswalk crosswalk = BuildCrosswalk(run.crosswalk);
  for (auto _ : state) benchmark::DoNotOptimize(Evaluate(truth, crosswalk).pairwise.f1);
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_Evaluate_Synthetic)->Arg(1'000'000)->Unit(benchmark::kMillisecond);

void BM_SampleFalseMerges_Synthetic(benchmark::State& state) {
  const Run& run = SharedRun(static_cast<uint64_t>(state.range(0)));
  const TruthTable truth = MustLoadTruth(run.truth_path);
  const Crosswalk crosswalk = BuildCrosswalk(run.crosswalk);
  for (auto _ : state) benchmark::DoNotOptimize(SampleFalseMerges(truth, crosswalk, 20).size());
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_SampleFalseMerges_Synthetic)->Arg(1'000'000)->Unit(benchmark::kMillisecond);

// Everything `idforge run --truth` times as "evaluate" (engine/pipeline EvaluateRun()).
void RunStage(benchmark::State& state, const std::string& truth_path,
              const std::vector<Row>& crosswalk_rows) {
  for (auto _ : state) {
    const TruthTable truth = MustLoadTruth(truth_path);
    const Crosswalk crosswalk = BuildCrosswalk(crosswalk_rows);
    benchmark::DoNotOptimize(Evaluate(truth, crosswalk).pairwise.f1);
    benchmark::DoNotOptimize(SampleFalseMerges(truth, crosswalk, 20).size());
    benchmark::DoNotOptimize(SampleMissedMatches(truth, crosswalk, 20).size());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(crosswalk_rows.size()));
}

void BM_EvaluateStage_Synthetic(benchmark::State& state) {
  const Run& run = SharedRun(static_cast<uint64_t>(state.range(0)));
  RunStage(state, run.truth_path, run.crosswalk);
}
BENCHMARK(BM_EvaluateStage_Synthetic)->Arg(100'000)->Arg(1'000'000)->Unit(benchmark::kMillisecond);

// The same on the files named by IDFORGE_BENCH_TRUTH and IDFORGE_BENCH_CROSSWALK (a run's
// crosswalk.csv), e.g. bench/e2e's data sets; skipped when they are not set.
void BM_EvaluateStage_Files(benchmark::State& state) {
  const char* truth_path = std::getenv("IDFORGE_BENCH_TRUTH");
  const char* crosswalk_path = std::getenv("IDFORGE_BENCH_CROSSWALK");
  if (truth_path == nullptr || crosswalk_path == nullptr) {
    state.SkipWithError("set IDFORGE_BENCH_TRUTH and IDFORGE_BENCH_CROSSWALK");
    return;
  }
  Result<Crosswalk> loaded = LoadCrosswalk(crosswalk_path);
  if (!loaded.ok()) {
    state.SkipWithError(loaded.status().ToString().c_str());
    return;
  }
  std::vector<Row> rows;
  for (uint32_t row = 0; row < loaded->size(); ++row) {
    rows.push_back({std::string(loaded->source(row)), std::string(loaded->source_id(row)),
                    std::string(loaded->label_name(loaded->label(row)))});
  }
  RunStage(state, truth_path, rows);
}
BENCHMARK(BM_EvaluateStage_Files)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace idforge::eval
