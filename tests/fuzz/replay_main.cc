// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Replays a fuzz target's corpus (files or directories given as arguments) without libFuzzer, so
// every harness runs under ctest in every build (simdjson's FUZZ_LINKMAIN).
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace {

int RunFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  const std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  int runs = 0;
  for (int arg = 1; arg < argc; ++arg) {
    const std::filesystem::path path(argv[arg]);
    if (std::filesystem::is_directory(path)) {
      std::vector<std::filesystem::path> files;
      for (const auto& entry : std::filesystem::recursive_directory_iterator(path)) {
        if (entry.is_regular_file()) files.push_back(entry.path());
      }
      std::sort(files.begin(), files.end());
      for (const auto& file : files) runs += RunFile(file);
    } else if (std::filesystem::is_regular_file(path)) {
      runs += RunFile(path);
    }
  }
  // An empty input always runs too, so a harness with a missing corpus still executes.
  LLVMFuzzerTestOneInput(nullptr, 0);
  std::printf("replayed %d inputs\n", runs + 1);
  return 0;
}
