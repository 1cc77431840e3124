// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
#include "engine/match/settings.h"

#include <algorithm>

#include <simdjson.h>

namespace idforge::match {

namespace {

// One entry of matching.comparisons: a built-in comparison's name, or an object naming it with
// parameters to override ({"name": "first_name", "close": 0.94, "term_frequency": false}).
template <typename Error>
Result<Comparison> ParseComparison(simdjson::dom::element item, const std::string& path, const Error& error) {
  std::string_view name;
  simdjson::dom::object object;
  const bool is_object = !item.get(object);
  if (is_object) {
    if (object["name"].get(name)) return error(path + ".name", "missing: which comparison to configure");
  } else if (item.get(name)) {
    return error(path, "expected a comparison name or an object with \"name\"");
  }
  Result<ComparisonKind> kind = ComparisonKindFromName(name);
  if (!kind.ok()) return error(is_object ? path + ".name" : path, std::string(kind.status().message()));
  Comparison comparison;
  for (const Comparison& built_in : DefaultComparisons()) {
    if (built_in.kind == *kind) comparison = built_in;
  }
  if (!is_object) return comparison;
  const std::vector<std::string_view> names = ParameterNames(comparison.kind);
  for (auto [key, value] : object) {
    if (key == "name") continue;
    const std::string key_path = path + "." + std::string(key);
    if (key == "term_frequency" &&
        (comparison.kind == ComparisonKind::kFirstName || comparison.kind == ComparisonKind::kLastName)) {
      if (value.get(comparison.term_frequency)) return error(key_path, "expected true or false");
      continue;
    }
    if (std::find(names.begin(), names.end(), key) == names.end()) {
      std::string allowed = "name";
      if (comparison.kind == ComparisonKind::kFirstName || comparison.kind == ComparisonKind::kLastName) {
        allowed += ", term_frequency";
      }
      for (std::string_view known : names) allowed += ", " + std::string(known);
      return error(key_path, "unknown parameter for " + comparison.name + "; allowed: " + allowed);
    }
    double number = 0;
    if (value.get(number)) return error(key_path, "expected a number");
    const Status set = SetParameter(comparison.parameters, key, number);
    if (!set.ok()) return error(key_path, std::string(set.message()));
  }
  const Status valid = ValidateParameters(comparison);
  if (!valid.ok()) return error(path, std::string(valid.message()));
  return comparison;
}

}  // namespace

Result<MatchingSettings> ParseMatchingSettings(std::string_view json,
                                               std::string_view display_name) {
  const std::string name(display_name);
  auto error = [&](const std::string& path, const std::string& message) {
    return InvalidArgument(name + ": matching." + path + ": " + message);
  };
  MatchingSettings settings;
  simdjson::dom::parser parser;
  const simdjson::padded_string text(json);
  simdjson::dom::object root;
  if (parser.parse(text).get(root)) return InvalidArgument(name + ": matching: expected an object");
  for (auto [key, value] : root) {
    if (key == "blocking") {
      simdjson::dom::array rules;
      if (value.get(rules)) return error("blocking", "expected an array of rule strings");
      size_t index = 0;
      for (simdjson::dom::element rule : rules) {
        std::string_view rule_text;
        const std::string path = "blocking[" + std::to_string(index++) + "]";
        if (rule.get(rule_text)) return error(path, "expected a string such as \"email_canonical\"");
        Result<block::BlockingRule> parsed = block::ParseBlockingRule(rule_text);
        if (!parsed.ok()) return error(path, std::string(parsed.status().message()));
        settings.blocking.rules.push_back(std::move(parsed).value());
      }
      if (settings.blocking.rules.empty()) return error("blocking", "needs at least one rule");
    } else if (key == "rules") {
      simdjson::dom::array rules;
      if (value.get(rules)) return error("rules", "expected an array of rule strings");
      size_t index = 0;
      for (simdjson::dom::element rule : rules) {
        std::string_view rule_text;
        const std::string path = "rules[" + std::to_string(index++) + "]";
        if (rule.get(rule_text)) {
          return error(path, "expected a string such as \"email_canonical & last_name_compact\"");
        }
        Result<block::BlockingRule> parsed = block::ParseBlockingRule(rule_text);
        if (!parsed.ok()) return error(path, std::string(parsed.status().message()));
        settings.rules.push_back(std::move(parsed).value());
      }
    } else if (key == "threshold") {
      double threshold = 0;
      if (value.get(threshold) || !(threshold > 0 && threshold < 1)) {
        return error("threshold", "expected a match probability between 0 and 1, e.g. 0.9");
      }
      settings.train.threshold = threshold;
    } else if (key == "max_block_size") {
      int64_t size = 0;
      if (value.get(size) || size < 2 || size > 10'000'000) {
        return error("max_block_size", "expected an integer of at least 2");
      }
      settings.blocking.max_block_size = static_cast<uint32_t>(size);
    } else if (key == "pairwise_block_size") {
      int64_t size = 0;
      if (value.get(size) || size < 2 || size > 10'000'000) {
        return error("pairwise_block_size", "expected an integer of at least 2");
      }
      settings.blocking.pairwise_block_size = static_cast<uint32_t>(size);
    } else if (key == "comparisons") {
      simdjson::dom::array items;
      if (value.get(items)) {
        return error("comparisons", "expected an array of comparison names or objects such as "
                                    "{\"name\": \"last_name\", \"close\": 0.95}");
      }
      size_t index = 0;
      for (simdjson::dom::element item : items) {
        const std::string path = "comparisons[" + std::to_string(index++) + "]";
        IDFORGE_ASSIGN_OR_RETURN(Comparison comparison, ParseComparison(item, path, error));
        for (const Comparison& earlier : settings.comparisons) {
          if (earlier.kind == comparison.kind) return error(path, "\"" + comparison.name + "\" is listed twice");
        }
        settings.comparisons.push_back(std::move(comparison));
      }
    } else if (key == "max_entity_size") {
      int64_t size = 0;
      if (value.get(size) || size < 2 || size > 100'000'000) {
        return error("max_entity_size", "expected an integer of at least 2");
      }
      settings.max_entity_size = static_cast<uint32_t>(size);
    } else if (key == "u_sample_pairs") {
      int64_t pairs = 0;
      if (value.get(pairs) || pairs < 1000) return error("u_sample_pairs", "expected an integer >= 1000");
      settings.train.u_sample_pairs = static_cast<uint64_t>(pairs);
    } else {
      return error(std::string(key), "unknown key; allowed: blocking, rules, threshold, "
                                     "max_block_size, pairwise_block_size, max_entity_size, comparisons, u_sample_pairs");
    }
  }
  return settings;
}

}  // namespace idforge::match
