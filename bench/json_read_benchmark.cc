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

namespace idforge {
namespace {

void BM_ReadJsonLines_ShopifyCustomers(benchmark::State& state) {
  static const std::string text = bench::ShopifyJsonLines(/*records=*/250'000, /*seed=*/7);
  // ~110 MB
  bench::RunInMemoryBenchmark(state, text, bench::ShopifyJsonSpec(), read::ReadJsonLines);
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
  bench::RunInMemoryBenchmark(state, text, spec, read::ReadJsonLines);
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
  bench::RunLargeFileBenchmark(state, "IDFORGE_BENCH_JSONL_FILE", "IDFORGE_BENCH_JSONL_BYTES",
                               bench::WriteShopifyJsonLinesFile, bench::ShopifyJsonSpec(),
                               read::ReadJsonLines);
}
BENCHMARK(BM_ReadJsonLinesFile_Large)
    ->Arg(1)
    ->Arg(2)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1)
    ->UseRealTime();

}  // namespace
}  // namespace idforge
