// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Seeded generators of synthetic benchmark inputs (no real personal data, never random_device):
// the same seed gives the same bytes on every machine, so runs are comparable.
#pragma once

#include <benchmark/benchmark.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "engine/common/exec_context.h"
#include "engine/read/input_stream.h"
#include "idforge/options.h"

namespace idforge::bench {

// ---- CSV (read stage) ----

// A CRM-style customer export: a header and `rows` records of 16 columns (id, names, email,
// phone, address parts, dates, free-text notes), about 190 bytes per record. Some values are
// quoted (embedded commas, a few doubled quotes and embedded newlines), CRLF line ends.
std::string CustomerCsv(size_t rows, uint64_t seed);
// Appends records first_row .. first_row + rows - 1 of a CustomerCsv (no header) to `out`.
void AppendCustomerCsvRecords(std::string& out, size_t first_row, size_t rows, uint64_t seed);
// The job mapping used with CustomerCsv: id + 11 mapped columns (a list mapping for street),
// the other columns unmapped.
SourceSpec CustomerCsvSpec();
// Writes a CustomerCsv of at least `bytes` bytes to `path`, streaming; returns the record count.
uint64_t WriteCustomerCsvFile(const std::string& path, uint64_t bytes, uint64_t seed);

// ---- JSON lines (read stage) ----

// A Shopify-customers-like JSON lines export: `records` objects of about 430 bytes with 16
// members, 10 of them strings, a nested default_address object, a tags array, numbers, booleans
// and nulls; a few strings carry \u escapes and non-ASCII names. LF line ends.
std::string ShopifyJsonLines(size_t records, uint64_t seed);
// Appends records first .. first + records - 1 of a ShopifyJsonLines to `out`.
void AppendShopifyJsonRecords(std::string& out, size_t first, size_t records, uint64_t seed);
// The job mapping used with ShopifyJsonLines: id, updated_at and 10 mapped paths (a list mapping
// for street), most of them nested in default_address.
SourceSpec ShopifyJsonSpec();
// Writes a ShopifyJsonLines of at least `bytes` bytes to `path`, streaming; returns the records.
uint64_t WriteShopifyJsonLinesFile(const std::string& path, uint64_t bytes, uint64_t seed);

// The body of a file -> store benchmark on a large generated file: the file named by the
// environment variable `path_env` (created with `write` when missing, `bytes_env` bytes, default
// 1.1 GB) is read by `reader` on state.range(0) threads; reports throughput, peak RSS and the
// store's size relative to the input.
using SourceReader = Status (*)(const SourceSpec&, read::InputStream&, uint16_t, const ReadOptions&,
                                RecordTable&, ExecContext&, SourceReadStats&);
using FileWriter = uint64_t (*)(const std::string& path, uint64_t bytes, uint64_t seed);

// The body of an in-memory read benchmark: `text` is read by `reader` on state.range(0)
// threads into a fresh table per iteration; reports bytes/s and records/s.
void RunInMemoryBenchmark(benchmark::State& state, const std::string& text, const SourceSpec& spec,
                          SourceReader reader);

void RunLargeFileBenchmark(benchmark::State& state, const char* path_env, const char* bytes_env,
                           FileWriter write, const SourceSpec& spec, SourceReader reader);

}  // namespace idforge::bench
