// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
#include "engine/export/writeback.h"

#include <algorithm>
#include <filesystem>

#include "engine/common/atomic_file.h"
#include "engine/common/json_writer.h"
#include "engine/normalize/address.h"
#include "engine/common/csv_writer.h"

namespace idforge::writeback {
namespace {

// Rows of each entity (counting sort by entity).
struct Members {
  std::vector<uint32_t> start;
  std::vector<uint32_t> rows;
  explicit Members(const cluster::Clustering& clustering) {
    const uint32_t entities = clustering.entity_count();
    start.assign(entities + 1, 0);
    for (uint32_t entity : clustering.entity_of) ++start[entity + 1];
    for (uint32_t e = 0; e < entities; ++e) start[e + 1] += start[e];
    rows.resize(clustering.entity_of.size());
    std::vector<uint32_t> fill(start.begin(), start.end() - 1);
    for (uint32_t row = 0; row < clustering.entity_of.size(); ++row) {
      rows[fill[clustering.entity_of[row]]++] = row;
    }
  }
  std::span<const uint32_t> of(uint32_t entity) const {
    return std::span<const uint32_t>(rows).subspan(start[entity], start[entity + 1] - start[entity]);
  }
};

// The entity's record in the tool: the most recently updated, then the smallest (source, id).
std::optional<uint32_t> ToolRecord(const ExportInput& input, const std::vector<bool>& tool_source,
                                   std::span<const uint32_t> members) {
  std::optional<uint32_t> best;
  const RecordTable& raw = input.raw;
  for (uint32_t row : members) {
    if (!tool_source[raw.source(row)]) continue;
    if (!best) {
      best = row;
      continue;
    }
    const std::string_view updated = raw.updated_at(row);
    const std::string_view best_updated = raw.updated_at(*best);
    if (updated != best_updated) {
      if (updated > best_updated) best = row;
      continue;
    }
    const std::string_view source = raw.sources()[raw.source(row)].name;
    const std::string_view best_source = raw.sources()[raw.source(*best)].name;
    if (source != best_source ? source < best_source : raw.source_id(row) < raw.source_id(*best)) {
      best = row;
    }
  }
  return best;
}

std::string AddressInOneCell(const survive::GoldenTable& golden, uint32_t entity) {
  std::string out;
  for (Field field : {Field::kStreet, Field::kCity, Field::kRegion, Field::kPostcode, Field::kCountry}) {
    const std::string_view part = golden.Get(entity, field);
    if (part.empty()) continue;
    if (!out.empty()) out += "  ";
    out.append(part);
  }
  if (out.empty()) out.append(golden.Get(entity, Field::kAddress));
  return out;
}

std::string RenderTool(const profiles::Profile& profile, const ExportInput& input) {
  const profiles::ExportSpec& spec = *profile.export_spec;
  std::vector<bool> tool_source(input.raw.sources().size(), false);
  for (size_t s = 0; s < tool_source.size() && s < input.job.sources.size(); ++s) {
    tool_source[s] = input.job.sources[s].profile == profile.name;
  }
  const Members members(input.clustering);
  std::string out;
  for (size_t c = 0; c < spec.columns.size(); ++c) {
    if (c > 0) out.push_back(',');
    AppendCsvField(out, spec.columns[c].header, spec.quote_all);
  }
  out.push_back('\n');
  const survive::GoldenTable& golden = input.golden;
  for (uint32_t entity = 0; entity < golden.entity_count(); ++entity) {
    const std::optional<uint32_t> record = ToolRecord(input, tool_source, members.of(entity));
    for (size_t c = 0; c < spec.columns.size(); ++c) {
      const profiles::ExportColumn& column = spec.columns[c];
      if (c > 0) out.push_back(',');
      std::string value;
      if (column.field) {
        value = golden.Get(entity, *column.field);
        if (!column.format.empty()) value = FormatIsoDate(value, column.format);
        if (column.country_code && !normalize::CountryCode(value).empty()) {
          value = normalize::CountryCode(value);
        }
      } else if (column.value == "tool_id") {
        if (record) value = input.raw.source_id(*record);
      } else if (column.value == "tool_email") {
        // The tool keys its records on this address: keep the one it has.
        if (record) value = input.raw.Get(Field::kEmail, *record);
        if (value.empty()) value = golden.Get(entity, Field::kEmail);
      } else if (column.value == "address_double_space") {
        value = AddressInOneCell(golden, entity);
      }
      AppendCsvField(out, value, spec.quote_all);
    }
    out.push_back('\n');
  }
  return out;
}

// Canonical columns that hold a value for some entity, in Field order.
std::vector<Field> FilledFields(const survive::GoldenTable& golden) {
  std::vector<Field> out;
  for (Field field : AllFields()) {
    if (golden.columns[static_cast<size_t>(field)].NonEmptyCount() > 0) out.push_back(field);
  }
  return out;
}

std::string RenderGenericCsv(const ExportInput& input) {
  const survive::GoldenTable& golden = input.golden;
  const std::vector<Field> fields = FilledFields(golden);
  std::string out = "golden_id";
  for (Field field : fields) {
    out.push_back(',');
    out.append(FieldName(field));
  }
  out.push_back('\n');
  for (uint32_t entity = 0; entity < golden.entity_count(); ++entity) {
    AppendCsvField(out, golden.golden_id.Get(entity), false);
    for (Field field : fields) {
      out.push_back(',');
      AppendCsvField(out, golden.Get(entity, field), false);
    }
    out.push_back('\n');
  }
  return out;
}

std::string RenderJsonLines(const ExportInput& input) {
  const survive::GoldenTable& golden = input.golden;
  const RecordTable& raw = input.raw;
  const Members members(input.clustering);
  std::string out;
  for (uint32_t entity = 0; entity < golden.entity_count(); ++entity) {
    out += "{\"golden_id\":";
    AppendJsonString(out, golden.golden_id.Get(entity));
    for (size_t column = 0; column < golden.columns.size(); ++column) {
      const std::string_view value = golden.value(entity, column);
      if (value.empty()) continue;
      out.push_back(',');
      AppendJsonString(out, survive::ColumnName(raw, column));
      out.push_back(':');
      AppendJsonString(out, value);
    }
    // Every member's id, grouped by source in source order.
    std::vector<uint32_t> rows(members.of(entity).begin(), members.of(entity).end());
    std::sort(rows.begin(), rows.end(), [&](uint32_t a, uint32_t b) {
      if (raw.source(a) != raw.source(b)) return raw.source(a) < raw.source(b);
      return raw.source_id(a) < raw.source_id(b);
    });
    out += ",\"record_ids\":{";
    for (size_t i = 0; i < rows.size(); ++i) {
      const bool new_source = i == 0 || raw.source(rows[i]) != raw.source(rows[i - 1]);
      if (new_source) {
        if (i > 0) out += "],";
        AppendJsonString(out, raw.sources()[raw.source(rows[i])].name);
        out += ":[";
      } else {
        out.push_back(',');
      }
      AppendJsonString(out, raw.source_id(rows[i]));
    }
    if (!rows.empty()) out.push_back(']');
    out += "}}\n";
  }
  return out;
}

const profiles::Profile* ExportProfile(std::string_view name,
                                       const std::vector<profiles::Profile>& profiles) {
  const profiles::Profile* profile = profiles::FindProfile(profiles, name);
  return profile != nullptr && profile->export_spec ? profile : nullptr;
}

}  // namespace

std::vector<std::string> ExportNames(const JobSpec& job, const std::vector<std::string>& extra) {
  std::vector<std::string> out;
  for (const auto* list : {&job.output.profiles, &extra}) {
    for (const std::string& name : *list) {
      if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
    }
  }
  return out;
}

Status ValidateExportNames(const std::vector<std::string>& names,
                           const std::vector<profiles::Profile>& profiles) {
  for (const std::string& name : names) {
    if (name == kGenericCsv || name == kJsonLines || ExportProfile(name, profiles) != nullptr) continue;
    std::string valid;
    for (const profiles::Profile& profile : profiles) {
      if (profile.export_spec) valid += profile.name + ", ";
    }
    valid += std::string(kGenericCsv) + ", " + std::string(kJsonLines);
    return InvalidArgument("output.profiles / --export-as: no import format for \"" + name +
                           "\"; use " + valid);
  }
  return Status::Ok();
}

std::string ExportFileName(std::string_view name, const std::vector<profiles::Profile>& profiles) {
  if (name == kGenericCsv) return "export_generic.csv";
  if (name == kJsonLines) return "export_golden.jsonl";
  const profiles::Profile* profile = ExportProfile(name, profiles);
  return profile != nullptr ? profile->export_spec->file : "export_" + std::string(name) + ".csv";
}

std::string RenderExport(std::string_view name, const ExportInput& input,
                         const std::vector<profiles::Profile>& profiles) {
  if (name == kGenericCsv) return RenderGenericCsv(input);
  if (name == kJsonLines) return RenderJsonLines(input);
  const profiles::Profile* profile = ExportProfile(name, profiles);
  return profile != nullptr ? RenderTool(*profile, input) : std::string();
}

Result<std::vector<std::string>> WriteExports(const std::string& out_dir,
                                              const std::vector<std::string>& names,
                                              const ExportInput& input,
                                              const std::vector<profiles::Profile>& profiles) {
  IDFORGE_RETURN_IF_ERROR(ValidateExportNames(names, profiles));
  std::vector<std::string> written;
  for (const std::string& name : names) {
    const std::string path =
        (std::filesystem::path(out_dir) / ExportFileName(name, profiles)).string();
    IDFORGE_ASSIGN_OR_RETURN(AtomicFile file, AtomicFile::Open(path));
    file.Write(RenderExport(name, input, profiles));
    IDFORGE_RETURN_IF_ERROR(file.Commit());
    written.push_back(path);
  }
  return written;
}

Status ValidateRunExports(const JobSpec& job, const std::vector<std::string>& extra) {
  const std::vector<std::string> names = ExportNames(job, extra);
  if (names.empty()) return Status::Ok();
  IDFORGE_ASSIGN_OR_RETURN(const std::vector<profiles::Profile> profiles, profiles::BuiltinProfiles());
  return ValidateExportNames(names, profiles);
}

Result<std::vector<std::string>> WriteRunExports(const std::string& out_dir,
                                                 const std::vector<std::string>& extra,
                                                 const ExportInput& input) {
  const std::vector<std::string> names = ExportNames(input.job, extra);
  if (names.empty()) return std::vector<std::string>();
  IDFORGE_ASSIGN_OR_RETURN(const std::vector<profiles::Profile> profiles, profiles::BuiltinProfiles());
  return WriteExports(out_dir, names, input, profiles);
}

std::string FormatIsoDate(std::string_view iso, std::string_view format) {
  const bool is_iso = iso.size() == 10 && iso[4] == '-' && iso[7] == '-' &&
                      std::all_of(iso.begin(), iso.end(), [](char c) {
                        return c == '-' || (c >= '0' && c <= '9');
                      });
  if (!is_iso) return std::string(iso);
  std::string out;
  for (size_t i = 0; i < format.size(); ++i) {
    if (format[i] != '%' || i + 1 == format.size()) {
      out.push_back(format[i]);
      continue;
    }
    switch (format[++i]) {
      case 'Y': out.append(iso.substr(0, 4)); break;
      case 'y': out.append(iso.substr(2, 2)); break;
      case 'm': out.append(iso.substr(5, 2)); break;
      case 'd': out.append(iso.substr(8, 2)); break;
      case 'e': out.append(iso[8] == '0' ? iso.substr(9, 1) : iso.substr(8, 2)); break;
      case '%': out.push_back('%'); break;
      default:
        out.push_back('%');
        out.push_back(format[i]);
    }
  }
  return out;
}

}  // namespace idforge::writeback
