// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
#include "engine/block/blocking_rules.h"

#include <algorithm>
#include <array>
#include <charconv>

namespace idforge::block {
namespace {

struct NamedSource {
  std::string_view name;
  KeySource source;
  std::vector<Field> fields;
};

const std::vector<NamedSource>& Sources() {
  static const std::vector<NamedSource> kSources = [] {
    std::vector<NamedSource> sources;
    for (Field field : AllFields()) {
      sources.push_back({FieldName(field),
                         {KeySource::Kind::kField, static_cast<uint8_t>(field)},
                         {field}});
    }
    auto derived = [&](std::string_view name, DerivedKey key, Field field) {
      sources.push_back({name, {KeySource::Kind::kDerived, static_cast<uint8_t>(key)}, {field}});
    };
    derived("first_name_canonical", DerivedKey::kGivenCanonical, Field::kFirstName);
    derived("first_name_phonetic", DerivedKey::kGivenPhonetic, Field::kFirstName);
    derived("last_name_phonetic", DerivedKey::kSurnamePhonetic, Field::kLastName);
    derived("last_name_compact", DerivedKey::kSurnameCompact, Field::kLastName);
    derived("email_canonical", DerivedKey::kEmailCanonical, Field::kEmail);
    sources.push_back({"names_sorted", {KeySource::Kind::kNamesSorted, 0},
                       {Field::kFirstName, Field::kLastName}});
    sources.push_back({"names_sorted_phonetic", {KeySource::Kind::kNamesSortedPhonetic, 0},
                       {Field::kFirstName, Field::kLastName}});
    sources.push_back({"email_local", {KeySource::Kind::kEmailLocal, 0}, {Field::kEmail}});
    return sources;
  }();
  return kSources;
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// Length in bytes of the first `n` UTF-8 characters of `text`.
size_t PrefixBytes(std::string_view text, size_t n) {
  size_t pos = 0;
  while (pos < text.size() && n > 0) {
    ++pos;
    while (pos < text.size() && (static_cast<unsigned char>(text[pos]) & 0xC0) == 0x80) ++pos;
    --n;
  }
  return pos;
}

// Start of the last `n` UTF-8 characters of `text`.
size_t SuffixStart(std::string_view text, size_t n) {
  size_t pos = text.size();
  while (pos > 0 && n > 0) {
    --pos;
    while (pos > 0 && (static_cast<unsigned char>(text[pos]) & 0xC0) == 0x80) --pos;
    --n;
  }
  return pos;
}

std::string_view SourceValue(const KeySource& source, const NormalizedTable& table, uint32_t row,
                             std::string& scratch) {
  switch (source.kind) {
    case KeySource::Kind::kField:
      return table.Get(static_cast<Field>(source.index), row);
    case KeySource::Kind::kDerived:
      return table.Get(static_cast<DerivedKey>(source.index), row);
    case KeySource::Kind::kNamesSorted: {
      std::string_view given = table.Get(DerivedKey::kGivenCanonical, row);
      if (given.empty()) given = table.Get(Field::kFirstName, row);
      std::string_view surname = table.Get(DerivedKey::kSurnameCompact, row);
      if (given.empty() || surname.empty()) return {};
      // Compact both halves so "jean pierre" and "jeanpierre" meet.
      scratch.clear();
      std::string_view low = given < surname ? given : surname;
      std::string_view high = given < surname ? surname : given;
      for (char c : low) {
        if (c != ' ') scratch.push_back(c);
      }
      scratch.push_back('|');
      for (char c : high) {
        if (c != ' ') scratch.push_back(c);
      }
      return scratch;
    }
    case KeySource::Kind::kNamesSortedPhonetic: {
      const std::string_view given = table.Get(DerivedKey::kGivenPhonetic, row);
      const std::string_view surname = table.Get(DerivedKey::kSurnamePhonetic, row);
      if (given.empty() || surname.empty()) return {};
      scratch.assign(std::min(given, surname));
      scratch.push_back('|');
      scratch.append(std::max(given, surname));
      return scratch;
    }
    case KeySource::Kind::kEmailLocal: {
      // Shared mailboxes (info@, sales@) say nothing about a person.
      if (table.flags(row) & flag::kEmailRole) return {};
      std::string_view email = table.Get(DerivedKey::kEmailCanonical, row);
      if (email.empty()) email = table.Get(Field::kEmail, row);
      const size_t at = email.rfind('@');
      if (at == std::string_view::npos) return {};
      const std::string_view local = email.substr(0, at);
      return local.size() >= 3 ? local : std::string_view();
    }
  }
  return {};
}

}  // namespace

Result<BlockingRule> ParseBlockingRule(std::string_view text) {
  BlockingRule rule;
  rule.text = std::string(Trim(text));
  std::string_view rest = text;
  while (true) {
    const size_t amp = rest.find('&');
    std::string_view piece = Trim(rest.substr(0, amp));
    if (piece.empty()) {
      return InvalidArgument("blocking rule \"" + std::string(text) + "\": empty key part");
    }
    KeyPart part;
    std::string_view name = piece;
    const size_t paren = piece.find('(');
    if (paren != std::string_view::npos) {
      if (piece.back() != ')') {
        return InvalidArgument("blocking rule \"" + std::string(text) + "\": \"" +
                               std::string(piece) + "\" lacks a closing parenthesis");
      }
      const std::string_view function = Trim(piece.substr(0, paren));
      std::string_view args = piece.substr(paren + 1, piece.size() - paren - 2);
      const size_t comma = args.find(',');
      name = Trim(args.substr(0, comma));
      if (function == "first" || function == "last") {
        part.transform = function == "first" ? KeyTransform::kFirst : KeyTransform::kLast;
        const std::string_view count = comma == std::string_view::npos ? "" : Trim(args.substr(comma + 1));
        unsigned value = 0;
        const auto result = std::from_chars(count.data(), count.data() + count.size(), value);
        if (count.empty() || result.ec != std::errc() || value < 1 || value > 64) {
          return InvalidArgument("blocking rule \"" + std::string(text) + "\": " +
                                 std::string(function) + "(KEY, N) needs N between 1 and 64");
        }
        part.n = static_cast<uint8_t>(value);
      } else if (function == "year" || function == "year_month") {
        part.transform = function == "year" ? KeyTransform::kYear : KeyTransform::kYearMonth;
      } else {
        return InvalidArgument("blocking rule \"" + std::string(text) + "\": unknown function \"" +
                               std::string(function) + "\"; use first(KEY,N), last(KEY,N), "
                               "year(KEY) or year_month(KEY)");
      }
    }
    const auto& sources = Sources();
    auto it = std::find_if(sources.begin(), sources.end(),
                           [&](const NamedSource& source) { return source.name == name; });
    if (it == sources.end()) {
      std::string known;
      for (const NamedSource& source : sources) known += (known.empty() ? "" : ", ") + std::string(source.name);
      return InvalidArgument("blocking rule \"" + std::string(text) + "\": unknown key \"" +
                             std::string(name) + "\"; keys: " + known);
    }
    part.source = it->source;
    for (Field field : it->fields) {
      if (std::find(rule.fields.begin(), rule.fields.end(), field) == rule.fields.end()) {
        rule.fields.push_back(field);
      }
    }
    rule.parts.push_back(part);
    if (amp == std::string_view::npos) break;
    rest = rest.substr(amp + 1);
  }
  return rule;
}

std::vector<BlockingRule> DefaultBlockingRules() {
  // Each rule catches duplicates the others miss: an email or phone in common; a name with a
  // birth date; phonetic names with a place; swapped first/last names; a shared address.
  static constexpr std::string_view kRules[] = {
      "email_canonical",
      "last(phone,8)",
      "national_id",
      "last_name_compact & dob",
      "first_name_canonical & dob",
      "last_name_phonetic & first_name_phonetic & year(dob)",
      "last_name_phonetic & first(first_name,1) & postcode",
      "last_name_phonetic & first_name_phonetic & city",
      "names_sorted",
      "dob & city",
      "dob & first(first_name,1)",
      "dob & first(last_name,1)",
      "street & postcode",
      "first_name_phonetic & postcode & year(dob)",
      // Typos: a mistyped email domain; swapped names with typos; a surname or first name
      // misspelt in the other field's rule (phonetic keys with the birth year or month).
      "email_local",
      "names_sorted_phonetic",
      "last_name_phonetic & year(dob)",
      "first_name_phonetic & year_month(dob)",
  };
  std::vector<BlockingRule> rules;
  for (std::string_view text : kRules) {
    Result<BlockingRule> rule = ParseBlockingRule(text);
    if (rule.ok()) rules.push_back(std::move(rule).value());
  }
  return rules;
}

std::vector<BlockingRule> DefaultBlockingRules(const NormalizedTable& table) {
  std::vector<BlockingRule> rules = DefaultBlockingRules();
  // Organisation records (a list of sites, suppliers, B2B accounts) carry a company name instead
  // of a person's: the person rules would find almost nothing, so the name, phone and address of
  // the organisation block too. Customer data with an employer column does not qualify: its
  // company blocks would be large and add little to the person rules.
  const uint32_t rows = table.row_count();
  const uint64_t named = std::max(table.value(Field::kFirstName).NonEmptyCount(),
                                  table.value(Field::kLastName).NonEmptyCount());
  const uint64_t companies = table.value(Field::kCompany).NonEmptyCount();
  if (rows > 0 && named * 5 < rows && companies * 10 >= uint64_t{rows} * 3) {
    static constexpr std::string_view kOrganisationRules[] = {
        "company", "phone", "last(phone,7)", "street & city", "first(company,6) & postcode",
        "first(company,6) & street",
    };
    for (std::string_view text : kOrganisationRules) {
      Result<BlockingRule> rule = ParseBlockingRule(text);
      if (rule.ok()) rules.push_back(std::move(rule).value());
    }
  }
  return rules;
}

bool BuildKey(const BlockingRule& rule, const NormalizedTable& table, uint32_t row,
              std::string& out, std::string& scratch) {
  out.clear();
  for (size_t index = 0; index < rule.parts.size(); ++index) {
    const KeyPart& part = rule.parts[index];
    std::string_view value = SourceValue(part.source, table, row, scratch);
    switch (part.transform) {
      case KeyTransform::kExact: break;
      case KeyTransform::kFirst: value = value.substr(0, PrefixBytes(value, part.n)); break;
      case KeyTransform::kLast:
        // Too short to carry n characters: no key (a 3-digit "phone" says nothing).
        if (value.size() < part.n) return false;
        value = value.substr(SuffixStart(value, part.n));
        break;
      case KeyTransform::kYear: value = value.size() >= 4 ? value.substr(0, 4) : std::string_view(); break;
      case KeyTransform::kYearMonth: value = value.size() >= 7 ? value.substr(0, 7) : std::string_view(); break;
    }
    if (value.empty()) return false;
    if (index > 0) out.push_back('\x1f');
    out.append(value);
  }
  return true;
}

}  // namespace idforge::block
