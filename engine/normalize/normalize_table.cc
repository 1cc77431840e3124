// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// NormalizeTable: each parallel task normalizes a contiguous range of rows into its own partial
// table with its own reusable buffers and phone cache; a serial step concatenates the parts in
// row order, so the result does not depend on scheduling.
#include "engine/normalize/normalize_table.h"

#include <oneapi/tbb/enumerable_thread_specific.h>
#include <oneapi/tbb/parallel_for.h>

#include "engine/common/hash.h"
#include "engine/normalize/address.h"
#include "engine/normalize/email.h"
#include "engine/normalize/junk.h"
#include "engine/normalize/name.h"
#include "engine/normalize/phone.h"
#include "engine/normalize/phonetic.h"
#include "engine/normalize/text.h"

namespace idforge::normalize {

std::string_view NormalizeGender(std::string_view raw) {
  std::string lowered;
  for (char c : raw) {
    if (c == ' ' || c == '.') continue;
    lowered.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));
  }
  static constexpr std::string_view kFemale[] = {"f", "female", "femme", "woman", "w", "weiblich",
                                                 "frau", "mujer", "femenino", "mrs", "ms", "miss",
                                                 "mme", "mlle", "sra", "srta", "feminin", "féminin"};
  static constexpr std::string_view kMale[] = {"m", "male", "homme", "h", "man", "mann",
                                               "männlich", "maennlich", "hombre", "masculino",
                                               "mr", "herr", "sr", "masculin"};
  static constexpr std::string_view kOther[] = {"x", "nonbinary", "non-binary", "nb", "other",
                                                "divers", "d", "autre", "otro"};
  for (std::string_view value : kFemale) {
    if (lowered == value) return "f";
  }
  for (std::string_view value : kMale) {
    if (lowered == value) return "m";
  }
  for (std::string_view value : kOther) {
    if (lowered == value) return "x";
  }
  return "";
}

// A per-thread memo of normalized values. Customer data repeat first names, surnames, cities,
// regions, companies and postcodes heavily (Zipf), so most of those normalizations become one
// hash probe and a copy. Direct-mapped: a colliding entry replaces the old one; keys are
// compared in full, so a hit is always exact. Not thread-safe (one per worker).
// Performance: BM_NormalizeTable_TypicalCustomers, see bench/RESULTS.md.
class Memo {
 public:
  enum Kind : uint8_t { kNamePart = 32, kPostcode, kPhonetic };

  // The cached output of (kind, key) into `out` and `junk`; false when not cached.
  bool Find(uint8_t kind, std::string_view key, std::string& out, bool& junk) const {
    const uint64_t hash = HashKey(key, kind + 1);
    const Slot& slot = slots_[hash & (kSlots - 1)];
    if (!slot.used || slot.hash != hash || slot.kind != kind ||
        std::string_view(storage_).substr(slot.key_offset, slot.key_size) != key) {
      return false;
    }
    out.assign(storage_, slot.value_offset, slot.value_size);
    junk = slot.junk;
    return true;
  }

  void Store(uint8_t kind, std::string_view key, std::string_view value, bool junk) {
    if (key.size() + value.size() > 256) return;  // long values rarely repeat
    if (storage_.size() > kMaxStorage) {
      // Bounded memory: start over (old slots would point into reused storage).
      storage_.clear();
      for (Slot& slot : slots_) slot.used = false;
    }
    const uint64_t hash = HashKey(key, kind + 1);
    Slot& slot = slots_[hash & (kSlots - 1)];
    slot = {hash, static_cast<uint32_t>(storage_.size()), static_cast<uint32_t>(key.size()),
            static_cast<uint32_t>(storage_.size() + key.size()), static_cast<uint32_t>(value.size()),
            kind, junk, true};
    storage_.append(key);
    storage_.append(value);
  }

 private:
  static constexpr size_t kSlots = size_t{1} << 15;
  static constexpr size_t kMaxStorage = size_t{8} << 20;
  struct Slot {
    uint64_t hash = 0;
    uint32_t key_offset = 0;
    uint32_t key_size = 0;
    uint32_t value_offset = 0;
    uint32_t value_size = 0;
    uint8_t kind = 0;
    bool junk = false;
    bool used = false;
  };
  std::vector<Slot> slots_ = std::vector<Slot>(kSlots);
  std::string storage_;
};

// Normalizes rows into a NormalizedTable it appends to. One per worker thread: it owns the
// buffers and the phone cache, so a row costs no allocation once they are warm. Not thread-safe.
class TableNormalizer {
 public:
  TableNormalizer(const RecordTable& raw, const NormalizeOptions& options)
      : raw_(raw), options_(options), phones_(PhoneOptions{.classify = false}) {}

  void NormalizeRows(uint32_t begin, uint32_t end, NormalizedTable& out,
                     std::vector<SourceQuality>& quality) {
    for (uint32_t row = begin; row < end; ++row) NormalizeRow(row, out, quality[raw_.source(row)]);
  }

 private:
  void Put(NormalizedTable& out, Field field, std::string_view value) {
    out.mutable_value(field).Append(value);
  }
  void Put(NormalizedTable& out, DerivedKey key, std::string_view value) {
    out.mutable_derived(key).Append(value);
  }

  // FoldText + placeholder check for free-text fields (city, company, ...).
  void PutFolded(NormalizedTable& out, Field field, std::string_view raw, FieldQuality& quality) {
    key_.clear();
    if (!raw.empty()) {
      ++quality.filled;
      const auto kind = static_cast<uint8_t>(field);
      bool junk = false;
      if (!memo_.Find(kind, raw, key_, junk)) {
        FoldText(raw, key_);
        junk = !key_.empty() && IsPlaceholderValue(key_);
        if (junk) key_.clear();
        memo_.Store(kind, raw, key_, junk);
      }
      if (junk) {
        ++quality.junk;
      } else if (!key_.empty()) {
        ++quality.valid;
      }
    }
    Put(out, field, key_);
  }

  // One name part: readable raw in, matching key out (blank for placeholders).
  void NamePart(std::string_view raw, std::string& key, FieldQuality& quality) {
    key.clear();
    if (raw.empty()) return;
    ++quality.filled;
    bool junk = false;
    if (!memo_.Find(Memo::kNamePart, raw, key, junk)) {
      NormalizeNamePart(raw, key);
      junk = !key.empty() && (IsPlaceholderName(key) || IsPlaceholderValue(key));
      if (junk) key.clear();
      memo_.Store(Memo::kNamePart, raw, key, junk);
    }
    if (junk) {
      ++quality.junk;
    } else if (!key.empty()) {
      ++quality.valid;
    }
  }

  // Double Metaphone (primary) of a compact name, memoized.
  void Phonetic(std::string_view compact, std::string& out) {
    bool unused = false;
    if (memo_.Find(Memo::kPhonetic, compact, out, unused)) return;
    DoubleMetaphone(compact, out, alternate_);
    memo_.Store(Memo::kPhonetic, compact, out, false);
  }

  void NormalizeRow(uint32_t row, NormalizedTable& out, SourceQuality& quality) {
    const SourceInfo& source = raw_.sources()[raw_.source(row)];
    auto raw = [&](Field field) { return raw_.Get(field, row); };
    auto q = [&](Field field) -> FieldQuality& { return quality[static_cast<size_t>(field)]; };
    uint32_t flags = 0;

    // Country first: phones, postcodes and dates depend on it.
    std::string_view country;
    if (!raw(Field::kCountry).empty()) {
      ++q(Field::kCountry).filled;
      country = CountryCode(raw(Field::kCountry));
      if (!country.empty()) ++q(Field::kCountry).valid;
      else ++q(Field::kCountry).invalid;
    }

    // Address: a free-form line is parsed when the parts are absent.
    std::string_view street_raw = raw(Field::kStreet);
    std::string_view city_raw = raw(Field::kCity);
    std::string_view postcode_raw = raw(Field::kPostcode);
    std::string_view region_raw = raw(Field::kRegion);
    std::string_view address_raw = raw(Field::kAddress);
    if (!address_raw.empty()) ++q(Field::kAddress).filled;
    if (!address_raw.empty() && street_raw.empty() && city_raw.empty() && postcode_raw.empty()) {
      ParseAddressLine(address_raw, country.empty() ? std::string_view(source.default_country) : country,
                       address_);
      street_line_.clear();
      street_line_ += address_.house_number;
      if (!address_.street.empty()) {
        if (!street_line_.empty()) street_line_ += ' ';
        street_line_ += address_.street;
      }
      if (!address_.unit.empty()) {
        street_line_ += " #";
        street_line_ += address_.unit;
      }
      street_raw = street_line_;
      city_raw = address_.city;
      postcode_raw = address_.postcode;
      if (region_raw.empty()) region_raw = address_.region;
      if (country.empty() && !address_.country.empty()) country = address_.country;
      flags |= flag::kAddressFromLine;
      ++q(Field::kAddress).valid;
    }
    const std::string_view region_code =
        country.empty() ? std::string_view(source.default_country) : country;

    // Names: split full_name when first and last are both absent.
    std::string_view first_raw = raw(Field::kFirstName);
    std::string_view middle_raw = raw(Field::kMiddleName);
    std::string_view last_raw = raw(Field::kLastName);
    const std::string_view full_raw = raw(Field::kFullName);
    if (first_raw.empty() && last_raw.empty() && !full_raw.empty()) {
      SplitFullName(full_raw, name_parts_);
      first_raw = name_parts_.first;
      if (middle_raw.empty()) middle_raw = name_parts_.middle;
      last_raw = name_parts_.last;
      flags |= flag::kNameFromFullName;
    }
    NamePart(first_raw, first_key_, q(Field::kFirstName));
    NamePart(middle_raw, middle_key_, q(Field::kMiddleName));
    NamePart(last_raw, last_key_, q(Field::kLastName));
    NamePart(full_raw, full_key_, q(Field::kFullName));
    Put(out, Field::kFirstName, first_key_);
    Put(out, Field::kMiddleName, middle_key_);
    Put(out, Field::kLastName, last_key_);
    Put(out, Field::kFullName, full_key_);
    Put(out, DerivedKey::kGivenCanonical,
        first_key_.empty() ? std::string_view() : CanonicalGivenName(first_key_));
    phonetic_.clear();
    if (!first_key_.empty()) {
      CompactName(first_key_, compact_);
      Phonetic(compact_, phonetic_);
    }
    Put(out, DerivedKey::kGivenPhonetic, phonetic_);
    compact_.clear();
    phonetic_.clear();
    if (!last_key_.empty()) {
      CompactName(last_key_, compact_);
      Phonetic(compact_, phonetic_);
    }
    Put(out, DerivedKey::kSurnamePhonetic, phonetic_);
    Put(out, DerivedKey::kSurnameCompact, compact_);

    // Email.
    key_.clear();
    canonical_.clear();
    if (const std::string_view email = raw(Field::kEmail); !email.empty()) {
      FieldQuality& eq = q(Field::kEmail);
      ++eq.filled;
      const EmailFlags email_flags = NormalizeEmail(email, key_, canonical_);
      if (email_flags.placeholder) {
        key_.clear();
        canonical_.clear();
        ++eq.junk;
      } else if (email_flags.valid) {
        ++eq.valid;
        flags |= flag::kEmailValid;
        if (email_flags.role) flags |= flag::kEmailRole;
        if (email_flags.free_provider) flags |= flag::kEmailFreeProvider;
      } else {
        // Kept for exact matching (both sides may share the same typo), but never canonicalized.
        ++eq.invalid;
        canonical_.clear();
      }
    }
    Put(out, Field::kEmail, key_);
    Put(out, DerivedKey::kEmailCanonical, canonical_);

    // Phone.
    key_.clear();
    if (const std::string_view phone = raw(Field::kPhone); !phone.empty()) {
      FieldQuality& pq = q(Field::kPhone);
      ++pq.filled;
      const PhoneFlags phone_flags = phones_.Normalize(phone, region_code, key_);
      if (phone_flags.placeholder) {
        key_.clear();
        ++pq.junk;
      } else if (phone_flags.parsed) {
        ++pq.valid;
        flags |= flag::kPhoneE164 | flag::kPhoneValid;
        if (phone_flags.mobile) flags |= flag::kPhoneMobile;
      } else if (!key_.empty()) {
        ++pq.invalid;  // no region to make it E.164: national digits kept for suffix matching
      } else {
        ++pq.invalid;
      }
    }
    Put(out, Field::kPhone, key_);

    // Street and the rest of the address.
    key_.clear();
    if (!street_raw.empty()) {
      FieldQuality& sq = q(Field::kStreet);
      ++sq.filled;
      NormalizeStreet(street_raw, key_);
      if (key_.empty()) ++sq.junk;
      else ++sq.valid;
    }
    Put(out, Field::kStreet, key_);
    key_.clear();
    if (!address_raw.empty()) FoldText(address_raw, key_);
    Put(out, Field::kAddress, key_);
    PutFolded(out, Field::kCity, city_raw, q(Field::kCity));
    PutFolded(out, Field::kRegion, region_raw, q(Field::kRegion));
    key_.clear();
    if (!postcode_raw.empty()) {
      FieldQuality& zq = q(Field::kPostcode);
      ++zq.filled;
      // Memo key: country and postcode (the same digits mean different things per country).
      memo_key_.assign(region_code);
      memo_key_.push_back('\x1f');
      memo_key_.append(postcode_raw);
      bool junk = false;
      if (!memo_.Find(Memo::kPostcode, memo_key_, key_, junk)) {
        NormalizePostcode(postcode_raw, region_code, key_);
        junk = !key_.empty() && IsPlaceholderValue(key_);
        if (junk) key_.clear();
        memo_.Store(Memo::kPostcode, memo_key_, key_, junk);
      }
      if (junk) {
        ++zq.junk;
      } else if (key_.empty()) {
        ++zq.invalid;
      } else {
        ++zq.valid;
      }
    }
    Put(out, Field::kPostcode, key_);
    Put(out, Field::kCountry, country);

    // Date of birth.
    key_.clear();
    if (const std::string_view dob = raw(Field::kDob); !dob.empty()) {
      FieldQuality& dq = q(Field::kDob);
      ++dq.filled;
      DatePolicy policy;
      policy.today = options_.today;
      policy.detect_fallback = DefaultDateOrderForCountry(region_code);
      Date date;
      const DateFlags date_flags = ParseDate(dob, source.dob_format, policy, date);
      if (date_flags.placeholder) {
        ++dq.junk;
      } else if (!date_flags.valid || date_flags.future) {
        ++dq.invalid;
      } else {
        FormatIsoDate(date, key_);
        ++dq.valid;
        flags |= flag::kDobValid;
        if (date_flags.ambiguous) flags |= flag::kDobAmbiguous;
      }
    }
    Put(out, Field::kDob, key_);

    // Gender.
    const std::string_view gender_raw = raw(Field::kGender);
    const std::string_view gender = NormalizeGender(gender_raw);
    if (!gender_raw.empty()) {
      ++q(Field::kGender).filled;
      if (gender.empty()) ++q(Field::kGender).invalid;
      else ++q(Field::kGender).valid;
    }
    Put(out, Field::kGender, gender);

    PutFolded(out, Field::kCompany, raw(Field::kCompany), q(Field::kCompany));
    PutFolded(out, Field::kJobTitle, raw(Field::kJobTitle), q(Field::kJobTitle));

    // National id: letters and digits only, upper case.
    key_.clear();
    if (const std::string_view id = raw(Field::kNationalId); !id.empty()) {
      FieldQuality& iq = q(Field::kNationalId);
      ++iq.filled;
      for (char c : id) {
        if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z')) key_.push_back(c);
        if (c >= 'a' && c <= 'z') key_.push_back(static_cast<char>(c - 'a' + 'A'));
      }
      if (!key_.empty() && IsPlaceholderValue(key_)) {
        key_.clear();
        ++iq.junk;
      } else if (key_.empty()) {
        ++iq.invalid;
      } else {
        ++iq.valid;
      }
    }
    Put(out, Field::kNationalId, key_);

    out.mutable_flags().push_back(flags);
  }

  const RecordTable& raw_;
  const NormalizeOptions& options_;
  PhoneNormalizer phones_;
  Memo memo_;
  NameParts name_parts_;
  AddressParts address_;
  std::string first_key_, middle_key_, last_key_, full_key_;
  std::string key_, canonical_, compact_, phonetic_, alternate_, street_line_, memo_key_;
};

Result<NormalizedTable> NormalizeTable(const RecordTable& raw, const NormalizeOptions& options,
                                       ExecContext& ctx) {
  const uint32_t rows = raw.row_count();
  const uint32_t per_task = std::max<uint32_t>(1, options.rows_per_task);
  const uint32_t tasks = (rows + per_task - 1) / per_task;
  const size_t source_count = std::max<size_t>(1, raw.sources().size());
  std::vector<NormalizedTable> parts(tasks);
  std::vector<std::vector<SourceQuality>> part_quality(tasks,
                                                       std::vector<SourceQuality>(source_count));
  tbb::enumerable_thread_specific<TableNormalizer> workers(
      [&] { return TableNormalizer(raw, options); });
  ctx.task_arena().execute([&] {
    tbb::parallel_for(tbb::blocked_range<uint32_t>(0, tasks, 1),
                      [&](const tbb::blocked_range<uint32_t>& range) {
                        TableNormalizer& worker = workers.local();
                        for (uint32_t task = range.begin(); task != range.end(); ++task) {
                          const uint32_t begin = task * per_task;
                          const uint32_t end = std::min(rows, begin + per_task);
                          worker.NormalizeRows(begin, end, parts[task], part_quality[task]);
                        }
                      });
  });

  // Serial finalize: concatenate in row order; sum integer counts.
  NormalizedTable table;
  std::vector<SourceQuality> quality(source_count);
  table.mutable_flags().reserve(rows);
  for (uint32_t task = 0; task < tasks; ++task) {
    NormalizedTable& part = parts[task];
    table.AppendRows(part);
    for (size_t source = 0; source < source_count; ++source) {
      for (size_t f = 0; f < kFieldCount; ++f) quality[source][f] += part_quality[task][source][f];
    }
    part = NormalizedTable();  // free as we go
  }
  table.ShrinkToFit();
  quality.resize(raw.sources().size());
  ctx.stats().quality() = std::move(quality);
  if (table.row_count() != rows) return Internal("normalize: row count changed");
  return table;
}

}  // namespace idforge::normalize
