// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// report.json of `run` (with --truth) and of `profile` on the bundled sample, validated against
// docs/report-schema.json. The validator is a small subset of JSON Schema (type, const, enum,
// required, properties, additionalProperties, items, minimum, maximum) plus one house rule: an
// object schema that lists "properties" and says nothing about additionalProperties documents
// every key, so a key the report writes and the schema does not list fails the test.
#include <gtest/gtest.h>
#include <simdjson.h>

#include <string>
#include <vector>

#include "engine/job/job_file.h"
#include "idforge/idforge.h"
#include "tests/testing/test_util.h"

namespace idforge {
namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;

bool HasType(element value, std::string_view type) {
  switch (value.type()) {
    case element_type::OBJECT: return type == "object";
    case element_type::ARRAY: return type == "array";
    case element_type::STRING: return type == "string";
    case element_type::INT64:
    case element_type::UINT64: return type == "integer" || type == "number";
    case element_type::DOUBLE: return type == "number";
    case element_type::BOOL: return type == "boolean";
    case element_type::NULL_VALUE: return type == "null";
  }
  return false;
}

std::string Text(element value) { return simdjson::minify(value); }

class SchemaValidator {
 public:
  void Validate(element schema, element value, const std::string& path) {
    std::string_view type;
    if (schema["type"].get(type) == simdjson::SUCCESS && !HasType(value, type)) {
      Fail(path, "is " + Text(value).substr(0, 40) + ", expected " + std::string(type));
      return;
    }
    simdjson::dom::array types;
    if (schema["type"].get(types) == simdjson::SUCCESS) {
      bool any = false;
      for (element one : types) any = any || HasType(value, std::string_view(one));
      if (!any) Fail(path, "has none of the allowed types");
    }
    element expected;
    if (schema["const"].get(expected) == simdjson::SUCCESS && Text(expected) != Text(value)) {
      Fail(path, "is " + Text(value) + ", expected " + Text(expected));
    }
    simdjson::dom::array choices;
    if (schema["enum"].get(choices) == simdjson::SUCCESS) {
      bool found = false;
      for (element choice : choices) found = found || Text(choice) == Text(value);
      if (!found) Fail(path, "is " + Text(value) + ", not one of " + Text(schema["enum"]));
    }
    double bound = 0;
    double number = 0;
    if (value.get(number) == simdjson::SUCCESS) {
      if (schema["minimum"].get(bound) == simdjson::SUCCESS && number < bound) {
        Fail(path, "is below its minimum");
      }
      if (schema["maximum"].get(bound) == simdjson::SUCCESS && number > bound) {
        Fail(path, "is above its maximum");
      }
    }
    simdjson::dom::object object;
    if (value.get(object) == simdjson::SUCCESS) ValidateObject(schema, object, path);
    simdjson::dom::array array;
    element items;
    if (value.get(array) == simdjson::SUCCESS && schema["items"].get(items) == simdjson::SUCCESS) {
      size_t index = 0;
      for (element item : array) Validate(items, item, path + "[" + std::to_string(index++) + "]");
    }
  }

  const std::vector<std::string>& errors() const { return errors_; }

 private:
  void ValidateObject(element schema, simdjson::dom::object object, const std::string& path) {
    simdjson::dom::array required;
    if (schema["required"].get(required) == simdjson::SUCCESS) {
      for (element key : required) {
        element ignored;
        if (object[std::string_view(key)].get(ignored) != simdjson::SUCCESS) {
          Fail(path, "lacks required key \"" + std::string(std::string_view(key)) + "\"");
        }
      }
    }
    simdjson::dom::object properties;
    const bool has_properties = schema["properties"].get(properties) == simdjson::SUCCESS;
    element additional;
    const bool has_additional = schema["additionalProperties"].get(additional) == simdjson::SUCCESS;
    for (auto [key, child] : object) {
      const std::string child_path = path + "." + std::string(key);
      element property;
      if (has_properties && properties[key].get(property) == simdjson::SUCCESS) {
        Validate(property, child, child_path);
      } else if (has_additional && additional.is_object()) {
        Validate(additional, child, child_path);
      } else if (has_additional && additional.is_bool() && bool(additional)) {
        continue;
      } else if (has_properties || has_additional) {
        Fail(child_path, "is not documented in the schema");
      }
    }
  }

  void Fail(const std::string& path, const std::string& what) { errors_.push_back(path + " " + what); }

  std::vector<std::string> errors_;
};

std::vector<std::string> ValidateFile(const std::string& report_path) {
  simdjson::dom::parser schema_parser;
  simdjson::dom::parser report_parser;
  element schema;
  element report;
  const std::string schema_path = test::SourceDir() + "/docs/report-schema.json";
  if (schema_parser.load(schema_path).get(schema) != simdjson::SUCCESS) {
    return {"cannot parse " + schema_path};
  }
  if (report_parser.load(report_path).get(report) != simdjson::SUCCESS) {
    return {"cannot parse " + report_path};
  }
  SchemaValidator validator;
  validator.Validate(schema, report, "report");
  return validator.errors();
}

std::string Joined(const std::vector<std::string>& errors) {
  std::string out;
  for (const std::string& error : errors) out += error + "\n";
  return out;
}

JobSpec SampleJob() {
  auto job = job::ParseJobFile(test::SourceDir() + "/datasets/sample/job.json");
  EXPECT_TRUE(job.ok()) << job.status().ToString();
  return job.ok() ? *job : JobSpec{};
}

TEST(ReportSchemaTest, ValidatorCatchesWrongTypesMissingAndUndocumentedKeys) {
  simdjson::dom::parser schema_parser;
  simdjson::dom::parser value_parser;
  element schema = schema_parser.parse(std::string_view(
      R"({"type":"object","required":["a"],"properties":{"a":{"type":"integer","minimum":0},
          "b":{"enum":["x","y"]},"m":{"type":"object","additionalProperties":{"type":"string"}}}})"));
  auto errors_for = [&](std::string_view json) {
    SchemaValidator validator;
    validator.Validate(schema, value_parser.parse(json), "r");
    return validator.errors();
  };
  EXPECT_TRUE(errors_for(R"({"a":1,"b":"x","m":{"k":"v"}})").empty());
  EXPECT_EQ(errors_for(R"({"a":"1"})").size(), 1u);       // wrong type
  EXPECT_EQ(errors_for(R"({"b":"x"})").size(), 1u);       // missing required
  EXPECT_EQ(errors_for(R"({"a":-1})").size(), 1u);        // below minimum
  EXPECT_EQ(errors_for(R"({"a":1,"b":"z"})").size(), 1u);  // not in enum
  EXPECT_EQ(errors_for(R"({"a":1,"c":2})").size(), 1u);   // undocumented key
  EXPECT_EQ(errors_for(R"({"a":1,"m":{"k":3}})").size(), 1u);  // additionalProperties schema
}

TEST(ReportSchemaTest, RunReportWithTruthMatchesTheSchema) {
  test::TempDir out;
  RunOptions options;
  options.out_dir = out.path();
  options.truth_path = test::SourceDir() + "/datasets/sample/truth.csv";
  auto summary = RunJob(SampleJob(), options);
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  const std::vector<std::string> errors = ValidateFile(out.path() + "/report.json");
  EXPECT_TRUE(errors.empty()) << Joined(errors);
  const std::string report = test::ReadFileOrDie(out.path() + "/report.json");
  for (std::string_view key : {"\"profile\"", "\"matching\"", "\"evaluation\"", "\"quality\""}) {
    EXPECT_NE(report.find(key), std::string::npos) << key;
  }
}

TEST(ReportSchemaTest, ProfileReportMatchesTheSchema) {
  test::TempDir out;
  RunOptions options;
  options.out_dir = out.path();
  options.command = "profile";
  auto summary = ProfileJob(SampleJob(), options);
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  const std::vector<std::string> errors = ValidateFile(out.path() + "/report.json");
  EXPECT_TRUE(errors.empty()) << Joined(errors);
  const std::string report = test::ReadFileOrDie(out.path() + "/report.json");
  EXPECT_NE(report.find("\"profile\""), std::string::npos);
  EXPECT_EQ(report.find("\"matching\""), std::string::npos);  // profile does not match
}

}  // namespace
}  // namespace idforge
