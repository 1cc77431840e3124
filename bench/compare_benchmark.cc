// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Comparison kernels per candidate pair, against the floors of PERFORMANCE.md (Jaro-Winkler
// cached 44 / 93 ns names / emails, Levenshtein cached 38 / 101 ns, 53 / 69 ns with max distance
// 2, bigram Jaccard 47 / 102 ns, ~3.5 ns with a 256-bit signature). Inputs are seeded, normalized
// (lower-case, single spaces) synthetic pairs: half a typo'd variant of the probe, half another
// record of the same block. Cached benchmarks group 64 candidates per probe, as a block does.
#include <benchmark/benchmark.h>

#include <array>
#include <cstdint>
#include <cstdio>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "engine/compare/date_distance.h"
#include "engine/compare/jaro_winkler.h"
#include "engine/compare/levenshtein.h"
#include "engine/compare/qgram.h"
#include "engine/compare/token_set.h"

namespace idforge::compare {
namespace {

constexpr size_t kProbes = 64;
constexpr size_t kCandidatesPerProbe = 64;
constexpr size_t kPairs = kProbes * kCandidatesPerProbe;

constexpr std::array<std::string_view, 32> kFirst = {
    "james",       "mary",       "robert",    "patricia", "john",    "jennifer", "michael",
    "linda",       "william",    "elizabeth", "david",    "barbara", "jerome",   "francois",
    "marie",       "nathalie",   "jose",      "maria",    "hans",    "juergen",  "thomas",
    "christopher", "anne marie", "kevin",     "sophie",   "lucas",   "emma",     "olivier",
    "isabelle",    "mohamed",    "fatima",    "yuki"};
constexpr std::array<std::string_view, 32> kLast = {
    "smith",   "johnson",   "williams", "brown",     "jones",    "garcia",       "miller",
    "davis",   "rodriguez", "martinez", "hernandez", "lopez",    "obrien",       "lloyd webber",
    "schmidt", "dupont",    "lefevre",  "mueller",   "fischer",  "moreau",       "gonzalez",
    "wilson",  "anderson",  "taylor",   "nguyen",    "kowalski", "van der berg", "rossi",
    "bernard", "dubois",    "tanaka",   "oconnor"};
constexpr std::array<std::string_view, 8> kDomains = {"gmail.com",  "yahoo.com",     "hotmail.com",
                                                      "outlook.fr", "acme-corp.com", "example.org",
                                                      "orange.fr",  "web.de"};

struct Pair {
  std::string a;
  std::string b;
};

class PairGenerator {
 public:
  explicit PairGenerator(uint64_t seed) : rng_(seed) {}

  std::string Name() {
    std::string name(Pick(kFirst));
    name += ' ';
    name += Pick(kLast);
    return name;
  }

  std::string Email() {
    std::string local(Pick(kFirst));
    if (Uniform(2) == 0) local += '.';
    local += Pick(kLast);
    if (Uniform(2) == 0) local += std::to_string(1950 + Uniform(60));
    for (char& c : local) c = c == ' ' ? '.' : c;
    return local + "@" + std::string(Pick(kDomains));
  }

  // One or two keying errors: substitution, deletion, insertion or adjacent swap.
  std::string Typo(std::string s) {
    const size_t edits = 1 + Uniform(2);
    for (size_t edit = 0; edit < edits && s.size() > 2; ++edit) {
      const size_t pos = Uniform(s.size() - 1);
      switch (Uniform(4)) {
        case 0:
          s[pos] = static_cast<char>('a' + Uniform(26));
          break;
        case 1:
          s.erase(pos, 1);
          break;
        case 2:
          s.insert(pos, 1, static_cast<char>('a' + Uniform(26)));
          break;
        default:
          std::swap(s[pos], s[pos + 1]);
          break;
      }
    }
    return s;
  }

  // kProbes probes, each followed by kCandidatesPerProbe candidates (probe-major).
  template <typename MakeValue>
  std::vector<Pair> Pairs(MakeValue make) {
    std::vector<Pair> pairs;
    pairs.reserve(kPairs);
    for (size_t probe = 0; probe < kProbes; ++probe) {
      const std::string a = make(*this);
      for (size_t cand = 0; cand < kCandidatesPerProbe; ++cand) {
        pairs.push_back({a, Uniform(2) == 0 ? Typo(a) : make(*this)});
      }
    }
    return pairs;
  }

  size_t Uniform(size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(rng_); }

 private:
  template <size_t N>
  std::string_view Pick(const std::array<std::string_view, N>& pool) {
    return pool[Uniform(N)];
  }

  std::mt19937_64 rng_;
};

std::vector<Pair> NamePairs() {
  return PairGenerator(7).Pairs([](PairGenerator& gen) { return gen.Name(); });
}
std::vector<Pair> EmailPairs() {
  return PairGenerator(11).Pairs([](PairGenerator& gen) { return gen.Email(); });
}

// Times fn(pair) over all pairs.
template <typename Fn>
void RunPairs(benchmark::State& state, const std::vector<Pair>& pairs, Fn&& fn) {
  for (auto _ : state) {
    for (const Pair& pair : pairs) benchmark::DoNotOptimize(fn(pair));
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(pairs.size()));
}

// Times scorer.method(candidate) with one cached scorer per probe, built before timing (a block
// compares each probe with many candidates, so the build is amortized).
template <typename Scorer, typename Fn>
void RunCached(benchmark::State& state, const std::vector<Pair>& pairs, Fn&& fn) {
  std::vector<Scorer> scorers;
  scorers.reserve(kProbes);
  for (size_t probe = 0; probe < kProbes; ++probe) {
    scorers.emplace_back(pairs[probe * kCandidatesPerProbe].a);
  }
  for (auto _ : state) {
    for (size_t probe = 0; probe < kProbes; ++probe) {
      for (size_t cand = 0; cand < kCandidatesPerProbe; ++cand) {
        benchmark::DoNotOptimize(fn(scorers[probe], pairs[probe * kCandidatesPerProbe + cand].b));
      }
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(pairs.size()));
}

void BM_JaroWinkler_PersonNames(benchmark::State& state) {
  RunPairs(state, NamePairs(), [](const Pair& p) { return JaroWinklerSimilarity(p.a, p.b); });
}
BENCHMARK(BM_JaroWinkler_PersonNames);

void BM_CachedJaroWinkler_PersonNames(benchmark::State& state) {
  RunCached<CachedJaroWinkler>(
      state, NamePairs(),
      [](const CachedJaroWinkler& s, const std::string& b) { return s.Similarity(b); });
}
BENCHMARK(BM_CachedJaroWinkler_PersonNames);

void BM_CachedJaroWinkler_Emails(benchmark::State& state) {
  RunCached<CachedJaroWinkler>(
      state, EmailPairs(),
      [](const CachedJaroWinkler& s, const std::string& b) { return s.Similarity(b); });
}
BENCHMARK(BM_CachedJaroWinkler_Emails);

void BM_Levenshtein_PersonNames(benchmark::State& state) {
  RunPairs(state, NamePairs(), [](const Pair& p) { return LevenshteinDistance(p.a, p.b); });
}
BENCHMARK(BM_Levenshtein_PersonNames);

void BM_Levenshtein_Emails(benchmark::State& state) {
  RunPairs(state, EmailPairs(), [](const Pair& p) { return LevenshteinDistance(p.a, p.b); });
}
BENCHMARK(BM_Levenshtein_Emails);

void BM_CachedLevenshtein_Emails(benchmark::State& state) {
  RunCached<CachedLevenshtein>(
      state, EmailPairs(),
      [](const CachedLevenshtein& s, const std::string& b) { return s.Distance(b); });
}
BENCHMARK(BM_CachedLevenshtein_Emails);

// max_distance = 2: most non-matching candidates stop at the length check or part-way.
void BM_CachedLevenshtein_Cutoff2(benchmark::State& state) {
  RunCached<CachedLevenshtein>(
      state, EmailPairs(),
      [](const CachedLevenshtein& s, const std::string& b) { return s.Distance(b, 2); });
}
BENCHMARK(BM_CachedLevenshtein_Cutoff2);

void BM_OsaDistance_Names(benchmark::State& state) {
  RunPairs(state, NamePairs(), [](const Pair& p) { return OsaDistance(p.a, p.b); });
}
BENCHMARK(BM_OsaDistance_Names);

void BM_TokenJaccard(benchmark::State& state) {
  RunPairs(state, NamePairs(), [](const Pair& p) { return TokenJaccard(p.a, p.b); });
}
BENCHMARK(BM_TokenJaccard);

void BM_TokenSetSimilarity(benchmark::State& state) {
  RunPairs(state, NamePairs(), [](const Pair& p) { return TokenSetSimilarity(p.a, p.b); });
}
BENCHMARK(BM_TokenSetSimilarity);

void BM_QGramJaccard_PersonNames(benchmark::State& state) {
  RunPairs(state, NamePairs(), [](const Pair& p) { return QGramJaccard(p.a, p.b); });
}
BENCHMARK(BM_QGramJaccard_PersonNames);

// Signatures are built once per record (outside the timing); this is the per-pair estimate.
void BM_QGramSignature(benchmark::State& state) {
  const std::vector<Pair> pairs = NamePairs();
  std::vector<QGramSignature> sig_a;
  std::vector<QGramSignature> sig_b;
  for (const Pair& p : pairs) {
    sig_a.push_back(MakeSignature(p.a));
    sig_b.push_back(MakeSignature(p.b));
  }
  for (auto _ : state) {
    for (size_t idx = 0; idx < pairs.size(); ++idx) {
      benchmark::DoNotOptimize(SignatureJaccard(sig_a[idx], sig_b[idx]));
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(pairs.size()));
}
BENCHMARK(BM_QGramSignature);

void BM_CompareDates(benchmark::State& state) {
  PairGenerator gen(13);
  std::vector<Pair> pairs;
  for (size_t idx = 0; idx < kPairs; ++idx) {
    char a[11];
    char b[11];
    const size_t year = 1940 + gen.Uniform(70);
    const size_t month = 1 + gen.Uniform(12);
    const size_t day = 1 + gen.Uniform(28);
    std::snprintf(a, sizeof(a), "%04zu-%02zu-%02zu", year, month, day);
    const bool swap = gen.Uniform(4) == 0 && day <= 12;
    std::snprintf(b, sizeof(b), "%04zu-%02zu-%02zu", year + (gen.Uniform(4) == 0 ? 1 : 0),
                  swap ? day : month, swap ? month : day);
    pairs.push_back({a, b});
  }
  RunPairs(state, pairs, [](const Pair& p) { return CompareDates(p.a, p.b).days_apart; });
}
BENCHMARK(BM_CompareDates);

}  // namespace
}  // namespace idforge::compare
