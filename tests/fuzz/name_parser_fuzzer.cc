// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Fuzzes the name normalizer: SplitFullName, then every part's key, phonetic keys and nickname
// lookup. Invariants, not only "no crash": every output is valid UTF-8, parts are trimmed, keys
// are idempotent, and a name whose folded form is non-empty keeps at least one part.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "engine/common/utf8.h"
#include "engine/normalize/name.h"
#include "engine/normalize/phonetic.h"
#include "engine/normalize/text.h"

namespace {

using idforge::normalize::CanonicalGivenName;
using idforge::normalize::CompactName;
using idforge::normalize::DoubleMetaphone;
using idforge::normalize::IsPlaceholderName;
using idforge::normalize::kDefaultMetaphoneLength;
using idforge::normalize::NameParts;
using idforge::normalize::NormalizeNamePart;
using idforge::normalize::Soundex;
using idforge::normalize::SplitFullName;

void Require(bool condition) {
  if (!condition) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  NameParts parts;
  SplitFullName(input, parts);
  std::string key;
  std::string again;
  std::string compact;
  std::string primary;
  std::string alternate;
  bool any_part = false;
  for (const std::string* part :
       {&parts.honorific, &parts.first, &parts.middle, &parts.last, &parts.suffix}) {
    Require(idforge::utf8::IsValid(*part));
    Require(part->empty() || (part->front() != ' ' && part->back() != ' '));
    any_part = any_part || !part->empty();
    NormalizeNamePart(*part, key);
    Require(idforge::utf8::IsValid(key));
    NormalizeNamePart(key, again);
    Require(again == key);
    CompactName(key, compact);
    Require(compact.find(' ') == std::string::npos);
    const std::string_view canonical = CanonicalGivenName(key);
    Require(CanonicalGivenName(canonical) == canonical);
    (void)IsPlaceholderName(key);
    Soundex(key, primary);
    Require(primary.empty() || primary.size() == 4);
    DoubleMetaphone(key, primary, alternate);
    Require(primary.size() <= kDefaultMetaphoneLength &&
            alternate.size() <= kDefaultMetaphoneLength);
  }
  NormalizeNamePart(input, key);
  Require(idforge::utf8::IsValid(key));
  NormalizeNamePart(key, again);
  Require(again == key);
  Require(key.empty() || any_part);
  return 0;
}
