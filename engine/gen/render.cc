// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
#include "engine/gen/render.h"

#include <charconv>

namespace idforge::gen {
namespace {

// A phone number: national digits (with the trunk 0 where the country has one), the sizes of its
// national groups, and how many leading digits international form drops.
struct PhoneDigits {
  char digits[16];
  uint8_t length = 0;
  uint8_t groups[6] = {};
  uint8_t group_count = 0;
  uint8_t trunk = 0;
};

void PushDigits(PhoneDigits& p, std::string_view prefix) {
  for (char c : prefix) p.digits[p.length++] = c;
}
void PushNumber(PhoneDigits& p, uint64_t value, int width) {
  for (int pos = width - 1; pos >= 0; --pos) {
    p.digits[p.length + pos] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
  p.length = static_cast<uint8_t>(p.length + width);
}
void SetGroups(PhoneDigits& p, std::initializer_list<uint8_t> sizes) {
  p.group_count = 0;
  for (uint8_t size : sizes) p.groups[p.group_count++] = size;
}

PhoneDigits MakeDigits(const Tables& tables, const Person& person, bool landline) {
  PhoneDigits p;
  const uint32_t key = landline ? person.landline_key : person.mobile_key;
  const CityInfo& city = tables.country(person.country).cities[person.address.city];
  switch (person.country) {
    case Country::kUS: {
      const auto codes = tables.us_area_codes();
      if (landline) {
        PushDigits(p, city.landline);
        PushNumber(p, 600 + (key / 10000) % 400, 3);  // landline exchanges 600-999
        PushNumber(p, key % 10000, 4);
      } else {
        // Mobile exchanges 201-536: injective over 2^27 keys, so never shared, never 555.
        const uint32_t rest = key / static_cast<uint32_t>(codes.size());
        PushDigits(p, codes[key % codes.size()]);
        PushNumber(p, 201 + rest / 10000, 3);
        PushNumber(p, rest % 10000, 4);
      }
      SetGroups(p, {3, 3, 4});
      break;
    }
    case Country::kFR:
      if (landline) {
        PushDigits(p, city.landline);
        PushNumber(p, key % 100000000, 8);
      } else {
        PushDigits(p, key % 2 ? "07" : "06");
        PushNumber(p, key / 2, 8);
      }
      SetGroups(p, {2, 2, 2, 2, 2});
      p.trunk = 1;
      break;
    case Country::kGB:
      if (landline) {
        PushDigits(p, city.landline);
        const int rest = 11 - static_cast<int>(city.landline.size());
        PushNumber(p, key % (rest == 8 ? 100000000 : rest == 7 ? 10000000 : 1000000), rest);
        if (city.landline.size() == 3) SetGroups(p, {3, 4, 4});
        else if (city.landline.size() == 4) SetGroups(p, {4, 3, 4});
        else SetGroups(p, {5, 6});
      } else {
        PushDigits(p, "07");
        PushNumber(p, key, 9);
        SetGroups(p, {5, 6});
      }
      p.trunk = 1;
      break;
    case Country::kDE: {
      static constexpr std::string_view kMobile[] = {"0151", "0152", "0160", "0162", "0170", "0171", "0176"};
      if (landline) {
        PushDigits(p, city.landline);
        PushNumber(p, 2000000 + key % 8000000, 7);
        SetGroups(p, {static_cast<uint8_t>(city.landline.size()), 7});
      } else {
        PushDigits(p, kMobile[key % 7]);
        PushNumber(p, key / 7, 8);
        SetGroups(p, {4, 8});
      }
      p.trunk = 1;
      break;
    }
    case Country::kES:
      if (landline) {
        PushDigits(p, city.landline);
        const int rest = 9 - static_cast<int>(city.landline.size());
        PushNumber(p, key % (rest == 7 ? 10000000 : 1000000), rest);
        if (city.landline.size() == 2) SetGroups(p, {2, 3, 2, 2});
        else SetGroups(p, {3, 2, 2, 2});
      } else {
        PushDigits(p, key % 2 ? "7" : "6");
        PushNumber(p, key / 2, 8);
        SetGroups(p, {3, 2, 2, 2});
      }
      break;
  }
  return p;
}

void AppendGrouped(std::string& out, const PhoneDigits& p, char separator, bool international) {
  size_t pos = 0;
  for (uint8_t g = 0; g < p.group_count; ++g) {
    size_t size = p.groups[g];
    if (g > 0) out += separator;
    if (g == 0 && international) {
      pos += p.trunk;
      size -= p.trunk;
    }
    out.append(p.digits + pos, size);
    pos += size;
  }
}

}  // namespace

void AppendPhone(std::string& out, const Tables& tables, const Person& person, bool landline,
                 PhoneStyle style) {
  const PhoneDigits p = MakeDigits(tables, person, landline);
  const std::string_view cc = tables.country(person.country).calling_code;
  const bool us = person.country == Country::kUS;
  switch (style) {
    case PhoneStyle::kNational:
      if (us) {
        out += '(';
        out.append(p.digits, 3);
        out += ") ";
        out.append(p.digits + 3, 3);
        out += '-';
        out.append(p.digits + 6, 4);
      } else {
        AppendGrouped(out, p, ' ', false);
      }
      return;
    case PhoneStyle::kNationalAlt:
      AppendGrouped(out, p, us ? '-' : person.country == Country::kFR ? '.' :
                                person.country == Country::kDE ? '/' : ' ', false);
      return;
    case PhoneStyle::kDigits: out.append(p.digits, p.length); return;
    case PhoneStyle::kInternational:
      out += '+';
      out += cc;
      out += ' ';
      AppendGrouped(out, p, us ? '-' : ' ', true);
      return;
    case PhoneStyle::kE164:
      out += '+';
      out += cc;
      out.append(p.digits + p.trunk, p.length - p.trunk);
      return;
    case PhoneStyle::kIntl00:
      out += "00";
      out += cc;
      out += ' ';
      AppendGrouped(out, p, ' ', true);
      return;
  }
}

void AppendStreet(std::string& out, const CountryTables& t, Country country, const Address& a,
                  bool abbreviated) {
  const StreetType& type = t.street_types[a.type];
  const std::string_view kind = abbreviated ? type.abbrev : type.full;
  const std::string_view name = t.street_names[a.street];
  auto number = [&] {
    AppendUint(out, a.number);
    if (a.number_suffix != 0) {
      if (country == Country::kFR) out += a.number_suffix == 1 ? " bis" : " ter";
      else out += a.number_suffix == 1 ? 'a' : 'b';
    }
  };
  switch (country) {
    case Country::kUS:
    case Country::kGB:
      number();
      out += ' ';
      out += name;
      out += ' ';
      out += kind;
      return;
    case Country::kFR:
      number();
      out += abbreviated && a.number_suffix != 0 ? ", " : " ";
      out += kind;
      out += ' ';
      out += name;
      return;
    case Country::kDE:
      out += name;
      out += kind;
      out += ' ';
      number();
      return;
    case Country::kES:
      out += kind;
      out += ' ';
      out += name;
      out += ", ";
      number();
      return;
  }
}

void AppendLine2(std::string& out, const CountryTables& t, const Address& a) {
  if (a.line2 == 0) return;
  for (char c : t.line2_patterns[a.line2 - 1]) {
    if (c == '#') AppendUint(out, a.line2_number);
    else if (c == '@') out += a.line2_letter;
    else out += c;
  }
}

void AppendPostcode(std::string& out, const CountryTables& t, Country country, const Address& a) {
  if (country == Country::kUS) {
    out += t.cities[a.city].postcodes;
    out.append(a.postcode_extra, 2);
    return;
  }
  out += t.postcodes[a.city][a.postcode];
  if (country == Country::kGB) {
    out += ' ';
    out.append(a.postcode_extra, 3);
  }
}

CivilDate CivilFromDays(int64_t days) {
  // Howard Hinnant's days_from_civil inverse: exact for the proleptic Gregorian calendar.
  days += 719468;
  const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const auto doe = static_cast<unsigned>(days - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned day = doy - (153 * mp + 2) / 5 + 1;
  const unsigned month = mp < 10 ? mp + 3 : mp - 9;
  const int year = static_cast<int>(static_cast<int64_t>(yoe) + era * 400) + (month <= 2 ? 1 : 0);
  return {year, month, day};
}

void AppendUint(std::string& out, uint64_t value) {
  char buf[24];
  const auto result = std::to_chars(buf, buf + sizeof buf, value);
  out.append(buf, result.ptr);
}

void AppendPadded(std::string& out, uint64_t value, int width) {
  char buf[24];
  const auto result = std::to_chars(buf, buf + sizeof buf, value);
  for (auto length = result.ptr - buf; length < width; ++length) out += '0';
  out.append(buf, result.ptr);
}

void AppendIsoDate(std::string& out, CivilDate date) {
  AppendPadded(out, static_cast<uint64_t>(date.year), 4);
  out += '-';
  AppendPadded(out, date.month, 2);
  out += '-';
  AppendPadded(out, date.day, 2);
}

void AppendTimestamp(std::string& out, int64_t seconds, TimeStyle style) {
  if (style == TimeStyle::kShopify) seconds -= 5 * 3600;
  const int64_t days = seconds / 86400;
  const int64_t rest = seconds % 86400;
  AppendIsoDate(out, CivilFromDays(days));
  out += style == TimeStyle::kMailchimp ? ' ' : 'T';
  AppendPadded(out, static_cast<uint64_t>(rest / 3600), 2);
  out += ':';
  AppendPadded(out, static_cast<uint64_t>(rest / 60 % 60), 2);
  out += ':';
  AppendPadded(out, static_cast<uint64_t>(rest % 60), 2);
  if (style == TimeStyle::kSalesforce) out += ".000Z";
  if (style == TimeStyle::kShopify) out += "-05:00";
}

void AppendCsvQuoted(std::string& out, std::string_view value) {
  out += '"';
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

void AppendCsvMinimal(std::string& out, std::string_view value, char delimiter) {
  if (value.find_first_of(std::string_view("\"\r\n")) == std::string_view::npos &&
      value.find(delimiter) == std::string_view::npos) {
    out += value;
    return;
  }
  AppendCsvQuoted(out, value);
}

void AppendJsonString(std::string& out, std::string_view value) {
  out += '"';
  for (char c : value) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          static constexpr char kHex[] = "0123456789abcdef";
          out += "\\u00";
          out += kHex[static_cast<unsigned char>(c) >> 4];
          out += kHex[static_cast<unsigned char>(c) & 15];
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

}  // namespace idforge::gen
