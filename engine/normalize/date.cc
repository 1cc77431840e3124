// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Date parsing: a directive interpreter for job-file formats and a small tokenizer + layout table
// for detection. No allocation, no locale, no clock.
#include "engine/normalize/date.h"

#include <algorithm>
#include <array>
#include <cstddef>

namespace idforge::normalize {
namespace {

constexpr std::string_view kDirectives = "YymdebBhaAHIMSpfzZTFDj%";

struct NamedMonth {
  std::string_view name;  // lower-case ASCII, accents stripped
  uint8_t month;
  friend bool operator<(const NamedMonth& a, const NamedMonth& b) { return a.name < b.name; }
};

// English, French, German and Spanish month names and abbreviations, sorted by name (a test
// checks the order). French "mar" is mardi (Tuesday) but also March in English: March wins.
constexpr std::array<NamedMonth, 69> kMonths = {{
    {"abr", 4},       {"abril", 4},      {"ago", 8},        {"agosto", 8},     {"aou", 8},
    {"aout", 8},      {"apr", 4},        {"april", 4},      {"aug", 8},        {"august", 8},
    {"avr", 4},       {"avril", 4},      {"dec", 12},       {"december", 12},  {"decembre", 12},
    {"dez", 12},      {"dezember", 12},  {"dic", 12},       {"diciembre", 12}, {"ene", 1},
    {"enero", 1},     {"feb", 2},        {"febrero", 2},    {"februar", 2},    {"february", 2},
    {"fev", 2},       {"fevr", 2},       {"fevrier", 2},    {"jan", 1},        {"januar", 1},
    {"january", 1},   {"janv", 1},       {"janvier", 1},    {"juil", 7},       {"juillet", 7},
    {"juin", 6},      {"jul", 7},        {"juli", 7},       {"julio", 7},      {"july", 7},
    {"jun", 6},       {"june", 6},       {"juni", 6},       {"junio", 6},      {"mai", 5},
    {"mar", 3},       {"march", 3},      {"mars", 3},       {"marz", 3},       {"marzo", 3},
    {"may", 5},       {"mayo", 5},       {"mrz", 3},        {"nov", 11},       {"november", 11},
    {"novembre", 11}, {"noviembre", 11}, {"oct", 10},       {"october", 10},   {"octobre", 10},
    {"octubre", 10},  {"okt", 10},       {"oktober", 10},   {"sep", 9},        {"sept", 9},
    {"september", 9}, {"septembre", 9},  {"septiembre", 9}, {"setiembre", 9},
}};

constexpr std::array<std::string_view, 30> kWeekdays = {
    "dim",      "dimanche", "fri",      "friday",   "jeu",    "jeudi",     "lun",      "lundi",
    "mardi",    "mer",      "mercredi", "mon",      "monday", "sam",       "samedi",   "sat",
    "saturday", "sun",      "sunday",   "thu",      "thur",   "thurs",     "thursday", "tue",
    "tues",     "tuesday",  "ven",      "vendredi", "wed",    "wednesday",
};

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsLetterByte(char c) { return IsAsciiAlpha(c) || static_cast<unsigned char>(c) >= 0x80; }
bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f'; }

// Folds a word to lower-case ASCII, stripping the Latin-1 accents month names use (é è ê ë û ü ä
// and upper-case forms). Returns false when the word does not fit or has other non-ASCII bytes.
bool FoldWord(std::string_view word, std::array<char, 16>& buf, std::string_view& folded) {
  size_t size = 0;
  for (size_t i = 0; i < word.size(); ++i) {
    char c = word[i];
    if (size == buf.size()) return false;
    if (IsAsciiAlpha(c)) {
      buf[size++] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + ('a' - 'A')) : c;
      continue;
    }
    if (static_cast<unsigned char>(c) != 0xC3 || i + 1 == word.size()) return false;
    const auto next = static_cast<unsigned char>(word[++i]) | 0x20;  // upper → lower
    // The second byte of U+00C0..U+00FF is the code point - 0x40; | 0x20 maps upper to lower.
    if (next >= 0xA8 && next <= 0xAB) {
      c = 'e';
    } else if (next >= 0xB9 && next <= 0xBC) {
      c = 'u';
    } else if (next >= 0xA0 && next <= 0xA4) {
      c = 'a';
    } else {
      return false;
    }
    buf[size++] = c;
  }
  folded = std::string_view(buf.data(), size);
  return true;
}

// Month 1..12 for a month name or abbreviation, else 0.
int MonthFromWord(std::string_view word) {
  std::array<char, 16> buf;
  std::string_view folded;
  if (!FoldWord(word, buf, folded)) return 0;
  const auto it = std::lower_bound(kMonths.begin(), kMonths.end(), NamedMonth{folded, 0});
  return it != kMonths.end() && it->name == folded ? it->month : 0;
}

bool IsWeekday(std::string_view word) {
  std::array<char, 16> buf;
  std::string_view folded;
  return FoldWord(word, buf, folded) &&
         std::binary_search(kWeekdays.begin(), kWeekdays.end(), folded);
}

bool IsOrdinalSuffix(std::string_view word) {
  std::array<char, 16> buf;
  std::string_view folded;
  if (!FoldWord(word, buf, folded)) return false;
  return folded == "st" || folded == "nd" || folded == "rd" || folded == "th" || folded == "er" ||
         folded == "ere" || folded == "e" || folded == "eme";
}

bool IsLeapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int ResolveTwoDigitYear(int yy, const DatePolicy& policy) {
  int pivot = policy.pivot_year;
  if (pivot < 0) pivot = policy.today.year != 0 ? policy.today.year % 100 : 50;
  return yy > pivot ? 1900 + yy : 2000 + yy;
}

bool IsPlaceholderDate(int year, int month, int day) {
  if (year <= 1800 || year == 9999) return true;
  const int key = year * 10000 + month * 100 + day;
  switch (key) {
    case 18991230:  // OLE Automation / spreadsheet day zero
    case 18991231:
    case 19000101:
    case 19010101:
    case 19700101:  // Unix epoch zero
      return true;
    default:
      return false;
  }
}

// Validates (year, month, day) and fills `out` and the flags that depend on the value.
void Finish(int year, int month, int day, const DatePolicy& policy, DateFlags& flags, Date& out) {
  flags.parsed = true;
  out = Date{};
  if (year < 1 || year > 9999 || day < 1 || day > DaysInMonth(year, month)) return;
  flags.valid = true;
  out.year = static_cast<int16_t>(year);
  out.month = static_cast<uint8_t>(month);
  out.day = static_cast<uint8_t>(day);
  flags.placeholder = IsPlaceholderDate(year, month, day);
  const Date& today = policy.today;
  if (today.year != 0) {
    flags.future =
        year * 10000 + month * 100 + day > today.year * 10000 + today.month * 100 + today.day;
  }
}

// ---- Format-driven parsing -------------------------------------------------------------------

struct Fields {
  int year = -1;
  int yy = -1;  // %y
  int month = -1;
  int day = -1;
  int yday = -1;
};

class Cursor {
 public:
  explicit Cursor(std::string_view text) : text_(text) {}
  bool done() const { return pos_ == text_.size(); }
  char peek() const { return pos_ < text_.size() ? text_[pos_] : '\0'; }
  void Advance() { ++pos_; }
  void SkipSpaces() {
    while (pos_ < text_.size() && IsSpace(text_[pos_])) ++pos_;
  }
  // Reads 1..max_digits digits.
  bool Number(size_t max_digits, int& value) {
    size_t count = 0;
    value = 0;
    while (count < max_digits && pos_ < text_.size() && IsDigit(text_[pos_])) {
      value = value * 10 + (text_[pos_] - '0');
      ++pos_;
      ++count;
    }
    return count > 0;
  }
  std::string_view Word() {
    const size_t start = pos_;
    while (pos_ < text_.size() && IsLetterByte(text_[pos_])) ++pos_;
    return text_.substr(start, pos_ - start);
  }

 private:
  std::string_view text_;
  size_t pos_ = 0;
};

bool ParseWithFormat(std::string_view format, Cursor& in, Fields& fields, int depth) {
  if (depth > 2) return false;
  int ignored = 0;
  for (size_t i = 0; i < format.size(); ++i) {
    const char f = format[i];
    if (IsSpace(f)) {
      in.SkipSpaces();
      continue;
    }
    if (f != '%') {
      const char c = in.peek();
      const auto lower = [](char x) {
        return (x >= 'A' && x <= 'Z') ? static_cast<char>(x + ('a' - 'A')) : x;
      };
      if (in.done() || lower(c) != lower(f)) return false;
      in.Advance();
      continue;
    }
    if (++i == format.size()) return false;
    switch (format[i]) {
      case 'Y':
        if (!in.Number(4, fields.year)) return false;
        break;
      case 'y':
        if (!in.Number(2, fields.yy)) return false;
        break;
      case 'm':
        if (!in.Number(2, fields.month)) return false;
        break;
      case 'e':
        in.SkipSpaces();
        [[fallthrough]];
      case 'd':
        if (!in.Number(2, fields.day)) return false;
        break;
      case 'j':
        if (!in.Number(3, fields.yday)) return false;
        break;
      case 'H':
      case 'I':
      case 'M':
      case 'S':
        if (!in.Number(2, ignored)) return false;
        break;
      case 'f':
        if (!in.Number(9, ignored)) return false;
        break;
      case 'b':
      case 'B':
      case 'h': {
        const std::string_view word = in.Word();
        fields.month = MonthFromWord(word);
        if (fields.month == 0) return false;
        if (in.peek() == '.') in.Advance();  // "janv.", "Sept."
        break;
      }
      case 'a':
      case 'A':
        if (!IsWeekday(in.Word())) return false;
        if (in.peek() == '.') in.Advance();
        break;
      case 'p': {
        // AM, PM, a.m., p.m.
        const char c = static_cast<char>(in.peek() | 0x20);
        if (c != 'a' && c != 'p') return false;
        in.Advance();
        if (in.peek() == '.') in.Advance();
        if ((in.peek() | 0x20) != 'm') return false;
        in.Advance();
        if (in.peek() == '.') in.Advance();
        break;
      }
      case 'z': {
        const char c = in.peek();
        if (c == 'Z' || c == 'z') {
          in.Advance();
          break;
        }
        if (c != '+' && c != '-') return false;
        in.Advance();
        if (!in.Number(2, ignored)) return false;
        if (in.peek() == ':') in.Advance();
        in.Number(2, ignored);
        break;
      }
      case 'Z':
        if (in.Word().empty()) return false;
        break;
      case 'T':
        if (!ParseWithFormat("%H:%M:%S", in, fields, depth + 1)) return false;
        break;
      case 'F':
        if (!ParseWithFormat("%Y-%m-%d", in, fields, depth + 1)) return false;
        break;
      case 'D':
        if (!ParseWithFormat("%m/%d/%y", in, fields, depth + 1)) return false;
        break;
      case '%':
        if (in.peek() != '%') return false;
        in.Advance();
        break;
      default:
        return false;
    }
  }
  return true;
}

DateFlags ParseFormatted(std::string_view raw, std::string_view format, const DatePolicy& policy,
                         Date& out) {
  DateFlags flags;
  out = Date{};
  Cursor in(raw);
  in.SkipSpaces();
  Fields fields;
  if (!ParseWithFormat(format, in, fields, 0)) return flags;
  in.SkipSpaces();
  if (!in.done()) return flags;
  int year = fields.year;
  if (year < 0 && fields.yy >= 0) {
    year = ResolveTwoDigitYear(fields.yy, policy);
    flags.two_digit_year = true;
  }
  if (year < 0) return flags;  // a format without a year cannot give a date
  int month = fields.month;
  int day = fields.day;
  if (fields.yday >= 1 && month < 0 && day < 0) {
    // Day of the year → month and day.
    int remaining = fields.yday;
    for (month = 1; month <= 12 && remaining > DaysInMonth(year, month); ++month) {
      remaining -= DaysInMonth(year, month);
    }
    day = remaining;
  }
  if (month < 0 || day < 0) return flags;
  Finish(year, month, day, policy, flags, out);
  return flags;
}

// ---- Detection -------------------------------------------------------------------------------

struct Component {
  int value = 0;   // number value, or month 1..12 for a month name
  int digits = 0;  // 0 for a month name
  char sep = ' ';  // the separator before it (' ' when only spaces or none)
};

// After the date: nothing, or a time of day (`T21:03:42.000Z`, ` 14:40`, ` 2:30 PM`, ` +02:00`,
// ` UTC`). Digits and these punctuation characters, and a few short words.
bool IsTimeRemainder(std::string_view rest) {
  size_t i = 0;
  while (i < rest.size()) {
    const char c = rest[i];
    if (IsDigit(c) || IsSpace(c) || c == ':' || c == '.' || c == '+' || c == '-' || c == ',') {
      ++i;
      continue;
    }
    if (!IsLetterByte(c)) return false;
    size_t end = i;
    while (end < rest.size() && IsLetterByte(rest[end])) ++end;
    std::array<char, 16> buf;
    std::string_view word;
    if (!FoldWord(rest.substr(i, end - i), buf, word)) return false;
    if (word != "t" && word != "z" && word != "am" && word != "pm" && word != "a" && word != "p" &&
        word != "m" && word != "h" && word != "utc" && word != "gmt" && word != "cet" &&
        word != "cest" && word != "est" && word != "edt" && word != "cst" && word != "cdt" &&
        word != "mst" && word != "mdt" && word != "pst" && word != "pdt" && word != "tz") {
      return false;
    }
    i = end;
  }
  return true;
}

DateFlags Detect(std::string_view raw, const DatePolicy& policy, Date& out) {
  DateFlags flags;
  out = Date{};
  std::array<Component, 3> parts;
  size_t count = 0;
  size_t pos = 0;
  char sep = ' ';
  while (pos < raw.size() && count < 3) {
    const char c = raw[pos];
    if (IsSpace(c) || c == ',') {
      ++pos;
      continue;
    }
    if (c == '/' || c == '-' || c == '.') {
      if (count == 0) return flags;
      if (sep == ' ') sep = c;
      ++pos;
      continue;
    }
    if (IsDigit(c)) {
      const size_t start = pos;
      int value = 0;
      while (pos < raw.size() && IsDigit(raw[pos])) {
        if (pos - start < 9) value = value * 10 + (raw[pos] - '0');
        ++pos;
      }
      const int digits = static_cast<int>(pos - start);
      if (digits == 8 && count == 0) {
        // YYYYMMDD (GA4 event_date, FEBRL), optionally followed by a time.
        if (!IsTimeRemainder(raw.substr(pos))) return flags;
        Finish(value / 10000, value / 100 % 100, value % 100, policy, flags, out);
        return flags;
      }
      if (digits > 4 || digits == 3) return flags;
      parts[count++] = Component{value, digits, sep};
      sep = ' ';
      // Ordinal suffix glued to the number: 21st, 1er, 2e.
      size_t end = pos;
      while (end < raw.size() && IsLetterByte(raw[end])) ++end;
      if (end > pos && IsOrdinalSuffix(raw.substr(pos, end - pos))) pos = end;
      continue;
    }
    if (IsLetterByte(c)) {
      const size_t start = pos;
      while (pos < raw.size() && IsLetterByte(raw[pos])) ++pos;
      const std::string_view word = raw.substr(start, pos - start);
      const int month = MonthFromWord(word);
      if (month != 0) {
        parts[count++] = Component{month, 0, sep};
        sep = ' ';
        continue;
      }
      if (count == 0 && IsWeekday(word)) continue;  // "Tue, 21 Jul 1984"
      if (count == 1 && parts[0].digits == 0) {
        // "Mar 1 1970" is handled by the month branch; any other word here is not a date.
        return flags;
      }
      // "21 de julio de 1984", "le 21 juillet": short glue words.
      std::array<char, 16> buf;
      std::string_view folded;
      if (FoldWord(word, buf, folded) && (folded == "de" || folded == "le" || folded == "of" ||
                                          folded == "the" || folded == "del")) {
        continue;
      }
      return flags;
    }
    return flags;
  }
  if (count < 3) return flags;
  if (pos < raw.size() && raw[pos] != 'T' && raw[pos] != 't' && !IsSpace(raw[pos]) &&
      raw[pos] != ',') {
    return flags;  // "2020-01-01x": the third component runs into something else
  }
  if (!IsTimeRemainder(raw.substr(pos))) return flags;

  const Component& a = parts[0];
  const Component& b = parts[1];
  const Component& c = parts[2];
  int year = 0;
  int month = 0;
  int day = 0;
  int year_digits = 0;
  if (a.digits == 4 && b.digits != 4 && c.digits >= 1 && c.digits <= 2) {
    // ISO and YYYY/MM/DD, or YYYY-Mon-DD.
    year = a.value;
    year_digits = 4;
    month = b.value;
    day = c.value;
  } else if (a.digits >= 1 && a.digits <= 2 && b.digits == 0 && (c.digits == 4 || c.digits == 2)) {
    // 24-May-11, 21 juillet 1984.
    day = a.value;
    month = b.value;
    year = c.value;
    year_digits = c.digits;
  } else if (a.digits == 0 && b.digits >= 1 && b.digits <= 2 && (c.digits == 4 || c.digits == 2)) {
    // Mar 1 1970, March 1, 1970.
    month = a.value;
    day = b.value;
    year = c.value;
    year_digits = c.digits;
  } else if (a.digits >= 1 && a.digits <= 2 && b.digits >= 1 && b.digits <= 2 &&
             (c.digits == 4 || c.digits == 2)) {
    // a/b/yyyy: a value > 12 decides, else the dot convention (always day-first), else policy.
    year = c.value;
    year_digits = c.digits;
    bool day_first;
    if (a.value > 12 && b.value <= 12) {
      day_first = true;
    } else if (b.value > 12 && a.value <= 12) {
      day_first = false;
    } else if (b.sep == '.') {
      day_first = true;
    } else {
      DateOrder order = policy.order == DateOrder::kDetect ? policy.detect_fallback : policy.order;
      if (order == DateOrder::kDetect) order = DateOrder::kDayFirst;
      day_first = order == DateOrder::kDayFirst;
      flags.ambiguous = a.value != b.value && a.value <= 12 && b.value <= 12;
    }
    day = day_first ? a.value : b.value;
    month = day_first ? b.value : a.value;
  } else {
    return flags;
  }
  if (year_digits == 2) {
    year = ResolveTwoDigitYear(year, policy);
    flags.two_digit_year = true;
  }
  Finish(year, month, day, policy, flags, out);
  return flags;
}

}  // namespace

int DaysInMonth(int year, int month) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  if (month == 2 && IsLeapYear(year)) return 29;
  return kDays[static_cast<size_t>(month - 1)];
}

DateFlags ParseDate(std::string_view raw, std::string_view format, const DatePolicy& policy,
                    Date& out) {
  while (!raw.empty() && IsSpace(raw.front())) raw.remove_prefix(1);
  while (!raw.empty() && IsSpace(raw.back())) raw.remove_suffix(1);
  if (raw.empty()) {
    out = Date{};
    return DateFlags{};
  }
  return format.empty() ? Detect(raw, policy, out) : ParseFormatted(raw, format, policy, out);
}

void FormatIsoDate(const Date& date, std::string& out) {
  out.clear();
  std::array<char, 10> buf;
  const int year = date.year < 0 ? 0 : date.year;
  buf[0] = static_cast<char>('0' + year / 1000 % 10);
  buf[1] = static_cast<char>('0' + year / 100 % 10);
  buf[2] = static_cast<char>('0' + year / 10 % 10);
  buf[3] = static_cast<char>('0' + year % 10);
  buf[4] = '-';
  buf[5] = static_cast<char>('0' + date.month / 10 % 10);
  buf[6] = static_cast<char>('0' + date.month % 10);
  buf[7] = '-';
  buf[8] = static_cast<char>('0' + date.day / 10 % 10);
  buf[9] = static_cast<char>('0' + date.day % 10);
  out.append(buf.data(), buf.size());
}

DateOrder DefaultDateOrderForCountry(std::string_view iso2) {
  if (iso2.size() != 2) return DateOrder::kDayFirst;
  const auto up = [](char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : c; };
  const char code[2] = {up(iso2[0]), up(iso2[1])};
  const std::string_view key(code, 2);
  // United States and territories, Canada (mixed usage; month-first dominates exports), the
  // Philippines, and the Federated States of Micronesia / Marshall Islands (US usage).
  for (const std::string_view month_first :
       {"US", "CA", "PH", "PR", "GU", "VI", "AS", "MP", "UM", "FM", "MH"}) {
    if (key == month_first) return DateOrder::kMonthFirst;
  }
  return DateOrder::kDayFirst;
}

bool IsSupportedDateDirective(char c) {
  return c != '\0' && kDirectives.find(c) != std::string_view::npos;
}

std::string_view SupportedDateDirectives() { return kDirectives; }

}  // namespace idforge::normalize
