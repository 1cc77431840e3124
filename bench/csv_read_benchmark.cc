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
#include "engine/read/memory_input.h"

namespace idforge {
namespace {

void RunReadCsv(benchmark::State& state, const std::string& csv, const SourceSpec& spec) {
  const int threads = static_cast<int>(state.range(0));
  uint64_t records = 0;
  for (auto _ : state) {
    ExecContext ctx(threads);
    RecordTable table;
    table.AddSource(SourceInfo{});
    read::MemoryInputStream input(csv);
    SourceReadStats stats;
    const Status status = read::ReadCsv(spec, input, 0, ReadOptions{}, table, ctx, stats);
    if (!status.ok()) {
      state.SkipWithError(status.ToString().c_str());
      return;
    }
    records = stats.records_read;
    benchmark::DoNotOptimize(table.row_count());
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(csv.size()));
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(records));
}

void BM_ReadCsv_CustomerExport(benchmark::State& state) {
  static const std::string csv = bench::CustomerCsv(/*rows=*/500'000, /*seed=*/7);  // ~95 MB
  RunReadCsv(state, csv, bench::CustomerCsvSpec());
}
BENCHMARK(BM_ReadCsv_CustomerExport)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_ReadCsv_CustomerExportIdLess(benchmark::State& state) {
  static const std::string csv = bench::CustomerCsv(/*rows=*/500'000, /*seed=*/7);
  SourceSpec spec = bench::CustomerCsvSpec();
  spec.id_column.clear();
  RunReadCsv(state, csv, spec);
}
BENCHMARK(BM_ReadCsv_CustomerExportIdLess)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)
    ->UseRealTime();

// File -> store on a large generated file: IDFORGE_BENCH_CSV_FILE=/tmp/big.csv (created with
// IDFORGE_BENCH_CSV_BYTES bytes, default 1.1 GB, when missing). Reports peak RSS and the store's
// size relative to the input.
void BM_ReadCsvFile_Large(benchmark::State& state) {
  bench::RunLargeFileBenchmark(state, "IDFORGE_BENCH_CSV_FILE", "IDFORGE_BENCH_CSV_BYTES", bench::WriteCustomerCsvFile, bench::CustomerCsvSpec(), read::ReadCsv);
}
BENCHMARK(BM_ReadCsvFile_Large)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->Iterations(1)
    ->UseRealTime();

}  // namespace
}  // namespace idforge
