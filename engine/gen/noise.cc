// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
#include "engine/gen/noise.h"

#include <array>
#include <cstdint>

namespace idforge::gen {
namespace {

bool IsLower(char c) { return c >= 'a' && c <= 'z'; }
bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsLetter(char c) { return IsLower(c) || IsUpper(c); }
char Lower(char c) { return IsUpper(c) ? static_cast<char>(c + 32) : c; }

// QWERTY neighbours of each lower-case letter.
constexpr std::array<std::string_view, 26> kNeighbours = {
    "qwsz", "vghn", "xdfv", "serfcx", "wsdr", "drtgvc", "ftyhbv", "gyujnb", "ujko", "huikmn",
    "jiolm", "kop", "njk", "bhjm", "iklp", "ol", "wa", "edft", "awedxz", "rfgy", "yhji",
    "cfgb", "qase", "zsdc", "tghu", "asx"};

// Replaces [pos, pos + len) by `with`, keeping an initial capital.
void Replace(std::string& text, size_t pos, size_t len, std::string_view with) {
  std::string repl(with);
  if (pos == 0 && !text.empty() && IsUpper(text[0]) && !repl.empty() && IsLower(repl[0])) {
    repl[0] = static_cast<char>(repl[0] - 32);
  }
  text.replace(pos, len, repl);
}

// Finds `pattern` case-insensitively (ASCII) from `from`.
size_t FindFolded(std::string_view text, std::string_view pattern, size_t from = 0) {
  if (pattern.size() > text.size()) return std::string_view::npos;
  for (size_t pos = from; pos + pattern.size() <= text.size(); ++pos) {
    size_t k = 0;
    while (k < pattern.size() && Lower(text[pos + k]) == pattern[k]) ++k;
    if (k == pattern.size()) return pos;
  }
  return std::string_view::npos;
}

struct Rule {
  std::string_view from;
  std::string_view to;
};

// Applies one applicable rule, chosen uniformly among those that match.
bool ApplyOneRule(std::string& text, std::span<const Rule> rules, Rng& rng) {
  uint32_t matches[64];
  uint32_t count = 0;
  for (uint32_t r = 0; r < rules.size() && count < 64; ++r) {
    if (FindFolded(text, rules[r].from) != std::string_view::npos) matches[count++] = r;
  }
  if (count == 0) return false;
  const Rule& rule = rules[matches[rng.Below(count)]];
  const size_t pos = FindFolded(text, rule.from);
  const bool upper_word = text.size() > 1 && IsUpper(text[0]) && IsUpper(text[1]);
  std::string repl(rule.to);
  if (upper_word) {
    for (char& c : repl) c = IsLower(c) ? static_cast<char>(c - 32) : c;
  }
  Replace(text, pos, rule.from.size(), repl);
  return true;
}

constexpr Rule kPhoneticRules[] = {
    {"ph", "f"},    {"ck", "k"},   {"ca", "ka"},  {"co", "ko"},  {"k", "c"},     {"y", "i"},
    {"i", "y"},     {"ll", "l"},   {"tt", "t"},   {"nn", "n"},   {"ss", "s"},    {"mm", "m"},
    {"th", "t"},    {"sch", "sh"}, {"z", "s"},    {"ei", "ai"},  {"ai", "ei"},   {"ou", "u"},
    {"ee", "ea"},   {"ea", "ee"},  {"ey", "y"},   {"mann", "man"}, {"eau", "o"}, {"x", "ks"},
    {"qu", "k"},    {"w", "v"},    {"v", "w"},    {"dt", "t"},   {"son", "sen"}, {"sen", "son"},
    {"ie", "y"},    {"ine", "ene"}, {"gh", "g"},  {"tz", "z"},   {"ç", "s"},     {"oe", "o"}};

constexpr Rule kOcrRules[] = {{"rn", "m"}, {"m", "rn"}, {"cl", "d"}, {"vv", "w"}, {"l", "1"},
                              {"i", "l"},  {"o", "0"},  {"e", "c"},  {"0", "O"},  {"1", "l"},
                              {"5", "S"},  {"8", "B"}};

// ASCII replacement of the two-byte UTF-8 letters used in the name tables.
std::string_view FoldTwoByte(unsigned char lead, unsigned char trail, bool german) {
  if (lead == 0xC3) {
    static constexpr std::array<std::string_view, 64> kC3 = {
        "A", "A", "A", "A", "A", "A", "AE", "C", "E", "E", "E", "E", "I", "I", "I", "I",   // 80-8F
        "D", "N", "O", "O", "O", "O", "O", "x", "O", "U", "U", "U", "U", "Y", "TH", "ss",  // 90-9F
        "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",   // A0-AF
        "d", "n", "o", "o", "o", "o", "o", "/", "o", "u", "u", "u", "u", "y", "th", "y"};  // B0-BF
    if (german) {
      switch (trail) {
        case 0x84: return "Ae";
        case 0x96: return "Oe";
        case 0x9C: return "Ue";
        case 0xA4: return "ae";
        case 0xB6: return "oe";
        case 0xBC: return "ue";
        default: break;
      }
    }
    if (trail >= 0x80 && trail <= 0xBF) return kC3[trail - 0x80];
  }
  if (lead == 0xC4 && trail == 0xB1) return "i";  // ı
  if (lead == 0xC5 && trail == 0x9F) return "s";  // ş
  if (lead == 0xC5 && trail == 0x82) return "l";  // ł
  return {};
}

}  // namespace

bool KeyboardTypo(std::string& text, Rng& rng) {
  uint32_t letters[64];
  uint32_t count = 0;
  for (uint32_t pos = 1; pos < text.size() && count < 64; ++pos) {
    if (IsLetter(text[pos])) letters[count++] = pos;
  }
  if (count == 0 || text.size() < 3) return false;
  const size_t pos = letters[rng.Below(count)];
  const char c = text[pos];
  switch (rng.Below(4)) {
    case 0: {
      const std::string_view near = kNeighbours[static_cast<size_t>(Lower(c) - 'a')];
      char sub = near[rng.Below(static_cast<uint32_t>(near.size()))];
      if (IsUpper(c)) sub = static_cast<char>(sub - 32);
      text[pos] = sub;
      return true;
    }
    case 1:
      if (pos + 1 < text.size() && IsLetter(text[pos + 1]) && text[pos + 1] != c) {
        std::swap(text[pos], text[pos + 1]);
        return true;
      }
      text.erase(pos, 1);
      return true;
    case 2: text.erase(pos, 1); return true;
    default: text.insert(pos, 1, c); return true;
  }
}

bool PhoneticMisspelling(std::string& text, Rng& rng) {
  return ApplyOneRule(text, kPhoneticRules, rng);
}

bool OcrConfusion(std::string& text, Rng& rng) { return ApplyOneRule(text, kOcrRules, rng); }

bool DropAccents(std::string& text, bool german) {
  bool changed = false;
  std::string out;
  for (size_t pos = 0; pos < text.size(); ++pos) {
    const auto byte = static_cast<unsigned char>(text[pos]);
    if (byte >= 0xC2 && byte <= 0xDF && pos + 1 < text.size()) {
      const std::string_view folded =
          FoldTwoByte(byte, static_cast<unsigned char>(text[pos + 1]), german);
      if (!folded.empty()) {
        if (!changed) out.assign(text, 0, pos);
        changed = true;
        out += folded;
        ++pos;
        continue;
      }
    }
    if (changed) out += text[pos];
  }
  if (changed) text.swap(out);
  return changed;
}

void ToUpper(std::string& text) {
  for (size_t pos = 0; pos < text.size(); ++pos) {
    char& c = text[pos];
    if (IsLower(c)) {
      c = static_cast<char>(c - 32);
    } else if (static_cast<unsigned char>(c) == 0xC3 && pos + 1 < text.size()) {
      const auto trail = static_cast<unsigned char>(text[pos + 1]);
      // à..þ (not ÷, not ß) -> À..Þ
      if (trail >= 0xA0 && trail <= 0xBE && trail != 0xB7) {
        text[pos + 1] = static_cast<char>(trail - 0x20);
      }
      ++pos;
    }
  }
}

void ToLower(std::string& text) {
  for (size_t pos = 0; pos < text.size(); ++pos) {
    char& c = text[pos];
    if (IsUpper(c)) {
      c = static_cast<char>(c + 32);
    } else if (static_cast<unsigned char>(c) == 0xC3 && pos + 1 < text.size()) {
      const auto trail = static_cast<unsigned char>(text[pos + 1]);
      if (trail >= 0x80 && trail <= 0x9E && trail != 0x97) {
        text[pos + 1] = static_cast<char>(trail + 0x20);
      }
      ++pos;
    }
  }
}

void AppendEmailWord(std::string& out, std::string_view name, bool keep_hyphen) {
  for (size_t pos = 0; pos < name.size(); ++pos) {
    const char c = name[pos];
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0xC2 && byte <= 0xDF && pos + 1 < name.size()) {
      for (char f : FoldTwoByte(byte, static_cast<unsigned char>(name[pos + 1]), false)) {
        out += Lower(f);
      }
      ++pos;
    } else if (IsLetter(c)) {
      out += Lower(c);
    } else if (c == '-' && keep_hyphen) {
      out += '-';
    }
  }
}

}  // namespace idforge::gen
