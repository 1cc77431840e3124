// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Draws persons: culture, names, birth date, address, phones, email pattern, company, sources,
// and the hard negatives (households, twins, namesakes) that make matching hard.
#include "engine/gen/person.h"

namespace idforge::gen {
namespace {

constexpr int32_t kDay1935 = -12784;  // 1935-01-01
constexpr int32_t kDay2006 = 13149;   // 2006-01-01
constexpr uint32_t kEmailPatterns = 8;  // see RenderEmail() in records.cc
constexpr uint32_t kPartnerWindow = 64;  // hard negatives pair with one of the last 64 persons

Address NewAddress(const CountryTables& t, Country country, Rng& rng) {
  Address a;
  a.city = static_cast<uint16_t>(t.city_sampler.Sample(rng));
  a.postcode = static_cast<uint16_t>(rng.Below(static_cast<uint32_t>(t.postcodes[a.city].size())));
  a.street = static_cast<uint16_t>(rng.Below(static_cast<uint32_t>(t.street_names.size())));
  a.type = static_cast<uint8_t>(rng.Below(static_cast<uint32_t>(t.street_types.size())));
  if (rng.Chance(0.5)) a.type = 0;  // the commonest type (Street, rue, straße, Calle)
  const bool long_street = country == Country::kUS && rng.Chance(0.6);
  a.number = static_cast<uint16_t>(long_street ? rng.Between(100, 9999) : rng.Between(1, 150));
  if ((country == Country::kFR || country == Country::kDE) && rng.Chance(0.06)) {
    a.number_suffix = static_cast<uint8_t>(1 + rng.Below(2));
  }
  const double line2_rate = country == Country::kES ? 0.45 : 0.18;
  if (rng.Chance(line2_rate)) {
    a.line2 = static_cast<uint8_t>(1 + rng.Below(static_cast<uint32_t>(t.line2_patterns.size())));
    a.line2_number = static_cast<uint8_t>(rng.Between(1, 29));
    a.line2_letter = static_cast<char>('A' + rng.Below(6));
  }
  if (country == Country::kUS) {
    a.postcode_extra[0] = static_cast<char>('0' + rng.Below(10));
    a.postcode_extra[1] = static_cast<char>('0' + rng.Below(10));
  } else if (country == Country::kGB) {
    static constexpr char kInward[] = "ABDEFGHJLNPQRSTUWXYZ";
    a.postcode_extra[0] = static_cast<char>('1' + rng.Below(9));
    a.postcode_extra[1] = kInward[rng.Below(20)];
    a.postcode_extra[2] = kInward[rng.Below(20)];
  }
  a.abbreviated = rng.Chance(country == Country::kUS ? 0.6 : 0.35);
  return a;
}

uint32_t DrawSurname(const CountryTables& t, Rng& rng) {
  return t.surnames[t.surname_sampler.Sample(rng)];
}

uint32_t DrawGiven(const CountryTables& t, bool female, Rng& rng) {
  const auto g = static_cast<size_t>(female);
  return t.given[g][t.given_sampler[g].Sample(rng)];
}

uint8_t DrawSources(const PopulationOptions& p, Rng& rng) {
  uint8_t mask = 0;
  if (rng.Chance(p.in_crm)) mask |= kCrm;
  if (rng.Chance(p.in_marketing)) mask |= kMarketing;
  if (rng.Chance(p.in_shop)) mask |= kShop;
  return mask;
}

}  // namespace

void MakePersons(const Tables& tables, const PopulationOptions& population, double duplicate_rate,
                 uint64_t first_index, uint32_t count, uint64_t seed, Rng& rng,
                 std::vector<Person>& out) {
  out.clear();
  out.reserve(count);
  for (uint32_t local = 0; local < count; ++local) {
    Person p;
    p.index = first_index + local;
    const double roll = rng.Uniform();
    Relation relation = Relation::kNone;
    if (local > 0) {
      if (roll < population.household) {
        relation = Relation::kHousehold;
      } else if (roll < population.household + population.twin) {
        relation = Relation::kTwin;
      } else if (roll < population.household + population.twin + population.namesake) {
        relation = Relation::kNamesake;
      }
    }
    const uint32_t window = local < kPartnerWindow ? local : kPartnerWindow;
    const uint32_t partner_local = relation == Relation::kNone ? kNoIndex : local - 1 - rng.Below(window);
    Person* partner = partner_local == kNoIndex ? nullptr : &out[partner_local];
    p.relation = relation;
    p.country = partner ? partner->country : static_cast<Country>(tables.country_sampler().Sample(rng));
    const CountryTables& t = tables.country(p.country);
    p.female = rng.Chance(0.5);
    p.given = DrawGiven(t, p.female, rng);
    p.surname = DrawSurname(t, rng);
    if (p.country == Country::kES) {
      p.surname2 = DrawSurname(t, rng);  // Spanish persons carry both parents' surnames
    } else if ((p.country == Country::kGB || p.country == Country::kFR) && rng.Chance(0.02)) {
      p.surname2 = DrawSurname(t, rng);
      p.hyphenated = true;
    }
    p.dob = kDay1935 + static_cast<int32_t>(rng.Below(static_cast<uint32_t>(kDay2006 - kDay1935)));
    p.address = NewAddress(t, p.country, rng);
    p.previous = NewAddress(t, p.country, rng);
    if (rng.Chance(0.3)) p.previous.city = p.address.city;  // most moves stay in town
    p.previous.postcode = static_cast<uint16_t>(
        p.previous.postcode % tables.country(p.country).postcodes[p.previous.city].size());
    p.mobile_key = Scatter27(p.index, seed);
    if (rng.Chance(0.3)) {
      p.landline_key = Scatter27(p.index, seed ^ 0x5A5A5A5AULL);
      p.landline_first = rng.Chance(0.4);
    }
    if (partner && relation != Relation::kNamesake) {
      // Same home: address, previous address, landline (created for the head if missing).
      if (relation == Relation::kTwin || rng.Chance(0.75)) {
        p.surname = partner->surname;
        p.surname2 = partner->surname2;
        p.hyphenated = partner->hyphenated;
      }
      for (int attempt = 0; attempt < 8 && p.given == partner->given; ++attempt) {
        p.given = DrawGiven(t, p.female, rng);
      }
      if (relation == Relation::kTwin) {
        p.dob = partner->dob;
      } else {
        p.dob = partner->dob + (rng.Chance(0.5) ? 1 : -1) * rng.Between(200, 3000);
      }
      p.address = partner->address;
      p.previous = partner->previous;
      if (partner->landline_key == kNoIndex) {
        partner->landline_key = Scatter27(partner->index, seed ^ 0x5A5A5A5AULL);
      }
      p.landline_key = partner->landline_key;
      partner->landline_first = true;
      p.landline_first = true;
      if (relation == Relation::kHousehold && partner->shared_email_from == kNoIndex &&
          !partner->email_shared && rng.Chance(0.3)) {
        partner->email_shared = true;  // one partner at most, so each tool sees it once
        p.shared_email_from = partner_local;  // a family address: the partner uses it too
      }
    } else if (partner) {
      // Namesake: same name and city, everything else their own.
      p.female = partner->female;
      p.given = partner->given;
      p.surname = partner->surname;
      p.surname2 = partner->surname2;
      p.hyphenated = partner->hyphenated;
      p.address.city = partner->address.city;
      p.address.postcode = static_cast<uint16_t>(rng.Below(
          static_cast<uint32_t>(tables.country(p.country).postcodes[p.address.city].size())));
    }
    if (p.female && rng.Chance(population.married) && p.dob < kDay2006 - 20 * 365) {
      p.other_surname = DrawSurname(t, rng);  // the birth name; `surname` is the married one
    }
    p.email_pattern = static_cast<uint8_t>(rng.Below(kEmailPatterns));
    p.email_provider = static_cast<uint8_t>(rng.Below(static_cast<uint32_t>(t.providers.size())));
    p.alt_pattern = static_cast<uint8_t>((p.email_pattern + 1 + rng.Below(kEmailPatterns - 1)) %
                                         kEmailPatterns);
    p.alt_provider = static_cast<uint8_t>(rng.Below(static_cast<uint32_t>(t.providers.size())));
    if (rng.Chance(0.6)) {
      p.company = static_cast<uint16_t>(rng.Below(static_cast<uint32_t>(tables.company_stems().size())));
      p.company_suffix = static_cast<uint8_t>(rng.Below(static_cast<uint32_t>(t.company_suffixes.size())));
      p.title = static_cast<uint8_t>(rng.Below(static_cast<uint32_t>(tables.job_titles().size())));
    }
    p.sources = DrawSources(population, rng);
    for (uint8_t bit : {kCrm, kMarketing, kShop}) {
      if ((p.sources & bit) && rng.Chance(duplicate_rate)) p.duplicates |= bit;
    }
    out.push_back(p);
  }
}

}  // namespace idforge::gen
