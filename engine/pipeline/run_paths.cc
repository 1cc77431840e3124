// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
#include "engine/pipeline/run_paths.h"

#include <cstdio>
#include <filesystem>

namespace idforge::pipeline {

std::string JoinPath(const std::string& dir, std::string_view file) {
  return (std::filesystem::path(dir) / file).string();
}

Result<normalize::Date> ParseToday(const std::string& today) {
  normalize::Date date;
  if (today.empty()) return date;
  int year = 0;
  unsigned month = 0;
  unsigned day = 0;
  if (std::sscanf(today.c_str(), "%d-%u-%u", &year, &month, &day) != 3 || month < 1 ||
      month > 12 || day < 1 || day > 31) {
    return InvalidArgument("reference date \"" + today + "\" is not YYYY-MM-DD");
  }
  date.year = static_cast<int16_t>(year);
  date.month = static_cast<uint8_t>(month);
  date.day = static_cast<uint8_t>(day);
  return date;
}

}  // namespace idforge::pipeline
