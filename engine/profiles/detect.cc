// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
#include "engine/profiles/detect.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include <simdjson.h>

#include "engine/common/utf8.h"
#include "engine/profiles/header_key.h"
#include "engine/read/csv_parser.h"
#include "engine/read/csv_reader.h"
#include "engine/read/input_stream.h"
#include "engine/read/read_inputs.h"

namespace idforge::profiles {
namespace {

constexpr size_t kSampleBytes = size_t{1} << 20;
constexpr size_t kMaxJsonObjects = 50;
constexpr size_t kMaxColumns = 1000;
constexpr int kMaxJsonDepth = 8;

void Flatten(simdjson::dom::element value, std::string& path, int depth,
             std::vector<std::string>& columns, std::unordered_set<std::string>& seen) {
  simdjson::dom::object object;
  if (depth < kMaxJsonDepth && !value.get_object().get(object)) {
    for (auto [key, child] : object) {
      const size_t mark = path.size();
      if (!path.empty()) path.push_back('.');
      path.append(key);
      Flatten(child, path, depth + 1, columns, seen);
      path.resize(mark);
    }
    return;
  }
  if (path.empty() || columns.size() >= kMaxColumns) return;
  if (seen.insert(path).second) columns.push_back(path);
}

// The first complete top-level elements of a JSON array, as text slices.
std::vector<std::string_view> ArrayElements(std::string_view text) {
  std::vector<std::string_view> out;
  size_t pos = text.find_first_not_of(" \t\r\n");
  if (pos == std::string_view::npos || text[pos] != '[') return out;
  ++pos;
  int depth = 0;
  bool in_string = false;
  size_t start = pos;
  for (; pos < text.size() && out.size() < kMaxJsonObjects; ++pos) {
    const char c = text[pos];
    if (in_string) {
      if (c == '\\') {
        ++pos;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      ++depth;
    } else if (c == '}' || c == ']') {
      if (depth == 0) {  // the array's own end
        out.push_back(text.substr(start, pos - start));
        break;
      }
      --depth;
    } else if (c == ',' && depth == 0) {
      out.push_back(text.substr(start, pos - start));
      start = pos + 1;
    }
  }
  return out;
}

Result<std::vector<std::string>> JsonColumns(std::string_view text, InputFormat format,
                                             bool complete) {
  std::vector<std::string_view> documents;
  if (format == InputFormat::kJson) {
    documents = ArrayElements(text);
  } else {
    size_t pos = 0;
    while (pos < text.size() && documents.size() < kMaxJsonObjects) {
      size_t end = text.find('\n', pos);
      if (end == std::string_view::npos) {
        if (!complete) break;  // a line the sample cut off
        end = text.size();
      }
      documents.push_back(text.substr(pos, end - pos));
      pos = end + 1;
    }
  }
  simdjson::dom::parser parser;
  std::vector<std::string> columns;
  std::unordered_set<std::string> seen;
  size_t objects = 0;
  for (std::string_view document : documents) {
    if (document.find_first_not_of(" \t\r\n") == std::string_view::npos) continue;
    simdjson::dom::element root;
    if (parser.parse(simdjson::padded_string(document)).get(root)) continue;
    if (!root.is_object()) continue;
    ++objects;
    std::string path;
    Flatten(root, path, 0, columns, seen);
  }
  if (objects == 0) {
    return InvalidArgument("no JSON object in the first records to learn the columns from");
  }
  return columns;
}

bool FormatAllowed(const Profile& profile, InputFormat format) {
  return std::find(profile.formats.begin(), profile.formats.end(), format) != profile.formats.end();
}

// Header keys of the file's columns -> first column index with that key.
using KeyIndex = std::unordered_map<std::string, size_t>;

KeyIndex IndexColumns(std::span<const std::string> columns) {
  KeyIndex index;
  for (size_t i = 0; i < columns.size(); ++i) index.emplace(HeaderMatchKey(columns[i]), i);
  return index;
}

// The file's column for the first alias present; exact names win over loose matches.
std::optional<size_t> FindAlias(const Aliases& aliases, std::span<const std::string> columns,
                                const KeyIndex& index) {
  for (const std::string& alias : aliases) {
    for (size_t i = 0; i < columns.size(); ++i) {
      if (columns[i] == alias) return i;
    }
  }
  for (const std::string& alias : aliases) {
    auto it = index.find(HeaderMatchKey(alias));
    if (it != index.end()) return it->second;
  }
  return std::nullopt;
}

// Every column index the profile could use or knows, whether or not it is chosen.
std::vector<bool> Recognised(const Profile& profile, std::span<const std::string> columns,
                             const KeyIndex& index) {
  std::vector<bool> out(columns.size(), false);
  auto mark = [&](const Aliases& aliases) {
    for (const std::string& alias : aliases) {
      auto it = index.find(HeaderMatchKey(alias));
      if (it == index.end()) continue;
      // Every column with this key, not only the first.
      for (size_t i = it->second; i < columns.size(); ++i) {
        if (HeaderMatchKey(columns[i]) == it->first) out[i] = true;
      }
    }
  };
  mark(profile.id);
  mark(profile.updated_at);
  mark(profile.known);
  for (const auto& rule : profile.fields) {
    if (rule) for (const Aliases& part : rule->parts) mark(part);
  }
  for (const auto& [name, rule] : profile.carry) {
    for (const Aliases& part : rule.parts) mark(part);
  }
  for (const auto& [name, aliases] : profile.links) mark(aliases);
  return out;
}

std::optional<FieldMapping> MapRule(const FieldRule& rule, std::span<const std::string> columns,
                                    const KeyIndex& index) {
  FieldMapping mapping;
  for (const Aliases& part : rule.parts) {
    const std::optional<size_t> found = FindAlias(part, columns, index);
    if (!found) continue;
    const std::string& column = columns[*found];
    if (std::find(mapping.columns.begin(), mapping.columns.end(), column) == mapping.columns.end()) {
      mapping.columns.push_back(column);
    }
  }
  if (mapping.columns.empty()) return std::nullopt;
  mapping.format = rule.format;
  return mapping;
}

}  // namespace

Result<FileSniff> SniffText(std::string_view text, InputFormat format, bool complete,
                            std::optional<char> delimiter) {
  FileSniff sniff;
  sniff.format = format;
  if (format == InputFormat::kJson || format == InputFormat::kJsonl) {
    IDFORGE_ASSIGN_OR_RETURN(sniff.columns, JsonColumns(text, format, complete));
    return sniff;
  }
  sniff.delimiter = delimiter;
  if (!delimiter) {
    sniff.delimiter = read::DetectDelimiter(text);
    sniff.delimiter_detected = sniff.delimiter.has_value();
  }
  read::csv::Dialect dialect;
  dialect.delimiter = sniff.delimiter.value_or(',');
  const read::csv::HeaderScan header = read::csv::ScanHeader(text, complete, dialect);
  switch (header.kind) {
    case read::csv::HeaderScan::Kind::kOk: break;
    case read::csv::HeaderScan::Kind::kEmpty: return InvalidArgument("the file is empty: no header row");
    case read::csv::HeaderScan::Kind::kIncomplete:
      return InvalidArgument("the header row is longer than the first MiB of the file");
    case read::csv::HeaderScan::Kind::kError: return InvalidArgument("bad header row: " + header.error);
  }
  sniff.columns = header.names;
  if (sniff.columns.size() > kMaxColumns) sniff.columns.resize(kMaxColumns);
  return sniff;
}

Result<FileSniff> SniffFile(const std::string& path, const SourceSpec* hint) {
  SourceSpec probe;
  if (hint != nullptr) probe = *hint;
  probe.path = path;
  InputFormat format = read::ResolveFormat(probe);
  const bool format_given = hint != nullptr && hint->format != InputFormat::kAuto;
  const Compression compression = hint != nullptr ? hint->compression : Compression::kAuto;
  Encoding encoding = hint != nullptr ? hint->encoding : Encoding::kUtf8;

  std::string sample;
  bool complete = false;
  Compression used = Compression::kNone;
  auto read_sample = [&](Encoding as) -> Status {
    IDFORGE_ASSIGN_OR_RETURN(std::unique_ptr<read::InputStream> input,
                             read::InputStream::Open(path, compression, as));
    sample.clear();
    while (sample.size() < kSampleBytes) {
      IDFORGE_ASSIGN_OR_RETURN(size_t got, input->Read(sample, kSampleBytes - sample.size()));
      if (got == 0) {
        complete = true;
        break;
      }
    }
    if (!complete) {
      std::string probe_byte;
      IDFORGE_ASSIGN_OR_RETURN(size_t more, input->Read(probe_byte, 1));
      complete = more == 0;
    }
    used = input->compression();
    return Status::Ok();
  };
  IDFORGE_RETURN_IF_ERROR(read_sample(encoding));
  if (encoding == Encoding::kUtf8 && (hint == nullptr || hint->encoding == Encoding::kUtf8)) {
    // Invalid UTF-8 that is not just a sequence the sample cut off: a Latin-1/CP1252 file.
    const size_t invalid = utf8::FirstInvalid(sample);
    if (invalid < sample.size() && (complete || invalid + 4 < sample.size())) {
      encoding = Encoding::kLatin1;
      IDFORGE_RETURN_IF_ERROR(read_sample(encoding));
    }
  }
  if (!format_given) {
    const size_t first = sample.find_first_not_of(" \t\r\n");
    if (first != std::string::npos && format == InputFormat::kCsv) {
      if (sample[first] == '{') format = InputFormat::kJsonl;
      if (sample[first] == '[') format = InputFormat::kJson;
    }
  }
  std::optional<char> delimiter = hint != nullptr ? hint->delimiter : std::nullopt;
  Result<FileSniff> sniff = SniffText(sample, format, complete, delimiter);
  if (!sniff.ok()) return InvalidArgument(path + ": " + std::string(sniff.status().message()));
  sniff->path = path;
  sniff->compression = used;
  sniff->encoding = encoding;
  return sniff;
}

Detection DetectProfile(std::span<const std::string> columns, InputFormat format,
                        const std::vector<Profile>& profiles) {
  const KeyIndex index = IndexColumns(columns);
  Detection detection;
  const Profile* generic = nullptr;
  double generic_score = 0;
  for (const Profile& profile : profiles) {
    if (!FormatAllowed(profile, format)) continue;
    ProfileScore score;
    score.profile = profile.name;
    const std::vector<bool> recognised = Recognised(profile, columns, index);
    score.recognised_columns = static_cast<size_t>(std::count(recognised.begin(), recognised.end(), true));
    const double coverage =
        columns.empty() ? 0.0 : static_cast<double>(score.recognised_columns) / static_cast<double>(columns.size());
    for (const Aliases& group : profile.fingerprint) {
      for (const std::string& alias : group) {
        if (index.contains(HeaderMatchKey(alias))) {
          ++score.fingerprint_hits;
          break;
        }
      }
    }
    if (profile.is_generic()) {
      score.score = 0.4 * coverage;
      generic = &profile;
      generic_score = score.score;
    } else if (score.fingerprint_hits > 0) {
      const double needed = static_cast<double>(std::min<size_t>(3, profile.fingerprint.size()));
      score.score = 0.6 * std::min(1.0, static_cast<double>(score.fingerprint_hits) / needed) +
                    0.4 * coverage;
    }
    detection.scores.push_back(std::move(score));
  }
  std::stable_sort(detection.scores.begin(), detection.scores.end(),
                   [](const ProfileScore& a, const ProfileScore& b) {
                     if (a.score != b.score) return a.score > b.score;
                     return a.profile < b.profile;
                   });
  // The best and second-best tool profiles.
  const ProfileScore* best = nullptr;
  const ProfileScore* second = nullptr;
  for (const ProfileScore& score : detection.scores) {
    if (generic != nullptr && score.profile == generic->name) continue;
    if (best == nullptr) {
      best = &score;
    } else if (second == nullptr) {
      second = &score;
    }
  }
  if (best != nullptr && best->score >= kMinToolScore) {
    detection.profile = FindProfile(profiles, best->profile);
    detection.confidence = best->score;
    if (second != nullptr && second->score >= kMinToolScore &&
        best->score - second->score < kAmbiguityMargin) {
      detection.runner_up = second->profile;
      detection.runner_up_score = second->score;
    }
  } else {
    detection.profile = generic;
    detection.confidence = generic_score;
    detection.fell_back_to_generic = true;
    if (best != nullptr && best->score > 0) {
      detection.runner_up = best->profile;  // some tool columns, too few to be sure
      detection.runner_up_score = best->score;
    }
  }
  if (detection.profile == nullptr && !profiles.empty()) detection.profile = &profiles.front();
  if (detection.profile != nullptr) {
    FileSniff sniff;
    sniff.format = format;
    sniff.columns.assign(columns.begin(), columns.end());
    const SourceSpec spec = BuildSource(*detection.profile, sniff, "probe");
    detection.unmapped = UnmappedColumns(*detection.profile, spec, columns);
  }
  return detection;
}

SourceSpec BuildSource(const Profile& profile, const FileSniff& sniff, std::string name) {
  const KeyIndex index = IndexColumns(sniff.columns);
  const std::span<const std::string> columns = sniff.columns;
  SourceSpec spec;
  spec.name = std::move(name);
  spec.path = sniff.path;
  spec.format = sniff.format;
  spec.compression = Compression::kAuto;
  spec.encoding = sniff.encoding;
  if (sniff.format == InputFormat::kCsv) spec.delimiter = sniff.delimiter;
  spec.profile = profile.name;
  if (std::optional<size_t> id = FindAlias(profile.id, columns, index)) spec.id_column = columns[*id];
  if (std::optional<size_t> updated = FindAlias(profile.updated_at, columns, index)) {
    spec.updated_at_column = columns[*updated];
  }
  for (size_t f = 0; f < kFieldCount; ++f) {
    if (profile.fields[f]) spec.fields[f] = MapRule(*profile.fields[f], columns, index);
  }
  for (const auto& [carry_name, rule] : profile.carry) {
    if (std::optional<FieldMapping> mapping = MapRule(rule, columns, index)) {
      spec.extras.emplace_back(carry_name, std::move(*mapping));
    }
  }
  for (const auto& [ns, aliases] : profile.links) {
    FieldMapping mapping;
    for (const std::string& alias : aliases) {
      std::string column;
      if (alias == "id") {
        column = spec.id_column;
      } else if (std::optional<size_t> found = FindAlias({alias}, columns, index)) {
        column = columns[*found];
      }
      if (!column.empty() &&
          std::find(mapping.columns.begin(), mapping.columns.end(), column) == mapping.columns.end()) {
        mapping.columns.push_back(std::move(column));
      }
    }
    if (!mapping.columns.empty()) spec.extras.emplace_back(std::string(kLinkPrefix) + ns, std::move(mapping));
  }
  return spec;
}

std::vector<std::string> UnmappedColumns(const Profile& profile, const SourceSpec& spec,
                                         std::span<const std::string> columns) {
  std::unordered_set<std::string> used;
  auto use = [&](const FieldMapping& mapping) {
    for (const std::string& column : mapping.columns) used.insert(column);
  };
  if (!spec.id_column.empty()) used.insert(spec.id_column);
  if (!spec.updated_at_column.empty()) used.insert(spec.updated_at_column);
  for (const auto& mapping : spec.fields) {
    if (mapping) use(*mapping);
  }
  for (const auto& [name, mapping] : spec.extras) use(mapping);
  std::unordered_set<std::string> known_keys;
  for (const std::string& alias : profile.known) known_keys.insert(HeaderMatchKey(alias));
  std::vector<std::string> out;
  for (size_t i = 0; i < columns.size(); ++i) {
    if (used.contains(columns[i]) || known_keys.contains(HeaderMatchKey(columns[i]))) continue;
    out.push_back(columns[i]);
  }
  return out;
}

}  // namespace idforge::profiles
