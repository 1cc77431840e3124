// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// UTF-8 validation (simdjson's SIMD validator, several GB/s) and the Latin-1/CP1252 decoder for
// sources declared `"encoding": "latin1"`.
#pragma once

#include <string>
#include <string_view>

namespace idforge::utf8 {

// True when `bytes` is well-formed UTF-8 (no overlongs, surrogates or code points > U+10FFFF).
bool IsValid(std::string_view bytes);

// Offset of the first byte of the first invalid sequence, or bytes.size() when valid.
size_t FirstInvalid(std::string_view bytes);

// Copies `bytes`, writing each byte of an invalid sequence as the four characters "\xNN".
std::string EscapeInvalid(std::string_view bytes);

// Decodes Windows-1252 (the superset of ISO-8859-1 that real "Latin-1" files use, as the WHATWG
// Encoding Standard does) into UTF-8, appending to `out`. Undefined CP1252 bytes (0x81, 0x8D, 0x8F,
// 0x90, 0x9D) map to the C1 control of the same value, as ISO-8859-1 would.
void AppendCp1252AsUtf8(std::string_view bytes, std::string& out);

}  // namespace idforge::utf8
