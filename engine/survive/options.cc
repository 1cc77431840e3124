// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Parsing of the job's "survivorship" object into SurvivorshipOptions. Only the shape is checked
// here; field names are resolved in BuildGolden(), once carried fields are known.
#include <simdjson.h>

#include <array>
#include <string>

#include "engine/survive/survive.h"

namespace idforge::survive {
namespace {

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::element_type;
using simdjson::dom::object;

constexpr std::array<std::string_view, 5> kRuleNames = {
    "valid_only", "source_priority", "most_recent", "most_frequent", "most_complete"};

std::string AllowedRules() {
  std::string out = "allowed rules: ";
  for (size_t rule_idx = 0; rule_idx < kRuleNames.size(); ++rule_idx) {
    if (rule_idx > 0) out += ", ";
    out += kRuleNames[rule_idx];
  }
  return out;
}

Status Error(std::string_view path, std::string_view message) {
  return InvalidArgument(std::string(path) + ": " + std::string(message));
}

std::string_view TypeName(element_type type) {
  switch (type) {
    case element_type::ARRAY:
      return "an array";
    case element_type::OBJECT:
      return "an object";
    case element_type::INT64:
    case element_type::UINT64:
    case element_type::DOUBLE:
      return "a number";
    case element_type::STRING:
      return "a string";
    case element_type::BOOL:
      return "a boolean";
    case element_type::NULL_VALUE:
      return "null";
  }
  return "a value";
}

Status ParseRuleList(element value, const std::string& path, std::vector<SurvivorshipRule>& out) {
  array items;
  if (value.get_array().get(items)) {
    return Error(path, "expected an array of rule names, found " +
                           std::string(TypeName(value.type())) + "; " + AllowedRules());
  }
  size_t index = 0;
  for (element item : items) {
    const std::string item_path = path + "[" + std::to_string(index++) + "]";
    std::string_view name;
    if (item.get_string().get(name)) {
      return Error(item_path, "expected a rule name, found " + std::string(TypeName(item.type())) +
                                  "; " + AllowedRules());
    }
    const std::optional<SurvivorshipRule::Kind> kind = RuleFromName(name);
    if (!kind)
      return Error(item_path, "unknown rule \"" + std::string(name) + "\"; " + AllowedRules());
    out.push_back(SurvivorshipRule{*kind});
  }
  if (out.empty()) return Error(path, "lists no rule; " + AllowedRules());
  return Status::Ok();
}

Status ParseGroups(element value, std::vector<std::vector<std::string>>& out) {
  constexpr std::string_view kPath = "survivorship.groups";
  array groups;
  if (value.get_array().get(groups)) {
    return Error(kPath, "expected an array of field-name arrays, found " +
                            std::string(TypeName(value.type())));
  }
  size_t group_idx = 0;
  for (element group : groups) {
    const std::string group_path = std::string(kPath) + "[" + std::to_string(group_idx++) + "]";
    array names;
    if (group.get_array().get(names)) {
      return Error(group_path, "expected an array of field names, found " +
                                   std::string(TypeName(group.type())));
    }
    std::vector<std::string>& fields = out.emplace_back();
    size_t name_idx = 0;
    for (element name : names) {
      const std::string name_path = group_path + "[" + std::to_string(name_idx++) + "]";
      std::string_view text;
      if (name.get_string().get(text)) {
        return Error(name_path,
                     "expected a field name, found " + std::string(TypeName(name.type())));
      }
      fields.emplace_back(text);
    }
    if (fields.empty()) return Error(group_path, "is empty; list the fields that survive together");
  }
  return Status::Ok();
}

}  // namespace

std::string_view RuleName(SurvivorshipRule::Kind kind) {
  return kRuleNames[static_cast<size_t>(kind)];
}

std::optional<SurvivorshipRule::Kind> RuleFromName(std::string_view name) {
  for (size_t rule_idx = 0; rule_idx < kRuleNames.size(); ++rule_idx) {
    if (kRuleNames[rule_idx] == name) return static_cast<SurvivorshipRule::Kind>(rule_idx);
  }
  return std::nullopt;
}

std::string_view DecisionName(Decision decision) {
  switch (decision) {
    case Decision::kTieBreak:
      return "tie_break";
    case Decision::kOnlyValue:
      return "only_value";
    default:
      return kRuleNames[static_cast<size_t>(decision)];
  }
}

Result<SurvivorshipOptions> ParseSurvivorshipOptions(std::string_view json) {
  SurvivorshipOptions options;
  const simdjson::padded_string text(json.empty() ? std::string_view("{}") : json);
  simdjson::dom::parser parser;
  element root;
  if (auto error = parser.parse(text).get(root)) {
    return Error("survivorship", std::string("invalid JSON: ") + simdjson::error_message(error));
  }
  object top;
  if (root.get_object().get(top)) {
    return Error("survivorship", "expected an object, found " + std::string(TypeName(root.type())));
  }
  for (auto [key, value] : top) {
    if (key == "fields") {
      object fields;
      if (value.get_object().get(fields)) {
        return Error("survivorship.fields", "expected an object of field -> rule list, found " +
                                                std::string(TypeName(value.type())));
      }
      for (auto [field, rules] : fields) {
        const std::string path = "survivorship.fields." + std::string(field);
        for (const auto& entry : options.fields) {
          if (entry.first == field) return Error(path, "is given twice");
        }
        std::vector<SurvivorshipRule> list;
        IDFORGE_RETURN_IF_ERROR(ParseRuleList(rules, path, list));
        options.fields.emplace_back(std::string(field), std::move(list));
      }
    } else if (key == "groups") {
      std::vector<std::vector<std::string>> groups;
      IDFORGE_RETURN_IF_ERROR(ParseGroups(value, groups));
      options.groups = std::move(groups);
    } else {
      return Error("survivorship." + std::string(key), "unknown key; allowed keys: fields, groups");
    }
  }
  return options;
}

}  // namespace idforge::survive
