// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
#include "tests/testing/test_util.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

namespace idforge::test {

uint64_t Seed() {
  const char* env = std::getenv("IDFORGE_TEST_SEED");
  if (env != nullptr && *env != '\0') return std::strtoull(env, nullptr, 10);
  return 20261129;
}

std::string SourceDir() {
  const char* env = std::getenv("IDFORGE_SOURCE_DIR");
  if (env != nullptr && *env != '\0') return env;
  return std::filesystem::current_path().string();
}

std::optional<std::string> SharedDatasetsDir() {
  const std::filesystem::path dir =
      std::filesystem::path(SourceDir()).parent_path() / "shared" / "datasets";
  std::error_code error;
  if (std::filesystem::is_directory(dir, error)) return dir.string();
  return std::nullopt;
}

TempDir::TempDir() {
  std::random_device device;
  const auto base = std::filesystem::temp_directory_path();
  for (int attempt = 0; attempt < 100; ++attempt) {
    const auto candidate = base / ("idforge-test-" + std::to_string(device()));
    std::error_code error;
    if (std::filesystem::create_directory(candidate, error)) {
      path_ = candidate.string();
      return;
    }
  }
  throw std::runtime_error("cannot create a temp directory");
}

TempDir::~TempDir() {
  std::error_code error;
  std::filesystem::remove_all(path_, error);
}

std::string TempDir::WriteFile(std::string_view name, std::string_view contents) const {
  const std::string file = (std::filesystem::path(path_) / name).string();
  std::ofstream out(file, std::ios::binary);
  out.write(contents.data(), static_cast<std::streamsize>(contents.size()));
  return file;
}

std::string ReadFileOrDie(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace idforge::test
