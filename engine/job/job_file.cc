// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
#include "engine/job/job_file.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <cctype>
#include <sstream>

#include <simdjson.h>

namespace idforge::job {
namespace {

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::element_type;
using simdjson::dom::object;

constexpr std::string_view kDateDirectives = "YymdebBhaAHIMSpfzZTFDj%";

// Levenshtein distance for "did you mean" suggestions on short keys.
size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::string Suggest(std::string_view key, std::initializer_list<std::string_view> known) {
  std::string_view best;
  size_t best_distance = 3;
  for (std::string_view candidate : known) {
    const size_t distance = EditDistance(key, candidate);
    if (distance < best_distance) {
      best_distance = distance;
      best = candidate;
    }
  }
  std::string out;
  if (!best.empty()) out = " (did you mean \"" + std::string(best) + "\"?)";
  out += "; allowed keys:";
  bool first = true;
  for (std::string_view candidate : known) {
    out += first ? " " : ", ";
    out += candidate;
    first = false;
  }
  return out;
}

std::string_view TypeName(element_type type) {
  switch (type) {
    case element_type::ARRAY: return "an array";
    case element_type::OBJECT: return "an object";
    case element_type::INT64:
    case element_type::UINT64:
    case element_type::DOUBLE: return "a number";
    case element_type::STRING: return "a string";
    case element_type::BOOL: return "a boolean";
    case element_type::NULL_VALUE: return "null";
  }
  return "a value";
}

// 1-based line and column of byte `offset` in `text`.
std::string LineColumn(std::string_view text, size_t offset) {
  offset = std::min(offset, text.size());
  size_t line = 1;
  size_t column = 1;
  for (size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

// Walks the document with On-Demand to find where a syntax error is.
simdjson::error_code Walk(simdjson::ondemand::value value) {
  simdjson::ondemand::json_type type;
  if (auto error = value.type().get(type)) return error;
  switch (type) {
    case simdjson::ondemand::json_type::object: {
      simdjson::ondemand::object object;
      if (auto error = value.get_object().get(object)) return error;
      for (auto field : object) {
        std::string_view key;
        if (auto error = field.unescaped_key().get(key)) return error;
        if (auto error = Walk(field.value())) return error;
      }
      return simdjson::SUCCESS;
    }
    case simdjson::ondemand::json_type::array: {
      simdjson::ondemand::array items;
      if (auto error = value.get_array().get(items)) return error;
      for (auto item : items) {
        simdjson::ondemand::value child;
        if (auto error = item.get(child)) return error;
        if (auto error = Walk(child)) return error;
      }
      return simdjson::SUCCESS;
    }
    case simdjson::ondemand::json_type::string: {
      std::string_view text;
      return value.get_string().get(text);
    }
    case simdjson::ondemand::json_type::number: {
      double number;
      return value.get_double().get(number);
    }
    case simdjson::ondemand::json_type::boolean: {
      bool flag;
      return value.get_bool().get(flag);
    }
    case simdjson::ondemand::json_type::null: return simdjson::SUCCESS;
  }
  return simdjson::SUCCESS;
}

std::string SyntaxErrorLocation(const simdjson::padded_string& text) {
  simdjson::ondemand::parser parser;
  simdjson::ondemand::document doc;
  if (parser.iterate(text).get(doc)) return "";
  simdjson::ondemand::value root;
  simdjson::error_code error = doc.get_value().get(root);
  if (!error) error = Walk(root);
  const char* location = nullptr;
  if (doc.current_location().get(location) || location == nullptr) return "";
  return " at " + LineColumn(std::string_view(text.data(), text.size()),
                             static_cast<size_t>(location - text.data()));
}

class Parser {
 public:
  Parser(std::string_view display_name, std::string base_dir)
      : name_(display_name), base_dir_(std::move(base_dir)) {}

  Status Error(std::string_view path, std::string_view message) const {
    return InvalidArgument(name_ + ": " + std::string(path) + ": " + std::string(message));
  }

  Status CheckKeys(object obj, std::string_view path,
                   std::initializer_list<std::string_view> known) const {
    for (auto [key, value] : obj) {
      if (std::find(known.begin(), known.end(), key) == known.end()) {
        return Error(path.empty() ? std::string(key) : std::string(path) + "." + std::string(key),
                     "unknown key" + Suggest(key, known));
      }
    }
    return Status::Ok();
  }

  Result<std::string> String(element value, std::string_view path) const {
    std::string_view text;
    if (value.get_string().get(text)) {
      return Error(path, "expected a string, found " + std::string(TypeName(value.type())));
    }
    return std::string(text);
  }

  Result<bool> Bool(element value, std::string_view path) const {
    bool flag = false;
    if (value.get_bool().get(flag)) {
      return Error(path, "expected true or false, found " + std::string(TypeName(value.type())));
    }
    return flag;
  }

  std::string Resolve(const std::string& path) const {
    if (path.empty() || std::filesystem::path(path).is_absolute()) return path;
    return (std::filesystem::path(base_dir_) / path).lexically_normal().string();
  }

  Status ParseDateFormat(std::string_view format, std::string_view path) const {
    for (size_t i = 0; i < format.size(); ++i) {
      if (format[i] != '%') continue;
      if (i + 1 == format.size()) return Error(path, "date format ends with a lone %");
      const char directive = format[++i];
      if (kDateDirectives.find(directive) == std::string_view::npos) {
        std::string supported;
        for (char c : kDateDirectives) supported += std::string(supported.empty() ? "" : " ") + "%" + c;
        return Error(path, std::string("unknown date format directive %") + directive +
                               "; supported: " + supported);
      }
    }
    return Status::Ok();
  }

  // A mapping value: "Col", ["Col1", "Col2"], or {"column": ..., "format": ...}.
  Result<FieldMapping> Mapping(element value, std::string_view path) const {
    FieldMapping mapping;
    auto columns_from = [&](element columns, std::string_view columns_path) -> Status {
      if (columns.is_string()) {
        IDFORGE_ASSIGN_OR_RETURN(std::string column, String(columns, columns_path));
        if (column.empty()) return Error(columns_path, "empty column name");
        mapping.columns.push_back(std::move(column));
        return Status::Ok();
      }
      array items;
      if (columns.get_array().get(items)) {
        return Error(columns_path, "expected a column name, a list of column names, or an object "
                                   "{\"column\": ..., \"format\": ...}");
      }
      size_t index = 0;
      for (element item : items) {
        const std::string item_path = std::string(columns_path) + "[" + std::to_string(index++) + "]";
        IDFORGE_ASSIGN_OR_RETURN(std::string column, String(item, item_path));
        if (column.empty()) return Error(item_path, "empty column name");
        mapping.columns.push_back(std::move(column));
      }
      if (mapping.columns.empty()) return Error(columns_path, "empty list of columns");
      return Status::Ok();
    };
    object obj;
    if (!value.get_object().get(obj)) {
      IDFORGE_RETURN_IF_ERROR(CheckKeys(obj, path, {"column", "format"}));
      element columns;
      if (obj["column"].get(columns)) return Error(path, "missing \"column\"");
      IDFORGE_RETURN_IF_ERROR(columns_from(columns, std::string(path) + ".column"));
      element format;
      if (!obj["format"].get(format)) {
        const std::string format_path = std::string(path) + ".format";
        IDFORGE_ASSIGN_OR_RETURN(mapping.format, String(format, format_path));
        IDFORGE_RETURN_IF_ERROR(ParseDateFormat(mapping.format, format_path));
      }
      return mapping;
    }
    IDFORGE_RETURN_IF_ERROR(columns_from(value, path));
    return mapping;
  }

  Result<SourceSpec> Source(element value, size_t index) const {
    const std::string path = "sources[" + std::to_string(index) + "]";
    object obj;
    if (value.get_object().get(obj)) return Error(path, "expected an object describing a source");
    IDFORGE_RETURN_IF_ERROR(CheckKeys(
        obj, path,
        {"name", "path", "format", "compression", "delimiter", "trim", "encoding", "id",
         "default_country", "updated_at", "priority", "profile", "fields", "mode", "deletions",
         "tombstone"}));
    SourceSpec spec;
    element item;
    if (obj["path"].get(item)) return Error(path, "missing \"path\" (the file to read)");
    IDFORGE_ASSIGN_OR_RETURN(std::string file, String(item, path + ".path"));
    if (file.empty()) return Error(path + ".path", "empty path");
    spec.path = Resolve(file);
    if (!obj["name"].get(item)) {
      IDFORGE_ASSIGN_OR_RETURN(spec.name, String(item, path + ".name"));
      if (spec.name.empty()) return Error(path + ".name", "empty source name");
    } else {
      spec.name = SourceNameFromPath(file);
    }
    if (!obj["format"].get(item)) {
      IDFORGE_ASSIGN_OR_RETURN(std::string format, String(item, path + ".format"));
      if (format == "csv" || format == "tsv") {
        spec.format = InputFormat::kCsv;
        if (format == "tsv") spec.delimiter = '\t';
      } else if (format == "jsonl" || format == "ndjson") {
        spec.format = InputFormat::kJsonl;
      } else if (format == "json") {
        spec.format = InputFormat::kJson;
      } else {
        return Error(path + ".format", "unknown format \"" + format + "\"; use csv, jsonl or json");
      }
    }
    if (!obj["compression"].get(item)) {
      IDFORGE_ASSIGN_OR_RETURN(std::string compression, String(item, path + ".compression"));
      if (compression == "none") {
        spec.compression = Compression::kNone;
      } else if (compression == "gzip" || compression == "gz") {
        spec.compression = Compression::kGzip;
      } else if (compression == "zstd" || compression == "zst") {
        spec.compression = Compression::kZstd;
      } else if (compression != "auto") {
        return Error(path + ".compression", "unknown compression \"" + compression +
                                                "\"; use auto, none, gzip or zstd");
      }
    }
    if (!obj["delimiter"].get(item)) {
      IDFORGE_ASSIGN_OR_RETURN(std::string delimiter, String(item, path + ".delimiter"));
      if (delimiter == "\\t" || delimiter == "tab") delimiter = "\t";
      if (delimiter.size() != 1 || delimiter == "\"" || delimiter == "\n" || delimiter == "\r") {
        return Error(path + ".delimiter",
                     "a delimiter is one character other than a quote or newline, e.g. \",\", "
                     "\";\", \"\\t\" or \"|\"; omit it to detect it");
      }
      spec.delimiter = delimiter[0];
    }
    if (!obj["trim"].get(item)) {
      IDFORGE_ASSIGN_OR_RETURN(spec.trim, Bool(item, path + ".trim"));
    }
    if (!obj["encoding"].get(item)) {
      IDFORGE_ASSIGN_OR_RETURN(std::string encoding, String(item, path + ".encoding"));
      std::string lowered;
      for (char c : encoding) lowered += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
      if (lowered == "utf-8" || lowered == "utf8") {
        spec.encoding = Encoding::kUtf8;
      } else if (lowered == "latin1" || lowered == "latin-1" || lowered == "iso-8859-1" ||
                 lowered == "cp1252" || lowered == "windows-1252") {
        spec.encoding = Encoding::kLatin1;
      } else {
        return Error(path + ".encoding",
                     "unknown encoding \"" + encoding + "\"; use \"utf-8\" or \"latin1\"");
      }
    }
    if (!obj["id"].get(item)) {
      IDFORGE_ASSIGN_OR_RETURN(spec.id_column, String(item, path + ".id"));
    }
    if (!obj["updated_at"].get(item)) {
      IDFORGE_ASSIGN_OR_RETURN(spec.updated_at_column, String(item, path + ".updated_at"));
    }
    if (!obj["default_country"].get(item)) {
      IDFORGE_ASSIGN_OR_RETURN(std::string country, String(item, path + ".default_country"));
      const bool alpha2 = country.size() == 2 && std::isalpha(static_cast<unsigned char>(country[0])) &&
                          std::isalpha(static_cast<unsigned char>(country[1]));
      if (!alpha2) {
        return Error(path + ".default_country",
                     "expected an ISO 3166 alpha-2 code such as \"US\" or \"FR\", found \"" +
                         country + "\"");
      }
      for (char& c : country) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      spec.default_country = country;
    }
    if (!obj["priority"].get(item)) {
      int64_t priority = 0;
      if (item.get_int64().get(priority) || priority < -1'000'000 || priority > 1'000'000) {
        return Error(path + ".priority", "expected an integer (lower wins)");
      }
      spec.priority = static_cast<int32_t>(priority);
    } else {
      spec.priority = static_cast<int32_t>(index + 1);
    }
    if (!obj["profile"].get(item)) {
      IDFORGE_ASSIGN_OR_RETURN(spec.profile, String(item, path + ".profile"));
    }
    if (!obj["mode"].get(item)) {
      IDFORGE_ASSIGN_OR_RETURN(std::string mode, String(item, path + ".mode"));
      if (mode != "snapshot" && mode != "delta") {
        return Error(path + ".mode", "unknown mode \"" + mode + "\"; use \"snapshot\" (the file "
                     "holds every record) or \"delta\" (new and changed records only)");
      }
      spec.delta = mode == "delta";
    }
    if (!obj["deletions"].get(item)) {
      IDFORGE_ASSIGN_OR_RETURN(std::string deletions, String(item, path + ".deletions"));
      if (deletions.empty()) return Error(path + ".deletions", "empty path");
      spec.deletions_path = Resolve(deletions);
    }
    if (!obj["tombstone"].get(item)) {
      IDFORGE_ASSIGN_OR_RETURN(spec.tombstone_column, String(item, path + ".tombstone"));
      if (spec.tombstone_column.empty()) return Error(path + ".tombstone", "empty column name");
    }
    if (!spec.delta && (!spec.deletions_path.empty() || !spec.tombstone_column.empty())) {
      return Error(path, "\"deletions\" and \"tombstone\" apply to \"mode\": \"delta\" sources (a "
                   "snapshot deletes what it no longer lists)");
    }
    element fields;
    if (obj["fields"].get(fields)) {
      // The export profile maps the columns when the job is run (engine/profiles).
      if (!spec.profile.empty()) return spec;
      return Error(path, "missing \"fields\": map canonical fields to columns, e.g. "
                         "\"fields\": {\"email\": \"Email\", \"last_name\": \"LastName\"}, "
                         "or name an export profile: \"profile\": \"hubspot\"");
    }
    object fields_obj;
    if (fields.get_object().get(fields_obj)) return Error(path + ".fields", "expected an object");
    for (auto [key, mapping_value] : fields_obj) {
      const std::string field_path = path + ".fields." + std::string(key);
      if (key.empty()) return Error(path + ".fields", "empty field name");
      IDFORGE_ASSIGN_OR_RETURN(FieldMapping mapping, Mapping(mapping_value, field_path));
      if (std::optional<Field> field = FieldFromName(key)) {
        std::optional<FieldMapping>& slot = spec.fields[static_cast<size_t>(*field)];
        if (slot) return Error(field_path, "mapped twice");
        slot = std::move(mapping);
      } else {
        // Not canonical: carried through to the golden record, not matched.
        spec.extras.emplace_back(std::string(key), std::move(mapping));
      }
    }
    bool any = !spec.extras.empty();
    for (const auto& mapping : spec.fields) any = any || mapping.has_value();
    if (!any) return Error(path + ".fields", "no field is mapped");
    return spec;
  }

  Result<JobSpec> Job(element root) const {
    object obj;
    if (root.get_object().get(obj)) return Error("$", "a job file is a JSON object");
    IDFORGE_RETURN_IF_ERROR(CheckKeys(obj, "", {"$schema", "name", "description", "sources",
                                               "output", "on_error", "matching", "survivorship"}));
    JobSpec job;
    job.job_path = name_;
    element item;
    array sources;
    if (obj["sources"].get(item)) return Error("sources", "missing: list the files to read");
    if (item.get_array().get(sources)) return Error("sources", "expected an array of sources");
    size_t index = 0;
    for (element source : sources) {
      IDFORGE_ASSIGN_OR_RETURN(SourceSpec spec, Source(source, index));
      for (const SourceSpec& other : job.sources) {
        if (other.name == spec.name) {
          return Error("sources[" + std::to_string(index) + "].name",
                       "source name \"" + spec.name + "\" is used twice; give each source a "
                       "unique \"name\"");
        }
      }
      job.sources.push_back(std::move(spec));
      ++index;
    }
    if (job.sources.empty()) return Error("sources", "no source: list at least one file");
    if (!obj["on_error"].get(item)) {
      IDFORGE_ASSIGN_OR_RETURN(std::string on_error, String(item, "on_error"));
      if (on_error == "reject") {
        job.on_error = OnError::kReject;
      } else if (on_error == "fail") {
        job.on_error = OnError::kFail;
      } else {
        return Error("on_error", "expected \"reject\" or \"fail\", found \"" + on_error + "\"");
      }
    }
    job.output.dir = Resolve("out");
    if (!obj["output"].get(item)) {
      object output;
      if (item.get_object().get(output)) return Error("output", "expected an object");
      IDFORGE_RETURN_IF_ERROR(CheckKeys(output, "output", {"dir", "pairs", "profiles", "formats"}));
      element value;
      if (!output["dir"].get(value)) {
        IDFORGE_ASSIGN_OR_RETURN(std::string dir, String(value, "output.dir"));
        if (dir.empty()) return Error("output.dir", "empty directory");
        job.output.dir = Resolve(dir);
      }
      if (!output["pairs"].get(value)) {
        IDFORGE_ASSIGN_OR_RETURN(job.output.pairs, Bool(value, "output.pairs"));
      }
      if (!output["profiles"].get(value)) {
        array profiles;
        if (value.get_array().get(profiles)) return Error("output.profiles", "expected an array");
        size_t profile_index = 0;
        for (element profile : profiles) {
          IDFORGE_ASSIGN_OR_RETURN(
              std::string name,
              String(profile, "output.profiles[" + std::to_string(profile_index++) + "]"));
          job.output.profiles.push_back(std::move(name));
        }
      }
      if (!output["formats"].get(value)) {
        array formats;
        if (value.get_array().get(formats)) {
          return Error("output.formats", "expected an array such as [\"csv\", \"jsonl\"]");
        }
        job.output.golden_csv = false;
        size_t format_index = 0;
        for (element format : formats) {
          const std::string format_path = "output.formats[" + std::to_string(format_index++) + "]";
          IDFORGE_ASSIGN_OR_RETURN(std::string name, String(format, format_path));
          if (name == "csv") {
            job.output.golden_csv = true;
          } else if (name == "jsonl") {
            job.output.golden_jsonl = true;
          } else {
            return Error(format_path, "unknown format \"" + name + "\"; use \"csv\" or \"jsonl\"");
          }
        }
        if (!job.output.golden_csv && !job.output.golden_jsonl) {
          return Error("output.formats", "empty list: name at least one of \"csv\", \"jsonl\"");
        }
      }
    }
    for (const char* section : {"matching", "survivorship"}) {
      if (obj[section].get(item)) continue;
      if (!item.is_object()) return Error(section, "expected an object");
      std::string minified = simdjson::minify(item);
      (std::string_view(section) == "matching" ? job.matching_json : job.survivorship_json) =
          std::move(minified);
    }
    return job;
  }

 private:
  std::string name_;
  std::string base_dir_;
};

}  // namespace

std::string_view SupportedDateDirectives() { return kDateDirectives; }

std::string SourceNameFromPath(std::string_view path) {
  std::string name = std::filesystem::path(path).filename().string();
  const size_t dot = name.find('.');
  if (dot != std::string::npos && dot > 0) name.resize(dot);
  return name;
}

Result<JobSpec> ParseJobJson(std::string_view json, std::string_view display_name,
                             const std::string& base_dir) {
  const simdjson::padded_string text(json);
  simdjson::dom::parser parser;
  element root;
  if (auto error = parser.parse(text).get(root)) {
    return InvalidArgument(std::string(display_name) + ": not valid JSON" +
                           SyntaxErrorLocation(text) + " (" + simdjson::error_message(error) + ")");
  }
  return Parser(display_name, base_dir).Job(root);
}

Result<JobSpec> ParseJobFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound(path + ": cannot open the job file (check the path)");
  std::ostringstream contents;
  contents << in.rdbuf();
  const std::string base_dir = std::filesystem::path(path).parent_path().string();
  return ParseJobJson(contents.str(), path, base_dir.empty() ? "." : base_dir);
}

}  // namespace idforge::job
