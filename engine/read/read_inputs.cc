// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
#include "engine/read/read_inputs.h"

#include <algorithm>

#include "engine/read/csv_reader.h"
#include "engine/read/input_stream.h"
#include "engine/read/json_reader.h"

namespace idforge {

std::string_view InputFormatName(InputFormat format) {
  switch (format) {
    case InputFormat::kAuto: return "auto";
    case InputFormat::kCsv: return "csv";
    case InputFormat::kJsonl: return "jsonl";
    case InputFormat::kJson: return "json";
  }
  return "unknown";
}

namespace read {
namespace {

bool EndsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

std::string Lowercase(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string_view CompressionName(Compression compression) {
  switch (compression) {
    case Compression::kGzip: return "gzip";
    case Compression::kZstd: return "zstd";
    default: return "none";
  }
}

}  // namespace

InputFormat ResolveFormat(const SourceSpec& spec) {
  if (spec.format != InputFormat::kAuto) return spec.format;
  std::string path = Lowercase(spec.path);
  for (std::string_view suffix : {".gz", ".zst", ".gzip", ".zstd"}) {
    if (EndsWith(path, suffix)) path.resize(path.size() - suffix.size());
  }
  if (EndsWith(path, ".jsonl") || EndsWith(path, ".ndjson")) return InputFormat::kJsonl;
  if (EndsWith(path, ".json")) return InputFormat::kJson;
  return InputFormat::kCsv;
}

Result<RecordTable> ReadInputs(const std::vector<SourceSpec>& sources, const ReadOptions& options,
                               ExecContext& ctx) {
  // The table's carried fields: the union of every source's, in first-seen order.
  std::vector<std::string> extra_names;
  for (const SourceSpec& spec : sources) {
    for (const auto& [name, mapping] : spec.extras) {
      if (std::find(extra_names.begin(), extra_names.end(), name) == extra_names.end()) {
        extra_names.push_back(name);
      }
    }
  }
  RecordTable table(std::move(extra_names));
  for (const SourceSpec& spec : sources) {
    const uint16_t source_idx = table.AddSource({.name = spec.name,
                                                 .path = spec.path,
                                                 .default_country = spec.default_country,
                                                 .priority = spec.priority,
                                                 .dob_format = spec.field(Field::kDob)
                                                                   ? spec.field(Field::kDob)->format
                                                                   : std::string()});
    IDFORGE_ASSIGN_OR_RETURN(std::unique_ptr<InputStream> input,
                             InputStream::Open(spec.path, spec.compression, spec.encoding));
    SourceReadStats stats;
    stats.name = spec.name;
    stats.path = spec.path;
    stats.encoding = spec.encoding == Encoding::kLatin1 ? "latin1" : "utf-8";
    stats.compression = std::string(CompressionName(input->compression()));
    stats.file_bytes = input->file_bytes();
    const InputFormat format = ResolveFormat(spec);
    stats.format = std::string(InputFormatName(format));
    const size_t rejects_before = ctx.rejects().size();
    Status status;
    switch (format) {
      case InputFormat::kJsonl:
        status = ReadJsonLines(spec, *input, source_idx, options, table, ctx, stats);
        break;
      case InputFormat::kJson:
        status = ReadJsonArray(spec, *input, source_idx, options, table, ctx, stats);
        break;
      default:
        status = ReadCsv(spec, *input, source_idx, options, table, ctx, stats);
        break;
    }
    if (!status.ok()) return status;
    // Offsets in rejects.csv are file offsets for uncompressed UTF-8 files (decoded offsets
    // otherwise, as documented): add back a dropped BOM.
    if (input->compression() == Compression::kNone && spec.encoding == Encoding::kUtf8) {
      ctx.rejects().ShiftByteOffsets(rejects_before, input->skipped_prefix_bytes());
    }
    ctx.stats().sources().push_back(std::move(stats));
  }
  table.ShrinkToFit();
  return table;
}

}  // namespace read
}  // namespace idforge
