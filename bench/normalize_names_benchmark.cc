// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Name normalization throughput: FoldText on ASCII and accented names, SplitFullName, Double
// Metaphone, nickname lookup. Budget (issue #3): <= 150 ns per ASCII name for the whole name path,
// so that normalizing a customer record stays near the ~195 ns floor of PERFORMANCE.md.
#include <benchmark/benchmark.h>

#include <array>
#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "engine/normalize/name.h"
#include "engine/normalize/phonetic.h"
#include "engine/normalize/text.h"

namespace idforge::normalize {
namespace {

constexpr size_t kNames = 4096;

constexpr std::array<std::string_view, 24> kAsciiFirst = {
    "James",   "Mary",      "ROBERT", "patricia", "John", "Jennifer", "Michael",     "Linda",
    "William", "Elizabeth", "David",  "Barbara",  "Bob",  "Peggy",    "Jean-Pierre", "Anne-Marie",
    "Jose",    "Maria",     "Hans",   "Sepp",     "Paco", "Mike",     "Liz",         "Thomas"};
constexpr std::array<std::string_view, 24> kAsciiLast = {
    "Smith",   "Johnson",      "WILLIAMS",  "brown",    "Jones",     "Garcia",
    "Miller",  "Davis",        "Rodriguez", "Martinez", "Hernandez", "Lopez",
    "O'Brien", "Lloyd-Webber", "Schmidt",   "Dupont",   "Lefevre",   "Mueller",
    "Fischer", "Moreau",       "Gonzalez",  "Wilson",   "Anderson",  "Taylor"};
constexpr std::array<std::string_view, 16> kAccentedFirst = {
    "Jérôme", "JÉRÔME", "François", "Zoë",   "Renée",  "José",  "María",   "Ángel",
    "Jürgen", "Björn",  "Łukasz",   "Søren", "Андрей", "Ελένη", "İbrahim", "Ñuño"};
constexpr std::array<std::string_view, 16> kAccentedLast = {
    "Lefèvre", "Müller",  "García Márquez", "Núñez",        "Gößmann", "Dvořák",
    "Øster",   "Żółć",    "Иванов",         "Παπαδόπουλος", "Yılmaz",  "Nguyễn",
    "Çelik",   "Sánchez", "Bézier",         "Strauß"};

template <size_t N>
std::string_view Pick(const std::array<std::string_view, N>& pool, std::mt19937_64& rng) {
  return pool[std::uniform_int_distribution<size_t>(0, N - 1)(rng)];
}

// "First Last" pairs from the pools, seeded: the same inputs on every run and machine.
std::vector<std::string> Names(bool accented, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<std::string> names;
  names.reserve(kNames);
  for (size_t idx = 0; idx < kNames; ++idx) {
    std::string name(accented ? Pick(kAccentedFirst, rng) : Pick(kAsciiFirst, rng));
    name += ' ';
    name += accented ? Pick(kAccentedLast, rng) : Pick(kAsciiLast, rng);
    names.push_back(std::move(name));
  }
  return names;
}

// Typical CRM full names: mostly `First Last`, some with an honorific, a middle initial, a
// particle, a suffix or `Last, First` order.
std::vector<std::string> FullNames(uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<int> shape(0, 9);
  std::vector<std::string> names;
  names.reserve(kNames);
  for (size_t idx = 0; idx < kNames; ++idx) {
    const std::string first(Pick(kAsciiFirst, rng));
    const std::string last(Pick(kAsciiLast, rng));
    switch (shape(rng)) {
      case 0:
        names.push_back("Dr. " + first + " " + last);
        break;
      case 1:
        names.push_back(last + ", " + first);
        break;
      case 2:
        names.push_back(first + " J. " + last);
        break;
      case 3:
        names.push_back(first + " van " + last);
        break;
      case 4:
        names.push_back(first + " " + last + " Jr.");
        break;
      default:
        names.push_back(first + " " + last);
        break;
    }
  }
  return names;
}

void BM_FoldText_AsciiNames(benchmark::State& state) {
  const std::vector<std::string> names = Names(/*accented=*/false, /*seed=*/7);
  std::string out;
  for (auto _ : state) {
    for (const std::string& name : names) {
      FoldText(name, out);
      benchmark::DoNotOptimize(out.data());
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(names.size()));
}
BENCHMARK(BM_FoldText_AsciiNames);

void BM_FoldText_AccentedNames(benchmark::State& state) {
  const std::vector<std::string> names = Names(/*accented=*/true, /*seed=*/7);
  std::string out;
  for (auto _ : state) {
    for (const std::string& name : names) {
      FoldText(name, out);
      benchmark::DoNotOptimize(out.data());
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(names.size()));
}
BENCHMARK(BM_FoldText_AccentedNames);

void BM_SplitFullName(benchmark::State& state) {
  const std::vector<std::string> names = FullNames(/*seed=*/7);
  NameParts parts;
  for (auto _ : state) {
    for (const std::string& name : names) {
      SplitFullName(name, parts);
      benchmark::DoNotOptimize(parts.last.data());
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(names.size()));
}
BENCHMARK(BM_SplitFullName);

// The per-record name path the table normalizer runs: split, fold first and last, nickname,
// Double Metaphone of the last name.
void BM_NamePath_AsciiFullNames(benchmark::State& state) {
  const std::vector<std::string> names = FullNames(/*seed=*/7);
  NameParts parts;
  std::string first;
  std::string last;
  std::string primary;
  std::string alternate;
  for (auto _ : state) {
    for (const std::string& name : names) {
      SplitFullName(name, parts);
      NormalizeNamePart(parts.first, first);
      NormalizeNamePart(parts.last, last);
      benchmark::DoNotOptimize(CanonicalGivenName(first).data());
      DoubleMetaphone(last, primary, alternate);
      benchmark::DoNotOptimize(primary.data());
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(names.size()));
}
BENCHMARK(BM_NamePath_AsciiFullNames);

std::vector<std::string> FoldedLastNames() {
  std::vector<std::string> folded;
  std::string out;
  for (const std::string& name : Names(/*accented=*/false, /*seed=*/11)) {
    FoldText(name.substr(name.find(' ') + 1), out);
    folded.push_back(out);
  }
  return folded;
}

void BM_DoubleMetaphone(benchmark::State& state) {
  const std::vector<std::string> names = FoldedLastNames();
  std::string primary;
  std::string alternate;
  for (auto _ : state) {
    for (const std::string& name : names) {
      DoubleMetaphone(name, primary, alternate);
      benchmark::DoNotOptimize(primary.data());
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(names.size()));
}
BENCHMARK(BM_DoubleMetaphone);

void BM_Soundex(benchmark::State& state) {
  const std::vector<std::string> names = FoldedLastNames();
  std::string code;
  for (auto _ : state) {
    for (const std::string& name : names) {
      Soundex(name, code);
      benchmark::DoNotOptimize(code.data());
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(names.size()));
}
BENCHMARK(BM_Soundex);

void BM_CanonicalGivenName(benchmark::State& state) {
  std::vector<std::string> firsts;
  std::string out;
  for (const std::string& name : Names(/*accented=*/false, /*seed=*/13)) {
    FoldText(name.substr(0, name.find(' ')), out);
    firsts.push_back(out);
  }
  for (auto _ : state) {
    for (const std::string& first : firsts)
      benchmark::DoNotOptimize(CanonicalGivenName(first).data());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(firsts.size()));
}
BENCHMARK(BM_CanonicalGivenName);

}  // namespace
}  // namespace idforge::normalize
