// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// One batch of persons -> CRM rows (Salesforce Data Loader: BOM, CRLF, every field quoted),
// marketing rows (Mailchimp re-saved with ';', minimal quoting, Address in one cell) and shop
// lines (Shopify customers, JSON lines with a nested default_address), plus their truth rows.
#include "engine/gen/records.h"

#include <algorithm>

#include "engine/gen/noise.h"
#include "engine/gen/render.h"

namespace idforge::gen {
namespace {

constexpr std::string_view kPlusTags[] = {"shop", "news", "promo", "crm", "2023"};

void Capitalize(std::string& text) {
  bool start = true;
  for (char& c : text) {
    if (start && c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
    start = c == '.' || c == '@' || c == '_';
  }
}

}  // namespace

std::string_view VariationName(Variation v) {
  static constexpr std::string_view kNames[] = {
      "keyboard_typo", "phonetic", "ocr", "nickname", "swapped_names", "married_name", "moved",
      "gmail_variant", "case_noise", "accents_dropped", "alt_email", "dob_typo", "junk", "missing",
      "within_source_duplicate", "leading_zero_lost"};
  return kNames[static_cast<size_t>(v)];
}

void BatchOutput::Clear() {
  crm.clear();
  marketing.clear();
  shop.clear();
  truth.clear();
  crm_records = marketing_records = shop_records = 0;
  persons = persons_without_records = households = twins = namesakes = 0;
  variations = {};
}

bool BatchRenderer::Hit(Variation v, double rate, BatchOutput& out) {
  Counter& counter = out.variations[static_cast<size_t>(v)];
  ++counter.eligible;
  if (!rng_.Chance(rate)) return false;
  ++counter.applied;
  return true;
}

bool BatchRenderer::Missing(double rate, BatchOutput& out) {
  return Hit(Variation::kMissing, std::min(1.0, rate * options_.rates.missing), out);
}

void BatchRenderer::Truth(std::string_view source, std::string_view id, const Person& p,
                          BatchOutput& out) {
  out.truth += source;
  out.truth += ',';
  out.truth += id;
  out.truth += ",P";
  AppendUint(out.truth, p.index + 1);
  out.truth += '\n';
}

void BatchRenderer::Names(const Person& p, BatchOutput& out) {
  const ErrorRates& r = options_.rates;
  const GivenName& given = tables_.given(p.given);
  first_.assign(given.name);
  if (!given.nicknames.empty() && Hit(Variation::kNickname, r.nickname, out)) {
    first_ = given.nicknames[rng_.Below(static_cast<uint32_t>(given.nicknames.size()))];
  }
  uint32_t surname = p.surname;
  if (p.other_surname != kNoIndex && Hit(Variation::kMarriedName, r.married_name, out)) {
    surname = p.other_surname;
  }
  last_.assign(tables_.surname(surname));
  // Spanish second surnames are often left out by forms with one surname field.
  if (p.surname2 != kNoIndex && surname == p.surname && (p.hyphenated || !rng_.Chance(0.3))) {
    last_ += p.hyphenated ? '-' : ' ';
    last_ += tables_.surname(p.surname2);
  }
  auto non_ascii = [](char c) { return static_cast<unsigned char>(c) >= 0x80; };
  const bool accented = std::any_of(first_.begin(), first_.end(), non_ascii) ||
                        std::any_of(last_.begin(), last_.end(), non_ascii);
  if (accented && Hit(Variation::kAccentsDropped, r.accents_dropped, out)) {
    const bool german = p.country == Country::kDE && rng_.Chance(0.5);
    DropAccents(first_, german);
    DropAccents(last_, german);
  }
  auto either = [&](auto&& edit) {
    std::string& target = rng_.Chance(0.5) ? first_ : last_;
    edit(target);
  };
  if (Hit(Variation::kPhonetic, r.phonetic, out)) either([&](std::string& s) { PhoneticMisspelling(s, rng_); });
  if (Hit(Variation::kKeyboardTypo, r.keyboard_typo, out)) either([&](std::string& s) { KeyboardTypo(s, rng_); });
  if (Hit(Variation::kOcr, r.ocr, out)) either([&](std::string& s) { OcrConfusion(s, rng_); });
  if (Hit(Variation::kCaseNoise, r.case_noise, out)) {
    switch (rng_.Below(3)) {
      case 0: ToUpper(first_); ToUpper(last_); break;
      case 1: ToLower(first_); ToLower(last_); break;
      default: ToUpper(last_); break;
    }
  }
  if (Hit(Variation::kSwappedNames, r.swapped_names, out)) first_.swap(last_);
}

// The person's address (or the household's, or another one), with its own variations.
void BatchRenderer::Email(const Person& p, uint8_t source, uint32_t copy, BatchOutput& out) {
  const ErrorRates& r = options_.rates;
  const Person* owner = &p;
  if (p.shared_email_from != kNoIndex && copy == 0) {
    const Person& head = persons_[p.shared_email_from];
    // Tools that key on email (Mailchimp, Shopify) hold a shared address once.
    if ((source == kCrm || !(head.sources & source)) && rng_.Chance(0.6)) owner = &head;
  }
  bool alt = Hit(Variation::kAltEmail, r.alt_email, out);
  if (copy == 1 && source != kCrm) alt = !last_alt_;  // the second member needs another address
  last_alt_ = alt;
  const uint8_t pattern = alt ? owner->alt_pattern : owner->email_pattern;
  const CountryTables& t = tables_.country(owner->country);
  const std::string_view domain = t.providers[alt ? owner->alt_provider : owner->email_provider];
  const std::string_view given = tables_.given(owner->given).name;
  const std::string_view surname = tables_.surname(owner->surname);
  const bool hyphen = (owner->index & 1) != 0;
  email_.clear();
  auto f = [&] { AppendEmailWord(email_, given, hyphen); };
  auto l = [&] { AppendEmailWord(email_, surname, hyphen); };
  auto fi = [&] {
    const size_t start = email_.size();
    AppendEmailWord(email_, given, false);
    email_.resize(std::min(email_.size(), start + 1));
  };
  switch (pattern) {
    case 0: case 7: f(); email_ += '.'; l(); break;
    case 1: f(); l(); break;
    case 2: fi(); l(); break;
    case 3: f(); email_ += '_'; l(); break;
    case 4: f(); break;
    case 5: l(); email_ += '.'; f(); break;
    default: fi(); email_ += '.'; l(); break;
  }
  // A unique number: mailbox providers refuse a taken name, so common names carry digits.
  AppendUint(email_, owner->index + 1);
  if (domain == "gmail.com") {
    if (Hit(Variation::kGmailVariant, r.gmail_variant, out)) {
      if (rng_.Chance(0.4)) {
        if (email_.find('.') != std::string::npos) {
          email_.erase(std::remove(email_.begin(), email_.end(), '.'), email_.end());
        } else if (email_.size() > 3) {
          email_.insert(2, 1, '.');
        }
      } else {
        email_ += '+';
        email_ += kPlusTags[rng_.Below(5)];
      }
    }
  }
  email_ += '@';
  email_ += domain;
  if (Hit(Variation::kCaseNoise, r.case_noise, out)) Capitalize(email_);
}

void BatchRenderer::Render(uint64_t batch_index, BatchOutput& out) {
  out.Clear();
  const uint64_t first = batch_index * options_.batch_persons;
  const auto count = static_cast<uint32_t>(
      std::min<uint64_t>(options_.batch_persons, options_.persons - first));
  rng_ = Rng(DeriveSeed(options_.seed, batch_index));
  MakePersons(tables_, options_.population, options_.rates.within_source_duplicate, first, count,
              options_.seed, rng_, persons_);
  out.persons = count;
  out.crm.reserve(count * 230);
  out.marketing.reserve(count * 150);
  out.shop.reserve(count * 260);
  out.truth.reserve(count * 50);
  for (const Person& p : persons_) {
    if (p.sources == 0) ++out.persons_without_records;
    if (p.relation == Relation::kHousehold) ++out.households;
    if (p.relation == Relation::kTwin) ++out.twins;
    if (p.relation == Relation::kNamesake) ++out.namesakes;
    for (uint8_t bit : {kCrm, kMarketing, kShop}) {
      if (!(p.sources & bit)) continue;
      const bool dup = (p.duplicates & bit) != 0;
      Counter& dups = out.variations[static_cast<size_t>(Variation::kWithinSourceDuplicate)];
      ++dups.eligible;
      dups.applied += dup ? 1 : 0;
      for (uint32_t copy = 0; copy < (dup ? 2u : 1u); ++copy) {
        if (bit == kCrm) RenderCrm(p, copy, out);
        if (bit == kMarketing) RenderMarketing(p, copy, out);
        if (bit == kShop) RenderShop(p, copy, out);
      }
    }
  }
}

}  // namespace idforge::gen
