// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
#include "engine/profiles/resolve.h"

#include <algorithm>

#include "engine/common/json_writer.h"
#include "engine/job/job_file.h"

namespace idforge::profiles {
namespace {

bool MapsAnything(const SourceSpec& source) {
  if (!source.extras.empty()) return true;
  return std::any_of(source.fields.begin(), source.fields.end(),
                     [](const auto& mapping) { return mapping.has_value(); });
}

std::string StripLeadingApostrophe(std::string_view value) {
  return std::string(!value.empty() && value.front() == '\'' ? value.substr(1) : value);
}

// "1 Main St  Springfield  IL" -> "1 Main St, Springfield, IL".
std::string SplitDoubleSpaces(std::string_view value) {
  std::string out;
  out.reserve(value.size() + 8);
  size_t pos = 0;
  while (pos < value.size()) {
    if (value[pos] == ' ' && pos + 1 < value.size() && value[pos + 1] == ' ') {
      while (pos < value.size() && value[pos] == ' ') ++pos;
      if (!out.empty() && pos < value.size()) out += ", ";
      continue;
    }
    out.push_back(value[pos++]);
  }
  return out;
}

using Transform = std::string (*)(std::string_view);

// Rewrites `column` for the rows whose source is flagged; a column no flagged row changes is left
// as it is (no copy).
void RewriteColumn(const RecordTable& table, const std::vector<bool>& flagged_source,
                   Transform transform, StringColumn& column) {
  bool changes = false;
  for (uint32_t row = 0; row < table.row_count() && !changes; ++row) {
    if (!flagged_source[table.source(row)]) continue;
    const std::string_view value = column.Get(row);
    changes = !value.empty() && transform(value) != value;
  }
  if (!changes) return;
  StringColumn rewritten;
  rewritten.Reserve(table.row_count(), column.byte_size());
  for (uint32_t row = 0; row < table.row_count(); ++row) {
    const std::string_view value = column.Get(row);
    if (flagged_source[table.source(row)] && !value.empty()) {
      rewritten.Append(transform(value));
    } else {
      rewritten.Append(value);
    }
  }
  column = std::move(rewritten);
}

void WriteMapping(JsonWriter& out, const FieldMapping& mapping) {
  auto columns = [&] {
    if (mapping.columns.size() == 1) {
      out.String(mapping.columns[0]);
      return;
    }
    out.BeginArray();
    for (const std::string& column : mapping.columns) out.String(column);
    out.EndArray();
  };
  if (mapping.format.empty()) {
    columns();
    return;
  }
  out.BeginObject();
  out.Key("column");
  columns();
  out.Field("format", mapping.format);
  out.EndObject();
}

}  // namespace

Result<JobSpec> ResolveJobProfiles(const JobSpec& job, const std::vector<Profile>& profiles) {
  JobSpec resolved = job;
  for (size_t i = 0; i < resolved.sources.size(); ++i) {
    SourceSpec& source = resolved.sources[i];
    if (source.profile.empty()) continue;
    const Profile* profile = FindProfile(profiles, source.profile);
    if (profile == nullptr) {
      return InvalidArgument(job.job_path + ": sources[" + std::to_string(i) +
                             "].profile: unknown profile \"" + source.profile +
                             "\"; built-in profiles: " + ProfileNames(profiles));
    }
    if (MapsAnything(source)) continue;
    Result<FileSniff> sniff = SniffFile(source.path, &source);
    if (!sniff.ok()) {
      return Status(sniff.status().code(),
                    job.job_path + ": sources[" + std::to_string(i) + "] (profile " +
                        profile->name + "): " + std::string(sniff.status().message()));
    }
    SourceSpec built = BuildSource(*profile, *sniff, source.name);
    if (!MapsAnything(built)) {
      return InvalidArgument(job.job_path + ": sources[" + std::to_string(i) + "]: no column of " +
                             source.path + " matches profile \"" + profile->name +
                             "\"; list the source's \"fields\" instead");
    }
    source.fields = std::move(built.fields);
    source.extras = std::move(built.extras);
    if (source.format == InputFormat::kAuto) source.format = built.format;
    if (!source.delimiter) source.delimiter = built.delimiter;
    source.encoding = built.encoding;
    if (source.id_column.empty()) source.id_column = built.id_column;
    if (source.updated_at_column.empty()) source.updated_at_column = built.updated_at_column;
  }
  return resolved;
}

Result<JobSpec> ResolveJobProfiles(const JobSpec& job) {
  if (std::all_of(job.sources.begin(), job.sources.end(),
                  [](const SourceSpec& source) { return source.profile.empty(); })) {
    return job;
  }
  IDFORGE_ASSIGN_OR_RETURN(const std::vector<Profile> profiles, BuiltinProfiles());
  return ResolveJobProfiles(job, profiles);
}

Status ApplyValueQuirks(const JobSpec& job, RecordTable& table) {
  if (std::all_of(job.sources.begin(), job.sources.end(),
                  [](const SourceSpec& source) { return source.profile.empty(); })) {
    return Status::Ok();
  }
  IDFORGE_ASSIGN_OR_RETURN(const std::vector<Profile> profiles, BuiltinProfiles());
  ApplyValueQuirks(job, profiles, table);
  return Status::Ok();
}

void ApplyValueQuirks(const JobSpec& job, const std::vector<Profile>& profiles, RecordTable& table) {
  const size_t source_count = table.sources().size();
  auto flagged_for = [&](auto&& wants) {
    std::vector<bool> flagged(source_count, false);
    bool any = false;
    for (size_t s = 0; s < source_count && s < job.sources.size(); ++s) {
      const Profile* profile = FindProfile(profiles, job.sources[s].profile);
      if (profile != nullptr && wants(profile->quirks)) flagged[s] = any = true;
    }
    return any ? flagged : std::vector<bool>();
  };
  auto contains = [](const std::vector<std::string>& list, std::string_view item) {
    return std::find(list.begin(), list.end(), item) != list.end();
  };
  for (Field field : AllFields()) {
    const std::string_view name = FieldName(field);
    std::vector<bool> apostrophe =
        flagged_for([&](const Quirks& q) { return contains(q.strip_leading_apostrophe, name); });
    if (!apostrophe.empty()) {
      RewriteColumn(table, apostrophe, StripLeadingApostrophe, table.mutable_field(field));
    }
    std::vector<bool> spaces =
        flagged_for([&](const Quirks& q) { return contains(q.address_double_space, name); });
    if (!spaces.empty()) RewriteColumn(table, spaces, SplitDoubleSpaces, table.mutable_field(field));
  }
  std::vector<bool> ids =
      flagged_for([&](const Quirks& q) { return contains(q.strip_leading_apostrophe, "id"); });
  if (!ids.empty()) {
    RewriteColumn(table, ids, StripLeadingApostrophe, table.mutable_source_id_column());
  }
  std::vector<bool> links =
      flagged_for([&](const Quirks& q) { return contains(q.strip_leading_apostrophe, "links"); });
  if (!links.empty()) {
    for (size_t e = 0; e < table.extra_names().size(); ++e) {
      if (!table.extra_names()[e].starts_with(kLinkPrefix)) continue;
      // Each space-separated id of the cell.
      RewriteColumn(table, links,
                    [](std::string_view value) {
                      std::string out;
                      size_t pos = 0;
                      while (pos <= value.size()) {
                        size_t end = value.find(' ', pos);
                        if (end == std::string_view::npos) end = value.size();
                        if (!out.empty()) out += ' ';
                        out += StripLeadingApostrophe(value.substr(pos, end - pos));
                        pos = end + 1;
                      }
                      return out;
                    },
                    table.mutable_extra(e));
    }
  }
}

Result<ZeroConfigJob> BuildZeroConfigJob(const std::vector<std::string>& files,
                                         const std::string& out_dir,
                                         const std::vector<Profile>& profiles) {
  ZeroConfigJob out;
  out.job.job_path = "(zero-config)";
  out.job.output.dir = out_dir;
  for (size_t i = 0; i < files.size(); ++i) {
    DetectedSource file;
    IDFORGE_ASSIGN_OR_RETURN(file.sniff, SniffFile(files[i]));
    file.detection = DetectProfile(file.sniff.columns, file.sniff.format, profiles);
    if (file.detection.profile == nullptr) return Internal("no export profile is built in");
    std::string name = job::SourceNameFromPath(files[i]);
    if (name.empty()) name = "source";
    std::string unique = name;
    for (int n = 2; std::any_of(out.job.sources.begin(), out.job.sources.end(),
                                [&](const SourceSpec& s) { return s.name == unique; });
         ++n) {
      unique = name + "_" + std::to_string(n);
    }
    file.source = BuildSource(*file.detection.profile, file.sniff, unique);
    file.source.priority = static_cast<int32_t>(i + 1);
    if (!MapsAnything(file.source)) {
      return InvalidArgument(files[i] + ": no column matches a known export profile (columns: " +
                             std::to_string(file.sniff.columns.size()) +
                             "); write a job file that maps them (idforge init " + files[i] +
                             " gives a start)");
    }
    out.job.sources.push_back(file.source);
    out.files.push_back(std::move(file));
  }
  return out;
}

std::string JobToJson(const JobSpec& job) {
  JsonWriter out;
  out.BeginObject();
  out.Key("sources");
  out.BeginArray();
  for (const SourceSpec& source : job.sources) {
    out.BeginObject();
    out.Field("name", source.name);
    out.Field("path", source.path);
    if (source.format != InputFormat::kAuto) out.Field("format", InputFormatName(source.format));
    if (source.delimiter) {
      out.Field("delimiter", *source.delimiter == '\t' ? std::string("\\t") : std::string(1, *source.delimiter));
    }
    if (source.encoding == Encoding::kLatin1) out.Field("encoding", "latin1");
    if (!source.id_column.empty()) out.Field("id", source.id_column);
    if (!source.updated_at_column.empty()) out.Field("updated_at", source.updated_at_column);
    if (!source.default_country.empty()) out.Field("default_country", source.default_country);
    out.Key("priority");
    out.Int(source.priority);
    if (!source.profile.empty()) out.Field("profile", source.profile);
    out.Key("fields");
    out.BeginObject();
    for (Field field : AllFields()) {
      if (!source.field(field)) continue;
      out.Key(FieldName(field));
      WriteMapping(out, *source.field(field));
    }
    for (const auto& [name, mapping] : source.extras) {
      out.Key(name);
      WriteMapping(out, mapping);
    }
    out.EndObject();
    out.EndObject();
  }
  out.EndArray();
  out.Key("output");
  out.BeginObject();
  out.Field("dir", job.output.dir);
  if (job.output.pairs) out.Field("pairs", true);
  if (!job.output.profiles.empty()) {
    out.Key("profiles");
    out.BeginArray();
    for (const std::string& name : job.output.profiles) out.String(name);
    out.EndArray();
  }
  out.EndObject();
  out.EndObject();
  std::string text = out.str();
  text += '\n';
  return text;
}

}  // namespace idforge::profiles
