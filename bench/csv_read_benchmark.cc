// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// ReadCsv throughput, decoded bytes to the columnar store (UTF-8 validation, parsing, mapping,
// the in-order append): BM_ReadCsv_<Input>/<threads>. BM_ReadCsvFile_Large reads a multi-GB file
// end to end when IDFORGE_BENCH_CSV_FILE names it (generated on first use); see bench/RESULTS.md.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "bench/bench_data.h"
#include "engine/common/run_stats.h"
#include "engine/read/csv_reader.h"

namespace idforge {
namespace {

void BM_ReadCsv_CustomerExport(benchmark::State& state) {
  static const std::string csv = bench::CustomerCsv(/*rows=*/500'000, /*seed=*/7);  // ~95 MB
  bench::RunInMemoryBenchmark(state, csv, bench::CustomerCsvSpec(), read::ReadCsv);
}
BENCHMARK(BM_ReadCsv_CustomerExport)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_ReadCsv_CustomerExportIdLess(benchmark::State& state) {
  static const std::string csv = bench::CustomerCsv(/*rows=*/500'000, /*seed=*/7);
  SourceSpec spec = bench::CustomerCsvSpec();
  spec.id_column.clear();
  bench::RunInMemoryBenchmark(state, csv, spec, read::ReadCsv);
}
BENCHMARK(BM_ReadCsv_CustomerExportIdLess)
    ->Arg(1)
    ->Arg(2)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

// File -> store on a large generated file: IDFORGE_BENCH_CSV_FILE=/tmp/big.csv (created with
// IDFORGE_BENCH_CSV_BYTES bytes, default 1.1 GB, when missing). Reports peak RSS and the store's
// size relative to the input.
void BM_ReadCsvFile_Large(benchmark::State& state) {
  bench::RunLargeFileBenchmark(state, "IDFORGE_BENCH_CSV_FILE", "IDFORGE_BENCH_CSV_BYTES",
                               bench::WriteCustomerCsvFile, bench::CustomerCsvSpec(),
                               read::ReadCsv);
}
BENCHMARK(BM_ReadCsvFile_Large)
    ->Arg(1)
    ->Arg(2)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1)
    ->UseRealTime();

}  // namespace
}  // namespace idforge
