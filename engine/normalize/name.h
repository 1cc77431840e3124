// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Person names: splitting a `full_name` into parts, the matching key of one part, nickname
// canonicalization (Bob -> Robert) and placeholder detection (`test`, `n/a`). The table-level
// normalizer calls these per record; phonetic keys are in phonetic.h.
//
// Typical use for one record (all buffers are reused across records, so nothing allocates once
// they are warm):
//   SplitFullName(raw_full_name, parts);              // readable raw parts, for golden records
//   NormalizeNamePart(parts.first, first_key);        // "jean pierre"
//   if (IsPlaceholderName(first_key)) { first_key.clear(); /* count the junk value */ }
//   std::string_view given = CanonicalGivenName(first_key);   // "robert" for "bob"
//   CompactName(last_key, last_compact);              // "delafontaine"
#pragma once

#include <string>
#include <string_view>

#include "engine/common/check.h"

namespace idforge::normalize {

// The parts of a person's name, in the input's own spelling and case with whitespace collapsed
// to single spaces (`Dr.`, `Jean-Pierre`, `de la Fontaine`, `Jr.`). Always valid UTF-8. A plain
// value: owns its strings; reuse one instance per thread to keep their capacity.
struct NameParts {
  std::string honorific;  // `Dr.`, `Prof. Dr.`, `Mme`, `Sra.`; several are joined
  std::string first;
  std::string middle;  // every given name after the first, and middle initials
  std::string last;    // with its particles: `van Beethoven`, `García Márquez`
  std::string suffix;  // `Jr.`, `III`, `PhD`; several are joined
  void Clear();
};

// Splits a full name into `out` (cleared first). Handles:
//  - `Last, First Middle` (a comma means the family name comes first), and trailing comma
//    segments made only of suffixes (`John Smith, Jr.`, `Smith, John, PhD`).
//  - Leading honorifics (EN/FR/DE/ES: Mr Mrs Ms Miss Mx Dr Prof Sir Dame Rev M. Mme Mlle Pr Herr
//    Frau Hr Sr Sra Srta Don Doña ...) and trailing suffixes (Jr Sr II III IV PhD MD Esq ...),
//    case-insensitive, with or without a dot. `M.` and `Don` are also given names (`Don Johnson`),
//    so they count as honorifics only when two more name tokens follow (`M. Jean Dupont`).
//  - Particles attached to the family name: de, del, della, di, da, do, dos, du, des, la, le, van,
//    von, der, den, ter, ten, zu, zum, bin, ibn, al, el, ben, st, saint ... (`Ludwig van
//    Beethoven` -> last `van Beethoven`; `Jean de la Fontaine` -> `de la Fontaine`). The first
//    name is never taken as a particle (`Van Morrison` -> first `Van`).
//  - Iberian double surnames joined by y/e/i (`Ortega y Gasset`) and, heuristically, without a
//    conjunction: when 3+ name tokens remain and the name shows Spanish/Portuguese evidence (an
//    `ñ á í ó ú ã õ` letter, an honorific Sr/Sra/Srta/Don/Doña, or a family-name token ending in
//    a vowel + `z` such as `-ez`, `-az`, `-oz`), the token before the family name is a second
//    family name (`Gabriel García Márquez` -> last `García Márquez`) unless it looks like a
//    middle name: an initial, or a given name known to the nickname table (`María José García`
//    -> middle `José`). Without such evidence it is a middle name (`John Fitzgerald Kennedy`).
//  - One token is the first name (`Madonna`), or the last name after an honorific (`Mr Smith`).
//  - Quoted or parenthesized nicknames are skipped (`Robert "Bob" Smith`, `Robert (Bob) Smith`).
// Hyphenated names stay one token (`Jean-Pierre`, `Lloyd-Webber`). Not handled: family-name-first
// order without a comma (Chinese, Hungarian, Japanese), and names written without spaces (`王小明`
// becomes the first name). Invalid UTF-8 bytes are dropped. Names of more than 24 tokens keep the
// remainder in the last name. O(n) in the input, no allocation once `out` has capacity.
void SplitFullName(std::string_view full_name, NameParts& out);

// The matching key of one name part: FoldText (`Jean-Pierre` -> `jean pierre`, `O'Brien` ->
// `obrien`, `LEFÈVRE` -> `lefevre`). Idempotent. `out` is cleared first.
void NormalizeNamePart(std::string_view raw, std::string& out);

// `folded` without its spaces: the joined form (`de la fontaine` -> `delafontaine`, `jean pierre`
// -> `jeanpierre`), so `Jean-Pierre`, `Jean Pierre` and `Jeanpierre` meet. `out` is cleared first.
void CompactName(std::string_view folded, std::string& out);

// The formal given name for a known nickname or diminutive (`bob` -> `robert`, `peggy` ->
// `margaret`, `jojo` -> `joseph`, `paco` -> `francisco`, `sepp` -> `josef`), from
// datasets/nicknames/nicknames.csv compiled into the library. REQUIRES: `folded_first` is
// FoldText output (one given name). Returns `folded_first` itself when the name is not a nickname
// or is ambiguous (`al` -> Albert, Alan or Alfred; `toni` -> Antonio or Anton): a wrong guess
// would merge different people, an unchanged name only costs recall. The returned view points
// into `folded_first` or into the immutable table (lives forever). Thread-safe.
// Performance: one hash probe into a table built on first use; see BM_CanonicalGivenName.
std::string_view CanonicalGivenName(std::string_view folded_first IDFORGE_LIFETIME_BOUND);

// True when `folded` (FoldText output) is a nickname, or a formal name or one word of one, in the
// nickname table (`jose`, `maria`, `robert`, `bob`). Used to tell middle names from surnames.
bool IsKnownGivenName(std::string_view folded);

// True when `folded` (FoldText output) is a placeholder rather than a name: test, n/a, none,
// null, unknown, asdf, qwerty, xxx, dummy, ... (EN/FR/ES/DE), a run of one repeated letter
// (`aaa`, `zzzz`), only digits, or only such words (`test test`, `unknown user`). Callers blank
// the value and count it. Known false positive: the Korean family name `Na` (`NA` is far more
// often a placeholder). An empty string is not a placeholder (there is nothing to flag).
bool IsPlaceholderName(std::string_view folded);

}  // namespace idforge::normalize
