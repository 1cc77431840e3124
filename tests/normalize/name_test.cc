// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Name splitting, part keys, nicknames and placeholders: tables of real-world names (accented,
// Iberian, Germanic, Arabic, Cyrillic, Greek, Chinese), the nickname CSV itself, and seeded
// properties (idempotent keys, valid UTF-8 parts for any bytes).
#include "engine/normalize/name.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <string_view>

#include "engine/common/utf8.h"
#include "engine/normalize/text.h"
#include "tests/testing/test_util.h"

namespace idforge::normalize {
namespace {

struct SplitCase {
  std::string_view in;
  std::string_view honorific, first, middle, last, suffix;
};

// {input, honorific, first, middle, last, suffix}
constexpr SplitCase kSplitCases[] = {
    {"JÉRÔME Lefèvre", "", "JÉRÔME", "", "Lefèvre", ""},
    {"jerome lefevre", "", "jerome", "", "lefevre", ""},
    {"Lefevre, Jérôme", "", "Jérôme", "", "Lefevre", ""},
    {"  john   SMITH  ", "", "john", "", "SMITH", ""},
    {"Dr. Jean-Pierre de la Fontaine Jr.", "Dr.", "Jean-Pierre", "", "de la Fontaine", "Jr."},
    {"Ludwig van Beethoven", "", "Ludwig", "", "van Beethoven", ""},
    {"LUDWIG VAN BEETHOVEN", "", "LUDWIG", "", "VAN BEETHOVEN", ""},
    {"Vincent van Gogh", "", "Vincent", "", "van Gogh", ""},
    {"Van Morrison", "", "Van", "", "Morrison", ""},
    {"Charles de Gaulle", "", "Charles", "", "de Gaulle", ""},
    {"Leonardo da Vinci", "", "Leonardo", "", "da Vinci", ""},
    {"Marine Le Pen", "", "Marine", "", "Le Pen", ""},
    {"Karl-Theodor zu Guttenberg", "", "Karl-Theodor", "", "zu Guttenberg", ""},
    {"Jean Claude Van Damme", "", "Jean", "Claude", "Van Damme", ""},
    {"Gabriel García Márquez", "", "Gabriel", "", "García Márquez", ""},
    {"Gabriel José García Márquez", "", "Gabriel", "José", "García Márquez", ""},
    {"García Márquez, Gabriel José", "", "Gabriel", "José", "García Márquez", ""},
    {"Juan Perez Lopez", "", "Juan", "", "Perez Lopez", ""},
    {"María José García", "", "María", "José", "García", ""},
    {"Ana Luisa Pérez", "", "Ana", "Luisa", "Pérez", ""},
    {"José Ortega y Gasset", "", "José", "", "Ortega y Gasset", ""},
    {"Pedro Sánchez de la Rosa", "", "Pedro", "", "Sánchez de la Rosa", ""},
    {"Sra. Ana Pérez Gómez", "Sra.", "Ana", "", "Pérez Gómez", ""},
    {"Don Diego de la Vega", "Don", "Diego", "", "de la Vega", ""},
    {"Don Johnson", "", "Don", "", "Johnson", ""},
    {"Doña Elvira Fernández", "Doña", "Elvira", "", "Fernández", ""},
    {"John Fitzgerald Kennedy", "", "John", "Fitzgerald", "Kennedy", ""},
    {"John F. Kennedy", "", "John", "F.", "Kennedy", ""},
    {"Martin Luther King Jr.", "", "Martin", "Luther", "King", "Jr."},
    {"Mr John Smith", "Mr", "John", "", "Smith", ""},
    {"MRS. JANE A. DOE", "MRS.", "JANE", "A.", "DOE", ""},
    {"Mr Smith", "Mr", "", "", "Smith", ""},
    {"Mme Marie Curie", "Mme", "Marie", "", "Curie", ""},
    {"M. Jean Dupont", "M.", "Jean", "", "Dupont", ""},
    {"M. Dupont", "", "M.", "", "Dupont", ""},
    {"Herr Hans Müller", "Herr", "Hans", "", "Müller", ""},
    {"Frau Dr. Angela Merkel", "Frau Dr.", "Angela", "", "Merkel", ""},
    {"Prof. Dr. Klaus Schwab", "Prof. Dr.", "Klaus", "", "Schwab", ""},
    {"John Smith III", "", "John", "", "Smith", "III"},
    {"Smith, John, Jr.", "", "John", "", "Smith", "Jr."},
    {"John Smith, PhD", "", "John", "", "Smith", "PhD"},
    {"Smith, Jr., John", "", "John", "", "Smith", "Jr."},
    {"Dupont, M. Jean", "M.", "Jean", "", "Dupont", ""},
    {"John Smith Jr. PhD", "", "John", "", "Smith", "Jr. PhD"},
    {"Robert \"Bob\" Smith", "", "Robert", "", "Smith", ""},
    {"Robert (Bobby Joe) Smith", "", "Robert", "", "Smith", ""},
    {"Anne-Marie O'Neill", "", "Anne-Marie", "", "O'Neill", ""},
    {"Andrew Lloyd-Webber", "", "Andrew", "", "Lloyd-Webber", ""},
    {"Mohammed bin Salman Al Saud", "", "Mohammed", "bin Salman", "Al Saud", ""},
    {"Владимир Владимирович Путин", "", "Владимир", "Владимирович", "Путин", ""},
    {"Путин, Владимир", "", "Владимир", "", "Путин", ""},
    {"Οδυσσέας Ελύτης", "", "Οδυσσέας", "", "Ελύτης", ""},
    {"王小明", "", "王小明", "", "", ""},
    {"أحمد محمد علي", "", "أحمد", "محمد", "علي", ""},
    {"Madonna", "", "Madonna", "", "", ""},
    {"Dr", "Dr", "", "", "", ""},
    {"", "", "", "", "", ""},
    {" , ,", "", "", "", "", ""},
    {"Smith - Jones", "", "Smith", "", "Jones", ""},
    {"Ana\u00A0María\u3000López", "", "Ana", "María", "López", ""},
};

TEST(SplitFullNameTest, SplitsRealWorldNames) {
  NameParts parts;
  for (const SplitCase& c : kSplitCases) {
    SplitFullName(c.in, parts);
    EXPECT_EQ(parts.honorific, c.honorific) << "input: " << c.in;
    EXPECT_EQ(parts.first, c.first) << "input: " << c.in;
    EXPECT_EQ(parts.middle, c.middle) << "input: " << c.in;
    EXPECT_EQ(parts.last, c.last) << "input: " << c.in;
    EXPECT_EQ(parts.suffix, c.suffix) << "input: " << c.in;
  }
}

TEST(SplitFullNameTest, ThreeSpellingsOfOnePersonGiveTheSameKeys) {
  NameParts parts;
  std::string first;
  std::string last;
  for (const std::string_view spelling : {"JÉRÔME Lefèvre", "jerome lefevre", "Lefevre, Jérôme"}) {
    SplitFullName(spelling, parts);
    NormalizeNamePart(parts.first, first);
    NormalizeNamePart(parts.last, last);
    EXPECT_EQ(first, "jerome") << spelling;
    EXPECT_EQ(last, "lefevre") << spelling;
  }
}

TEST(SplitFullNameTest, KeepsTheRestOfAVeryLongNameInTheLastName) {
  std::string name;
  for (int token = 0; token < 40; ++token) {
    name += 'w';
    name += std::to_string(token);
    name += ' ';
  }
  NameParts parts;
  SplitFullName(name, parts);
  EXPECT_EQ(parts.first, "w0");
  EXPECT_NE(parts.last.find("w39"), std::string::npos);
}

TEST(SplitFullNameTest, DropsInvalidUtf8) {
  NameParts parts;
  SplitFullName(
      "Jos\xE9 Garc\xED"
      "a",
      parts);
  EXPECT_EQ(parts.first, "Jos");
  EXPECT_EQ(parts.last, "Garca");
}

struct KeyCase {
  std::string_view raw, key, compact;
};

constexpr KeyCase kKeyCases[] = {
    {"de la Fontaine", "de la fontaine", "delafontaine"},
    {"Jean-Pierre", "jean pierre", "jeanpierre"},
    {"O'Brien", "obrien", "obrien"},
    {"LEFÈVRE", "lefevre", "lefevre"},
    {"van Beethoven", "van beethoven", "vanbeethoven"},
    {"García Márquez", "garcia marquez", "garciamarquez"},
    {"Lloyd-Webber", "lloyd webber", "lloydwebber"},
    {"Müller-Lüdenscheidt", "muller ludenscheidt", "mullerludenscheidt"},
    {"Путин", "путин", "путин"},
    {"", "", ""},
};

TEST(NormalizeNamePartTest, FoldsAndCompacts) {
  std::string key;
  std::string compact;
  for (const KeyCase& c : kKeyCases) {
    NormalizeNamePart(c.raw, key);
    EXPECT_EQ(key, c.key) << c.raw;
    CompactName(key, compact);
    EXPECT_EQ(compact, c.compact) << c.raw;
  }
}

struct NicknameCase {
  std::string_view raw, want;
};

constexpr NicknameCase kNicknameCases[] = {
    {"Bob", "robert"},
    {"BILL", "william"},
    {"Peggy", "margaret"},
    {"Jojo", "joseph"},
    {"Paco", "francisco"},
    {"Pepe", "jose"},
    {"Chema", "jose maria"},
    {"Lola", "dolores"},
    {"Hans", "johannes"},
    {"Sepp", "josef"},
    {"Käthe", "katharina"},
    {"Dédé", "andre"},
    {"Liz", "elizabeth"},
    {"Jack", "john"},
    {"Nacho", "ignacio"},
    {"Fritz", "friedrich"},
    {"Manolo", "manuel"},
    {"Toño", "antonio"},
    {"Gretel", "margarete"},
    {"Pierrot", "pierre"},
    // Ambiguous nicknames are left alone.
    {"Al", "al"},
    {"Alex", "alex"},
    {"Toni", "toni"},
    {"Manu", "manu"},
    {"Chris", "chris"},
    {"Willy", "willy"},
    {"Sam", "sam"},
    {"Flo", "flo"},
    // Formal and unknown names are returned unchanged.
    {"Robert", "robert"},
    {"Xiaoming", "xiaoming"},
    {"Владимир", "владимир"},
    {"", ""},
};

TEST(CanonicalGivenNameTest, MapsKnownNicknames) {
  std::string folded;
  for (const NicknameCase& c : kNicknameCases) {
    FoldText(c.raw, folded);
    EXPECT_EQ(CanonicalGivenName(folded), c.want) << c.raw;
  }
}

TEST(CanonicalGivenNameTest, KnowsFormalNamesAndTheirWords) {
  for (const std::string_view name : {"robert", "bob", "jose", "maria", "teresa", "johannes"}) {
    EXPECT_TRUE(IsKnownGivenName(name)) << name;
  }
  for (const std::string_view name : {"garcia", "marquez", "kennedy", "", "fitzgerald"}) {
    EXPECT_FALSE(IsKnownGivenName(name)) << name;
  }
}

// Every CSV row is well formed, and the compiled table agrees with it: each nickname maps to its
// formal name, or to itself when the CSV lists several formal names for it.
TEST(CanonicalGivenNameTest, AgreesWithTheShippedCsv) {
  const std::string csv =
      test::ReadFileOrDie(test::SourceDir() + "/datasets/nicknames/nicknames.csv");
  std::istringstream lines(csv);
  std::string line;
  std::getline(lines, line);
  ASSERT_EQ(line, "nickname,formal,language");
  std::multimap<std::string, std::string> formals;
  int rows = 0;
  while (std::getline(lines, line)) {
    const size_t comma1 = line.find(',');
    const size_t comma2 = line.find(',', comma1 + 1);
    ASSERT_NE(comma2, std::string::npos) << line;
    const std::string language = line.substr(comma2 + 1);
    ASSERT_TRUE(language == "en" || language == "fr" || language == "es" || language == "de")
        << line;
    std::string nickname;
    std::string formal;
    FoldText(line.substr(0, comma1), nickname);
    FoldText(line.substr(comma1 + 1, comma2 - comma1 - 1), formal);
    ASSERT_FALSE(nickname.empty() || formal.empty()) << line;
    formals.emplace(nickname, formal);
    ++rows;
  }
  EXPECT_GE(rows, 400);
  for (const auto& [nickname, formal] : formals) {
    std::set<std::string> distinct;
    const auto range = formals.equal_range(nickname);
    for (auto it = range.first; it != range.second; ++it) distinct.insert(it->second);
    const std::string_view canonical = CanonicalGivenName(nickname);
    EXPECT_EQ(canonical, distinct.size() == 1 ? formal : nickname) << nickname;
    EXPECT_EQ(CanonicalGivenName(canonical), canonical) << "not idempotent: " << nickname;
    EXPECT_TRUE(IsKnownGivenName(nickname));
    EXPECT_TRUE(IsKnownGivenName(formal));
  }
}

struct PlaceholderCase {
  std::string_view raw;
  bool placeholder;
};

constexpr PlaceholderCase kPlaceholderCases[] = {
    {"test", true},        {"TEST", true},         {"Test Test", true},  {"test user", true},
    {"N/A", true},         {"n.a.", true},         {"NA", true},         {"none", true},
    {"NULL", true},        {"Unknown", true},      {"asdf", true},       {"qwerty", true},
    {"xxx", true},         {"XXXX", true},         {"aaa", true},        {"12345", true},
    {"N.N.", true},        {"Nomen Nescio", true}, {"John Doe", true},   {"Inconnu", true},
    {"Desconocido", true}, {"Unbekannt", true},    {"k.A.", true},       {"Dummy", true},
    {"John", false},       {"Test-Smith", false},  {"John Test", false}, {"Xu", false},
    {"Ng", false},         {"Li", false},          {"Al", false},        {"N", false},
    {"Doe", false},        {"Anna", false},        {"Владимир", false},  {"", false},
};

TEST(IsPlaceholderNameTest, FlagsPlaceholdersOnly) {
  std::string folded;
  for (const PlaceholderCase& c : kPlaceholderCases) {
    FoldText(c.raw, folded);
    EXPECT_EQ(IsPlaceholderName(folded), c.placeholder) << c.raw;
  }
}

// Random names from realistic pieces, plus raw random bytes.
class RandomNames {
 public:
  explicit RandomNames(uint64_t seed) : rng_(seed) {}

  std::string Next() {
    static constexpr std::string_view kPieces[] = {
        "Dr.",      "Mr",       "Sra.",   "M.",      "Don",     "Herr",   "Jean-Pierre",
        "José",     "María",    "García", "Márquez", "van",     "de",     "la",
        "y",        "Jr.",      "III",    "PhD",     "O'Brien", "Müller", "Smith",
        "Владимир", "Οδυσσέας", "王小明", "محمد",    "\"Bob\"", "(Bob)",  ",",
        ", ",       "  ",       " ",      "-",       "\u00A0",  "\u3000", "，",
        "F.",       "É.",       "\xFF",   "\xC3",    "ß",       "Łukasz", "İ"};
    std::uniform_int_distribution<size_t> length(0, 10);
    std::uniform_int_distribution<size_t> pick(0, std::size(kPieces) - 1);
    std::string name;
    for (size_t count = length(rng_); count > 0; --count) {
      name += kPieces[pick(rng_)];
      if (pick(rng_) % 3 != 0) name += ' ';
    }
    return name;
  }

  std::string Bytes() {
    std::uniform_int_distribution<size_t> length(0, 32);
    std::uniform_int_distribution<int> byte(0, 255);
    std::string bytes(length(rng_), '\0');
    for (char& c : bytes) c = static_cast<char>(byte(rng_));
    return bytes;
  }

 private:
  std::mt19937_64 rng_;
};

TEST(SplitFullNameTest, PartsAreValidUtf8AndKeysIdempotent) {
  const uint64_t seed = test::Seed();
  SCOPED_TRACE("IDFORGE_TEST_SEED=" + std::to_string(seed));
  RandomNames gen(seed);
  NameParts parts;
  std::string once;
  std::string twice;
  for (int n = 0; n < 20'000; ++n) {
    const std::string in = n % 4 == 3 ? gen.Bytes() : gen.Next();
    SplitFullName(in, parts);
    for (const std::string* part :
         {&parts.honorific, &parts.first, &parts.middle, &parts.last, &parts.suffix}) {
      ASSERT_TRUE(utf8::IsValid(*part)) << "input: " << utf8::EscapeInvalid(in);
      ASSERT_TRUE(part->empty() || (part->front() != ' ' && part->back() != ' ')) << in;
      NormalizeNamePart(*part, once);
      NormalizeNamePart(once, twice);
      ASSERT_EQ(once, twice) << "input: " << utf8::EscapeInvalid(in);
      ASSERT_EQ(CanonicalGivenName(CanonicalGivenName(once)), CanonicalGivenName(once));
    }
    // The full name is never lost: a non-empty name has at least one part.
    NormalizeNamePart(in, once);
    if (!once.empty()) {
      ASSERT_FALSE(parts.first.empty() && parts.last.empty() && parts.middle.empty() &&
                   parts.honorific.empty() && parts.suffix.empty())
          << "input: " << utf8::EscapeInvalid(in);
    }
  }
}

}  // namespace
}  // namespace idforge::normalize
