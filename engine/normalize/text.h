// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Text folding: the matching form of any free-text field. Unicode NFKC + case folding + accent
// stripping (utf8proc), punctuation and symbols folded to single spaces, for every script. Every
// field normalizer (names, addresses, ...) starts from FoldText, so two spellings of one value
// (`JÉRÔME Lefèvre`, `jerome  lefevre`) reach the same bytes.
#pragma once

#include <string>
#include <string_view>

namespace idforge::normalize {

// Folds `in` into `out` (cleared first; its capacity is reused, so a warm buffer never allocates).
//
// The output is valid UTF-8, NFC, trimmed, with tokens separated by exactly one ASCII space:
//  - Letters are NFKC-normalized and case-folded (full folding: `ß` -> `ss`, `ﬁ` -> `fi`,
//    fullwidth `Ａ` -> `a`, final sigma `ς` -> `σ`). Non-Latin scripts are kept (`Владимир` ->
//    `владимир`, `王小明` unchanged), never dropped.
//  - Diacritics are stripped: combining marks in the generic diacritic blocks (U+0300..036F,
//    U+1AB0..1AFF, U+1DC0..1DFF, U+20D0..20FF, U+FE20..FE2F) and the optional vowel points of
//    Hebrew and Arabic. So `é` -> `e`, `ñ` -> `n`, Cyrillic `й` -> `и`, `ё` -> `е`, Greek `ά` ->
//    `α`. Marks that carry spelling in their script (Indic vowel signs and viramas, Thai vowels,
//    kana voicing marks) are kept: stripping them would merge unrelated names.
//  - A handful of Latin letters with no Unicode decomposition are transliterated the way ICU's
//    Latin-ASCII does (`ø` -> `o`, `ł` -> `l`, `đ` -> `d`, `æ` -> `ae`, `œ` -> `oe`, `þ` -> `th`,
//    ...), so `Søren Łukasz` folds like `Soren Lukasz`.
//  - Apostrophes (' ` ´ ‘ ’ ʼ ʻ ′ and fullwidth ＇) are deleted, joining the word: `O'Brien` ->
//    `obrien`, `D’Angelo` -> `dangelo`. Invisible format characters (soft hyphen, zero-width
//    space/joiners, BOM) are deleted too.
//  - Every other punctuation, symbol, separator or control character (hyphens, dots, commas,
//    slashes, `&`, emoji, tabs, NBSP, ...) becomes a token boundary: `Jean-Pierre` ->
//    `jean pierre`, `J.R.R.` -> `j r r`. Names need the joined form too: see CompactName().
//  - Digits are kept (NFKC maps `²` -> `2`, `①` -> `1`).
//  - Invalid UTF-8 bytes (and unassigned/private-use code points) are dropped.
//
// Idempotent: FoldText(FoldText(x)) == FoldText(x). Pure and thread-safe.
//
// Performance: pure-ASCII input never calls utf8proc; it goes through a 128-entry byte table
// (~50 ns per `First Last` name, BM_FoldText_AsciiNames). Otherwise only non-ASCII code points are
// decomposed, one at a time into a stack buffer (~300 ns per accented name, no allocation, vs
// utf8proc_map's 524 ns + malloc; BM_FoldText_AccentedNames). Linear in the input size.
void FoldText(std::string_view in, std::string& out);

// True when every byte of `text` is < 0x80. Reads 8 bytes at a time.
bool IsAscii(std::string_view text);

// Appends `in` to `out` without its ill-formed UTF-8 bytes (each dropped byte is skipped, and
// decoding resumes at the next one), so `out` stays valid UTF-8 when it was. No other change.
void AppendValidUtf8(std::string_view in, std::string& out);

}  // namespace idforge::normalize
