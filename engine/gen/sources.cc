// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// The three export formats, one renderer each. Missing-value rates are per source, as the tools
// differ in what they require (Mailchimp needs an email, Shopify keys on email and phone).
#include <algorithm>

#include "engine/common/hash.h"
#include "engine/gen/noise.h"
#include "engine/gen/records.h"
#include "engine/gen/render.h"

namespace idforge::gen {
namespace {

constexpr std::string_view kJunkEmails[] = {"test@test.com", "noemail@noemail.com", "n/a",
                                            "none@none.com", "x@x.com"};
constexpr std::string_view kJunkPhones[] = {"000-000-0000", "0000000000", "n/a", "123456789",
                                            "1111111111"};
constexpr std::string_view kJunkFirst[] = {"Test", "N/A", "xxx", "Unknown"};
constexpr std::string_view kJunkLast[] = {"Test", "N/A", "-", "xxx"};
constexpr std::string_view kShopTags[] = {"", "", "", "newsletter", "wholesale", "vip", "returning"};
constexpr std::string_view kMailchimpTags[] = {"", "", "", "", "\"VIP\"", "\"Webinar\"",
                                               "\"VIP\",\"Webinar\""};
constexpr int64_t kEpoch2019 = 1546300800;  // 2019-01-01T00:00:00Z
constexpr uint32_t kSpanSeconds = 181440000;  // ~5.75 years of sign-ups

// Salesforce 18-character id: "0035g" + a base-62 serial in ASCII order (Data Loader extracts
// are sorted by Id) + the case-checksum suffix.
void AppendSalesforceId(std::string& out, uint64_t serial) {
  static constexpr char kBase62[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  static constexpr char kSuffix[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
  char id[18] = {'0', '0', '3', '5', 'g'};
  for (int pos = 14; pos >= 5; --pos) {
    id[pos] = kBase62[serial % 62];
    serial /= 62;
  }
  for (int chunk = 0; chunk < 3; ++chunk) {
    unsigned bits = 0;
    for (int k = 0; k < 5; ++k) {
      const char c = id[chunk * 5 + k];
      if (c >= 'A' && c <= 'Z') bits |= 1u << k;
    }
    id[15 + chunk] = kSuffix[bits];
  }
  out.append(id, 18);
}

// Record serial: unique per (person, copy), ordered like the persons.
uint64_t Serial(const Person& p, uint32_t copy) { return p.index * 2 + copy; }

}  // namespace

BatchRenderer::AddressChoice BatchRenderer::ChooseAddress(const Person& p, BatchOutput& out) {
  const Address* address = Hit(Variation::kMoved, options_.rates.moved, out) ? &p.previous : &p.address;
  const bool abbreviated = address->abbreviated != rng_.Chance(0.2);  // St <-> Street
  const bool line2 = address->line2 != 0 && !rng_.Chance(0.2);
  return {address, abbreviated, line2};
}

bool BatchRenderer::ChooseLandline(const Person& p) {
  if (p.landline_key == kNoIndex) return false;
  return rng_.Chance(p.landline_first ? 0.75 : 0.15);
}

void BatchRenderer::RenderCrm(const Person& p, uint32_t copy, BatchOutput& out) {
  const ErrorRates& r = options_.rates;
  const CountryTables& t = tables_.country(p.country);
  std::string& row = out.crm;
  id_.clear();
  AppendSalesforceId(id_, Serial(p, copy));
  Names(p, out);
  Email(p, kCrm, copy, out);
  const uint32_t junk = Hit(Variation::kJunk, r.junk, out) ? 1 + rng_.Below(3) : 0;
  if (junk == 1) email_ = kJunkEmails[rng_.Below(5)];
  if (junk == 3) {
    first_ = kJunkFirst[rng_.Below(4)];
    if (rng_.Chance(0.5)) last_ = kJunkLast[rng_.Below(4)];
  }
  if (Missing(0.01, out)) first_.clear();
  if (Missing(0.06, out)) email_.clear();
  const bool country_known = rng_.Chance(0.85);
  // Foreigners' national numbers only make sense next to their country.
  const bool intl_only = !country_known && p.country != Country::kUS;
  auto style = [&] {
    if (intl_only) return rng_.Chance(0.5) ? PhoneStyle::kInternational : PhoneStyle::kE164;
    static constexpr PhoneStyle kStyles[] = {PhoneStyle::kNational, PhoneStyle::kNational,
                                             PhoneStyle::kNationalAlt, PhoneStyle::kInternational,
                                             PhoneStyle::kE164, PhoneStyle::kDigits, PhoneStyle::kIntl00};
    const uint32_t n = p.country == Country::kUS ? 6 : 7;
    return kStyles[rng_.Below(n)];
  };
  const bool landline = ChooseLandline(p);
  phone_.clear();
  if (junk == 2) {
    phone_ = kJunkPhones[rng_.Below(5)];
  } else if (!Missing(0.15, out)) {
    AppendPhone(phone_, tables_, p, landline, style());
  }
  cell_.clear();
  if (landline && rng_.Chance(0.5)) AppendPhone(cell_, tables_, p, false, style());
  const AddressChoice a = ChooseAddress(p, out);
  street_.clear();
  const bool street_missing = Missing(0.10, out);
  if (!street_missing) {
    AppendStreet(street_, t, p.country, *a.address, a.abbreviated);
    if (a.line2) {
      street_ += rng_.Chance(0.5) ? "\n" : ", ";  // MailingStreet is a multi-line text area
      AppendLine2(street_, t, *a.address);
    }
  }
  AppendCsvQuoted(row.append("\"").append(id_).append("\","), first_);
  row += ',';
  AppendCsvQuoted(row, last_);
  row += ',';
  AppendCsvQuoted(row, email_);
  row += ',';
  AppendCsvQuoted(row, phone_);
  row += ',';
  AppendCsvQuoted(row, cell_);
  row += ',';
  AppendCsvQuoted(row, street_);
  const CityInfo& city = t.cities[a.address->city];
  row += ",\"";
  if (!street_missing || rng_.Chance(0.5)) row += city.name;
  row += "\",\"";
  if (p.country == Country::kUS) row += rng_.Chance(0.8) ? city.region_code : city.region_name;
  else if (rng_.Chance(0.3)) row += city.region_name;
  row += "\",\"";
  if (!street_missing) {
    const size_t start = row.size();
    AppendPostcode(row, t, p.country, *a.address);
    if (row[start] == '0' && Hit(Variation::kLeadingZeroLost, r.leading_zero_lost, out)) {
      size_t zeros = 0;
      while (row[start + zeros] == '0') ++zeros;
      row.erase(start, zeros);
    }
  }
  row += "\",\"";
  if (country_known) row += t.crm_country_labels[rng_.Below(static_cast<uint32_t>(t.crm_country_labels.size()))];
  row += "\",\"";
  if (!Missing(0.45, out)) {
    CivilDate dob = CivilFromDays(p.dob);
    if (Hit(Variation::kDobTypo, r.dob_typo, out)) {
      if (dob.day <= 12 && dob.day != dob.month) std::swap(dob.day, dob.month);
      else dob.year += rng_.Chance(0.5) ? 1 : -1;
    }
    AppendIsoDate(row, dob);
  }
  row += "\",";
  if (p.company != 0xFFFF) {
    AppendCsvQuoted(row, tables_.job_titles()[p.title]);
    row += ",\"";
    row += tables_.company_stems()[p.company];
    row += ' ';
    row += t.company_suffixes[p.company_suffix];
    row += "\",\"";
  } else {
    row += "\"\",\"\",\"";
  }
  const int64_t created = kEpoch2019 + rng_.Below(kSpanSeconds);
  AppendTimestamp(row, created, TimeStyle::kSalesforce);
  row += "\",\"";
  AppendTimestamp(row, created + (rng_.Chance(0.7) ? rng_.Below(60000000) : 0), TimeStyle::kSalesforce);
  row += "\"\r\n";
  Truth("crm", id_, p, out);
  ++out.crm_records;
}

void BatchRenderer::RenderMarketing(const Person& p, uint32_t copy, BatchOutput& out) {
  const ErrorRates& r = options_.rates;
  const CountryTables& t = tables_.country(p.country);
  std::string& row = out.marketing;
  constexpr char kSep = ';';
  Names(p, out);
  Email(p, kMarketing, copy, out);  // required by Mailchimp: never missing, never junk
  const uint32_t junk = Hit(Variation::kJunk, r.junk, out) ? 1 + rng_.Below(2) : 0;
  if (junk == 1) first_ = kJunkFirst[rng_.Below(4)];
  if (Missing(0.10, out)) first_.clear();
  if (Missing(0.12, out)) last_.clear();
  street_.clear();
  const bool has_address = !Missing(0.45, out);
  if (has_address) {
    // Mailchimp's address merge field: addr1, addr2, city, state, zip, country, double-spaced.
    const AddressChoice a = ChooseAddress(p, out);
    const CityInfo& city = t.cities[a.address->city];
    AppendStreet(street_, t, p.country, *a.address, a.abbreviated);
    if (a.line2) AppendLine2(street_.append("  "), t, *a.address);
    street_.append("  ").append(city.name);
    if (p.country == Country::kUS) street_.append("  ").append(city.region_code);
    AppendPostcode(street_.append("  "), t, p.country, *a.address);
    street_.append("  ").append(kCountryCodes[static_cast<size_t>(p.country)]);
  }
  phone_.clear();
  if (junk == 2) {
    phone_ = kJunkPhones[rng_.Below(5)];
  } else if (!Missing(0.50, out)) {
    const bool domestic = has_address || p.country == Country::kUS;
    const PhoneStyle style = domestic && rng_.Chance(0.6) ? PhoneStyle::kNational
                             : rng_.Chance(0.5)           ? PhoneStyle::kE164
                                                          : PhoneStyle::kInternational;
    AppendPhone(phone_, tables_, p, ChooseLandline(p), style);
  }
  AppendCsvMinimal(row, email_, kSep);
  row += kSep;
  AppendCsvMinimal(row, first_, kSep);
  row += kSep;
  AppendCsvMinimal(row, last_, kSep);
  row += kSep;
  AppendCsvMinimal(row, street_, kSep);
  row += kSep;
  AppendCsvMinimal(row, phone_, kSep);
  row += kSep;
  if (!Missing(0.65, out)) {
    const CivilDate dob = CivilFromDays(p.dob);
    AppendPadded(row, dob.month, 2);
    row += '/';
    AppendPadded(row, dob.day, 2);
  }
  row += kSep;
  AppendUint(row, 1 + rng_.Below(5));
  row += kSep;
  const int64_t optin = kEpoch2019 + rng_.Below(kSpanSeconds);
  AppendTimestamp(row, optin, TimeStyle::kMailchimp);
  row += kSep;
  AppendTimestamp(row, optin + rng_.Below(50000000), TimeStyle::kMailchimp);
  row += kSep;
  id_.clear();
  AppendUint(id_, 100000000 + Serial(p, copy));
  row += id_;
  row += kSep;
  static constexpr char kHex[] = "0123456789abcdef";
  uint64_t euid = HashKey(id_);
  for (int k = 0; k < 10; ++k, euid >>= 4) row += kHex[euid & 15];
  row += kSep;
  AppendCsvMinimal(row, kMailchimpTags[rng_.Below(7)], kSep);
  row += '\n';
  Truth("marketing", id_, p, out);
  ++out.marketing_records;
}

void BatchRenderer::RenderShop(const Person& p, uint32_t copy, BatchOutput& out) {
  const ErrorRates& r = options_.rates;
  const CountryTables& t = tables_.country(p.country);
  std::string& row = out.shop;
  Names(p, out);
  Email(p, kShop, copy, out);
  if (Hit(Variation::kJunk, r.junk, out)) first_ = kJunkFirst[rng_.Below(4)];
  if (Missing(0.03, out)) first_.clear();
  if (Missing(0.03, out)) email_.clear();
  id_.clear();
  AppendUint(id_, 6000000000000 + Serial(p, copy));
  row += "{\"id\": ";
  row += id_;
  auto string_or_null = [&](std::string_view key, std::string_view value) {
    row += ", \"";
    row += key;
    row += "\": ";
    if (value.empty()) row += "null";
    else AppendJsonString(row, value);
  };
  string_or_null("email", email_);
  string_or_null("first_name", first_);
  string_or_null("last_name", last_);
  // Shopify keeps the customer phone unique and in E.164: the second account has none.
  phone_.clear();
  if (copy == 0 && !Missing(0.45, out)) AppendPhone(phone_, tables_, p, false, PhoneStyle::kE164);
  string_or_null("phone", phone_);
  const int64_t created = kEpoch2019 + rng_.Below(kSpanSeconds);
  row += ", \"created_at\": \"";
  AppendTimestamp(row, created, TimeStyle::kShopify);
  row += "\", \"updated_at\": \"";
  AppendTimestamp(row, created + rng_.Below(40000000), TimeStyle::kShopify);
  row += "\", \"default_address\": ";
  if (Missing(0.10, out)) {
    row += "null";
  } else {
    const AddressChoice a = ChooseAddress(p, out);
    const CityInfo& city = t.cities[a.address->city];
    street_.clear();
    AppendStreet(street_, t, p.country, *a.address, a.abbreviated);
    row += "{\"address1\": ";
    AppendJsonString(row, street_);
    street_.clear();
    if (a.line2) AppendLine2(street_, t, *a.address);
    string_or_null("address2", street_);
    string_or_null("city", city.name);
    string_or_null("province_code", city.region_code);
    string_or_null("country_code", kCountryCodes[static_cast<size_t>(p.country)]);
    street_.clear();
    AppendPostcode(street_, t, p.country, *a.address);
    string_or_null("zip", street_);
    phone_.clear();
    if (rng_.Chance(0.4)) AppendPhone(phone_, tables_, p, ChooseLandline(p), PhoneStyle::kNational);
    string_or_null("phone", phone_);
    street_.clear();
    if (p.company != 0xFFFF && rng_.Chance(0.3)) {
      street_.append(tables_.company_stems()[p.company]).append(" ").append(t.company_suffixes[p.company_suffix]);
    }
    string_or_null("company", street_);
    row += '}';
  }
  row += ", \"tags\": ";  // "" rather than null in Shopify's API
  AppendJsonString(row, kShopTags[rng_.Below(7)]);
  const uint32_t orders = rng_.Chance(0.3) ? 0 : 1 + rng_.Below(12);
  row += ", \"orders_count\": ";
  AppendUint(row, orders);
  row += ", \"total_spent\": \"";
  const uint32_t cents = orders == 0 ? 0 : orders * (1500 + rng_.Below(12000));
  AppendUint(row, cents / 100);
  row += '.';
  AppendPadded(row, cents % 100, 2);
  row += "\", \"accepts_marketing\": ";
  row += rng_.Chance(0.6) ? "true" : "false";
  row += "}\n";
  Truth("shop", id_, p, out);
  ++out.shop_records;
}

}  // namespace idforge::gen
