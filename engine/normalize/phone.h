// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Phone standardization to E.164 with libphonenumber's metadata but (almost) without its parser:
// a fast path does digits, international prefixes and trunk prefixes itself; libphonenumber is
// called only to classify a number (valid, mobile, fixed line), once per distinct number per
// thread, through a bounded cache.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace idforge::normalize {

struct PhoneFlags {
  bool parsed = false;       // `out` is E.164 with a length possible for its country
  bool valid = false;        // libphonenumber IsValidNumber (only when options.classify)
  bool mobile = false;       // line type MOBILE or FIXED_LINE_OR_MOBILE (only when classify)
  bool fixed_line = false;   // line type FIXED_LINE or FIXED_LINE_OR_MOBILE (only when classify)
  bool placeholder = false;  // 000-000-0000, 1111111111, 1234567890, 555-01xx, "n/a": out empty
  bool inferred_region = false;  // no usable `region`: the country came from the `+`/`00` prefix
};

// Country calling codes, trunk (national) prefixes and possible national number lengths, read
// once from libphonenumber's metadata. Immutable after construction and safe to share across
// threads. Construction takes a few milliseconds; use Default() rather than building copies.
class PhoneMetadata {
 public:
  PhoneMetadata();
  // Built on first use (thread-safe static initialization), then shared read-only for the life of
  // the process, as libphonenumber's own PhoneNumberUtil singleton is.
  static const PhoneMetadata& Default();

  // Calling code of an ISO 3166 alpha-2 region (case-insensitive), 0 when unknown.
  uint16_t CallingCodeForRegion(std::string_view iso2) const;
  // Trunk prefix of a region ("0" for FR, "1" for US, "8" for RU, "" for IT), empty when unknown.
  std::string_view TrunkPrefixForRegion(std::string_view iso2) const;
  bool IsKnownCallingCode(uint32_t code) const { return code < kCodes && codes_[code].known; }
  // True when a national significant number of `length` digits is possible for `code` (lengths
  // only dialable locally, such as 7-digit US numbers, are not).
  bool IsPossibleLength(uint32_t code, size_t length) const;
  // Trunk prefix of the calling code's main region.
  std::string_view TrunkPrefixForCode(uint32_t code) const;

 private:
  static constexpr uint32_t kCodes = 1000;
  struct Region {
    uint16_t calling_code = 0;
    uint8_t trunk_size = 0;
    std::array<char, 4> trunk{};
  };
  struct Code {
    bool known = false;
    uint8_t trunk_size = 0;
    std::array<char, 4> trunk{};
    uint32_t possible_lengths = 0;  // bit n: n-digit national numbers are possible
  };
  static int RegionIndex(std::string_view iso2);
  std::vector<Region> regions_;  // 26 * 26, indexed by RegionIndex()
  std::vector<Code> codes_;      // kCodes, indexed by calling code
};

struct PhoneOptions {
  // Classify parsed numbers with libphonenumber (GetNumberType: ~7 µs per distinct number, then
  // cached). Off: valid/mobile/fixed_line stay false and no libphonenumber call is ever made.
  bool classify = true;
  // Entries of the per-normalizer classification cache (rounded up to a power of two; 16 bytes
  // each). Direct-mapped: a colliding number evicts the older one.
  size_t cache_capacity = size_t{1} << 14;
};

// Normalizes phone numbers. Holds a classification cache, so an instance is NOT thread-safe: use
// one per thread (construction is cheap: one cache allocation; the metadata is shared).
// The referenced PhoneMetadata must outlive the normalizer.
class PhoneNormalizer {
 public:
  explicit PhoneNormalizer(const PhoneOptions& options = {},
                           const PhoneMetadata& metadata = PhoneMetadata::Default());

  // Normalizes `raw`; `region` is the ISO2 country of the record, else the source's
  // default_country, else empty. `out` is cleared and reused.
  //  - International input (`+`, `00`, or `011` when the region is +1; Shopify's leading `'`,
  //    `tel:`, `(0)` after the country code, extensions `x123`/`ext. 12`/`#12` dropped, vanity
  //    letters `1-800-FLOWERS` mapped to keypad digits): `out` = E.164 `+33612345678`.
  //  - National input with a known region: the region's trunk prefix is removed (`06…` → `6…`,
  //    `1 818…` → `818…`), or its calling code when the number was typed without `+`
  //    (`33612345678` in FR), then `out` = E.164.
  //  - No usable region, or a national length impossible for the region: `out` = the digits
  //    with one leading `0` removed (`06 12 34 56 78` → `612345678`) and parsed = false. Such a
  //    value is a suffix of the number's E.164 digits, so `612345678` still matches
  //    `+33612345678` by suffix comparison (at least 7 digits should be required there).
  //  - Placeholders (all one digit, 1234567890, NANP 555-0100..555-0199 and 555-1212 which
  //    are reserved for fiction/directory, generic junk like "n/a"): `out` empty, placeholder.
  // Nothing is inferred from a bare national number without a region (a 10-digit number could
  // be from the US or India): it keeps its digits. ~110 ns for the fast path; a classification
  // cache miss adds ~9 µs (BM_PhoneNormalize_*).
  PhoneFlags Normalize(std::string_view raw, std::string_view region, std::string& out);

  uint64_t cache_hits() const { return cache_hits_; }
  uint64_t cache_misses() const { return cache_misses_; }

 private:
  struct CacheEntry {
    uint64_t national_number = 0;
    uint16_t calling_code = 0;  // 0 = empty slot
    uint8_t length = 0;         // digits in the national number (keeps leading zeros apart)
    uint8_t bits = 0;           // kValid | kMobile | kFixed
  };
  void Classify(uint32_t calling_code, std::string_view national, PhoneFlags& flags);

  const PhoneMetadata& metadata_;
  PhoneOptions options_;
  std::vector<CacheEntry> cache_;
  uint64_t cache_mask_ = 0;
  uint64_t cache_hits_ = 0;
  uint64_t cache_misses_ = 0;
};

}  // namespace idforge::normalize
