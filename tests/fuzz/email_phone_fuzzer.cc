// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Fuzzes the email and phone parsers (NormalizeEmail, PhoneNormalizer without libphonenumber
// classification) and checks their invariants: emails are valid UTF-8 whatever the input,
// normalizing the kept form again changes nothing, a canonical form exists only for a valid
// address and holds one '@'; a phone key is ASCII digits with at most a leading '+', E.164
// when parsed, and empty for placeholders.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "engine/common/utf8.h"
#include "engine/normalize/email.h"
#include "engine/normalize/phone.h"

namespace {

void CheckEmail(std::string_view input) {
  std::string normalized, canonical;
  const idforge::normalize::EmailFlags flags =
      idforge::normalize::NormalizeEmail(input, normalized, canonical);
  if (!idforge::utf8::IsValid(normalized) || !idforge::utf8::IsValid(canonical)) std::abort();
  if (!flags.valid && !canonical.empty()) std::abort();
  if (!canonical.empty() && canonical.find('@') != canonical.rfind('@')) std::abort();
  std::string again, again_canonical;
  const idforge::normalize::EmailFlags flags_again =
      idforge::normalize::NormalizeEmail(normalized, again, again_canonical);
  if (again != normalized || again_canonical != canonical || flags_again.valid != flags.valid) {
    std::abort();
  }
}

void CheckPhone(std::string_view input, std::string_view region) {
  static idforge::normalize::PhoneNormalizer* const phones =
      new idforge::normalize::PhoneNormalizer(idforge::normalize::PhoneOptions{.classify = false});
  std::string out;
  const idforge::normalize::PhoneFlags flags = phones->Normalize(input, region, out);
  for (size_t i = 0; i < out.size(); ++i) {
    const bool plus = i == 0 && out[i] == '+';
    if (!plus && (out[i] < '0' || out[i] > '9')) std::abort();
  }
  // Parsed numbers are E.164; an international number of impossible length keeps its certain
  // country code ("+231 234") without being parsed.
  if (flags.parsed && (out.empty() || out.front() != '+')) std::abort();
  if (flags.placeholder && !out.empty()) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  CheckEmail(input);
  static constexpr std::string_view kRegions[] = {"", "US", "FR", "GB", "DE", "IT", "xx", "1"};
  CheckPhone(input, kRegions[size % std::size(kRegions)]);
  return 0;
}
