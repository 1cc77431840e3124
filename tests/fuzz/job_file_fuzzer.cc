// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Fuzzes the job-file parser: any bytes give a job or an InvalidArgument whose message names the
// job file; a parsed job always has sources with a path, a name and at least one mapping.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "engine/job/job_file.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto job = idforge::job::ParseJobJson(text, "fuzz.json", "/base");
  if (!job.ok()) {
    if (job.status().code() != idforge::StatusCode::kInvalidArgument) std::abort();
    if (job.status().message().substr(0, 9) != "fuzz.json") std::abort();
    return 0;
  }
  if (job->sources.empty()) std::abort();
  for (const idforge::SourceSpec& source : job->sources) {
    if (source.path.empty() || source.name.empty()) std::abort();
    bool mapped = !source.extras.empty();
    for (const auto& field : source.fields) mapped = mapped || field.has_value();
    if (!mapped && source.profile.empty()) std::abort();  // a profile maps at run time
  }
  return 0;
}
