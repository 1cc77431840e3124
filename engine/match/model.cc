// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
#include "engine/match/model.h"

#include <algorithm>
#include <cmath>

#include <simdjson.h>

#include "engine/common/json_writer.h"

namespace idforge::match {

std::string MatchModel::ToJson() const {
  JsonWriter json;
  json.BeginObject();
  json.Field("model_version", uint64_t{1});
  json.Field("kind", "fellegi_sunter");
  json.Key("probability_two_random_records_match");
  json.Double(lambda, 10);
  json.Key("threshold_match_probability");
  json.Double(threshold, 6);
  json.Key("blocking_rules");
  json.BeginArray();
  for (const std::string& rule : blocking_rules) json.String(rule);
  json.EndArray();
  json.Key("comparisons");
  json.BeginArray();
  for (const ComparisonModel& comparison : comparisons) {
    json.BeginObject();
    json.Field("name", comparison.comparison.name);
    json.Field("term_frequency", comparison.comparison.term_frequency);
    const std::vector<std::string_view> parameter_names = ParameterNames(comparison.comparison.kind);
    if (!parameter_names.empty()) {
      json.Key("parameters");
      json.BeginObject();
      for (std::string_view key : parameter_names) {
        const double value = GetParameter(comparison.comparison.parameters, key);
        json.Key(key);
        if (value == std::floor(value)) {
          json.Uint(static_cast<uint64_t>(value));
        } else {
          json.Double(value, 4);
        }
      }
      json.EndObject();
    }
    json.Key("levels");
    json.BeginArray();
    for (size_t level = 0; level < comparison.levels.size(); ++level) {
      json.BeginObject();
      json.Field("level", comparison.comparison.levels[level]);
      if (level == kNullLevel) {
        json.Field("note", "missing on a side: neutral");
      } else {
        json.Key("m");
        json.Double(comparison.levels[level].m, 8);
        json.Key("u");
        json.Double(comparison.levels[level].u, 8);
        json.Key("bayes_factor");
        json.Double(comparison.levels[level].m / comparison.levels[level].u, 6);
      }
      json.EndObject();
    }
    json.EndArray();
    json.EndObject();
  }
  json.EndArray();
  json.EndObject();
  return json.str();
}

Status MatchModel::Validate() const {
  if (!(lambda > 0 && lambda < 1)) return InvalidArgument("model: prior must be in (0, 1)");
  if (!(threshold > 0 && threshold < 1)) return InvalidArgument("model: threshold must be in (0, 1)");
  for (const ComparisonModel& comparison : comparisons) {
    double m_sum = 0;
    double u_sum = 0;
    for (size_t level = 1; level < comparison.levels.size(); ++level) {
      const LevelParameters& p = comparison.levels[level];
      if (!(p.m > 0 && p.m <= 1 && p.u > 0 && p.u <= 1)) {
        return InvalidArgument("model: comparison " + comparison.comparison.name + " level " +
                               comparison.comparison.levels[level] + ": m and u must be in (0, 1]");
      }
      m_sum += p.m;
      u_sum += p.u;
    }
    if (std::abs(m_sum - 1) > 0.01 || std::abs(u_sum - 1) > 0.01) {
      return InvalidArgument("model: comparison " + comparison.comparison.name +
                             ": m and u must each sum to 1 over the non-null levels");
    }
  }
  return Status::Ok();
}

Result<MatchModel> MatchModel::FromJson(std::string_view json, std::string_view display_name) {
  const std::string name(display_name);
  auto error = [&](const std::string& path, const std::string& message) {
    return InvalidArgument(name + ": " + path + ": " + message);
  };
  simdjson::dom::parser parser;
  const simdjson::padded_string text(json);
  simdjson::dom::element root;
  if (auto parse_error = parser.parse(text).get(root)) {
    return InvalidArgument(name + ": not valid JSON (" + simdjson::error_message(parse_error) + ")");
  }
  MatchModel model;
  if (root["probability_two_random_records_match"].get(model.lambda)) {
    return error("probability_two_random_records_match", "missing or not a number");
  }
  if (root["threshold_match_probability"].get(model.threshold)) {
    return error("threshold_match_probability", "missing or not a number");
  }
  simdjson::dom::array rules;
  if (!root["blocking_rules"].get(rules)) {
    for (simdjson::dom::element rule : rules) {
      std::string_view text_rule;
      if (rule.get(text_rule)) return error("blocking_rules", "expected strings");
      model.blocking_rules.emplace_back(text_rule);
    }
  }
  simdjson::dom::array comparisons;
  if (root["comparisons"].get(comparisons)) return error("comparisons", "missing array");
  size_t index = 0;
  for (simdjson::dom::element item : comparisons) {
    const std::string path = "comparisons[" + std::to_string(index++) + "]";
    std::string_view comparison_name;
    if (item["name"].get(comparison_name)) return error(path + ".name", "missing");
    Result<ComparisonKind> kind = ComparisonKindFromName(comparison_name);
    if (!kind.ok()) return error(path + ".name", std::string(kind.status().message()));
    ComparisonModel comparison_model;
    for (const Comparison& comparison : DefaultComparisons()) {
      if (comparison.kind == *kind) comparison_model.comparison = comparison;
    }
    // Written since the parameters became configurable; older models use the defaults.
    bool term_frequency = false;
    if (!item["term_frequency"].get(term_frequency)) comparison_model.comparison.term_frequency = term_frequency;
    simdjson::dom::object parameters;
    if (!item["parameters"].get(parameters)) {
      for (auto [key, value] : parameters) {
        double number = 0;
        const std::string key_path = path + ".parameters." + std::string(key);
        const std::vector<std::string_view> names = ParameterNames(*kind);
        if (std::find(names.begin(), names.end(), key) == names.end()) {
          return error(key_path, "not a parameter of " + std::string(comparison_name));
        }
        if (value.get(number)) return error(key_path, "expected a number");
        const Status set = SetParameter(comparison_model.comparison.parameters, key, number);
        if (!set.ok()) return error(key_path, std::string(set.message()));
      }
      const Status valid = ValidateParameters(comparison_model.comparison);
      if (!valid.ok()) return error(path + ".parameters", std::string(valid.message()));
    }
    simdjson::dom::array levels;
    if (item["levels"].get(levels)) return error(path + ".levels", "missing array");
    comparison_model.levels.resize(comparison_model.comparison.levels.size());
    size_t level_index = 0;
    for (simdjson::dom::element level : levels) {
      const std::string level_path = path + ".levels[" + std::to_string(level_index) + "]";
      if (level_index >= comparison_model.levels.size()) {
        return error(level_path, "more levels than comparison " + std::string(comparison_name) + " has");
      }
      std::string_view level_name;
      if (level["level"].get(level_name) ||
          level_name != comparison_model.comparison.levels[level_index]) {
        return error(level_path + ".level",
                     "expected \"" + comparison_model.comparison.levels[level_index] + "\"");
      }
      if (level_index != kNullLevel) {
        LevelParameters& p = comparison_model.levels[level_index];
        if (level["m"].get(p.m) || level["u"].get(p.u)) {
          return error(level_path, "needs numbers m and u");
        }
      }
      ++level_index;
    }
    if (level_index != comparison_model.levels.size()) {
      return error(path + ".levels", "expected " + std::to_string(comparison_model.levels.size()) +
                                         " levels");
    }
    model.comparisons.push_back(std::move(comparison_model));
  }
  IDFORGE_RETURN_IF_ERROR(model.Validate());
  return model;
}

}  // namespace idforge::match
