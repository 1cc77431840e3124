// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Builds the samplers over the reference data in tables_data.inc.
#include "engine/gen/tables.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <utility>

namespace idforge::gen {
namespace {

#include "engine/gen/tables_data.inc"

struct CultureNames {
  std::span<const std::string_view> male;
  std::span<const std::string_view> female;
  std::span<const std::string_view> surnames;
  std::span<const std::string_view> tail_prefixes;
  std::span<const std::string_view> tail_suffixes;
  std::span<const std::string_view> tail_middles;
};

const CultureNames kCultures[kCountryCount] = {
    {kUsMale, kUsFemale, kUsSurnames, kEnPrefixes, kEnSuffixes, kEnMiddles},
    {kFrMale, kFrFemale, kFrSurnames, kFrPrefixes, kFrSuffixes, kFrMiddles},
    {kGbMale, kGbFemale, kGbSurnames, kEnPrefixes, kEnSuffixes, kEnMiddles},
    {kDeMale, kDeFemale, kDeSurnames, kDePrefixes, kDeSuffixes, kDeMiddles},
    {kEsMale, kEsFemale, kEsSurnames, kEsPrefixes, kEsSuffixes, kEsMiddles},
};

// Share of a country's given names drawn from the other cultures (migration, fashion).
constexpr double kForeignGivenShare = 0.12;

std::vector<std::string_view> SplitBar(std::string_view text) {
  std::vector<std::string_view> parts;
  while (!text.empty()) {
    const size_t bar = text.find('|');
    parts.push_back(text.substr(0, bar));
    if (bar == std::string_view::npos) break;
    text.remove_prefix(bar + 1);
  }
  return parts;
}

std::string Capitalized(std::string_view lower) {
  std::string out(lower);
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') out[0] = static_cast<char>(out[0] - 32);
  return out;
}

// formal name -> its nicknames, from the embedded CSV (nickname,formal,language).
std::map<std::string_view, std::vector<std::string>> ParseNicknames() {
  std::map<std::string_view, std::vector<std::string>> by_formal;
  std::string_view text = EmbeddedNicknamesCsv();
  bool header = true;
  while (!text.empty()) {
    const size_t eol = text.find('\n');
    std::string_view line = text.substr(0, eol);
    text = eol == std::string_view::npos ? std::string_view() : text.substr(eol + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (header || line.empty()) {
      header = false;
      continue;
    }
    const size_t c1 = line.find(',');
    if (c1 == std::string_view::npos) continue;
    const size_t c2 = line.find(',', c1 + 1);
    const std::string_view nick = line.substr(0, c1);
    const std::string_view formal = line.substr(c1 + 1, c2 == std::string_view::npos ? c2 : c2 - c1 - 1);
    by_formal[formal].push_back(Capitalized(nick));
  }
  return by_formal;
}

template <typename T>
std::span<const T> Span(const T* data, size_t size) {
  return {data, size};
}

}  // namespace

std::vector<double> ZipfWeights(uint32_t count, double exponent, double offset) {
  std::vector<double> weights(count);
  for (uint32_t rank = 0; rank < count; ++rank) {
    weights[rank] = 1.0 / std::pow(static_cast<double>(rank) + 1.0 + offset, exponent);
  }
  return weights;
}

AliasTable::AliasTable(std::span<const double> weights) {
  const size_t n = weights.size();
  threshold_.assign(n, 0);
  alias_.assign(n, 0);
  double total = 0;
  for (double w : weights) total += w;
  std::vector<double> scaled(n);
  std::vector<uint32_t> small;
  std::vector<uint32_t> large;
  for (size_t i = 0; i < n; ++i) {
    scaled[i] = weights[i] * static_cast<double>(n) / total;
    (scaled[i] < 1.0 ? small : large).push_back(static_cast<uint32_t>(i));
  }
  while (!small.empty() && !large.empty()) {
    const uint32_t s = small.back();
    small.pop_back();
    const uint32_t l = large.back();
    threshold_[s] = static_cast<uint64_t>(scaled[s] * 4294967296.0);
    alias_[s] = l;
    scaled[l] -= 1.0 - scaled[s];
    if (scaled[l] < 1.0) {
      large.pop_back();
      small.push_back(l);
    }
  }
  for (uint32_t i : large) threshold_[i] = 1ULL << 32, alias_[i] = i;
  for (uint32_t i : small) threshold_[i] = 1ULL << 32, alias_[i] = i;
}

Tables::Tables() {
  const auto nicknames = ParseNicknames();
  // Given names, deduplicated across cultures by (name, gender).
  std::map<std::pair<std::string_view, bool>, uint32_t> given_index;
  auto intern_given = [&](std::string_view name, bool female) {
    auto [it, added] = given_index.try_emplace({name, female}, static_cast<uint32_t>(given_names_.size()));
    if (added) {
      GivenName entry{name, female, {}};
      if (auto nick = nicknames.find(name); nick != nicknames.end()) entry.nicknames = nick->second;
      given_names_.push_back(std::move(entry));
    }
    return it->second;
  };
  std::array<std::vector<uint32_t>, kCountryCount> surname_lists;
  std::array<std::vector<double>, kCountryCount> surname_weights;
  for (int c = 0; c < kCountryCount; ++c) {
    const CultureNames& culture = kCultures[c];
    // Head: the real names; tail: composed names (prefix, optional middle, suffix), ranked
    // after them. Zipf-Mandelbrot with offset 30 over ~3-10 k names puts the top surname near
    // 0.5 % of people (Smith is 0.8 % of the US) and keeps namesakes at a realistic rate.
    const size_t head = culture.surnames.size();
    const size_t pairs = culture.tail_prefixes.size() * culture.tail_suffixes.size();
    const size_t tail = pairs * culture.tail_middles.size();
    const std::vector<double> weights = ZipfWeights(static_cast<uint32_t>(head + tail), 1.0, 30.0);
    for (size_t rank = 0; rank < head + tail; ++rank) {
      std::string name;
      if (rank < head) {
        name = std::string(culture.surnames[rank]);
      } else {
        // Suffixes vary fastest and the prefix shifts with them: neighbouring ranks differ in both.
        const size_t t = (rank - head) % pairs;
        const size_t suffixes = culture.tail_suffixes.size();
        name = std::string(culture.tail_prefixes[(t / suffixes + t % suffixes) %
                                                 culture.tail_prefixes.size()]);
        name += culture.tail_middles[(rank - head) / pairs];
        name += culture.tail_suffixes[t % suffixes];
      }
      surname_lists[static_cast<size_t>(c)].push_back(static_cast<uint32_t>(surnames_.size()));
      surname_weights[static_cast<size_t>(c)].push_back(weights[rank]);
      surnames_.push_back(std::move(name));
    }
  }
  for (int c = 0; c < kCountryCount; ++c) {
    CountryTables& t = countries_[static_cast<size_t>(c)];
    for (int gender = 0; gender < 2; ++gender) {
      std::vector<double> weights;
      for (int other = 0; other < kCountryCount; ++other) {
        const CultureNames& culture = kCultures[other];
        const auto names = gender == 0 ? culture.male : culture.female;
        const std::vector<double> zipf = ZipfWeights(static_cast<uint32_t>(names.size()), 1.0, 8.0);
        const double share = other == c ? 1.0 - kForeignGivenShare : kForeignGivenShare / 4.0;
        double total = 0;
        for (double w : zipf) total += w;
        for (size_t rank = 0; rank < names.size(); ++rank) {
          t.given[static_cast<size_t>(gender)].push_back(intern_given(names[rank], gender == 1));
          weights.push_back(share * zipf[rank] / total);
        }
      }
      t.given_sampler[static_cast<size_t>(gender)] = AliasTable(weights);
    }
    t.surnames = std::move(surname_lists[static_cast<size_t>(c)]);
    t.surname_sampler = AliasTable(surname_weights[static_cast<size_t>(c)]);
  }
  auto set_places = [](CountryTables& t, std::span<const CityInfo> cities,
                       std::span<const std::string_view> streets, std::span<const StreetType> types,
                       std::span<const std::string_view> line2, std::span<const std::string_view> providers,
                       std::span<const std::string_view> labels, std::span<const std::string_view> suffixes,
                       std::string_view calling_code, std::string_view tld) {
    t.cities = cities;
    std::vector<double> weights;
    for (const CityInfo& city : cities) {
      weights.push_back(static_cast<double>(city.weight));
      t.postcodes.push_back(SplitBar(city.postcodes));
    }
    t.city_sampler = AliasTable(weights);
    t.street_names = streets;
    t.street_types = types;
    t.line2_patterns = line2;
    t.providers = providers;
    t.crm_country_labels = labels;
    t.company_suffixes = suffixes;
    t.calling_code = calling_code;
    t.tld = tld;
  };
  set_places(countries_[0], kUsCities, kUsStreets, kUsTypes, kUsLine2, kUsProviders, kUsCountryLabels,
             kUsCompanySuffixes, "1", "com");
  set_places(countries_[1], kFrCities, kFrStreets, kFrTypes, kFrLine2, kFrProviders, kFrCountryLabels,
             kFrCompanySuffixes, "33", "fr");
  set_places(countries_[2], kGbCities, kGbStreets, kGbTypes, kGbLine2, kGbProviders, kGbCountryLabels,
             kGbCompanySuffixes, "44", "co.uk");
  set_places(countries_[3], kDeCities, kDeStreets, kDeTypes, kDeLine2, kDeProviders, kDeCountryLabels,
             kDeCompanySuffixes, "49", "de");
  set_places(countries_[4], kEsCities, kEsStreets, kEsTypes, kEsLine2, kEsProviders, kEsCountryLabels,
             kEsCompanySuffixes, "34", "es");
  // The customer base of a company selling mostly in the US and western Europe.
  const double country_weights[kCountryCount] = {38, 27, 20, 8, 7};
  country_sampler_ = AliasTable(country_weights);
}

std::span<const std::string_view> Tables::job_titles() const { return kJobTitles; }
std::span<const std::string_view> Tables::company_stems() const { return kCompanyStems; }
std::span<const std::string_view> Tables::us_area_codes() const {
  // One per US city: mobile numbers keep the area code where the person first got one.
  static constexpr std::string_view kCodes[] = {
      "212", "213", "312", "713", "602", "215", "210", "619", "214", "512", "408", "904", "614",
      "704", "415", "206", "303", "617", "615", "503", "404", "305", "612", "973", "860", "207",
      "718", "313", "410", "414", "646", "323", "773", "832", "480", "267", "726", "858", "469",
      "737"};
  return kCodes;
}

}  // namespace idforge::gen
