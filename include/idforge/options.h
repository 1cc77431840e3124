// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// The job: which sources to read, how their columns map onto the canonical schema, and where the
// outputs go. Built by ParseJobFile() from a job file (SPEC.md), or by hand when embedding.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "idforge/record_table.h"

namespace idforge {

enum class InputFormat : uint8_t { kAuto, kCsv, kJsonl, kJson };
enum class Compression : uint8_t { kAuto, kNone, kGzip, kZstd };
enum class Encoding : uint8_t { kUtf8, kLatin1 };
enum class OnError : uint8_t { kReject, kFail };

std::string_view InputFormatName(InputFormat format);

// Where a canonical or carried field comes from in one source.
struct FieldMapping {
  // Column names (CSV) or dotted paths (JSON); several are joined with one space.
  std::vector<std::string> columns;
  // strftime-style format for dates ("%d/%m/%Y"); empty = detect.
  std::string format;
};

struct SourceSpec {
  std::string name;  // unique in the job; appears in every output
  std::string path;  // as resolved against the job file's directory
  InputFormat format = InputFormat::kAuto;
  Compression compression = Compression::kAuto;
  Encoding encoding = Encoding::kUtf8;
  std::optional<char> delimiter;  // CSV; detected among , ; \t | when absent
  bool trim = false;              // CSV: strip spaces around fields (FEBRL's ", " separator)
  std::string id_column;          // empty: the key is the 1-based record number
  std::string updated_at_column;  // empty: no recency
  std::string default_country;    // ISO 3166 alpha-2
  int32_t priority = 0;
  std::string profile;  // export profile name, when the source uses one instead of `fields`
  std::array<std::optional<FieldMapping>, kFieldCount> fields;
  std::vector<std::pair<std::string, FieldMapping>> extras;  // carried, not matched
  // Incremental runs (--state): a full snapshot (records absent from it are deleted) or a delta
  // (new and changed records only). A delta deletes the ids listed in `deletions_path` (a CSV
  // whose first column is the id; resolved like `path`) and the rows whose `tombstone_column`
  // holds a truthy value (1, true, yes, y, t, deleted).
  bool delta = false;
  std::string deletions_path;
  std::string tombstone_column;

  const std::optional<FieldMapping>& field(Field f) const {
    return fields[static_cast<size_t>(f)];
  }
};

struct OutputSpec {
  std::string dir = "out";  // resolved against the job file's directory
  bool pairs = false;
  std::vector<std::string> profiles;
  // "output.formats": golden records as golden.csv ("csv", the default) and/or golden.jsonl
  // ("jsonl"). The other outputs are always CSV/JSON.
  bool golden_csv = true;
  bool golden_jsonl = false;
};

// Reading knobs that a job file does not set but tests and benchmarks do.
struct ReadOptions {
  // Decoded bytes per parse task. Any value gives the same table; it only changes parallelism.
  size_t chunk_bytes = size_t{4} << 20;
  // Decoded bytes held in memory at once per source (bounded memory on big inputs).
  size_t window_bytes = size_t{64} << 20;
  OnError on_error = OnError::kReject;
};

struct JobSpec {
  std::string job_path;  // the job file, for messages
  std::vector<SourceSpec> sources;
  OutputSpec output;
  OnError on_error = OnError::kReject;
  // The job's "matching" and "survivorship" objects as JSON text ("{}" when absent); parsed by
  // the stages that own them.
  std::string matching_json = "{}";
  std::string survivorship_json = "{}";
};

}  // namespace idforge
