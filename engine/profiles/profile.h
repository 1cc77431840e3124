// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Export profiles: what one tool's export looks like (fingerprint columns, header aliases of each
// canonical field, value quirks, known identity links) and how to write its import file. Profiles
// are data (datasets/profiles/*.json, embedded at build time), parsed strictly here.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "idforge/options.h"
#include "idforge/record_table.h"
#include "idforge/status.h"

namespace idforge::profiles {

// Alternatives for one input value: the first alias present in the file's header wins.
using Aliases = std::vector<std::string>;

// How one canonical or carried field is found: one alias group, or several joined with a space.
struct FieldRule {
  std::vector<Aliases> parts;  // one entry unless "join"
  std::string format;          // strftime-style date format; empty = detect
};

// One column of a write-back file.
struct ExportColumn {
  std::string header;
  // Exactly one of these is set.
  std::optional<Field> field;  // the golden value of a canonical field
  // "tool_id": the entity's record id in this tool; "tool_email": that record's email, else the
  // golden email (the key a tool that matches on email updates by); "address_double_space": the
  // golden street, city, region, postcode and country in one cell, separated by two spaces.
  std::string value;
  std::string format;  // dates: strftime-style, from the golden ISO date
  bool country_code = false;  // "as": "country_code": ISO 3166 alpha-2 (Shopify wants codes)
};

struct ExportSpec {
  std::string file;  // e.g. "export_hubspot.csv"
  bool quote_all = false;
  std::vector<ExportColumn> columns;
};

// Value quirks the pipeline undoes after reading (see ApplyValueQuirks).
struct Quirks {
  // Targets ("id", "links", or canonical field names) whose values may start with an apostrophe
  // that a spreadsheet-safe export added (Shopify: '8779761975521, '+8801912010701).
  std::vector<std::string> strip_leading_apostrophe;
  // Canonical fields whose parts are separated by runs of two spaces (Mailchimp's one-cell
  // address): the runs become ", " so the address parser sees the parts.
  std::vector<std::string> address_double_space;
};

struct Profile {
  std::string name;  // "hubspot"
  std::string tool;  // for people
  std::vector<InputFormat> formats;
  std::vector<Aliases> fingerprint;  // each group: columns only this tool writes
  Aliases id;
  Aliases updated_at;
  std::array<std::optional<FieldRule>, kFieldCount> fields;
  std::vector<std::pair<std::string, FieldRule>> carry;  // carried, not matched
  // Known identity links: namespace -> aliases of the columns holding ids of that namespace
  // ("id" stands for the profile's id column). Records sharing such an id are one identity.
  std::vector<std::pair<std::string, Aliases>> links;
  Aliases known;  // recognised but unused columns: not reported as unmapped
  Quirks quirks;
  std::optional<ExportSpec> export_spec;

  bool is_generic() const { return fingerprint.empty(); }
};

// Parses one profile file; errors are InvalidArgument naming `display_name` and the JSON path
// (`hubspot.json: fields.dob.format: ...`).
Result<Profile> ParseProfile(std::string_view json, std::string_view display_name);

// The profiles built into the library (datasets/profiles/*.json), sorted by name. Parsed on each
// call (a few microseconds); no global state.
Result<std::vector<Profile>> BuiltinProfiles();
// The embedded profile files: (file name, JSON text).
std::vector<std::pair<std::string_view, std::string_view>> EmbeddedProfileFiles();

const Profile* FindProfile(const std::vector<Profile>& profiles, std::string_view name);
std::string ProfileNames(const std::vector<Profile>& profiles);  // "generic, hubspot, ..."

// The extra column that carries a namespace's known-link ids: "link:salesforce".
inline constexpr std::string_view kLinkPrefix = "link:";

}  // namespace idforge::profiles
