// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Value rendering shared by the three exports: phones in national and international styles,
// street lines and postcodes per country, dates, and the escaping rules of CSV and JSON.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "engine/gen/person.h"
#include "engine/gen/tables.h"

namespace idforge::gen {

enum class PhoneStyle : uint8_t {
  kNational,     // (415) 555-0134, 06 12 34 56 78, 0170 1234567
  kNationalAlt,  // 415-555-0134, 06.12.34.56.78, 0170/1234567
  kDigits,       // 4155550134, 0612345678
  kInternational,  // +1 415-555-0134, +33 6 12 34 56 78
  kE164,         // +14155550134
  kIntl00,       // 0033 6 12 34 56 78
};
inline constexpr int kPhoneStyleCount = 6;

// Appends the person's mobile (landline=false) or landline number in `style`.
void AppendPhone(std::string& out, const Tables& tables, const Person& person, bool landline,
                 PhoneStyle style);
// "12 Main St", "12 bis avenue Victor-Hugo", "Hauptstr. 12", "C/ Mayor, 12".
void AppendStreet(std::string& out, const CountryTables& t, Country country, const Address& a,
                  bool abbreviated);
// "Apt 4B", "Bât. C": empty when the address has no second line.
void AppendLine2(std::string& out, const CountryTables& t, const Address& a);
void AppendPostcode(std::string& out, const CountryTables& t, Country country, const Address& a);

struct CivilDate {
  int year;
  unsigned month;
  unsigned day;
};
CivilDate CivilFromDays(int64_t days);
void AppendIsoDate(std::string& out, CivilDate date);  // 1984-07-21
void AppendUint(std::string& out, uint64_t value);
void AppendPadded(std::string& out, uint64_t value, int width);
// Seconds since 1970 as "2024-03-01T10:22:13.000Z" (Salesforce), "2024-03-01 10:22:13"
// (Mailchimp) or "2024-03-01T05:22:13-05:00" (Shopify, a store on US Eastern standard time).
enum class TimeStyle : uint8_t { kSalesforce, kMailchimp, kShopify };
void AppendTimestamp(std::string& out, int64_t seconds, TimeStyle style);

// "value" with doubled quotes (RFC 4180).
void AppendCsvQuoted(std::string& out, std::string_view value);
// Quoted only when it holds the delimiter, a quote or a line break (minimal quoting).
void AppendCsvMinimal(std::string& out, std::string_view value, char delimiter);
// "value" with JSON escapes.
void AppendJsonString(std::string& out, std::string_view value);

}  // namespace idforge::gen
