// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// ReadJsonLines throughput, decoded bytes to the columnar store (simdjson parsing with UTF-8
// validation, path extraction, mapping, the in-order append): BM_ReadJsonLines_<Input>/<threads>.
// BM_ReadJsonLinesFile_Large reads a multi-GB file end to end when IDFORGE_BENCH_JSONL_FILE names
// it (generated on first use); see bench/RESULTS.md.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "bench/bench_data.h"
#include "engine/common/run_stats.h"
#include "engine/read/json_reader.h"
#include "engine/read/memory_input.h"

namespace idforge {
namespace {

void RunReadJsonLines(benchmark::State& state, const std::string& text, const SourceSpec& spec) {
  const int threads = static_cast<int>(state.range(0));
  uint64_t records = 0;
  for (auto _ : state) {
    ExecContext ctx(threads);
    RecordTable table;
    table.AddSource(SourceInfo{});
    read::MemoryInputStream input(text);
    SourceReadStats stats;
    const Status status = read::ReadJsonLines(spec, input, 0, ReadOptions{}, table, ctx, stats);
    if (!status.ok()) {
      state.SkipWithError(status.ToString().c_str());
      return;
    }
    records = stats.records_read;
    benchmark::DoNotOptimize(table.row_count());
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(text.size()));
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(records));
}

void BM_ReadJsonLines_ShopifyCustomers(benchmark::State& state) {
  static const std::string text = bench::ShopifyJsonLines(/*records=*/250'000, /*seed=*/7);
  RunReadJsonLines(state, text, bench::ShopifyJsonSpec());  // ~110 MB
}
BENCHMARK(BM_ReadJsonLines_ShopifyCustomers)
    ->Arg(1)
    ->Arg(2)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

void BM_ReadJsonLines_ShopifyCustomersIdLess(benchmark::State& state) {
  static const std::string text = bench::ShopifyJsonLines(/*records=*/250'000, /*seed=*/7);
  SourceSpec spec = bench::ShopifyJsonSpec();
  spec.id_column.clear();
  RunReadJsonLines(state, text, spec);
}
BENCHMARK(BM_ReadJsonLines_ShopifyCustomersIdLess)
    ->Arg(1)
    ->Arg(2)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

// File -> store on a large generated file: IDFORGE_BENCH_JSONL_FILE=/tmp/big.jsonl (created with
// IDFORGE_BENCH_JSONL_BYTES bytes, default 1.1 GB, when missing). Reports peak RSS and the store's
// size relative to the input.
void BM_ReadJsonLinesFile_Large(benchmark::State& state) {
  bench::RunLargeFileBenchmark(state, "IDFORGE_BENCH_JSONL_FILE", "IDFORGE_BENCH_JSONL_BYTES", bench::WriteShopifyJsonLinesFile, bench::ShopifyJsonSpec(), read::ReadJsonLines);
}
BENCHMARK(BM_ReadJsonLinesFile_Large)
    ->Arg(1)
    ->Arg(2)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1)
    ->UseRealTime();

}  // namespace
}  // namespace idforge
