// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Phonetic keys for names: American Soundex and Double Metaphone. Blocking uses them to put
// `Smith`/`Smyth`/`Schmidt` in one block; compare uses them as a cheap "sounds alike" feature.
// Both read FoldText output (lower-case, accents stripped) and look only at the ASCII letters A-Z:
// a name in another script has no Latin phonetic key and yields "" (block it on its text instead).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace idforge::normalize {

// American Soundex (the U.S. National Archives rules, as in Knuth, TAOCP vol. 3): the first letter,
// then three digits; vowels separate equal codes, H and W do not (`Ashcraft` -> A261), and a code
// equal to the first letter's is not repeated (`Pfister` -> P236). Zero-padded (`Lee` -> L000).
// Letters are read across spaces (`de la fontaine` -> D415). `out` is cleared, and stays empty when
// `folded` has no ASCII letter. O(n), no allocation once `out` has capacity.
void Soundex(std::string_view folded, std::string& out);

inline constexpr size_t kDefaultMetaphoneLength = 4;

// Double Metaphone (Lawrence Philips, "The Double Metaphone Search Algorithm", C/C++ Users
// Journal, June 2000): a primary key and an alternate key for the other plausible pronunciation
// (`Schmidt` -> XMT / SMT). `alternate` is left empty when it equals `primary` (`Thompson` ->
// TMSN / ""), so callers can emit one blocking key per non-empty string without deduplicating.
// Keys are cut at `max_length` characters (0 means no limit). Spaces are kept, as in the original
// (its `VAN `/`SAN ` rules read them); other non-letters are ignored. Only the first 255 letters
// are read. O(n), no allocation once the outputs have capacity.
void DoubleMetaphone(std::string_view folded, std::string& primary, std::string& alternate,
                     size_t max_length = kDefaultMetaphoneLength);

}  // namespace idforge::normalize
