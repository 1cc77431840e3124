// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Soundex and Double Metaphone, written from the published rules. Double Metaphone follows
// Philips' original C++ rule for rule (the comments name the example word each rule is for), so it
// can be checked against his article and the reference vectors in tests/normalize/phonetic_test.cc.
#include "engine/normalize/phonetic.h"

#include <array>
#include <initializer_list>

namespace idforge::normalize {
namespace {

// Soundex digit of an upper-case letter; '0' for vowels (they separate codes), 'H' for H and W
// (they do not).
constexpr std::array<char, 26> kSoundexCode = {
    '0', '1', '2', '3', '0', '1', '2', 'H', '0', '2', '2', '4', '5',  // A-M
    '5', '0', '1', '2', '6', '2', '3', '0', '1', 'H', '2', '0', '2',  // N-Z
};

char UpperAsciiLetter(char c) {
  if (c >= 'a' && c <= 'z') return static_cast<char>(c - 32);
  if (c >= 'A' && c <= 'Z') return c;
  return '\0';
}

// The word being encoded, upper-case, with Philips' padding: reads past the end see spaces (his
// code appended five), reads before the start see NUL.
class Word {
 public:
  static constexpr int kMaxLetters = 255;

  explicit Word(std::string_view folded) {
    for (const char c : folded) {
      if (size_ == kMaxLetters) break;
      const char upper = UpperAsciiLetter(c);
      if (upper != '\0') {
        letters_[static_cast<size_t>(size_++)] = upper;
      } else if (c == ' ' && size_ > 0 && letters_[static_cast<size_t>(size_ - 1)] != ' ') {
        letters_[static_cast<size_t>(size_++)] = ' ';
      }
    }
    while (size_ > 0 && letters_[static_cast<size_t>(size_ - 1)] == ' ') --size_;
  }

  int size() const { return size_; }
  int last() const { return size_ - 1; }
  char At(int pos) const {
    if (pos < 0) return '\0';
    if (pos >= size_) return ' ';
    return letters_[static_cast<size_t>(pos)];
  }
  bool IsVowel(int pos) const {
    switch (At(pos)) {
      case 'A':
      case 'E':
      case 'I':
      case 'O':
      case 'U':
      case 'Y':
        return true;
      default:
        return false;
    }
  }
  // True when one of `options` starts at `start` (Philips' StringAt).
  bool StringAt(int start, std::initializer_list<std::string_view> options) const {
    if (start < 0) return false;
    for (const std::string_view option : options) {
      bool match = true;
      for (size_t idx = 0; idx < option.size() && match; ++idx) {
        match = At(start + static_cast<int>(idx)) == option[idx];
      }
      if (match) return true;
    }
    return false;
  }
  bool Contains(std::string_view needle) const {
    return std::string_view(letters_.data(), static_cast<size_t>(size_)).find(needle) !=
           std::string_view::npos;
  }

 private:
  std::array<char, kMaxLetters> letters_;
  int size_ = 0;
};

class MetaphoneBuilder {
 public:
  MetaphoneBuilder(std::string& primary, std::string& alternate, size_t max_length)
      : primary_(primary), alternate_(alternate), max_length_(max_length) {
    primary_.clear();
    alternate_.clear();
  }
  void Add(std::string_view both) { Add(both, both); }
  void Add(std::string_view main, std::string_view alt) {
    Append(main, primary_);
    Append(alt, alternate_);
  }
  bool Complete() const {
    return max_length_ != 0 && primary_.size() >= max_length_ && alternate_.size() >= max_length_;
  }
  void Finish() {
    if (alternate_ == primary_) alternate_.clear();
  }

 private:
  void Append(std::string_view code, std::string& out) const {
    for (const char c : code) {
      if (max_length_ != 0 && out.size() >= max_length_) return;
      out.push_back(c);
    }
  }

  std::string& primary_;
  std::string& alternate_;
  size_t max_length_;
};

// Each Encode* handles the letter at `pos`, appends to `keys` and returns the next position.
class DoubleMetaphoneEncoder {
 public:
  DoubleMetaphoneEncoder(const Word& word, MetaphoneBuilder& keys)
      : w_(word),
        keys_(keys),
        slavo_germanic_(w_.Contains("W") || w_.Contains("K") || w_.Contains("CZ") ||
                        w_.Contains("WITZ")) {}

  void Run() {
    int pos = 0;
    // Silent first letter: 'gnome', 'knight', 'pneumatic', 'wright', 'psychology'.
    if (w_.StringAt(0, {"GN", "KN", "PN", "WR", "PS"})) pos = 1;
    // Initial 'X' is pronounced 'Z' ('Xavier'), which maps to 'S'.
    if (w_.At(0) == 'X') {
      keys_.Add("S");
      pos = 1;
    }
    while (!keys_.Complete() && pos < w_.size()) pos = EncodeAt(pos);
    keys_.Finish();
  }

 private:
  int EncodeAt(int pos) {
    switch (w_.At(pos)) {
      case 'A':
      case 'E':
      case 'I':
      case 'O':
      case 'U':
      case 'Y':
        if (pos == 0) keys_.Add("A");  // all initial vowels map to 'A'
        return pos + 1;
      case 'B':
        keys_.Add("P");  // '-mb' at the end, e.g. 'dumb', is handled under 'M'
        return w_.At(pos + 1) == 'B' ? pos + 2 : pos + 1;
      case 'C':
        return EncodeC(pos);
      case 'D':
        return EncodeD(pos);
      case 'F':
        keys_.Add("F");
        return w_.At(pos + 1) == 'F' ? pos + 2 : pos + 1;
      case 'G':
        return EncodeG(pos);
      case 'H':
        // Kept only when first or between vowels, and before a vowel: 'Hugh' H, 'Sarah' silent.
        if ((pos == 0 || w_.IsVowel(pos - 1)) && w_.IsVowel(pos + 1)) {
          keys_.Add("H");
          return pos + 2;
        }
        return pos + 1;
      case 'J':
        return EncodeJ(pos);
      case 'K':
        keys_.Add("K");
        return w_.At(pos + 1) == 'K' ? pos + 2 : pos + 1;
      case 'L':
        return EncodeL(pos);
      case 'M':
        keys_.Add("M");
        // 'dumb', 'thumb', 'plumber': the 'B' is silent.
        if ((w_.StringAt(pos - 1, {"UMB"}) &&
             (pos + 1 == w_.last() || w_.StringAt(pos + 2, {"ER"}))) ||
            w_.At(pos + 1) == 'M') {
          return pos + 2;
        }
        return pos + 1;
      case 'N':
        keys_.Add("N");
        return w_.At(pos + 1) == 'N' ? pos + 2 : pos + 1;
      case 'P':
        if (w_.At(pos + 1) == 'H') {
          keys_.Add("F");
          return pos + 2;
        }
        keys_.Add("P");
        // 'Campbell', 'raspberry'.
        return w_.StringAt(pos + 1, {"P", "B"}) ? pos + 2 : pos + 1;
      case 'Q':
        keys_.Add("K");
        return w_.At(pos + 1) == 'Q' ? pos + 2 : pos + 1;
      case 'R':
        // French 'Rogier', but not 'Hochmeier'.
        if (pos == w_.last() && !slavo_germanic_ && w_.StringAt(pos - 2, {"IE"}) &&
            !w_.StringAt(pos - 4, {"ME", "MA"})) {
          keys_.Add("", "R");
        } else {
          keys_.Add("R");
        }
        return w_.At(pos + 1) == 'R' ? pos + 2 : pos + 1;
      case 'S':
        return EncodeS(pos);
      case 'T':
        return EncodeT(pos);
      case 'V':
        keys_.Add("F");
        return w_.At(pos + 1) == 'V' ? pos + 2 : pos + 1;
      case 'W':
        return EncodeW(pos);
      case 'X':
        // French 'Breaux': a final '-aux'/'-eaux'/'-oux' is silent.
        if (!(pos == w_.last() &&
              (w_.StringAt(pos - 3, {"IAU", "EAU"}) || w_.StringAt(pos - 2, {"AU", "OU"})))) {
          keys_.Add("KS");
        }
        return w_.StringAt(pos + 1, {"C", "X"}) ? pos + 2 : pos + 1;
      case 'Z':
        if (w_.At(pos + 1) == 'H') {  // Chinese pinyin: 'Zhao'
          keys_.Add("J");
          return pos + 2;
        }
        if (w_.StringAt(pos + 1, {"ZO", "ZI", "ZA"}) ||
            (slavo_germanic_ && pos > 0 && w_.At(pos - 1) != 'T')) {
          keys_.Add("S", "TS");
        } else {
          keys_.Add("S");
        }
        return w_.At(pos + 1) == 'Z' ? pos + 2 : pos + 1;
      default:
        return pos + 1;  // spaces
    }
  }

  int EncodeC(int pos) {
    // Various Germanic: 'Bacher', 'Macher', but not 'Bachi'.
    if (pos > 1 && !w_.IsVowel(pos - 2) && w_.StringAt(pos - 1, {"ACH"}) && w_.At(pos + 2) != 'I' &&
        (w_.At(pos + 2) != 'E' || w_.StringAt(pos - 2, {"BACHER", "MACHER"}))) {
      keys_.Add("K");
      return pos + 2;
    }
    if (pos == 0 && w_.StringAt(pos, {"CAESAR"})) {
      keys_.Add("S");
      return pos + 2;
    }
    if (w_.StringAt(pos, {"CHIA"})) {  // Italian 'Chianti'
      keys_.Add("K");
      return pos + 2;
    }
    if (w_.StringAt(pos, {"CH"})) return EncodeCh(pos);
    if (w_.StringAt(pos, {"CZ"}) && !w_.StringAt(pos - 2, {"WICZ"})) {  // 'Czerny'
      keys_.Add("S", "X");
      return pos + 2;
    }
    if (w_.StringAt(pos + 1, {"CIA"})) {  // 'focaccia'
      keys_.Add("X");
      return pos + 3;
    }
    // Double 'C', but not 'McClellan'.
    if (w_.StringAt(pos, {"CC"}) && !(pos == 1 && w_.At(0) == 'M')) {
      // 'Bellocchio', but not 'Bacchus'.
      if (w_.StringAt(pos + 2, {"I", "E", "H"}) && !w_.StringAt(pos + 2, {"HU"})) {
        // 'accident', 'accede', 'succeed'.
        if ((pos == 1 && w_.At(pos - 1) == 'A') || w_.StringAt(pos - 1, {"UCCEE", "UCCES"})) {
          keys_.Add("KS");
        } else {  // 'Bacci', 'Bertucci', other Italian
          keys_.Add("X");
        }
        return pos + 3;
      }
      keys_.Add("K");  // Pierce's rule
      return pos + 2;
    }
    if (w_.StringAt(pos, {"CK", "CG", "CQ"})) {
      keys_.Add("K");
      return pos + 2;
    }
    if (w_.StringAt(pos, {"CI", "CE", "CY"})) {
      // Italian vs. English.
      if (w_.StringAt(pos, {"CIO", "CIE", "CIA"})) {
        keys_.Add("S", "X");
      } else {
        keys_.Add("S");
      }
      return pos + 2;
    }
    keys_.Add("K");
    if (w_.StringAt(pos + 1, {" C", " Q", " G"})) return pos + 3;  // 'Mac Caffrey', 'Mac Gregor'
    if (w_.StringAt(pos + 1, {"C", "K", "Q"}) && !w_.StringAt(pos + 1, {"CE", "CI"})) {
      return pos + 2;
    }
    return pos + 1;
  }

  int EncodeCh(int pos) {
    if (pos > 0 && w_.StringAt(pos, {"CHAE"})) {  // 'Michael'
      keys_.Add("K", "X");
      return pos + 2;
    }
    // Greek roots: 'chemistry', 'chorus'.
    if (pos == 0 &&
        (w_.StringAt(pos + 1, {"HARAC", "HARIS"}) ||
         w_.StringAt(pos + 1, {"HOR", "HYM", "HIA", "HEM"})) &&
        !w_.StringAt(0, {"CHORE"})) {
      keys_.Add("K");
      return pos + 2;
    }
    // Germanic, Greek, or otherwise 'ch' for the 'kh' sound: 'architect' but not 'arch',
    // 'orchestra', 'orchid'; 'Wachtler', 'Wechsler', but not 'Tichner'.
    if (w_.StringAt(0, {"VAN ", "VON ", "SCH"}) ||
        w_.StringAt(pos - 2, {"ORCHES", "ARCHIT", "ORCHID"}) || w_.StringAt(pos + 2, {"T", "S"}) ||
        ((w_.StringAt(pos - 1, {"A", "O", "U", "E"}) || pos == 0) &&
         w_.StringAt(pos + 2, {"L", "R", "N", "M", "B", "H", "F", "V", "W", " "}))) {
      keys_.Add("K");
    } else if (pos > 0) {
      if (w_.StringAt(0, {"MC"})) {  // 'McHugh'
        keys_.Add("K");
      } else {
        keys_.Add("X", "K");
      }
    } else {
      keys_.Add("X");
    }
    return pos + 2;
  }

  int EncodeD(int pos) {
    if (w_.StringAt(pos, {"DG"})) {
      if (w_.StringAt(pos + 2, {"I", "E", "Y"})) {  // 'edge'
        keys_.Add("J");
        return pos + 3;
      }
      keys_.Add("TK");  // 'Edgar'
      return pos + 2;
    }
    keys_.Add("T");
    return w_.StringAt(pos, {"DT", "DD"}) ? pos + 2 : pos + 1;
  }

  int EncodeG(int pos) {
    if (w_.At(pos + 1) == 'H') return EncodeGh(pos);
    if (w_.At(pos + 1) == 'N') {
      if (pos == 1 && w_.IsVowel(0) && !slavo_germanic_) {
        keys_.Add("KN", "N");
      } else if (!w_.StringAt(pos + 2, {"EY"}) && w_.At(pos + 1) != 'Y' && !slavo_germanic_) {
        keys_.Add("N", "KN");  // not 'Cagney'
      } else {
        keys_.Add("KN");
      }
      return pos + 2;
    }
    if (w_.StringAt(pos + 1, {"LI"}) && !slavo_germanic_) {  // 'Tagliaro'
      keys_.Add("KL", "L");
      return pos + 2;
    }
    // -ges-, -gep-, -gel-, -gie- at the beginning.
    if (pos == 0 &&
        (w_.At(pos + 1) == 'Y' || w_.StringAt(pos + 1, {"ES", "EP", "EB", "EL", "EY", "IB", "IL",
                                                        "IN", "IE", "EI", "ER"}))) {
      keys_.Add("K", "J");
      return pos + 2;
    }
    // -ger-, -gy-.
    if ((w_.StringAt(pos + 1, {"ER"}) || w_.At(pos + 1) == 'Y') &&
        !w_.StringAt(0, {"DANGER", "RANGER", "MANGER"}) && !w_.StringAt(pos - 1, {"E", "I"}) &&
        !w_.StringAt(pos - 1, {"RGY", "OGY"})) {
      keys_.Add("K", "J");
      return pos + 2;
    }
    // Italian 'Biaggi'.
    if (w_.StringAt(pos + 1, {"E", "I", "Y"}) || w_.StringAt(pos - 1, {"AGGI", "OGGI"})) {
      if (w_.StringAt(0, {"VAN ", "VON ", "SCH"}) || w_.StringAt(pos + 1, {"ET"})) {
        keys_.Add("K");  // obviously Germanic
      } else if (w_.StringAt(pos + 1, {"IER "})) {
        keys_.Add("J");  // always soft with a French ending
      } else {
        keys_.Add("J", "K");
      }
      return pos + 2;
    }
    keys_.Add("K");
    return w_.At(pos + 1) == 'G' ? pos + 2 : pos + 1;
  }

  int EncodeGh(int pos) {
    if (pos > 0 && !w_.IsVowel(pos - 1)) {
      keys_.Add("K");
      return pos + 2;
    }
    if (pos == 0) {  // 'Ghislane', 'Ghiradelli'
      keys_.Add(w_.At(pos + 2) == 'I' ? "J" : "K");
      return pos + 2;
    }
    // Parker's rule, with refinements: 'Hugh', 'bough', 'Broughton'.
    if ((pos > 1 && w_.StringAt(pos - 2, {"B", "H", "D"})) ||
        (pos > 2 && w_.StringAt(pos - 3, {"B", "H", "D"})) ||
        (pos > 3 && w_.StringAt(pos - 4, {"B", "H"}))) {
      return pos + 2;
    }
    // 'laugh', 'McLaughlin', 'cough', 'Gough', 'rough', 'tough'.
    if (pos > 2 && w_.At(pos - 1) == 'U' && w_.StringAt(pos - 3, {"C", "G", "L", "R", "T"})) {
      keys_.Add("F");
    } else if (pos > 0 && w_.At(pos - 1) != 'I') {
      keys_.Add("K");
    }
    return pos + 2;
  }

  int EncodeJ(int pos) {
    // Obviously Spanish: 'Jose', 'San Jacinto'.
    if (w_.StringAt(pos, {"JOSE"}) || w_.StringAt(0, {"SAN "})) {
      if ((pos == 0 && w_.At(pos + 4) == ' ') || w_.StringAt(0, {"SAN "})) {
        keys_.Add("H");
      } else {
        keys_.Add("J", "H");
      }
      return pos + 1;
    }
    if (pos == 0 && !w_.StringAt(pos, {"JOSE"})) {
      keys_.Add("J", "A");  // 'Yankelovich', 'Jankelowicz'
    } else if (w_.IsVowel(pos - 1) && !slavo_germanic_ &&
               (w_.At(pos + 1) == 'A' || w_.At(pos + 1) == 'O')) {
      keys_.Add("J", "H");  // Spanish pronunciation of e.g. 'bajador'
    } else if (pos == w_.last()) {
      keys_.Add("J", "");
    } else if (!w_.StringAt(pos + 1, {"L", "T", "K", "S", "N", "M", "B", "Z"}) &&
               !w_.StringAt(pos - 1, {"S", "K", "L"})) {
      keys_.Add("J");
    }
    return w_.At(pos + 1) == 'J' ? pos + 2 : pos + 1;
  }

  int EncodeL(int pos) {
    if (w_.At(pos + 1) == 'L') {
      // Spanish: 'Cabrillo', 'Gallegos'.
      if ((pos == w_.size() - 3 && w_.StringAt(pos - 1, {"ILLO", "ILLA", "ALLE"})) ||
          ((w_.StringAt(w_.last() - 1, {"AS", "OS"}) || w_.StringAt(w_.last(), {"A", "O"})) &&
           w_.StringAt(pos - 1, {"ALLE"}))) {
        keys_.Add("L", "");
        return pos + 2;
      }
      keys_.Add("L");
      return pos + 2;
    }
    keys_.Add("L");
    return pos + 1;
  }

  int EncodeS(int pos) {
    if (w_.StringAt(pos - 1, {"ISL", "YSL"})) return pos + 1;  // 'island', 'isle', 'Carlisle'
    if (pos == 0 && w_.StringAt(pos, {"SUGAR"})) {
      keys_.Add("X", "S");
      return pos + 1;
    }
    if (w_.StringAt(pos, {"SH"})) {
      if (w_.StringAt(pos + 1, {"HEIM", "HOEK", "HOLM", "HOLZ"})) {
        keys_.Add("S");  // Germanic
      } else {
        keys_.Add("X");
      }
      return pos + 2;
    }
    if (w_.StringAt(pos, {"SIO", "SIA"}) || w_.StringAt(pos, {"SIAN"})) {  // Italian, Armenian
      if (slavo_germanic_) {
        keys_.Add("S");
      } else {
        keys_.Add("S", "X");
      }
      return pos + 3;
    }
    // German and anglicisations: 'Smith' matches 'Schmidt', 'Snider' matches 'Schneider'; also
    // Slavic -sz- (although Hungarian pronounces it 's').
    if ((pos == 0 && w_.StringAt(pos + 1, {"M", "N", "L", "W"})) || w_.StringAt(pos + 1, {"Z"})) {
      keys_.Add("S", "X");
      return w_.StringAt(pos + 1, {"Z"}) ? pos + 2 : pos + 1;
    }
    if (w_.StringAt(pos, {"SC"})) {
      if (w_.At(pos + 2) == 'H') {                                         // Schlesinger's rule
        if (w_.StringAt(pos + 3, {"OO", "ER", "EN", "UY", "ED", "EM"})) {  // Dutch: 'school'
          if (w_.StringAt(pos + 3, {"ER", "EN"})) {
            keys_.Add("X", "SK");  // 'Schermerhorn', 'Schenker'
          } else {
            keys_.Add("SK");
          }
        } else if (pos == 0 && !w_.IsVowel(3) && w_.At(3) != 'W') {
          keys_.Add("X", "S");
        } else {
          keys_.Add("X");
        }
        return pos + 3;
      }
      if (w_.StringAt(pos + 2, {"I", "E", "Y"})) {
        keys_.Add("S");
      } else {
        keys_.Add("SK");
      }
      return pos + 3;
    }
    // French: 'Resnais', 'Artois'.
    if (pos == w_.last() && w_.StringAt(pos - 2, {"AI", "OI"})) {
      keys_.Add("", "S");
    } else {
      keys_.Add("S");
    }
    return w_.StringAt(pos + 1, {"S", "Z"}) ? pos + 2 : pos + 1;
  }

  int EncodeT(int pos) {
    if (w_.StringAt(pos, {"TION"}) || w_.StringAt(pos, {"TIA", "TCH"})) {
      keys_.Add("X");
      return pos + 3;
    }
    if (w_.StringAt(pos, {"TH"}) || w_.StringAt(pos, {"TTH"})) {
      // 'Thomas', 'Thames', or Germanic.
      if (w_.StringAt(pos + 2, {"OM", "AM"}) || w_.StringAt(0, {"VAN ", "VON ", "SCH"})) {
        keys_.Add("T");
      } else {
        keys_.Add("0", "T");
      }
      return pos + 2;
    }
    keys_.Add("T");
    return w_.StringAt(pos + 1, {"T", "D"}) ? pos + 2 : pos + 1;
  }

  int EncodeW(int pos) {
    if (w_.StringAt(pos, {"WR"})) {  // also inside a word
      keys_.Add("R");
      return pos + 2;
    }
    if (pos == 0 && (w_.IsVowel(pos + 1) || w_.StringAt(pos, {"WH"}))) {
      if (w_.IsVowel(pos + 1)) {
        keys_.Add("A", "F");  // 'Wasserman' should match 'Vasserman'
      } else {
        keys_.Add("A");  // 'Uomo' should match 'Womo'
      }
    }
    // 'Arnow' should match 'Arnoff'.
    if ((pos == w_.last() && w_.IsVowel(pos - 1)) ||
        w_.StringAt(pos - 1, {"EWSKI", "EWSKY", "OWSKI", "OWSKY"}) || w_.StringAt(0, {"SCH"})) {
      keys_.Add("", "F");
      return pos + 1;
    }
    if (w_.StringAt(pos, {"WICZ", "WITZ"})) {  // Polish: 'Filipowicz'
      keys_.Add("TS", "FX");
      return pos + 4;
    }
    return pos + 1;
  }

  const Word& w_;
  MetaphoneBuilder& keys_;
  const bool slavo_germanic_;
};

}  // namespace

void Soundex(std::string_view folded, std::string& out) {
  out.clear();
  char previous = '\0';
  for (const char c : folded) {
    const char upper = UpperAsciiLetter(c);
    if (upper == '\0') continue;  // spaces, digits, other scripts
    const char code = kSoundexCode[static_cast<size_t>(upper - 'A')];
    if (out.empty()) {
      out.push_back(upper);
      previous = code;
      continue;
    }
    if (code == 'H') continue;  // H and W neither code nor separate
    if (code != '0' && code != previous) {
      out.push_back(code);
      if (out.size() == 4) return;
    }
    previous = code;
  }
  if (!out.empty()) out.resize(4, '0');
}

void DoubleMetaphone(std::string_view folded, std::string& primary, std::string& alternate,
                     size_t max_length) {
  const Word word(folded);
  MetaphoneBuilder keys(primary, alternate, max_length);
  if (word.size() == 0) return;
  DoubleMetaphoneEncoder(word, keys).Run();
}

}  // namespace idforge::normalize
