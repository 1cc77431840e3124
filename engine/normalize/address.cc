// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Address normalization: an ASCII fold into a stack buffer, a token rewriter driven by sorted
// constant tables (a test checks their order), postcode rules per country, and a segment-based
// parser for one-line addresses.
#include "engine/normalize/address.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <utility>

#include "engine/normalize/junk.h"

namespace idforge::normalize {
namespace {

struct Rewrite {
  std::string_view from;  // folded token
  std::string_view to;    // canonical token
};

// Street types (EN, FR), directions, ordinals, `saint`. One canonical token per meaning.
constexpr std::array<Rewrite, 71> kStreetWords = {{
    {"all", "all"},       {"allee", "all"},    {"av", "av"},        {"ave", "av"},
    {"aven", "av"},       {"avenue", "av"},    {"avn", "av"},       {"bd", "bd"},
    {"bld", "bd"},        {"blvd", "bd"},      {"boul", "bd"},      {"boulevard", "bd"},
    {"bvd", "bd"},        {"ch", "ch"},        {"chem", "ch"},      {"chemin", "ch"},
    {"cir", "cir"},       {"circle", "cir"},   {"court", "ct"},     {"cres", "cres"},
    {"crescent", "cres"}, {"ct", "ct"},        {"dr", "dr"},        {"drive", "dr"},
    {"east", "e"},        {"eighth", "8th"},   {"faubourg", "fbg"}, {"fbg", "fbg"},
    {"fifth", "5th"},     {"first", "1st"},    {"fourth", "4th"},   {"highway", "hwy"},
    {"hwy", "hwy"},       {"imp", "imp"},      {"impasse", "imp"},  {"lane", "ln"},
    {"ln", "ln"},         {"ninth", "9th"},    {"north", "n"},      {"northeast", "ne"},
    {"northwest", "nw"},  {"parkway", "pkwy"}, {"pkwy", "pkwy"},    {"pl", "pl"},
    {"place", "pl"},      {"plaza", "plz"},    {"plz", "plz"},      {"r", "rue"},
    {"rd", "rd"},         {"road", "rd"},      {"route", "rte"},    {"rte", "rte"},
    {"rue", "rue"},       {"saint", "st"},     {"sainte", "st"},    {"second", "2nd"},
    {"seventh", "7th"},   {"sixth", "6th"},    {"south", "s"},      {"southeast", "se"},
    {"southwest", "sw"},  {"sq", "sq"},        {"square", "sq"},    {"st", "st"},
    {"str", "str"},       {"street", "st"},    {"tenth", "10th"},   {"terrace", "ter"},
    {"third", "3rd"},     {"way", "way"},      {"west", "w"},
}};

// Canonical street types that end an English street name ("… Main St"); used to split a city
// written after the street without a comma.
constexpr std::array<std::string_view, 16> kClosingTypes = {
    "av",   "bd", "cir", "cres", "ct", "dr", "hwy", "ln",
    "pkwy", "pl", "plz", "rd",   "sq", "st", "ter", "way",
};

// Unit markers (folded). "ste" is a unit only before a number (else it is Sainte).
constexpr std::array<std::string_view, 8> kUnitMarkers = {
    "apartment", "app", "appt", "apt", "flat", "ste", "suite", "unit",
};

// US states, DC and territories; Canadian provinces and territories.
constexpr std::string_view kStateCodes =
    "AKALARASAZCACOCTDCDEFLGAGUHIIAIDILINKSKYLAMAMDMEMIMNMOMPMSMTNCNDNENHNJNMNVNYOHOKORPAPRRISCSD"
    "TNTXUTVAVIVTWAWIWVABBCMBNBNLNSNTNUONPEQCSKYT";

struct CountryName {
  std::string_view key;   // folded letters and digits
  std::string_view code;  // ISO 3166 alpha-2
};

constexpr std::array<CountryName, 383> kCountryNames = {{
    {"afriquedusud", "ZA"},
    {"agypten", "EG"},
    {"alemania", "DE"},
    {"algeria", "DZ"},
    {"algerie", "DZ"},
    {"algerien", "DZ"},
    {"allemagne", "DE"},
    {"america", "US"},
    {"angleterre", "GB"},
    {"arabiasaudita", "SA"},
    {"arabiesaoudite", "SA"},
    {"are", "AE"},
    {"arg", "AR"},
    {"argelia", "DZ"},
    {"argentina", "AR"},
    {"argentine", "AR"},
    {"argentinien", "AR"},
    {"aus", "AU"},
    {"australia", "AU"},
    {"australie", "AU"},
    {"australien", "AU"},
    {"austria", "AT"},
    {"aut", "AT"},
    {"autriche", "AT"},
    {"bangladesh", "BD"},
    {"bel", "BE"},
    {"belgica", "BE"},
    {"belgien", "BE"},
    {"belgique", "BE"},
    {"belgium", "BE"},
    {"bgd", "BD"},
    {"bgr", "BG"},
    {"bra", "BR"},
    {"brasil", "BR"},
    {"brasilien", "BR"},
    {"brazil", "BR"},
    {"brd", "DE"},
    {"bresil", "BR"},
    {"britain", "GB"},
    {"bulgaria", "BG"},
    {"bulgarie", "BG"},
    {"bulgarien", "BG"},
    {"bundesrepublikdeutschland", "DE"},
    {"cambodge", "KH"},
    {"cambodia", "KH"},
    {"camboya", "KH"},
    {"cameroon", "CM"},
    {"cameroun", "CM"},
    {"can", "CA"},
    {"canada", "CA"},
    {"che", "CH"},
    {"chequia", "CZ"},
    {"chile", "CL"},
    {"chili", "CL"},
    {"china", "CN"},
    {"chine", "CN"},
    {"chipre", "CY"},
    {"chl", "CL"},
    {"chn", "CN"},
    {"chypre", "CY"},
    {"civ", "CI"},
    {"cmr", "CM"},
    {"col", "CO"},
    {"colombia", "CO"},
    {"colombie", "CO"},
    {"coreadelsur", "KR"},
    {"coreedusud", "KR"},
    {"costarica", "CR"},
    {"cotedivoire", "CI"},
    {"cri", "CR"},
    {"croacia", "HR"},
    {"croatia", "HR"},
    {"croatie", "HR"},
    {"cyp", "CY"},
    {"cyprus", "CY"},
    {"cze", "CZ"},
    {"czechia", "CZ"},
    {"czechrepublic", "CZ"},
    {"danemark", "DK"},
    {"denmark", "DK"},
    {"deu", "DE"},
    {"deutschland", "DE"},
    {"dinamarca", "DK"},
    {"dnk", "DK"},
    {"dom", "DO"},
    {"dominicanrepublic", "DO"},
    {"dza", "DZ"},
    {"ecosse", "GB"},
    {"ecu", "EC"},
    {"ecuador", "EC"},
    {"eeuu", "US"},
    {"egipto", "EG"},
    {"egy", "EG"},
    {"egypt", "EG"},
    {"egypte", "EG"},
    {"eire", "IE"},
    {"emiratosarabesunidos", "AE"},
    {"emiratsarabesunis", "AE"},
    {"england", "GB"},
    {"equateur", "EC"},
    {"escocia", "GB"},
    {"eslovaquia", "SK"},
    {"eslovenia", "SI"},
    {"esp", "ES"},
    {"espagne", "ES"},
    {"espana", "ES"},
    {"est", "EE"},
    {"estadosunidos", "US"},
    {"estadosunidosdeamerica", "US"},
    {"estland", "EE"},
    {"estonia", "EE"},
    {"estonie", "EE"},
    {"etatsunis", "US"},
    {"etatsunisdamerique", "US"},
    {"filipinas", "PH"},
    {"fin", "FI"},
    {"finland", "FI"},
    {"finlande", "FI"},
    {"finlandia", "FI"},
    {"finnland", "FI"},
    {"fra", "FR"},
    {"france", "FR"},
    {"francia", "FR"},
    {"frankreich", "FR"},
    {"gbr", "GB"},
    {"ger", "DE"},
    {"germany", "DE"},
    {"glp", "GP"},
    {"granbretana", "GB"},
    {"grandebretagne", "GB"},
    {"grc", "GR"},
    {"greatbritain", "GB"},
    {"grece", "GR"},
    {"grecia", "GR"},
    {"greece", "GR"},
    {"griechenland", "GR"},
    {"grossbritannien", "GB"},
    {"gtm", "GT"},
    {"guadeloupe", "GP"},
    {"guatemala", "GT"},
    {"hkg", "HK"},
    {"holland", "NL"},
    {"hongkong", "HK"},
    {"hongrie", "HU"},
    {"hrv", "HR"},
    {"hun", "HU"},
    {"hungary", "HU"},
    {"hungria", "HU"},
    {"iceland", "IS"},
    {"idn", "ID"},
    {"ind", "IN"},
    {"inde", "IN"},
    {"india", "IN"},
    {"indien", "IN"},
    {"indonesia", "ID"},
    {"indonesie", "ID"},
    {"indonesien", "ID"},
    {"inglaterra", "GB"},
    {"ireland", "IE"},
    {"irl", "IE"},
    {"irland", "IE"},
    {"irlanda", "IE"},
    {"irlande", "IE"},
    {"isl", "IS"},
    {"island", "IS"},
    {"islande", "IS"},
    {"islandia", "IS"},
    {"isr", "IL"},
    {"israel", "IL"},
    {"ita", "IT"},
    {"italia", "IT"},
    {"italie", "IT"},
    {"italien", "IT"},
    {"italy", "IT"},
    {"ivorycoast", "CI"},
    {"japan", "JP"},
    {"japon", "JP"},
    {"jpn", "JP"},
    {"kambodscha", "KH"},
    {"kamerun", "CM"},
    {"kanada", "CA"},
    {"ken", "KE"},
    {"kenya", "KE"},
    {"khm", "KH"},
    {"kolumbien", "CO"},
    {"kor", "KR"},
    {"korea", "KR"},
    {"kroatien", "HR"},
    {"kuwait", "KW"},
    {"kwt", "KW"},
    {"lareunion", "RE"},
    {"latvia", "LV"},
    {"lbn", "LB"},
    {"lebanon", "LB"},
    {"letonia", "LV"},
    {"lettland", "LV"},
    {"lettonie", "LV"},
    {"liban", "LB"},
    {"libano", "LB"},
    {"libanon", "LB"},
    {"lichtenstein", "LI"},
    {"lie", "LI"},
    {"liechtenstein", "LI"},
    {"litauen", "LT"},
    {"lithuania", "LT"},
    {"lituania", "LT"},
    {"lituanie", "LT"},
    {"lka", "LK"},
    {"ltu", "LT"},
    {"lux", "LU"},
    {"luxembourg", "LU"},
    {"luxemburg", "LU"},
    {"luxemburgo", "LU"},
    {"lva", "LV"},
    {"malaisie", "MY"},
    {"malaysia", "MY"},
    {"malta", "MT"},
    {"malte", "MT"},
    {"mar", "MA"},
    {"maroc", "MA"},
    {"marokko", "MA"},
    {"marruecos", "MA"},
    {"martinique", "MQ"},
    {"mco", "MC"},
    {"mex", "MX"},
    {"mexico", "MX"},
    {"mexiko", "MX"},
    {"mexique", "MX"},
    {"mlt", "MT"},
    {"monaco", "MC"},
    {"morocco", "MA"},
    {"mtq", "MQ"},
    {"mys", "MY"},
    {"nederland", "NL"},
    {"netherlands", "NL"},
    {"neuseeland", "NZ"},
    {"newzealand", "NZ"},
    {"nga", "NG"},
    {"niederlande", "NL"},
    {"nigeria", "NG"},
    {"nld", "NL"},
    {"nor", "NO"},
    {"northernireland", "GB"},
    {"noruega", "NO"},
    {"norvege", "NO"},
    {"norway", "NO"},
    {"norwegen", "NO"},
    {"nouvellezelande", "NZ"},
    {"nuevazelanda", "NZ"},
    {"nzl", "NZ"},
    {"oesterreich", "AT"},
    {"osterreich", "AT"},
    {"paisesbajos", "NL"},
    {"pak", "PK"},
    {"pakistan", "PK"},
    {"pan", "PA"},
    {"panama", "PA"},
    {"paysbas", "NL"},
    {"paysdegalles", "GB"},
    {"peoplesrepublicofchina", "CN"},
    {"per", "PE"},
    {"perou", "PE"},
    {"peru", "PE"},
    {"philippinen", "PH"},
    {"philippines", "PH"},
    {"phl", "PH"},
    {"pol", "PL"},
    {"poland", "PL"},
    {"polen", "PL"},
    {"pologne", "PL"},
    {"polonia", "PL"},
    {"portugal", "PT"},
    {"prc", "CN"},
    {"pri", "PR"},
    {"prt", "PT"},
    {"puertorico", "PR"},
    {"qat", "QA"},
    {"qatar", "QA"},
    {"reinounido", "GB"},
    {"republicacheca", "CZ"},
    {"republicadominicana", "DO"},
    {"republicofkorea", "KR"},
    {"republiquedominicaine", "DO"},
    {"republiquefrancaise", "FR"},
    {"republiquetcheque", "CZ"},
    {"reu", "RE"},
    {"reunion", "RE"},
    {"romania", "RO"},
    {"rou", "RO"},
    {"roumanie", "RO"},
    {"royaumeuni", "GB"},
    {"rumania", "RO"},
    {"rumanien", "RO"},
    {"rus", "RU"},
    {"rusia", "RU"},
    {"russia", "RU"},
    {"russianfederation", "RU"},
    {"russie", "RU"},
    {"russland", "RU"},
    {"sau", "SA"},
    {"saudiarabia", "SA"},
    {"saudiarabien", "SA"},
    {"schweden", "SE"},
    {"schweiz", "CH"},
    {"scotland", "GB"},
    {"sen", "SN"},
    {"senegal", "SN"},
    {"serbia", "RS"},
    {"serbie", "RS"},
    {"serbien", "RS"},
    {"sgp", "SG"},
    {"singapore", "SG"},
    {"singapour", "SG"},
    {"singapur", "SG"},
    {"slovakia", "SK"},
    {"slovaquie", "SK"},
    {"slovenia", "SI"},
    {"slovenie", "SI"},
    {"slowakei", "SK"},
    {"slowenien", "SI"},
    {"southafrica", "ZA"},
    {"southkorea", "KR"},
    {"spain", "ES"},
    {"spanien", "ES"},
    {"srb", "RS"},
    {"srilanka", "LK"},
    {"sudafrica", "ZA"},
    {"sudafrika", "ZA"},
    {"sudkorea", "KR"},
    {"suecia", "SE"},
    {"suede", "SE"},
    {"suisse", "CH"},
    {"suiza", "CH"},
    {"svizzera", "CH"},
    {"svk", "SK"},
    {"svn", "SI"},
    {"swe", "SE"},
    {"sweden", "SE"},
    {"switzerland", "CH"},
    {"tailandia", "TH"},
    {"taiwan", "TW"},
    {"tchequie", "CZ"},
    {"tha", "TH"},
    {"thailand", "TH"},
    {"thailande", "TH"},
    {"thenetherlands", "NL"},
    {"tschechien", "CZ"},
    {"tun", "TN"},
    {"tunesien", "TN"},
    {"tunez", "TN"},
    {"tunisia", "TN"},
    {"tunisie", "TN"},
    {"tur", "TR"},
    {"turkei", "TR"},
    {"turkey", "TR"},
    {"turkiye", "TR"},
    {"turquia", "TR"},
    {"turquie", "TR"},
    {"twn", "TW"},
    {"uae", "AE"},
    {"ucrania", "UA"},
    {"uk", "GB"},
    {"ukr", "UA"},
    {"ukraine", "UA"},
    {"ungarn", "HU"},
    {"unitedarabemirates", "AE"},
    {"unitedkingdom", "GB"},
    {"unitedstates", "US"},
    {"unitedstatesofamerica", "US"},
    {"uruguay", "UY"},
    {"ury", "UY"},
    {"usa", "US"},
    {"ven", "VE"},
    {"venezuela", "VE"},
    {"vereinigtearabischeemirate", "AE"},
    {"vereinigteskonigreich", "GB"},
    {"vereinigtestaaten", "US"},
    {"vereinigtestaatenvonamerika", "US"},
    {"vietnam", "VN"},
    {"vnm", "VN"},
    {"wales", "GB"},
    {"zaf", "ZA"},
    {"zypern", "CY"},
}};

// All assigned ISO 3166-1 alpha-2 codes plus XK (Kosovo), concatenated in order.
constexpr std::string_view kIso2Codes =
    "ADAEAFAGAIALAMAOAQARASATAUAWAXAZBABBBDBEBFBGBHBIBJBLBMBNBOBQBRBSBTBVBWBYBZCACCCDCFCGCHCICK"
    "CLCMCNCOCRCUCVCWCXCYCZDEDJDKDMDODZECEEEGEHERESETFIFJFKFMFOFRGAGBGDGEGFGGGHGIGLGMGNGPGQGRGS"
    "GTGUGWGYHKHMHNHRHTHUIDIEILIMINIOIQIRISITJEJMJOJPKEKGKHKIKMKNKPKRKWKYKZLALBLCLILKLRLSLTLULV"
    "LYMAMCMDMEMFMGMHMKMLMMMNMOMPMQMRMSMTMUMVMWMXMYMZNANCNENFNGNINLNONPNRNUNZOMPAPEPFPGPHPKPLPM"
    "PRPSPTPWPYQARERORSRURWSASBSCSDSESGSHSISJSKSLSMSNSOSRSSSTSVSXSYSZTCTDTFTGTHTJTKTLTMTNTOTRTT"
    "TVTWTZUAUGUMUSUYUZVAVCVEVGVIVNVUWFWSXKYEYTZAZMZW";

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsAlnum(char c) { return IsDigit(c) || IsAsciiAlpha(c); }
bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f'; }
char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + ('a' - 'A')) : c; }
char Upper(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - ('a' - 'A')) : c; }

// Performance: an inlined byte comparison for the short keys of the lookup tables. Through
// std::less<std::string_view> every probe was a libc memcmp call, 40% of the field benchmarks.
inline bool KeyLess(std::string_view a, std::string_view b) {
  const size_t n = a.size() < b.size() ? a.size() : b.size();
  for (size_t i = 0; i < n; ++i) {
    if (a[i] != b[i]) return static_cast<unsigned char>(a[i]) < static_cast<unsigned char>(b[i]);
  }
  return a.size() < b.size();
}

template <size_t N>
bool Contains(const std::array<std::string_view, N>& table, std::string_view key) {
  return std::binary_search(table.begin(), table.end(), key, KeyLess);
}

// Length of the well-formed UTF-8 sequence at `s[pos]`, or 0 (RFC 3629 table).
size_t Utf8SequenceLength(std::string_view s, size_t pos) {
  const auto byte = [&](size_t i) { return static_cast<unsigned char>(s[i]); };
  const unsigned char lead = byte(pos);
  size_t length = 0;
  unsigned char low = 0x80;
  unsigned char high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;
    if (lead == 0xED) high = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;
  } else {
    return 0;
  }
  if (pos + length > s.size()) return 0;
  if (byte(pos + 1) < low || byte(pos + 1) > high) return 0;
  for (size_t i = 2; i < length; ++i) {
    if (byte(pos + i) < 0x80 || byte(pos + i) > 0xBF) return 0;
  }
  return length;
}

// ASCII for a Latin-1 Supplement letter (U+00C0..U+00FF, second byte after 0xC3), or nullptr.
const char* FoldLatin1(unsigned char second) {
  static constexpr std::array<const char*, 64> kFold = {
      "a", "a", "a", "a", "a", "a", "ae", "c",     "e", "e", "e", "e", "i", "i", "i",  "i",
      "d", "n", "o", "o", "o", "o", "o",  nullptr, "o", "u", "u", "u", "u", "y", "th", "ss",
      "a", "a", "a", "a", "a", "a", "ae", "c",     "e", "e", "e", "e", "i", "i", "i",  "i",
      "d", "n", "o", "o", "o", "o", "o",  nullptr, "o", "u", "u", "u", "u", "y", "th", "y",
  };
  if (second < 0x80 || second > 0xBF) return nullptr;
  return kFold[second - 0x80];
}

// Lower-case ASCII fold: letters and digits kept, Latin-1 letters and œ folded, other valid UTF-8
// kept, '#' kept as its own token, everything else (punctuation, invalid bytes) → space.
// Never longer than the input. Returns the folded size.
size_t FoldAddress(std::string_view raw, char* buf) {
  size_t size = 0;
  const auto space = [&] {
    if (size > 0 && buf[size - 1] != ' ') buf[size++] = ' ';
  };
  for (size_t pos = 0; pos < raw.size();) {
    const char c = raw[pos];
    if (IsAlnum(c)) {
      buf[size++] = Lower(c);
      ++pos;
      continue;
    }
    if (c == '#') {
      space();
      buf[size++] = '#';
      buf[size++] = ' ';
      ++pos;
      continue;
    }
    if (static_cast<unsigned char>(c) < 0x80) {
      space();
      ++pos;
      continue;
    }
    const size_t length = Utf8SequenceLength(raw, pos);
    if (length == 0) {
      space();
      ++pos;
      continue;
    }
    const auto second = static_cast<unsigned char>(raw[pos + 1]);
    const char* folded = nullptr;
    if (length == 2 && static_cast<unsigned char>(c) == 0xC3) {
      folded = FoldLatin1(second);
    } else if (length == 2 && static_cast<unsigned char>(c) == 0xC5 &&
               (second == 0x92 || second == 0x93)) {
      folded = "oe";
    } else if (length == 2 && static_cast<unsigned char>(c) == 0xC2) {
      folded = "";  // NBSP, º, ª, « »: separators
    }
    if (folded != nullptr && *folded != '\0') {
      for (const char* p = folded; *p != '\0'; ++p) buf[size++] = *p;
    } else if (folded != nullptr) {
      space();
    } else {
      for (size_t i = 0; i < length; ++i) buf[size++] = raw[pos + i];
    }
    pos += length;
  }
  while (size > 0 && buf[size - 1] == ' ') --size;
  return size;
}

// A stack buffer for short values, the heap for long ones (rare).
class FoldBuffer {
 public:
  explicit FoldBuffer(size_t size) {
    if (size > stack_.size()) heap_.resize(size);
  }
  char* data() { return heap_.empty() ? stack_.data() : heap_.data(); }

 private:
  std::array<char, 256> stack_;
  std::string heap_;
};

constexpr size_t kMaxTokens = 64;

size_t Tokenize(std::string_view text, std::array<std::string_view, kMaxTokens>& tokens) {
  size_t count = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    while (pos < text.size() && text[pos] == ' ') ++pos;
    if (pos == text.size()) break;
    size_t end = pos;
    while (end < text.size() && text[end] != ' ') ++end;
    if (count == kMaxTokens - 1) {  // keep the tail as one token rather than lose it
      tokens[count++] = text.substr(pos);
      break;
    }
    tokens[count++] = text.substr(pos, end - pos);
    pos = end;
  }
  return count;
}

bool StartsWithDigit(std::string_view token) { return !token.empty() && IsDigit(token[0]); }

bool IsBisTer(std::string_view token) {
  return token == "bis" || token == "ter" || token == "quater";
}

// Start of each first letter's run in kStreetWords (27 entries, 'a'..'z' + end).
constexpr std::array<uint8_t, 27> BuildStreetWordIndex() {
  std::array<uint8_t, 27> index{};
  size_t entry = 0;
  for (size_t letter = 0; letter < 26; ++letter) {
    index[letter] = static_cast<uint8_t>(entry);
    while (entry < kStreetWords.size() &&
           static_cast<size_t>(kStreetWords[entry].from[0] - 'a') == letter) {
      ++entry;
    }
  }
  index[26] = static_cast<uint8_t>(entry);
  return index;
}
constexpr std::array<uint8_t, 27> kStreetWordIndex = BuildStreetWordIndex();
static_assert(kStreetWordIndex[26] == kStreetWords.size(), "kStreetWords must be sorted");

// Performance: a first-letter index and a scan of ~5 entries (was a binary search over all 71:
// 16% of BM_NormalizeStreet).
std::string_view CanonicalWord(std::string_view token) {
  if (token.empty() || token[0] < 'a' || token[0] > 'z') return token;
  const auto letter = static_cast<size_t>(token[0] - 'a');
  for (size_t i = kStreetWordIndex[letter]; i < kStreetWordIndex[letter + 1]; ++i) {
    if (kStreetWords[i].from == token) return kStreetWords[i].to;
  }
  return token;
}

bool IsUnitMarker(std::string_view token, std::string_view next) {
  if (token == "#") return true;
  if (!Contains(kUnitMarkers, token)) return false;
  return token != "ste" || StartsWithDigit(next) || StartsWithDigit(CanonicalWord(next));
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

void AppendToken(std::string& out, std::string_view token) {
  if (!out.empty()) out.push_back(' ');
  out.append(token);
}

// ---- Postcodes ---------------------------------------------------------------------------

// Digits of numeric postcode systems, by country. Others are alphanumeric or unknown.
int NumericPostcodeLength(std::string_view iso2) {
  struct Entry {
    std::string_view code;
    int length;
  };
  static constexpr std::array<Entry, 38> kLengths = {{
      {"AT", 4}, {"AU", 4}, {"BE", 4}, {"BG", 4}, {"CH", 4}, {"CN", 6}, {"CY", 4}, {"CZ", 5},
      {"DE", 5}, {"DK", 4}, {"DZ", 5}, {"EE", 5}, {"ES", 5}, {"FI", 5}, {"FR", 5}, {"GR", 5},
      {"HU", 4}, {"ID", 5}, {"IN", 6}, {"IT", 5}, {"LI", 4}, {"LU", 4}, {"MA", 5}, {"MC", 5},
      {"MX", 5}, {"MY", 5}, {"NO", 4}, {"NZ", 4}, {"PH", 4}, {"PK", 5}, {"RU", 6}, {"SE", 5},
      {"SG", 6}, {"SK", 5}, {"TH", 5}, {"TN", 4}, {"US", 5}, {"ZA", 4},
  }};
  if (iso2.size() != 2) return 0;
  for (const Entry& entry : kLengths) {
    if (entry.code[0] == iso2[0] && entry.code[1] == iso2[1]) return entry.length;
  }
  return 0;
}

// UK postcode shape on compact upper-case text: outward A9, A99, AA9, AA99, A9A, AA9A; inward 9AA.
bool IsUkShape(std::string_view c) {
  if (c.size() < 5 || c.size() > 7) return false;
  const std::string_view inward = c.substr(c.size() - 3);
  if (!IsDigit(inward[0]) || !IsAsciiAlpha(inward[1]) || !IsAsciiAlpha(inward[2])) return false;
  const std::string_view outward = c.substr(0, c.size() - 3);
  if (!IsAsciiAlpha(outward[0])) return false;
  size_t i = 1;
  if (i < outward.size() && IsAsciiAlpha(outward[i])) ++i;
  if (i >= outward.size() || !IsDigit(outward[i])) return false;
  ++i;
  if (i < outward.size() && IsAlnum(outward[i])) ++i;
  return i == outward.size();
}

// Canadian A9A9A9.
bool IsCaShape(std::string_view c) {
  if (c.size() != 6) return false;
  for (size_t i = 0; i < 6; ++i) {
    if ((i % 2 == 0) != IsAsciiAlpha(c[i]) || (i % 2 == 1) != IsDigit(c[i])) return false;
  }
  return true;
}

// ---- Address line parsing ---------------------------------------------------------------------

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (IsSpace(s.front()) || s.front() == ',')) s.remove_prefix(1);
  while (!s.empty() && (IsSpace(s.back()) || s.back() == ',')) s.remove_suffix(1);
  return s;
}

constexpr size_t kMaxSegments = 16;

struct Words {
  std::array<std::string_view, kMaxTokens> items;
  size_t count = 0;
};

void SplitWords(std::string_view s, Words& words) {
  words.count = 0;
  size_t pos = 0;
  while (pos < s.size() && words.count < kMaxTokens) {
    while (pos < s.size() && IsSpace(s[pos])) ++pos;
    if (pos == s.size()) break;
    size_t end = pos;
    while (end < s.size() && !IsSpace(s[end])) ++end;
    words.items[words.count++] = s.substr(pos, end - pos);
    pos = end;
  }
}

// The original text spanned by words [first, last).
std::string_view Span(const Words& words, size_t first, size_t last) {
  if (first >= last) return {};
  const char* begin = words.items[first].data();
  const char* end = words.items[last - 1].data() + words.items[last - 1].size();
  return Trim(std::string_view(begin, static_cast<size_t>(end - begin)));
}

// Lower-case, letters and digits only, into `buf` (truncated at its size).
std::string_view FoldKey(std::string_view word, std::array<char, 40>& buf) {
  char folded[3 * 40];  // FoldAddress writes up to 3 bytes per '#'
  const size_t size = word.size() <= 40 ? FoldAddress(word, folded) : 0;
  size_t out = 0;
  for (size_t i = 0; i < size && out < buf.size(); ++i) {
    if (IsAlnum(folded[i])) buf[out++] = folded[i];
  }
  return {buf.data(), out};
}

bool IsStateCode(std::string_view word) {
  if (word.size() != 2) return false;
  const char code[2] = {Upper(word[0]), Upper(word[1])};
  for (size_t i = 0; i + 1 < kStateCodes.size(); i += 2) {
    if (kStateCodes[i] == code[0] && kStateCodes[i + 1] == code[1]) return true;
  }
  return false;
}

bool IsAllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), IsDigit);
}

// A numeric postcode token: 4-6 digits, ZIP+4, 9 digits, or a country-prefixed form (F-69002).
bool IsNumericPostcodeWord(std::string_view w) {
  if (IsAllDigits(w)) return (w.size() >= 4 && w.size() <= 6) || w.size() == 9;
  if (w.size() == 10 && w[5] == '-') return IsAllDigits(w.substr(0, 5)) && IsAllDigits(w.substr(6));
  const size_t dash = w.find('-');
  if (dash >= 1 && dash <= 2 && dash != std::string_view::npos) {
    const std::string_view digits = w.substr(dash + 1);
    return IsAsciiAlpha(w[0]) && (dash == 1 || IsAsciiAlpha(w[1])) && IsAllDigits(digits) &&
           digits.size() >= 4 && digits.size() <= 5;
  }
  return false;
}

// Two words forming an alphanumeric postcode: UK `SW1A 2AA`, Canada `M1S 1T4`.
bool IsAlphaPostcodePair(std::string_view a, std::string_view b) {
  if (a.size() < 2 || a.size() > 4 || b.size() != 3) return false;
  std::array<char, 8> compact;
  for (size_t i = 0; i < a.size(); ++i) compact[i] = Upper(a[i]);
  for (size_t i = 0; i < 3; ++i) compact[a.size() + i] = Upper(b[i]);
  const std::string_view joined(compact.data(), a.size() + 3);
  return IsUkShape(joined) || IsCaShape(joined);
}

bool IsUnitWord(std::string_view word) {
  std::array<char, 40> buf;
  const std::string_view key = FoldKey(word, buf);
  return word.starts_with('#') || Contains(kUnitMarkers, key);
}

bool IsBoxWord(std::string_view word) {
  std::array<char, 40> buf;
  return FoldKey(word, buf) == "box";
}

bool IsDirectionWord(std::string_view word) {
  std::array<char, 40> buf;
  const std::string_view canonical = CanonicalWord(FoldKey(word, buf));
  return canonical == "n" || canonical == "s" || canonical == "e" || canonical == "w" ||
         canonical == "ne" || canonical == "nw" || canonical == "se" || canonical == "sw";
}

bool IsClosingTypeWord(std::string_view word) {
  std::array<char, 40> buf;
  return Contains(kClosingTypes, CanonicalWord(FoldKey(word, buf)));
}

// Splits `segment` into house number, unit and street.
void ParseStreetSegment(std::string_view segment, AddressParts& out, std::string_view* rest) {
  Words words;
  SplitWords(segment, words);
  size_t first = 0;
  size_t last = words.count;
  // Unit: a marker word and the id after it ("Apt 4B", "Suite 900", "#12", "appt. 71").
  for (size_t i = 1; i < last; ++i) {
    if (!IsUnitWord(words.items[i])) continue;
    std::string_view id = words.items[i];
    size_t used = 1;
    if (id.size() > 1 && id[0] == '#') {
      id.remove_prefix(1);
    } else if (i + 1 < last) {
      id = words.items[i + 1];
      used = 2;
      if (id == "#" && i + 2 < last) {
        id = words.items[i + 2];
        used = 3;
      }
    } else {
      continue;
    }
    if (id.starts_with('#')) id.remove_prefix(1);
    out.unit.assign(Trim(id));
    if (i + used == last) {
      last = i;
    } else {
      // A unit in the middle: keep the words after it as the street's tail (rare).
      last = i;
      *rest = Span(words, i + used, words.count);
    }
    break;
  }
  if (last > first && StartsWithDigit(words.items[first])) {
    std::string_view number = words.items[first];
    ++first;
    if (first < last) {
      std::array<char, 40> buf;
      if (IsBisTer(FoldKey(words.items[first], buf))) {
        number = Span(words, first - 1, first + 1);
        ++first;
      }
    }
    out.house_number.assign(Trim(number));
  } else if (last > first + 1 && StartsWithDigit(words.items[last - 1]) &&
             words.items[last - 1].size() <= 6 && !IsBoxWord(words.items[last - 2])) {
    out.house_number.assign(Trim(words.items[last - 1]));  // Hardenbergstraße 87
    --last;
  }
  out.street.assign(Span(words, first, last));
}

}  // namespace

void AddressParts::Clear() {
  house_number.clear();
  unit.clear();
  street.clear();
  postcode.clear();
  city.clear();
  region.clear();
  country.clear();
}

void NormalizeStreet(std::string_view raw, std::string& out) {
  out.clear();
  // '#' grows by two separator bytes, so reserve 3x the input for the fold.
  FoldBuffer buffer(raw.size() * 3);
  char* folded = buffer.data();
  const size_t folded_size = FoldAddress(raw, folded);
  std::array<std::string_view, kMaxTokens> tokens;
  const size_t count = Tokenize(std::string_view(folded, folded_size), tokens);
  for (size_t i = 0; i < count; ++i) {
    const std::string_view token = tokens[i];
    const std::string_view next = i + 1 < count ? tokens[i + 1] : std::string_view();
    if (const std::string_view word = CanonicalWord(token); StartsWithDigit(word)) {
      AppendToken(out, word);  // a number, or an ordinal word made one ("first" → "1st")
      while (i + 1 < count && IsBisTer(tokens[i + 1])) out.append(tokens[++i]);  // 12 bis → 12bis
      continue;
    }
    if (IsUnitMarker(token, next)) {
      // Skip stacked markers ("apt #", "suite #"), then glue the id: "#4b".
      size_t last_marker = i;
      while (last_marker + 1 < count &&
             IsUnitMarker(tokens[last_marker + 1],
                          last_marker + 2 < count ? tokens[last_marker + 2] : "")) {
        ++last_marker;
      }
      if (last_marker + 1 == count) {  // no id ("Penthouse Suite"): keep the words
        for (; i < count; ++i) AppendToken(out, tokens[i]);
        break;
      }
      AppendToken(out, "#");
      out.append(tokens[last_marker + 1]);
      i = last_marker + 1;
      continue;
    }
    // P.O. Box: "p o box", "po box", "post office box", "pobox", "bp" (boîte postale).
    if ((token == "p" && next == "o") || (token == "post" && next == "office")) {
      if (i + 2 < count && tokens[i + 2] == "box") {
        AppendToken(out, "po box");
        i += 2;
        continue;
      }
    }
    if (token == "pobox" || token == "bp" || (token == "po" && next == "box")) {
      AppendToken(out, "po box");
      if (token == "po") ++i;
      continue;
    }
    if (token.size() > 7 && EndsWith(token, "strasse")) {  // Hardenbergstrasse → hardenbergstr
      AppendToken(out, token.substr(0, token.size() - 4));
      continue;
    }
    AppendToken(out, CanonicalWord(token));
  }
  // Checked on the key, not the input: folding keeps every ASCII letter and digit, so a
  // placeholder input gives a placeholder key, and a key that spells one ("n #o" reads "no") is
  // emptied too, which keeps normalizing twice equal to once.
  if (IsPlaceholderValue(out)) out.clear();
}

namespace {

void NormalizePostcodeUnchecked(std::string_view raw, std::string_view country, std::string& out) {
  out.clear();
  const std::string_view iso2 = CountryCode(country);
  // Compact upper-case alphanumerics; remember the first digit run for numeric systems.
  std::array<char, 32> compact;
  size_t size = 0;
  for (const char c : raw) {
    if (!IsAlnum(c)) continue;
    if (size == compact.size()) break;
    compact[size++] = Upper(c);
  }
  std::string_view value(compact.data(), size);
  if (value.empty()) return;

  const int numeric_length = NumericPostcodeLength(iso2);
  if (numeric_length > 0) {
    // The first run of digits: drops "F-", "D-", "FL-" prefixes and "CEDEX 08" suffixes.
    size_t start = 0;
    while (start < raw.size() && !IsDigit(raw[start])) ++start;
    size_t end = start;
    while (end < raw.size() &&
           (IsDigit(raw[end]) || (iso2 == "US" && raw[end] == '-' && end - start == 5))) {
      ++end;
    }
    std::array<char, 16> digits;
    size_t digit_count = 0;
    for (size_t i = start; i < end && digit_count < digits.size(); ++i) {
      if (IsDigit(raw[i])) digits[digit_count++] = raw[i];
    }
    const auto length = static_cast<size_t>(numeric_length);
    if (digit_count == 0) {
      out.assign(value);  // letters where digits were expected: keep for the audit
      return;
    }
    if (iso2 == "US" && digit_count == 9) digit_count = 5;  // ZIP+4 → ZIP
    if (digit_count < length && digit_count + 2 >= length) {
      out.append(length - digit_count, '0');  // leading zeros lost in a spreadsheet
    }
    out.append(digits.data(), digit_count);
    return;
  }
  if (iso2 == "GB" || iso2 == "CA" || iso2 == "IE" || iso2.empty()) {
    if ((iso2 != "CA" && iso2 != "IE" && IsUkShape(value)) ||
        ((iso2 == "CA" || iso2.empty()) && IsCaShape(value))) {
      out.append(value.substr(0, value.size() - 3));
      out.push_back(' ');
      out.append(value.substr(value.size() - 3));
      return;
    }
    if (iso2 == "IE" && value.size() == 7) {  // Eircode: routing key + unique identifier
      out.append(value.substr(0, 3));
      out.push_back(' ');
      out.append(value.substr(3));
      return;
    }
    if (iso2.empty()) {
      // US ZIP+4 written with its dash: keep the ZIP.
      const std::string_view trimmed = Trim(raw);
      if (trimmed.size() == 10 && trimmed[5] == '-' && IsAllDigits(trimmed.substr(0, 5)) &&
          IsAllDigits(trimmed.substr(6))) {
        out.assign(trimmed.substr(0, 5));
        return;
      }
    }
  }
  out.assign(value);
}

}  // namespace

void NormalizePostcode(std::string_view raw, std::string_view country, std::string& out) {
  NormalizePostcodeUnchecked(raw, country, out);
  if (IsPlaceholderValue(out)) out.clear();  // 00000, NA (from n/a), XXXXX
}

std::string_view CountryCode(std::string_view raw) {
  // "n/a", "unknown", "-": but "NA" alone is Namibia.
  if (IsPlaceholderValue(raw) && !(raw.size() == 2 && IsAlnum(raw[0]) && IsAlnum(raw[1]))) {
    return {};
  }
  std::array<char, 40> buf;
  std::string_view key;
  if (raw.size() == 2 && IsAsciiAlpha(raw[0]) && IsAsciiAlpha(raw[1])) {
    key = std::string_view(buf.data(), 2);  // Performance: the common case skips the fold
    buf[0] = Lower(raw[0]);
    buf[1] = Lower(raw[1]);
  } else {
    key = raw.size() <= 40 ? FoldKey(raw, buf) : std::string_view();
  }
  if (key.empty()) return {};
  if (key.size() == 2) {
    if (key == "uk") return "GB";
    // Binary search over the concatenated, sorted pairs.
    const char code[2] = {Upper(key[0]), Upper(key[1])};
    size_t low = 0;
    size_t high = kIso2Codes.size() / 2;
    while (low < high) {
      const size_t mid = (low + high) / 2;
      const char a = kIso2Codes[2 * mid];
      const char b = kIso2Codes[2 * mid + 1];
      if (a == code[0] && b == code[1]) return kIso2Codes.substr(2 * mid, 2);
      if (a < code[0] || (a == code[0] && b < code[1])) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return {};
  }
  const auto it = std::lower_bound(
      kCountryNames.begin(), kCountryNames.end(), key,
      [](const CountryName& entry, std::string_view k) { return KeyLess(entry.key, k); });
  return it != kCountryNames.end() && it->key == key ? it->code : std::string_view();
}

void ParseAddressLine(std::string_view raw, std::string_view country_hint, AddressParts& out) {
  out.Clear();
  // Segments: commas, semicolons, line breaks, tabs, pipes, and runs of 2+ spaces (Mailchimp).
  std::array<std::string_view, kMaxSegments> segments;
  size_t count = 0;
  bool double_spaced = false;
  const std::string_view line = Trim(raw);
  size_t start = 0;
  for (size_t pos = 0; pos <= line.size(); ++pos) {
    bool cut = pos == line.size();
    size_t skip = 1;
    if (!cut) {
      const char c = line[pos];
      cut = c == ',' || c == ';' || c == '\n' || c == '\r' || c == '\t' || c == '|';
      if (c == ' ' && pos + 1 < line.size() && line[pos + 1] == ' ') {
        cut = true;
        double_spaced = true;
        while (pos + skip < line.size() && line[pos + skip] == ' ') ++skip;
      }
    }
    if (!cut) continue;
    const std::string_view segment = Trim(line.substr(start, pos - start));
    if (!segment.empty()) {
      if (count < kMaxSegments) {
        segments[count++] = segment;
      } else {  // too many: fold the tail into the last segment
        const char* begin = segments[count - 1].data();
        segments[count - 1] =
            std::string_view(begin, static_cast<size_t>(segment.data() + segment.size() - begin));
      }
    }
    pos += skip - 1;
    start = pos + 1;
  }
  if (count == 0) return;

  const std::string_view hint = CountryCode(country_hint);
  // Country: the last segment, unless it is a US state in a US (or unknown) context.
  if (count > 1) {
    const std::string_view code = CountryCode(segments[count - 1]);
    const bool state = IsStateCode(segments[count - 1]) && !double_spaced &&
                       (hint.empty() || hint == "US" || hint == "CA");
    if (!code.empty() && !state) {
      out.country.assign(code);
      --count;
    }
  }
  if (out.country.empty()) out.country.assign(hint);

  // Postcode: searched from the end, never in the first (street) segment unless it is alone.
  std::string_view postcode;
  size_t postcode_segment = count;
  std::string_view city_in_postcode_segment;
  Words words;
  for (size_t s = count; s-- > 0;) {
    if (s == 0 && count > 1) break;
    SplitWords(segments[s], words);
    if (words.count == 0) continue;
    const size_t n = words.count;
    size_t pc_first = n;
    size_t pc_last = n;
    if (n >= 2 && IsAlphaPostcodePair(words.items[n - 2], words.items[n - 1])) {
      pc_first = n - 2;
    } else if (IsNumericPostcodeWord(words.items[n - 1]) && (n == 1 || s > 0 || n >= 3) &&
               !(n >= 2 && IsBoxWord(words.items[n - 2]))) {
      pc_first = n - 1;
    } else if (s > 0 && n >= 2 && IsNumericPostcodeWord(words.items[0]) &&
               !IsStateCode(words.items[1]) && out.country != "US" &&
               std::none_of(
                   words.items.begin() + 1, words.items.begin() + n,
                   [](std::string_view w) { return IsClosingTypeWord(w) || IsUnitWord(w); })) {
      pc_first = 0;  // 69002 Lyon (but not "1450 N City Rd")
      pc_last = 1;
    } else {
      continue;
    }
    postcode = Span(words, pc_first, pc_last);
    postcode_segment = s;
    size_t city_first = pc_last == 1 ? 1 : 0;
    size_t city_last = pc_last == 1 ? n : pc_first;
    if (pc_last != 1 && city_last > city_first && IsStateCode(words.items[city_last - 1]) &&
        (out.country.empty() || out.country == "US" || out.country == "CA")) {
      out.region.assign(words.items[city_last - 1]);
      --city_last;
      if (out.country.empty()) out.country.assign(postcode.size() == 7 ? "CA" : "US");
    }
    city_in_postcode_segment = Span(words, city_first, city_last);
    break;
  }
  if (!postcode.empty()) {
    NormalizePostcode(postcode, out.country, out.postcode);
    if (out.country.empty() && out.postcode.size() >= 6 &&
        out.postcode[out.postcode.size() - 4] == ' ') {
      out.country.assign(IsCaShape(std::string_view(out.postcode).substr(0, 3)) ? "CA" : "GB");
    }
  }

  // A lone segment "123 Main St Springfield IL 62701": the city part is what precedes the
  // postcode; the street is split from it after its closing type word below.
  size_t street_segment = 0;
  const size_t street_limit = postcode_segment == count ? count : postcode_segment;
  // Street: the first segment that starts with a number or has a street type; units before it.
  for (size_t s = 0; s < street_limit; ++s) {
    SplitWords(segments[s], words);
    if (words.count == 0) continue;
    if (IsUnitWord(words.items[0])) {
      if (out.unit.empty() && words.count >= 1) {
        std::string_view id = words.count >= 2 ? words.items[words.count - 1] : words.items[0];
        if (id.starts_with('#')) id.remove_prefix(1);
        out.unit.assign(Trim(id));
      }
      continue;
    }
    bool has_type = false;
    for (size_t w = 0; w < words.count; ++w)
      has_type = has_type || IsClosingTypeWord(words.items[w]);
    if (StartsWithDigit(words.items[0]) || has_type || s + 1 == street_limit) {
      street_segment = s;
      break;
    }
  }
  std::string_view street_text = segments[street_segment];
  if (postcode_segment == street_segment) {
    // A lone segment: street + city before the postcode, or only a city ("Toronto ON M1S 1T4").
    SplitWords(city_in_postcode_segment, words);
    bool street_like = words.count > 0 && StartsWithDigit(words.items[0]);
    for (size_t w = 0; w < words.count; ++w) {
      street_like = street_like || IsClosingTypeWord(words.items[w]) || IsBoxWord(words.items[w]);
    }
    street_text = street_like ? city_in_postcode_segment : std::string_view();
    if (street_like) city_in_postcode_segment = {};
  }
  std::string_view tail;
  ParseStreetSegment(street_text, out, &tail);
  if (out.street.empty() && street_segment + 1 < street_limit) {
    // "12 bis, Av. Victor-Hugo": the number alone in its segment, the street in the next one.
    ++street_segment;
    std::string number = std::move(out.house_number);
    ParseStreetSegment(segments[street_segment], out, &tail);
    if (out.house_number.empty()) out.house_number = std::move(number);
  }
  if (!tail.empty() && out.city.empty()) out.city.assign(tail);

  // City and region: the segments between the street and the postcode.
  const bool region_from_state = !out.region.empty();
  for (size_t s = street_segment + 1; s < count; ++s) {
    if (s == postcode_segment) continue;
    const std::string_view segment = segments[s];
    if (s > postcode_segment && postcode_segment != count) break;
    const std::string_view code = CountryCode(segment);
    SplitWords(segment, words);
    if (words.count > 0 && IsUnitWord(words.items[0])) {
      if (out.unit.empty()) {
        std::string_view id = words.items[words.count - 1];
        if (id.starts_with('#')) id.remove_prefix(1);
        out.unit.assign(Trim(id));
      }
      continue;
    }
    if (!code.empty() && !IsStateCode(segment)) {
      if (out.country.empty()) out.country.assign(code);
      continue;
    }
    // The first middle segment is the city, the last one (when several) the region; when the
    // postcode segment names the city, middle segments are localities and are not kept.
    if (!city_in_postcode_segment.empty()) continue;
    if (out.city.empty()) {
      out.city.assign(segment);
    } else if (!region_from_state) {
      out.region.assign(segment);
    }
  }
  if (!city_in_postcode_segment.empty()) out.city.assign(city_in_postcode_segment);
  // No city yet: an English street type followed by more words ends the street there.
  if (out.city.empty() && !out.street.empty() && (!out.postcode.empty() || !out.region.empty())) {
    SplitWords(out.street, words);
    for (size_t w = 1; w + 1 < words.count; ++w) {
      if (!IsClosingTypeWord(words.items[w])) continue;
      size_t split = w + 1;
      if (IsDirectionWord(words.items[split])) ++split;  // "Delaware Ave SE Washington"
      if (split < words.count) {
        const std::string street(Span(words, 0, split));
        out.city.assign(Span(words, split, words.count));
        out.street = street;
      }
      break;
    }
  }
}

}  // namespace idforge::normalize
