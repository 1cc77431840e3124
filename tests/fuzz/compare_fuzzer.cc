// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Differential fuzzing of the compare kernels: the input is split at its first 0x00 byte (else in
// half) into two strings, and every fast kernel must equal the full-matrix / textbook reference,
// be symmetric, stay in [0, 1], honour its cutoff, and agree with its cached scorer.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "engine/compare/date_distance.h"
#include "engine/compare/email_compare.h"
#include "engine/compare/jaro_winkler.h"
#include "engine/compare/levenshtein.h"
#include "engine/compare/phone_compare.h"
#include "engine/compare/qgram.h"
#include "engine/compare/token_set.h"
#include "tests/testing/reference/string_metrics.h"

namespace {

namespace compare = idforge::compare;
namespace reference = idforge::reference;

void Require(bool ok) {
  if (!ok) std::abort();
}

bool InUnit(double x) { return x >= 0.0 && x <= 1.0; }

void CheckCutoff(double uncut, double cut, double cutoff) {
  Require(cut == (uncut >= cutoff ? uncut : 0.0));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // The references are O(n * m) with allocations: keep inputs short enough for fast fuzzing.
  if (size > 600) return 0;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const size_t nul = input.find('\0');
  const size_t split = nul != std::string_view::npos ? nul : size / 2;
  const std::string_view a = input.substr(0, split);
  const std::string_view b = input.substr(nul != std::string_view::npos ? split + 1 : split);
  const uint32_t max = size > 0 ? data[0] % 8 : 0;
  const double cutoff = size > 1 ? data[1] / 255.0 : 0.5;

  const uint32_t lev = reference::Levenshtein(a, b);
  Require(compare::LevenshteinDistance(a, b) == lev);
  Require(compare::LevenshteinDistance(b, a, max) == std::min(lev, max + 1));
  const compare::CachedLevenshtein cached_lev(a);
  Require(cached_lev.Distance(b, max) == std::min(lev, max + 1));
  const double lev_sim = compare::LevenshteinSimilarity(a, b);
  Require(InUnit(lev_sim));
  CheckCutoff(lev_sim, compare::LevenshteinSimilarity(a, b, cutoff), cutoff);
  CheckCutoff(lev_sim, cached_lev.Similarity(b, cutoff), cutoff);

  const uint32_t osa = reference::Osa(a, b);
  Require(compare::OsaDistance(a, b) == osa);
  Require(osa <= lev);
  Require(compare::CachedOsa(b).Distance(a, max) == std::min(osa, max + 1));

  const double jaro = compare::JaroSimilarity(a, b);
  Require(std::fabs(jaro - reference::Jaro(a, b)) < 1e-12);
  Require(jaro == compare::JaroSimilarity(b, a));
  const double jw = compare::JaroWinklerSimilarity(a, b);
  Require(InUnit(jw));
  Require(std::fabs(jw - reference::JaroWinkler(a, b)) < 1e-12);
  CheckCutoff(jw, compare::JaroWinklerSimilarity(b, a, 0.1, cutoff), cutoff);
  Require(compare::CachedJaroWinkler(a).Similarity(b, cutoff) ==
          compare::JaroWinklerSimilarity(a, b, 0.1, cutoff));

  const double token_set = compare::TokenSetSimilarity(a, b);
  Require(InUnit(token_set) && token_set == compare::TokenSetSimilarity(b, a));
  Require(std::fabs(token_set - reference::TokenSetRatio(a, b)) < 1e-12);
  Require(compare::TokenJaccard(a, b) == reference::TokenJaccard(a, b));
  const int q = size > 2 ? 1 + data[2] % 4 : 2;
  Require(std::fabs(compare::QGramJaccard(a, b, q) - reference::QGramJaccard(a, b, q)) < 1e-12);
  Require(InUnit(compare::SignatureJaccard(compare::MakeSignature(a), compare::MakeSignature(b))));

  // Field comparators: no crash, symmetric, consistent flags.
  const compare::DateComparison dates = compare::CompareDates(a, b);
  Require(dates.valid || (!dates.exact && dates.days_apart == compare::kUnknownDaysApart));
  Require(dates.exact == (dates.valid && a == b));
  const compare::EmailComparison emails = compare::CompareEmails(a, b);
  Require(InUnit(emails.local_similarity));
  Require(compare::CommonSuffixDigits(a, b) == compare::CommonSuffixDigits(b, a));
  Require(compare::PhonesAgree(a, b) == compare::PhonesAgree(b, a));
  return 0;
}
