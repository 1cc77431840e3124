// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// The generator's reference data: given names and surnames per culture (Zipf-weighted, with a
// long tail of composed surnames so large populations do not collapse onto a few names), cities
// with their postcodes and phone prefixes, street names, email providers, nicknames.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/gen/random.h"

namespace idforge::gen {

enum class Country : uint8_t { kUS, kFR, kGB, kDE, kES };
inline constexpr int kCountryCount = 5;
inline constexpr std::array<std::string_view, kCountryCount> kCountryCodes = {"US", "FR", "GB",
                                                                              "DE", "ES"};

struct CityInfo {
  std::string_view name;
  std::string_view region_code;  // US state / ES province code; empty where tools leave it out
  std::string_view region_name;  // what a CRM user types in the state field
  std::string_view postcodes;    // '|'-separated; US: the ZIP3 prefix; GB: outward codes
  std::string_view landline;     // national landline prefix with trunk 0 ("0161"); US: area code
  uint32_t weight;
};

struct StreetType {
  std::string_view full;
  std::string_view abbrev;
};

struct GivenName {
  std::string_view name;
  bool female = false;
  std::vector<std::string> nicknames;  // capitalized, from datasets/nicknames
};

struct CountryTables {
  std::span<const CityInfo> cities;
  AliasTable city_sampler;
  std::vector<std::vector<std::string_view>> postcodes;  // per city
  std::span<const std::string_view> street_names;
  std::span<const StreetType> street_types;
  std::span<const std::string_view> line2_patterns;  // '#' = number, '@' = letter
  std::span<const std::string_view> providers;
  std::span<const std::string_view> crm_country_labels;
  std::span<const std::string_view> company_suffixes;
  std::string_view calling_code;
  std::string_view tld;
  std::array<std::vector<uint32_t>, 2> given;  // [male, female] -> index into Tables::given_names
  std::array<AliasTable, 2> given_sampler;
  std::vector<uint32_t> surnames;  // index into Tables::surnames
  AliasTable surname_sampler;
};

// Built once per Generate() call and then read-only: safe to share across threads.
class Tables {
 public:
  Tables();
  const CountryTables& country(Country c) const { return countries_[static_cast<size_t>(c)]; }
  const AliasTable& country_sampler() const { return country_sampler_; }
  const GivenName& given(uint32_t index) const { return given_names_[index]; }
  std::string_view surname(uint32_t index) const { return surnames_[index]; }
  std::span<const std::string_view> job_titles() const;
  std::span<const std::string_view> company_stems() const;
  std::span<const std::string_view> us_area_codes() const;

 private:
  std::vector<GivenName> given_names_;
  std::vector<std::string> surnames_;
  std::array<CountryTables, kCountryCount> countries_;
  AliasTable country_sampler_;
};

// datasets/nicknames/nicknames.csv, embedded at configure time (nicknames_data.cc).
std::string_view EmbeddedNicknamesCsv();

}  // namespace idforge::gen
