// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// The errors people and tools make when they type, transcribe or convert a value. Each function
// edits a UTF-8 string in place, touches only ASCII letters or whole characters (never half of a
// multi-byte one), and returns whether it changed anything (some words offer no opportunity).
#pragma once

#include <string>
#include <string_view>

#include "engine/gen/random.h"

namespace idforge::gen {

// A slip on a QWERTY keyboard: a neighbouring key, two letters swapped, one dropped or doubled.
bool KeyboardTypo(std::string& text, Rng& rng);
// A sound-alike spelling (Stephen/Steven, Meyer/Meier, Philips/Phillips, Schmidt/Schmitt).
bool PhoneticMisspelling(std::string& text, Rng& rng);
// A character misread from a scanned form: rn <-> m, l -> 1, O -> 0, cl -> d.
bool OcrConfusion(std::string& text, Rng& rng);
// Jérôme -> Jerome, Groß -> Gross; with `german`, Müller -> Mueller.
bool DropAccents(std::string& text, bool german);
// Upper / lower case, including the Latin-1 letters (é <-> É).
void ToUpper(std::string& text);
void ToLower(std::string& text);
// Appends `name` as it goes into an email local part: folded, lower case, no spaces or
// apostrophes; hyphens kept when `keep_hyphen`.
void AppendEmailWord(std::string& out, std::string_view name, bool keep_hyphen);

}  // namespace idforge::gen
