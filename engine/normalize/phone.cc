// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Phone normalization: a scanner that extracts digits, then calling-code and trunk-prefix rules
// from PhoneMetadata; libphonenumber only behind the classification cache.
#include "engine/normalize/phone.h"

#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumberutil.h>

#include <algorithm>
#include <set>
#include <string>

#include "engine/normalize/junk.h"

namespace idforge::normalize {
namespace {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

constexpr size_t kMaxDigits = 20;
constexpr uint8_t kValid = 1;
constexpr uint8_t kMobile = 2;
constexpr uint8_t kFixed = 4;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + ('a' - 'A')) : c; }
bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// ITU E.161 keypad letters.
char KeypadDigit(char lower) {
  static constexpr std::string_view kKeys = "22233344455566677778889999";
  return kKeys[static_cast<size_t>(lower - 'a')];
}

struct Scan {
  std::array<char, kMaxDigits> digits;
  size_t size = 0;
  bool plus = false;
  bool overflow = false;
  std::string_view view() const { return {digits.data(), size}; }
};

// Extracts the dialable digits of the first number in `raw`. Labels before the number ("Tel:",
// "Mob.") are skipped; an extension, a second number or a trailing label ends it.
void ScanDigits(std::string_view raw, Scan& scan) {
  size_t pos = 0;
  const auto push = [&scan](char digit) {
    if (scan.size == kMaxDigits) {
      scan.overflow = true;
      return;
    }
    scan.digits[scan.size++] = digit;
  };
  while (pos < raw.size() && !scan.overflow) {
    const char c = raw[pos];
    if (IsDigit(c)) {
      push(c);
      ++pos;
      continue;
    }
    if (c == '+') {
      if (scan.size == 0) scan.plus = true;
      ++pos;
      continue;
    }
    if (scan.size > 0 && (c == '#' || c == ';' || c == ',')) break;  // extension, second number
    if (c == '/' && scan.size >= 9) break;                           // "0612345678 / 0798…"
    if (IsAsciiAlpha(c)) {
      size_t end = pos;
      while (end < raw.size() && IsAsciiAlpha(raw[end])) ++end;
      if (scan.size == 0) {  // a label before the number
        pos = end;
        continue;
      }
      const std::string_view word = raw.substr(pos, end - pos);
      // Vanity numbers (1-800-FLOWERS): letters right after a short prefix. Anything else after
      // digits (x123, ext., "(mobile)", "poste 12") ends the number.
      const bool extension = word.size() <= 2 && (Lower(word[0]) == 'x' || Lower(word[0]) == 'e');
      if (extension || scan.size > 4 || word.size() < 3) break;
      for (const char letter : word) push(KeypadDigit(Lower(letter)));
      pos = end;
      continue;
    }
    ++pos;  // spaces, dashes, dots, parentheses, apostrophes, quotes, non-ASCII
  }
}

bool IsPrefixOf(std::string_view digits, std::string_view sequence) {
  return digits.size() >= 7 && digits.size() <= sequence.size() &&
         sequence.substr(0, digits.size()) == digits;
}

// Digit strings that are typed to get past a required field.
bool IsPlaceholderDigits(std::string_view digits) {
  if (digits.size() >= 6 && digits.find_first_not_of(digits[0]) == std::string_view::npos) {
    return true;
  }
  return IsPrefixOf(digits, "1234567890") || IsPrefixOf(digits, "0123456789") ||
         IsPrefixOf(digits, "9876543210");
}

// NANP numbers reserved for fiction (555-0100..555-0199) and directory assistance (555-1212).
bool IsFictionalNanp(std::string_view national) {
  if (national.size() != 10 || national.substr(3, 3) != "555") return false;
  return national.substr(6, 2) == "01" || national.substr(6) == "1212";
}

// Removes trunk zeros left after a calling code or a first trunk prefix ("+44 (0)20…", "0033 06…",
// "+003333") for countries whose trunk prefix is "0", as long as the rest has a possible length.
// Stripping all of them, not one, keeps Normalize() idempotent.
std::string_view StripTrunkZeros(const PhoneMetadata& metadata, uint32_t code,
                                 std::string_view national) {
  if (metadata.TrunkPrefixForCode(code) != "0") return national;
  while (national.size() > 1 && national[0] == '0' &&
         metadata.IsPossibleLength(code, national.size() - 1)) {
    national.remove_prefix(1);
  }
  return national;
}

void AppendE164(uint32_t code, std::string_view national, std::string& out) {
  std::array<char, 4> buf;
  size_t size = 0;
  do {
    buf[size++] = static_cast<char>('0' + code % 10);
    code /= 10;
  } while (code != 0);
  out.push_back('+');
  while (size > 0) out.push_back(buf[--size]);
  out.append(national);
}

}  // namespace

// ---- PhoneMetadata ------------------------------------------------------------------------

int PhoneMetadata::RegionIndex(std::string_view iso2) {
  if (iso2.size() != 2) return -1;
  const char a = static_cast<char>(iso2[0] & ~0x20);
  const char b = static_cast<char>(iso2[1] & ~0x20);
  if (a < 'A' || a > 'Z' || b < 'A' || b > 'Z') return -1;
  return (a - 'A') * 26 + (b - 'A');
}

PhoneMetadata::PhoneMetadata() : regions_(26 * 26), codes_(kCodes) {
  const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
  std::set<std::string> regions;
  util.GetSupportedRegions(&regions);
  for (const std::string& region : regions) {
    const int index = RegionIndex(region);
    if (index < 0) continue;
    Region& entry = regions_[static_cast<size_t>(index)];
    entry.calling_code = static_cast<uint16_t>(util.GetCountryCodeForRegion(region));
    std::string trunk;
    util.GetNddPrefixForRegion(region, /*strip_non_digits=*/true, &trunk);
    if (trunk.size() <= entry.trunk.size()) {
      entry.trunk_size = static_cast<uint8_t>(trunk.size());
      trunk.copy(entry.trunk.data(), trunk.size());
    }
  }
  std::set<int> calling_codes;
  util.GetSupportedCallingCodes(&calling_codes);
  for (const int code : calling_codes) {
    if (code <= 0 || code >= static_cast<int>(kCodes)) continue;
    Code& entry = codes_[static_cast<size_t>(code)];
    entry.known = true;
    std::string main_region;
    util.GetRegionCodeForCountryCode(code, &main_region);
    const int index = RegionIndex(main_region);
    if (index >= 0) {
      entry.trunk = regions_[static_cast<size_t>(index)].trunk;
      entry.trunk_size = regions_[static_cast<size_t>(index)].trunk_size;
    }
    // Possible lengths depend only on the digit count, so probe each count once.
    PhoneNumber probe;
    probe.set_country_code(code);
    uint64_t national = 1;
    for (uint32_t length = 1; length <= 17; ++length, national *= 10) {
      probe.set_national_number(national);
      if (util.IsPossibleNumberWithReason(probe) == PhoneNumberUtil::IS_POSSIBLE) {
        entry.possible_lengths |= uint32_t{1} << length;
      }
    }
  }
}

const PhoneMetadata& PhoneMetadata::Default() {
  static const PhoneMetadata* const kDefault = new PhoneMetadata();  // never destroyed
  return *kDefault;
}

uint16_t PhoneMetadata::CallingCodeForRegion(std::string_view iso2) const {
  const int index = RegionIndex(iso2);
  return index < 0 ? 0 : regions_[static_cast<size_t>(index)].calling_code;
}

std::string_view PhoneMetadata::TrunkPrefixForRegion(std::string_view iso2) const {
  const int index = RegionIndex(iso2);
  if (index < 0) return {};
  const Region& region = regions_[static_cast<size_t>(index)];
  return {region.trunk.data(), region.trunk_size};
}

bool PhoneMetadata::IsPossibleLength(uint32_t code, size_t length) const {
  return IsKnownCallingCode(code) && length <= 17 &&
         (codes_[code].possible_lengths >> length & 1u) != 0;
}

std::string_view PhoneMetadata::TrunkPrefixForCode(uint32_t code) const {
  if (!IsKnownCallingCode(code)) return {};
  return {codes_[code].trunk.data(), codes_[code].trunk_size};
}

// ---- PhoneNormalizer -----------------------------------------------------------------------

PhoneNormalizer::PhoneNormalizer(const PhoneOptions& options, const PhoneMetadata& metadata)
    : metadata_(metadata), options_(options) {
  size_t capacity = 1;
  while (capacity < options.cache_capacity) capacity <<= 1;
  if (options.classify) cache_.resize(capacity);
  cache_mask_ = capacity - 1;
}

void PhoneNormalizer::Classify(uint32_t calling_code, std::string_view national,
                               PhoneFlags& flags) {
  uint64_t value = 0;
  size_t leading_zeros = 0;
  for (const char c : national) {
    if (value == 0 && c == '0') ++leading_zeros;
    value = value * 10 + static_cast<uint64_t>(c - '0');
  }
  // Performance: a multiplicative hash of the key picks one slot; a hit costs one compare.
  const uint64_t hash =
      (value * 0x9E3779B97F4A7C15ull) ^ (calling_code * 0xC2B2AE3D27D4EB4Full) ^ national.size();
  CacheEntry& slot = cache_[(hash >> 17) & cache_mask_];
  uint8_t bits = 0;
  if (slot.calling_code == calling_code && slot.national_number == value &&
      slot.length == national.size()) {
    ++cache_hits_;
    bits = slot.bits;
  } else {
    ++cache_misses_;
    // Built directly from the fast path's result: no libphonenumber Parse (16.7 µs). One
    // GetNumberType call gives both facts, since IsValidNumber(n) == (type != UNKNOWN).
    PhoneNumber number;
    number.set_country_code(static_cast<int32_t>(calling_code));
    number.set_national_number(value);
    if (leading_zeros > 0) {
      number.set_italian_leading_zero(true);
      number.set_number_of_leading_zeros(static_cast<int32_t>(leading_zeros));
    }
    const PhoneNumberUtil::PhoneNumberType type =
        PhoneNumberUtil::GetInstance()->GetNumberType(number);
    if (type != PhoneNumberUtil::UNKNOWN) bits |= kValid;
    if (type == PhoneNumberUtil::MOBILE || type == PhoneNumberUtil::FIXED_LINE_OR_MOBILE) {
      bits |= kMobile;
    }
    if (type == PhoneNumberUtil::FIXED_LINE || type == PhoneNumberUtil::FIXED_LINE_OR_MOBILE) {
      bits |= kFixed;
    }
    slot = CacheEntry{value, static_cast<uint16_t>(calling_code),
                      static_cast<uint8_t>(national.size()), bits};
  }
  flags.valid = (bits & kValid) != 0;
  flags.mobile = (bits & kMobile) != 0;
  flags.fixed_line = (bits & kFixed) != 0;
}

PhoneFlags PhoneNormalizer::Normalize(std::string_view raw, std::string_view region,
                                      std::string& out) {
  out.clear();
  PhoneFlags flags;
  Scan scan;
  ScanDigits(raw, scan);
  if (scan.size == 0) {
    flags.placeholder = IsPlaceholderValue(raw);
    return flags;
  }
  if (scan.overflow) return flags;  // no phone number has 20+ digits: two numbers glued
  std::string_view digits = scan.view();
  if (IsPlaceholderDigits(digits)) {
    flags.placeholder = true;
    return flags;
  }

  const uint16_t region_code = metadata_.CallingCodeForRegion(region);
  uint32_t code = 0;
  std::string_view national;
  // International prefixes: '+', the ITU "00", and "011" inside the North American plan.
  size_t skip = 0;
  if (scan.plus) {
    skip = 0;
  } else if (digits.size() > 2 && digits[0] == '0' && digits[1] == '0') {
    skip = 2;
  } else if (region_code == 1 && digits.size() > 3 && digits.substr(0, 3) == "011") {
    skip = 3;
  } else {
    skip = std::string_view::npos;
  }
  if (skip != std::string_view::npos) {
    const std::string_view rest = digits.substr(skip);
    // Calling codes are prefix-free, so the first known 1-3 digit prefix is the code. None starts
    // with 0: "+06 …" must not read as +6 or +61 (the digits' value ignores the leading zero).
    for (size_t length = 1; length <= 3 && length < rest.size() && rest[0] != '0'; ++length) {
      uint32_t candidate = 0;
      for (size_t i = 0; i < length; ++i) {
        candidate = candidate * 10 + static_cast<uint32_t>(rest[i] - '0');
      }
      if (metadata_.IsKnownCallingCode(candidate)) {
        code = candidate;
        national = rest.substr(length);
        break;
      }
    }
    if (code != 0) {
      national = StripTrunkZeros(metadata_, code, national);
      flags.inferred_region = region_code == 0;
    } else {
      digits = rest;  // "+06 12 …": a stray '+'; treat what follows as national
      skip = std::string_view::npos;  // and the country did not come from a prefix
    }
  }
  if (code == 0 && region_code != 0) {
    code = region_code;
    national = digits;
    const std::string_view trunk = metadata_.TrunkPrefixForRegion(region);
    std::array<char, 4> code_text;
    size_t code_size = 0;
    for (uint32_t value = code; value != 0; value /= 10) {
      code_text[code_size++] = static_cast<char>('0' + value % 10);
    }
    std::reverse(code_text.begin(), code_text.begin() + static_cast<ptrdiff_t>(code_size));
    const std::string_view code_digits(code_text.data(), code_size);
    if (!trunk.empty() && national.size() > trunk.size() && national.starts_with(trunk) &&
        metadata_.IsPossibleLength(code, national.size() - trunk.size())) {
      national.remove_prefix(trunk.size());
    } else if (national.starts_with(code_digits) &&
               !metadata_.IsPossibleLength(code, national.size()) &&
               metadata_.IsPossibleLength(code, national.size() - code_size)) {
      national.remove_prefix(code_size);  // typed without '+': 33612345678 in FR
    }
    national = StripTrunkZeros(metadata_, code, national);
  }
  if (code == 0 || !metadata_.IsPossibleLength(code, national.size())) {
    if (code != 0 && skip != std::string_view::npos) {
      AppendE164(code, national, out);  // the country is certain, the length is not
      return flags;
    }
    // No region to decide with: the national significant digits, trunk 0 removed.
    flags.inferred_region = false;
    if (digits.size() > 1 && digits[0] == '0') digits.remove_prefix(1);
    out.append(digits);
    return flags;
  }
  if (code == 1 && IsFictionalNanp(national)) {
    flags.placeholder = true;
    return flags;
  }
  if (IsPlaceholderDigits(national)) {
    flags.placeholder = true;
    return flags;
  }
  flags.parsed = true;
  AppendE164(code, national, out);
  if (options_.classify) Classify(code, national, flags);
  return flags;
}

}  // namespace idforge::normalize
