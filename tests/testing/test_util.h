// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Helpers shared by the test suite: the property-test seed, temp files, and the location of the
// reference datasets in ../shared/datasets (tests that need them skip when absent).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace idforge::test {

// IDFORGE_TEST_SEED when set, else a fixed default; print it in every property-test failure.
uint64_t Seed();

// The repository root (IDFORGE_SOURCE_DIR, set by ctest; else the current directory).
std::string SourceDir();

// ../shared/datasets beside the checkout, or nullopt when it is not there.
std::optional<std::string> SharedDatasetsDir();

// A fresh empty directory under the system temp dir, removed by the destructor.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  // Writes `contents` to `name` inside the directory and returns its full path.
  std::string WriteFile(std::string_view name, std::string_view contents) const;

 private:
  std::string path_;
};

std::string ReadFileOrDie(const std::string& path);

}  // namespace idforge::test

// Skips the current test when the shared datasets are absent.
#define IDFORGE_REQUIRE_SHARED_DATASETS(var)                                       \
  auto var##_opt = ::idforge::test::SharedDatasetsDir();                          \
  if (!var##_opt) GTEST_SKIP() << "../shared/datasets not present: test skipped"; \
  const std::string var = *var##_opt
