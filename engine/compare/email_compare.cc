// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Splits both emails at the last `@` and scores the local parts with Jaro-Winkler.
#include "engine/compare/email_compare.h"

#include <string_view>

#include "engine/compare/jaro_winkler.h"

namespace idforge::compare {
namespace {

struct EmailParts {
  std::string_view local;
  std::string_view domain;
};

EmailParts Split(std::string_view email) {
  const size_t at = email.rfind('@');
  if (at == std::string_view::npos) return {email, {}};
  return {email.substr(0, at), email.substr(at + 1)};
}

}  // namespace

EmailComparison CompareEmails(std::string_view a, std::string_view b) {
  const EmailParts pa = Split(a);
  const EmailParts pb = Split(b);
  EmailComparison result;
  result.exact = !a.empty() && a == b;
  result.local_equal = !pa.local.empty() && pa.local == pb.local;
  result.domain_equal = !pa.domain.empty() && pa.domain == pb.domain;
  if (result.local_equal) {
    result.local_similarity = 1.0;
  } else if (!pa.local.empty() && !pb.local.empty()) {
    result.local_similarity = JaroWinklerSimilarity(pa.local, pb.local);
  }
  return result;
}

}  // namespace idforge::compare
