// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Fuzzes the export-profile parser and the detector. The first byte picks the mode: a profile file
// (any bytes give a profile or an InvalidArgument naming the file), or a CSV / JSON lines / JSON
// array sample whose columns are sniffed, scored against every built-in profile and mapped: a
// profile is always chosen, and only columns of the sample are ever mapped.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "engine/profiles/detect.h"
#include "engine/profiles/header_key.h"
#include "engine/profiles/profile.h"

namespace {

bool InColumns(const std::vector<std::string>& columns, const std::string& column) {
  for (const std::string& c : columns) {
    if (c == column) return true;
  }
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace idforge;
  if (size == 0) return 0;
  const uint8_t mode = data[0] % 4;
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  if (mode == 0) {
    auto profile = profiles::ParseProfile(text, "fuzz.json");
    if (!profile.ok()) {
      if (profile.status().code() != StatusCode::kInvalidArgument) std::abort();
      if (profile.status().message().substr(0, 9) != "fuzz.json") std::abort();
      return 0;
    }
    if (profile->name.empty() || profile->formats.empty()) std::abort();
    return 0;
  }
  static const std::vector<profiles::Profile> builtin = [] {
    auto loaded = profiles::BuiltinProfiles();
    if (!loaded.ok()) std::abort();
    return *loaded;
  }();
  const InputFormat format =
      mode == 1 ? InputFormat::kCsv : mode == 2 ? InputFormat::kJsonl : InputFormat::kJson;
  auto sniff = profiles::SniffText(text, format, (size & 1) != 0);
  if (!sniff.ok()) {
    if (sniff.status().code() != StatusCode::kInvalidArgument) std::abort();
    return 0;
  }
  for (const std::string& column : sniff->columns) (void)profiles::HeaderMatchKey(column);
  const profiles::Detection detection =
      profiles::DetectProfile(sniff->columns, sniff->format, builtin);
  if (detection.profile == nullptr) std::abort();
  if (detection.confidence < 0 || detection.confidence > 1) std::abort();
  const SourceSpec spec = profiles::BuildSource(*detection.profile, *sniff, "fuzz");
  if (!spec.id_column.empty() && !InColumns(sniff->columns, spec.id_column)) std::abort();
  for (const auto& mapping : spec.fields) {
    if (!mapping) continue;
    for (const std::string& column : mapping->columns) {
      if (!InColumns(sniff->columns, column)) std::abort();
    }
  }
  for (const std::string& column : detection.unmapped) {
    if (!InColumns(sniff->columns, column)) std::abort();
  }
  return 0;
}
