// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
#include "engine/profiles/profile.h"

#include <algorithm>
#include <initializer_list>

#include <simdjson.h>

namespace idforge::profiles {
namespace {

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;

class Parser {
 public:
  explicit Parser(std::string_view name) : name_(name) {}

  Status Error(std::string_view path, std::string_view message) const {
    return InvalidArgument(name_ + ": " + std::string(path) + ": " + std::string(message));
  }

  Status CheckKeys(object obj, std::string_view path,
                   std::initializer_list<std::string_view> known) const {
    for (auto [key, value] : obj) {
      if (std::find(known.begin(), known.end(), key) == known.end()) {
        std::string allowed;
        for (std::string_view k : known) allowed += (allowed.empty() ? "" : ", ") + std::string(k);
        return Error(path.empty() ? std::string(key) : std::string(path) + "." + std::string(key),
                     "unknown key; allowed: " + allowed);
      }
    }
    return Status::Ok();
  }

  Result<std::string> String(element value, std::string_view path, bool allow_empty = false) const {
    std::string_view text;
    if (value.get_string().get(text)) return Error(path, "expected a string");
    if (text.empty() && !allow_empty) return Error(path, "empty string");
    return std::string(text);
  }

  Result<Aliases> StringList(element value, std::string_view path) const {
    array items;
    if (value.get_array().get(items)) return Error(path, "expected an array of strings");
    Aliases out;
    size_t index = 0;
    for (element item : items) {
      IDFORGE_ASSIGN_OR_RETURN(std::string text,
                               String(item, std::string(path) + "[" + std::to_string(index++) + "]"));
      out.push_back(std::move(text));
    }
    return out;
  }

  // ["A", "B"] or {"aliases": [...], "format": "..."} or {"join": [[...], [...]]}.
  Result<FieldRule> Rule(element value, std::string_view path) const {
    FieldRule rule;
    object obj;
    if (value.get_object().get(obj)) {
      IDFORGE_ASSIGN_OR_RETURN(Aliases aliases, StringList(value, path));
      if (aliases.empty()) return Error(path, "empty list of column names");
      rule.parts.push_back(std::move(aliases));
      return rule;
    }
    IDFORGE_RETURN_IF_ERROR(CheckKeys(obj, path, {"aliases", "join", "format"}));
    element item;
    const bool has_aliases = !obj["aliases"].get(item);
    if (has_aliases) {
      IDFORGE_ASSIGN_OR_RETURN(Aliases aliases, StringList(item, std::string(path) + ".aliases"));
      if (aliases.empty()) return Error(std::string(path) + ".aliases", "empty list");
      rule.parts.push_back(std::move(aliases));
    }
    if (!obj["join"].get(item)) {
      if (has_aliases) return Error(path, "give \"aliases\" or \"join\", not both");
      array parts;
      if (item.get_array().get(parts)) return Error(std::string(path) + ".join", "expected an array of arrays");
      size_t index = 0;
      for (element part : parts) {
        const std::string part_path = std::string(path) + ".join[" + std::to_string(index++) + "]";
        IDFORGE_ASSIGN_OR_RETURN(Aliases aliases, StringList(part, part_path));
        if (aliases.empty()) return Error(part_path, "empty list");
        rule.parts.push_back(std::move(aliases));
      }
    }
    if (rule.parts.empty()) return Error(path, "missing \"aliases\" or \"join\"");
    if (!obj["format"].get(item)) {
      IDFORGE_ASSIGN_OR_RETURN(rule.format, String(item, std::string(path) + ".format"));
    }
    return rule;
  }

  Result<ExportSpec> Export(element value) const {
    object obj;
    if (value.get_object().get(obj)) return Error("export", "expected an object");
    IDFORGE_RETURN_IF_ERROR(CheckKeys(obj, "export", {"file", "quote_all", "columns"}));
    ExportSpec spec;
    element item;
    if (obj["file"].get(item)) return Error("export", "missing \"file\"");
    IDFORGE_ASSIGN_OR_RETURN(spec.file, String(item, "export.file"));
    if (spec.file.find('/') != std::string::npos || spec.file.find('\\') != std::string::npos) {
      return Error("export.file", "a file name, not a path");
    }
    if (!obj["quote_all"].get(item) && item.get_bool().get(spec.quote_all)) {
      return Error("export.quote_all", "expected true or false");
    }
    array columns;
    if (obj["columns"].get(item) || item.get_array().get(columns)) {
      return Error("export.columns", "expected an array of columns");
    }
    size_t index = 0;
    for (element column_value : columns) {
      const std::string path = "export.columns[" + std::to_string(index++) + "]";
      object column_obj;
      if (column_value.get_object().get(column_obj)) return Error(path, "expected an object");
      IDFORGE_RETURN_IF_ERROR(CheckKeys(column_obj, path, {"header", "field", "value", "format", "as"}));
      ExportColumn column;
      if (column_obj["header"].get(item)) return Error(path, "missing \"header\"");
      IDFORGE_ASSIGN_OR_RETURN(column.header, String(item, path + ".header"));
      const bool has_field = !column_obj["field"].get(item);
      if (has_field) {
        IDFORGE_ASSIGN_OR_RETURN(std::string field, String(item, path + ".field"));
        column.field = FieldFromName(field);
        if (!column.field) return Error(path + ".field", "\"" + field + "\" is not a canonical field");
      }
      if (!column_obj["value"].get(item)) {
        if (has_field) return Error(path, "give \"field\" or \"value\", not both");
        IDFORGE_ASSIGN_OR_RETURN(column.value, String(item, path + ".value"));
        if (column.value != "tool_id" && column.value != "tool_email" &&
            column.value != "address_double_space") {
          return Error(path + ".value",
                       "unknown value \"" + column.value +
                           "\"; use tool_id, tool_email or address_double_space");
        }
      } else if (!has_field) {
        return Error(path, "missing \"field\" or \"value\"");
      }
      if (!column_obj["format"].get(item)) {
        IDFORGE_ASSIGN_OR_RETURN(column.format, String(item, path + ".format"));
      }
      if (!column_obj["as"].get(item)) {
        IDFORGE_ASSIGN_OR_RETURN(std::string as, String(item, path + ".as"));
        if (as != "country_code") return Error(path + ".as", "unknown conversion; use country_code");
        column.country_code = true;
      }
      spec.columns.push_back(std::move(column));
    }
    if (spec.columns.empty()) return Error("export.columns", "no column");
    return spec;
  }

  Result<Quirks> ParseQuirks(element value) const {
    object obj;
    if (value.get_object().get(obj)) return Error("quirks", "expected an object");
    IDFORGE_RETURN_IF_ERROR(
        CheckKeys(obj, "quirks", {"strip_leading_apostrophe", "address_double_space"}));
    Quirks quirks;
    element item;
    auto check_targets = [&](const Aliases& targets, std::string_view path,
                             bool allow_meta) -> Status {
      for (size_t i = 0; i < targets.size(); ++i) {
        const bool meta = targets[i] == "id" || targets[i] == "links";
        if ((meta && allow_meta) || FieldFromName(targets[i])) continue;
        return Error(std::string(path) + "[" + std::to_string(i) + "]",
                     "\"" + targets[i] + "\" is not a canonical field" +
                         (allow_meta ? ", \"id\" or \"links\"" : ""));
      }
      return Status::Ok();
    };
    if (!obj["strip_leading_apostrophe"].get(item)) {
      IDFORGE_ASSIGN_OR_RETURN(quirks.strip_leading_apostrophe,
                               StringList(item, "quirks.strip_leading_apostrophe"));
      IDFORGE_RETURN_IF_ERROR(
          check_targets(quirks.strip_leading_apostrophe, "quirks.strip_leading_apostrophe", true));
    }
    if (!obj["address_double_space"].get(item)) {
      IDFORGE_ASSIGN_OR_RETURN(quirks.address_double_space,
                               StringList(item, "quirks.address_double_space"));
      IDFORGE_RETURN_IF_ERROR(
          check_targets(quirks.address_double_space, "quirks.address_double_space", false));
    }
    return quirks;
  }

  Result<Profile> Parse(element root) const {
    object obj;
    if (root.get_object().get(obj)) return Error("$", "a profile is a JSON object");
    IDFORGE_RETURN_IF_ERROR(CheckKeys(obj, "", {"name", "tool", "formats", "fingerprint", "id",
                                                "updated_at", "fields", "carry", "links", "known",
                                                "quirks", "export"}));
    Profile profile;
    element item;
    if (obj["name"].get(item)) return Error("name", "missing");
    IDFORGE_ASSIGN_OR_RETURN(profile.name, String(item, "name"));
    for (char c : profile.name) {
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
        return Error("name", "use lower-case letters, digits and '_'");
      }
    }
    if (!obj["tool"].get(item)) {
      IDFORGE_ASSIGN_OR_RETURN(profile.tool, String(item, "tool"));
    }
    if (obj["formats"].get(item)) return Error("formats", "missing (csv, jsonl, json)");
    IDFORGE_ASSIGN_OR_RETURN(Aliases formats, StringList(item, "formats"));
    for (size_t i = 0; i < formats.size(); ++i) {
      if (formats[i] == "csv") {
        profile.formats.push_back(InputFormat::kCsv);
      } else if (formats[i] == "jsonl") {
        profile.formats.push_back(InputFormat::kJsonl);
      } else if (formats[i] == "json") {
        profile.formats.push_back(InputFormat::kJson);
      } else {
        return Error("formats[" + std::to_string(i) + "]", "unknown format; use csv, jsonl or json");
      }
    }
    if (profile.formats.empty()) return Error("formats", "empty");
    if (!obj["fingerprint"].get(item)) {
      array groups;
      if (item.get_array().get(groups)) return Error("fingerprint", "expected an array of arrays");
      size_t index = 0;
      for (element group : groups) {
        const std::string path = "fingerprint[" + std::to_string(index++) + "]";
        IDFORGE_ASSIGN_OR_RETURN(Aliases aliases, StringList(group, path));
        if (aliases.empty()) return Error(path, "empty group");
        profile.fingerprint.push_back(std::move(aliases));
      }
    }
    if (!obj["id"].get(item)) {
      IDFORGE_ASSIGN_OR_RETURN(profile.id, StringList(item, "id"));
    }
    if (!obj["updated_at"].get(item)) {
      IDFORGE_ASSIGN_OR_RETURN(profile.updated_at, StringList(item, "updated_at"));
    }
    object fields;
    if (obj["fields"].get(item) || item.get_object().get(fields)) {
      return Error("fields", "missing or not an object mapping canonical fields to column aliases");
    }
    for (auto [key, value] : fields) {
      const std::string path = "fields." + std::string(key);
      const std::optional<Field> field = FieldFromName(key);
      if (!field) return Error(path, "not a canonical field (carried fields go in \"carry\")");
      IDFORGE_ASSIGN_OR_RETURN(FieldRule rule, Rule(value, path));
      profile.fields[static_cast<size_t>(*field)] = std::move(rule);
    }
    if (!obj["carry"].get(item)) {
      object carry;
      if (item.get_object().get(carry)) return Error("carry", "expected an object");
      for (auto [key, value] : carry) {
        const std::string path = "carry." + std::string(key);
        if (key.empty() || FieldFromName(key) || key.starts_with(kLinkPrefix)) {
          return Error(path, "a carried field needs its own, non-canonical name");
        }
        IDFORGE_ASSIGN_OR_RETURN(FieldRule rule, Rule(value, path));
        profile.carry.emplace_back(std::string(key), std::move(rule));
      }
    }
    if (!obj["links"].get(item)) {
      object links;
      if (item.get_object().get(links)) return Error("links", "expected an object");
      for (auto [key, value] : links) {
        const std::string path = "links." + std::string(key);
        if (key.empty()) return Error("links", "empty namespace");
        IDFORGE_ASSIGN_OR_RETURN(Aliases aliases, StringList(value, path));
        if (aliases.empty()) return Error(path, "empty list");
        profile.links.emplace_back(std::string(key), std::move(aliases));
      }
    }
    if (!obj["known"].get(item)) {
      IDFORGE_ASSIGN_OR_RETURN(profile.known, StringList(item, "known"));
    }
    if (!obj["quirks"].get(item)) {
      IDFORGE_ASSIGN_OR_RETURN(profile.quirks, ParseQuirks(item));
    }
    if (!obj["export"].get(item)) {
      IDFORGE_ASSIGN_OR_RETURN(profile.export_spec, Export(item));
    }
    return profile;
  }

 private:
  std::string name_;
};

}  // namespace

Result<Profile> ParseProfile(std::string_view json, std::string_view display_name) {
  simdjson::dom::parser parser;
  simdjson::padded_string text(json);
  element root;
  if (auto error = parser.parse(text).get(root)) {
    return InvalidArgument(std::string(display_name) + ": not valid JSON (" +
                           simdjson::error_message(error) + ")");
  }
  return Parser(display_name).Parse(root);
}

Result<std::vector<Profile>> BuiltinProfiles() {
  std::vector<Profile> out;
  for (const auto& [file, text] : EmbeddedProfileFiles()) {
    IDFORGE_ASSIGN_OR_RETURN(Profile profile, ParseProfile(text, file));
    out.push_back(std::move(profile));
  }
  std::sort(out.begin(), out.end(),
            [](const Profile& a, const Profile& b) { return a.name < b.name; });
  for (size_t i = 1; i < out.size(); ++i) {
    if (out[i].name == out[i - 1].name) {
      return Internal("two built-in profiles are named \"" + out[i].name + "\"");
    }
  }
  return out;
}

const Profile* FindProfile(const std::vector<Profile>& profiles, std::string_view name) {
  for (const Profile& profile : profiles) {
    if (profile.name == name) return &profile;
  }
  return nullptr;
}

std::string ProfileNames(const std::vector<Profile>& profiles) {
  std::string out;
  for (const Profile& profile : profiles) out += (out.empty() ? "" : ", ") + profile.name;
  return out;
}

}  // namespace idforge::profiles
