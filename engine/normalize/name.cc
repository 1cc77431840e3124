// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// SplitFullName: tokenize once into views, classify each token by a short ASCII key (honorific,
// suffix, particle), then place the parts. No allocation besides the caller's output strings.
#include "engine/normalize/name.h"

#include <algorithm>
#include <array>
#include <cstdint>

#include "engine/common/utf8.h"
#include "engine/normalize/text.h"

namespace idforge::normalize {
namespace {

constexpr size_t kMaxTokens = 24;

// Word lists in key form (lower-case ASCII letters and digits, at most 8: see TokenKey).
constexpr std::array<std::string_view, 37> kHonorifics = {
    "dame", "dipl", "dna",  "don",  "dona", "dr",  "dra",  "fr",     "frau",  "herr",
    "hr",   "ing",  "lady", "lic",  "lord", "m",   "miss", "mlle",   "mlles", "mme",
    "mmes", "mr",   "mrs",  "ms",   "mx",   "pr",  "prof", "profdr", "rev",   "revd",
    "sir",  "sr",   "sra",  "sras", "sres", "srs", "srta"};
constexpr std::array<std::string_view, 8> kIberianHonorifics = {"dna", "don",  "dona", "sr",
                                                                "sra", "sras", "sres", "srta"};
constexpr std::array<std::string_view, 24> kSuffixes = {
    "2nd", "3rd", "cpa",    "dds", "dmd", "dvm", "esq",  "fils", "ii", "iii",    "iv",  "jd",
    "jnr", "jr",  "junior", "mba", "md",  "msc", "pere", "phd",  "rn", "senior", "snr", "sr"};
constexpr std::array<std::string_view, 48> kParticles = {
    "abu", "al",    "ap",  "ben",   "bin",    "bint",  "da",    "dal", "dalla", "das",
    "de",  "degli", "dei", "del",   "della",  "delle", "dello", "den", "der",   "des",
    "di",  "do",    "dos", "du",    "el",     "ibn",   "la",    "las", "le",    "les",
    "lo",  "los",   "op",  "saint", "sainte", "san",   "santa", "st",  "ste",   "te",
    "ten", "ter",   "van", "vom",   "von",    "zu",    "zum",   "zur"};

constexpr bool SortedUnique(const auto& list) {
  for (size_t idx = 1; idx < list.size(); ++idx) {
    if (!(list[idx - 1] < list[idx])) return false;
  }
  return true;
}

bool Contains(const auto& sorted_list, std::string_view key) {
  return !key.empty() && std::binary_search(sorted_list.begin(), sorted_list.end(), key);
}

// What a token can be, as bits: one word may be several (`Sr` is Señor and Senior).
enum TokenClass : uint8_t {
  kHonorificClass = 1,
  kIberianHonorificClass = 2,
  kSuffixClass = 4,
  kParticleClass = 8,
};

// Up to 8 key bytes packed little-endian into one integer; 0 is "no key".
constexpr uint64_t PackKey(std::string_view word) {
  uint64_t key = 0;
  for (size_t idx = 0; idx < word.size(); ++idx) {
    key |= static_cast<uint64_t>(static_cast<uint8_t>(word[idx])) << (8 * idx);
  }
  return key;
}

struct ClassifiedWord {
  uint64_t key;
  uint8_t classes;
};

constexpr size_t kClassifiedCapacity =
    kHonorifics.size() + kIberianHonorifics.size() + kSuffixes.size() + kParticles.size();

// Performance: every list merged into one array sorted by packed key, built at compile time, so
// classifying a token is one binary search over ~100 integers instead of string compares in
// three lists (with the unzeroed token array: SplitFullName 590 -> 208 ns, BM_SplitFullName).
struct ClassifiedWords {
  std::array<ClassifiedWord, kClassifiedCapacity> words{};
  size_t size = 0;
};

constexpr ClassifiedWords BuildClassifiedWords() {
  ClassifiedWords table;
  const auto add = [&](const auto& list, uint8_t word_class) {
    for (const std::string_view word : list) {
      const uint64_t key = PackKey(word);
      size_t idx = 0;
      while (idx < table.size && table.words[idx].key != key) ++idx;
      if (idx == table.size) table.words[table.size++] = {key, 0};
      table.words[idx].classes = static_cast<uint8_t>(table.words[idx].classes | word_class);
    }
  };
  add(kHonorifics, kHonorificClass);
  add(kIberianHonorifics, kIberianHonorificClass);
  add(kSuffixes, kSuffixClass);
  add(kParticles, kParticleClass);
  std::sort(table.words.begin(), table.words.begin() + static_cast<std::ptrdiff_t>(table.size),
            [](const ClassifiedWord& a, const ClassifiedWord& b) { return a.key < b.key; });
  return table;
}

constexpr ClassifiedWords kClassifiedWords = BuildClassifiedWords();

uint8_t ClassesOf(uint64_t key) {
  if (key == 0) return 0;
  const ClassifiedWord* begin = kClassifiedWords.words.data();
  const ClassifiedWord* end = begin + kClassifiedWords.size;
  const ClassifiedWord* found = std::lower_bound(
      begin, end, key, [](const ClassifiedWord& word, uint64_t k) { return word.key < k; });
  return found != end && found->key == key ? found->classes : 0;
}

// A token's key: its lower-case ASCII letters and digits, dots, hyphens and accents gone
// (`Ph.D.` -> `phd`, `Doña` -> `dona`), packed by PackKey; 0 when the token cannot be a listed
// word (more than 8 such characters, or letters outside Latin).
uint64_t PackKeyOf(std::string_view text) {
  uint64_t key = 0;
  size_t size = 0;
  for (const char c : text) {
    if (static_cast<uint8_t>(c) >= 0x80) return 0;
    char lower = c;
    if (c >= 'A' && c <= 'Z') lower = static_cast<char>(c + 32);
    if (!((lower >= 'a' && lower <= 'z') || (lower >= '0' && lower <= '9'))) continue;
    if (size == 8) return 0;
    key |= static_cast<uint64_t>(static_cast<uint8_t>(lower)) << (8 * size++);
  }
  return key;
}

uint64_t TokenKey(std::string_view raw) {
  if (raw.size() > 16) return 0;
  if (IsAscii(raw)) return PackKeyOf(raw);
  // Only short non-ASCII tokens can fold to a listed word (`Doña`, `Dña.`, `Père`), and at most
  // 8 bytes fold within the small-string buffer, so this never allocates.
  if (raw.size() > 8) return 0;
  std::string folded;
  FoldText(raw, folded);
  return PackKeyOf(folded);
}

// Trivially constructible on purpose: Tokens leaves its array uninitialized past size().
struct Token {
  std::string_view raw;
  uint64_t key;      // TokenKey(raw)
  uint8_t classes;   // TokenClass bits of key
  uint32_t segment;  // index of the comma-separated segment
};

// At most kMaxTokens tokens, views into the input.
class Tokens {
 public:
  explicit Tokens(std::string_view text) { Split(text); }
  size_t size() const { return size_; }
  const Token& operator[](size_t idx) const { return tokens_[idx]; }
  uint32_t segment_count() const { return segment_count_; }

 private:
  // Length of the separator at `pos` (whitespace, NBSP, ideographic space), or 0.
  static size_t SpaceLength(std::string_view text, size_t pos) {
    switch (text[pos]) {
      case ' ':
      case '\t':
      case '\n':
      case '\r':
      case '\v':
      case '\f':
        return 1;
      default:
        break;
    }
    if (static_cast<uint8_t>(text[pos]) < 0x80) return 0;
    if (text.substr(pos, 2) == "\xC2\xA0") return 2;
    if (text.substr(pos, 3) == "\xE3\x80\x80") return 3;
    return 0;
  }
  // Length of the comma at `pos` (ASCII, fullwidth U+FF0C, Arabic U+060C), or 0.
  static size_t CommaLength(std::string_view text, size_t pos) {
    if (text[pos] == ',') return 1;
    if (static_cast<uint8_t>(text[pos]) < 0x80) return 0;
    if (text.substr(pos, 2) == "\xD8\x8C") return 2;
    if (text.substr(pos, 3) == "\xEF\xBC\x8C") return 3;
    return 0;
  }

  void Split(std::string_view text) {
    size_t pos = 0;
    bool segment_has_tokens = false;
    char skip_until = '\0';  // closing quote or parenthesis of a skipped nickname
    while (pos < text.size()) {
      if (const size_t comma = CommaLength(text, pos); comma != 0) {
        if (segment_has_tokens) ++segment_count_;
        segment_has_tokens = false;
        pos += comma;
        continue;
      }
      if (const size_t space = SpaceLength(text, pos); space != 0) {
        pos += space;
        continue;
      }
      size_t end = pos;
      while (end < text.size() && SpaceLength(text, end) == 0 && CommaLength(text, end) == 0) {
        ++end;
      }
      std::string_view raw = text.substr(pos, end - pos);
      pos = end;
      if (skip_until != '\0') {
        if (raw.back() == skip_until) skip_until = '\0';
        continue;
      }
      // `Robert "Bob" Smith`, `Robert (Bob) Smith`: an aside after the name has begun.
      if (size_ > 0 && (raw.front() == '"' || raw.front() == '(')) {
        const char close = raw.front() == '(' ? ')' : '"';
        if (raw.size() == 1 || raw.back() != close) skip_until = close;
        continue;
      }
      if (IsOnlyAsciiPunctuation(raw) || !HasValidUtf8(raw)) continue;   // `-`, `&`, `.`
      if (size_ + 1 == kMaxTokens) raw = text.substr(pos - raw.size());  // keep the rest
      const uint64_t key = TokenKey(raw);
      tokens_[size_] = Token{raw, key, ClassesOf(key), segment_count_};
      ++size_;
      segment_has_tokens = true;
      if (size_ == kMaxTokens) break;
    }
    if (segment_has_tokens) ++segment_count_;
  }

  // False for a token made only of ill-formed bytes: it would print as nothing.
  static bool HasValidUtf8(std::string_view raw) {
    if (IsAscii(raw) || utf8::IsValid(raw)) return true;
    std::string valid;
    AppendValidUtf8(raw, valid);
    return !valid.empty();
  }

  static bool IsOnlyAsciiPunctuation(std::string_view raw) {
    for (const char c : raw) {
      const auto byte = static_cast<uint8_t>(c);
      if (byte >= 0x80 || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')) {
        return false;
      }
    }
    return true;
  }

  // Performance: not zeroed (zeroing the ~1 KB took a quarter of SplitFullName's time).
  std::array<Token, kMaxTokens> tokens_;
  size_t size_ = 0;
  uint32_t segment_count_ = 0;
};

// Appends one raw token to a part, space-separated, without ill-formed UTF-8.
void AppendToken(std::string_view raw, std::string& part) {
  const size_t before = part.size();
  if (!part.empty()) part.push_back(' ');
  const size_t start = part.size();
  AppendValidUtf8(raw, part);
  if (part.size() == start) part.resize(before);
}

bool IsSuffix(const Token& token) { return (token.classes & kSuffixClass) != 0; }
bool IsParticle(const Token& token) { return (token.classes & kParticleClass) != 0; }

// `remaining` counts the tokens after this one in its range.
bool IsHonorific(const Token& token, size_t remaining) {
  if ((token.classes & kHonorificClass) == 0) return false;
  // `M.` (Monsieur) and `Don` are also an initial and a given name: honorific only before a
  // full first + last name.
  if (token.key == PackKey("m")) return token.raw.back() == '.' && remaining >= 2;
  if (token.key == PackKey("don")) return remaining >= 2;
  return true;
}

// `y` (Spanish), `e` (Portuguese), `i` (Catalan), `und` (German `von und zu`) between surnames.
// Lower-case only, except `Y`: `e`/`i` in capitals are far more often initials.
bool IsConjunction(const Token& token) {
  return token.raw == "y" || token.raw == "Y" || token.raw == "e" || token.raw == "i" ||
         token.raw == "und";
}

// `J`, `J.`, `É.`: one letter, optionally followed by a dot.
bool IsInitial(std::string_view raw) {
  if (!raw.empty() && raw.back() == '.') raw.remove_suffix(1);
  if (raw.size() == 1) return true;
  if (raw.size() < 2 || raw.size() > 4) return false;
  const auto lead = static_cast<uint8_t>(raw[0]);
  const size_t length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 0;
  return length == raw.size();
}

// Spanish/Portuguese letters absent from French, German and English: á í ó ú ñ ã õ (either case).
bool HasIberianLetter(std::string_view raw) {
  for (size_t idx = 0; idx + 1 < raw.size(); ++idx) {
    if (raw[idx] != '\xC3') continue;
    switch (static_cast<uint8_t>(raw[idx + 1]) | 0x20) {  // upper and lower case differ by 0x20
      case 0xA1:
      case 0xAD:
      case 0xB3:
      case 0xBA:
      case 0xB1:
      case 0xA3:
      case 0xB5:
        return true;
      default:
        break;
    }
  }
  return false;
}

// `-ez`, `-az`, `-iz`, `-oz`, `-uz` (González, Díaz, Ruiz, Muñoz, Cruz), accented vowel included.
bool HasIberianEnding(std::string_view raw) {
  if (raw.size() < 3 || (raw.back() | 0x20) != 'z') return false;
  const char before = static_cast<char>(raw[raw.size() - 2] | 0x20);
  return before == 'a' || before == 'e' || before == 'i' || before == 'o' || before == 'u' ||
         static_cast<uint8_t>(raw[raw.size() - 2]) >= 0x80;
}

class Splitter {
 public:
  Splitter(const Tokens& tokens, NameParts& out) : t_(tokens), out_(out) {}

  void Run() {
    if (t_.size() == 0) return;
    if (t_.segment_count() <= 1) {
      Natural(0, t_.size());
      return;
    }
    // `Last, First Middle`: the first segment is the family name; later segments made only of
    // suffixes (`, Jr.`, `, PhD`) are suffixes wherever they stand.
    const size_t left_end = SegmentEnd(0);
    size_t suffix_only = 0;
    for (uint32_t seg = 1; seg < t_.segment_count(); ++seg) {
      if (SegmentIsSuffixes(seg)) ++suffix_only;
    }
    if (suffix_only + 1 == t_.segment_count()) {  // `John Smith, Jr.`
      Natural(0, left_end);
      for (size_t idx = left_end; idx < t_.size(); ++idx) AppendToken(t_[idx].raw, out_.suffix);
      return;
    }
    size_t begin = StripHonorifics(0, left_end);
    const size_t last_end = StripSuffixes(begin, left_end);
    for (size_t idx = begin; idx < last_end; ++idx) AppendToken(t_[idx].raw, out_.last);
    // Given names: every token of the non-suffix segments after the first.
    size_t given_begin = left_end;
    while (given_begin < t_.size() && IsHonorificAt(given_begin)) ++given_begin;
    size_t given_end = t_.size();
    while (given_end > given_begin + 1 && IsSuffix(t_[given_end - 1])) --given_end;
    bool have_first = false;
    for (size_t idx = given_begin; idx < given_end; ++idx) {
      if (SegmentIsSuffixes(t_[idx].segment)) continue;
      AppendToken(t_[idx].raw, have_first ? out_.middle : out_.first);
      have_first = true;
    }
    for (size_t idx = left_end; idx < t_.size(); ++idx) {
      if (idx >= given_end || SegmentIsSuffixes(t_[idx].segment))
        AppendToken(t_[idx].raw, out_.suffix);
    }
    if (out_.last.empty() && !out_.first.empty()) std::swap(out_.last, out_.first);
  }

 private:
  size_t SegmentEnd(uint32_t seg) const {
    size_t idx = 0;
    while (idx < t_.size() && t_[idx].segment <= seg) ++idx;
    return idx;
  }
  bool SegmentIsSuffixes(uint32_t seg) const {
    if (seg == 0) return false;
    bool any = false;
    for (size_t idx = 0; idx < t_.size(); ++idx) {
      if (t_[idx].segment != seg) continue;
      if (!IsSuffix(t_[idx])) return false;
      any = true;
    }
    return any;
  }
  // In `Last, Title Given`: the family name is already known, so it counts as one more token.
  bool IsHonorificAt(size_t idx) {
    size_t remaining = 1;
    for (size_t next = idx + 1; next < t_.size(); ++next) {
      if (!SegmentIsSuffixes(t_[next].segment)) ++remaining;
    }
    return TakeHonorific(t_[idx], remaining);
  }
  size_t StripHonorifics(size_t begin, size_t end) {
    while (begin < end && TakeHonorific(t_[begin], end - begin - 1)) ++begin;
    return begin;
  }
  bool TakeHonorific(const Token& token, size_t remaining) {
    if (!IsHonorific(token, remaining)) return false;
    AppendToken(token.raw, out_.honorific);
    iberian_honorific_ = iberian_honorific_ || (token.classes & kIberianHonorificClass) != 0;
    return true;
  }
  // Moves trailing suffixes of [begin, end) to out_.suffix, keeping at least one name token.
  size_t StripSuffixes(size_t begin, size_t end) {
    size_t name_end = end;
    while (name_end > begin + 1 && IsSuffix(t_[name_end - 1])) --name_end;
    for (size_t idx = name_end; idx < end; ++idx) AppendToken(t_[idx].raw, out_.suffix);
    return name_end;
  }

  // First position of the family name in [begin, end), extended backwards over particles and
  // conjunctions. Never reaches `begin`: the first token is the first name.
  size_t ExtendOverParticles(size_t begin, size_t last_begin) const {
    while (last_begin > begin + 1) {
      const Token& before = t_[last_begin - 1];
      if (IsParticle(before)) {
        --last_begin;
      } else if (IsConjunction(before) && last_begin > begin + 2) {
        last_begin -= 2;  // `Ortega y Gasset`
      } else {
        break;
      }
    }
    return last_begin;
  }

  bool HasIberianEvidence(size_t begin, size_t end) const {
    if (iberian_honorific_) return true;
    for (size_t idx = begin; idx < end; ++idx) {
      if (HasIberianLetter(t_[idx].raw)) return true;
    }
    return HasIberianEnding(t_[end - 1].raw) || HasIberianEnding(t_[end - 2].raw);
  }

  bool LooksLikeMiddleName(const Token& token) const {
    if (IsInitial(token.raw) || IsParticle(token)) return true;
    std::string folded;  // short tokens stay in the small-string buffer
    FoldText(token.raw, folded);
    return IsKnownGivenName(folded);
  }

  // `First Middle Last` order on tokens [begin, end).
  void Natural(size_t begin, size_t end) {
    begin = StripHonorifics(begin, end);
    end = StripSuffixes(begin, end);
    if (begin == end) return;
    if (end - begin == 1) {
      AppendToken(t_[begin].raw, out_.honorific.empty() ? out_.first : out_.last);
      return;
    }
    size_t last_begin = ExtendOverParticles(begin, end - 1);
    // A second Iberian family name (`García Márquez`): see the heuristic in name.h.
    if (last_begin >= begin + 2 && HasIberianEvidence(begin, end) &&
        !LooksLikeMiddleName(t_[last_begin - 1])) {
      last_begin = ExtendOverParticles(begin, last_begin - 1);
    }
    AppendToken(t_[begin].raw, out_.first);
    for (size_t idx = begin + 1; idx < last_begin; ++idx) AppendToken(t_[idx].raw, out_.middle);
    for (size_t idx = last_begin; idx < end; ++idx) AppendToken(t_[idx].raw, out_.last);
  }

  const Tokens& t_;
  NameParts& out_;
  bool iberian_honorific_ = false;  // Sr, Sra, Don, Doña... was taken
};

// Placeholder words and phrases, in FoldText form (`N/A` -> `n a`, `k.A.` -> `k a`).
constexpr std::array<std::string_view, 77> kPlaceholderWords = {
    "abc",      "abcd",        "abcdef",      "anon",      "anonimo",  "anonyme",     "anonymous",
    "apellido", "asd",         "asdf",        "asdfg",     "asdfgh",   "asdfghjkl",   "aucun",
    "azerty",   "bar",         "baz",         "blank",     "client",   "cliente",     "customer",
    "default",  "desconocida", "desconocido", "dummy",     "empty",    "fake",        "firstname",
    "foo",      "foobar",      "guest",       "inconnu",   "inconnue", "keine",       "keiner",
    "kunde",    "lastname",    "missing",     "n",         "na",       "nachname",    "name",
    "nan",      "neant",       "nil",         "ninguno",   "nn",       "nobody",      "nom",
    "nombre",   "noname",      "none",        "noone",     "null",     "placeholder", "prenom",
    "qwerty",   "qwertz",      "sample",      "surname",   "tba",      "tbd",         "test",
    "tester",   "testing",     "testuser",    "unbekannt", "undef",    "undefined",   "unk",
    "unknown",  "user",        "void",        "vorname",   "xx",       "xxx",         "xyz",
};
constexpr std::array<std::string_view, 16> kPlaceholderPhrases = {
    "first name",   "jane doe", "john doe", "k a",          "kein name",      "last name",
    "n a",          "n d",      "no name",  "nomen nescio", "not applicable", "not available",
    "not provided", "s n",      "sans nom", "sin nombre",
};

static_assert(SortedUnique(kHonorifics) && SortedUnique(kIberianHonorifics) &&
              SortedUnique(kSuffixes) && SortedUnique(kParticles) &&
              SortedUnique(kPlaceholderWords) && SortedUnique(kPlaceholderPhrases));

bool IsPlaceholderToken(std::string_view token) {
  if (Contains(kPlaceholderWords, token)) return true;
  bool digits_only = true;
  bool one_letter_repeated = token.size() >= 3;
  for (const char c : token) {
    digits_only = digits_only && c >= '0' && c <= '9';
    one_letter_repeated = one_letter_repeated && c == token[0];
  }
  return digits_only || one_letter_repeated;
}

}  // namespace

void NameParts::Clear() {
  honorific.clear();
  first.clear();
  middle.clear();
  last.clear();
  suffix.clear();
}

void SplitFullName(std::string_view full_name, NameParts& out) {
  out.Clear();
  const Tokens tokens(full_name);
  Splitter(tokens, out).Run();
}

void NormalizeNamePart(std::string_view raw, std::string& out) { FoldText(raw, out); }

void CompactName(std::string_view folded, std::string& out) {
  out.clear();
  for (const char c : folded) {
    if (c != ' ') out.push_back(c);
  }
}

bool IsPlaceholderName(std::string_view folded) {
  if (folded.empty() || folded == "n") return false;  // a lone `n` is an initial
  if (Contains(kPlaceholderPhrases, folded)) return true;
  size_t pos = 0;
  while (pos < folded.size()) {
    size_t end = folded.find(' ', pos);
    if (end == std::string_view::npos) end = folded.size();
    if (!IsPlaceholderToken(folded.substr(pos, end - pos))) return false;
    pos = end + 1;
  }
  return true;
}

}  // namespace idforge::normalize
