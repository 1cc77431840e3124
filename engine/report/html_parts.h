// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// The building blocks of report.html shared by its sections (html_report.cc, html_profile.cc):
// number formats, escaped SVG primitives, cards and section headers. Private to engine/report.
// All functions are pure and append to or return strings; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace idforge::report {

// Chart colours: one meaning each across the page.
inline constexpr std::string_view kValid = "#2da44e";
inline constexpr std::string_view kInvalid = "#e16f24";
inline constexpr std::string_view kJunk = "#8250df";
inline constexpr std::string_view kOther = "#a8d8b5";
inline constexpr std::string_view kTrack = "#eaeef2";
inline constexpr std::string_view kBar = "#0969da";
inline constexpr std::string_view kMuted = "#8c959f";
// "%.*f"; "n/a" when not finite.
std::string Fixed(double value, int digits);
// SVG coordinates: one decimal keeps the file small and the output deterministic.
std::string Coord(double value);
// 1234567 -> "1,234,567".
std::string Count(uint64_t value);
std::string Percent(double share);
std::string Percent(uint64_t part, uint64_t whole);  // "–" when whole is 0
double Share(uint64_t part, uint64_t whole);
std::string Bytes(uint64_t bytes);
// m and u: four decimals, more for the small ones so they never read as a flat 0.
std::string Probability(double p);
// A Bayes factor people can read: "2,345", "12.50", "1/40".
std::string Factor(double factor);
// At most `max_bytes` of `text`, cut on a UTF-8 boundary, with an ellipsis when cut.
std::string Shorten(std::string_view text, size_t max_bytes);
// Appends an SVG <text>; `attrs` is trusted markup written by the report, `text` is escaped.
void SvgText(std::string& out, double x, double y, std::string_view text,
             std::string_view attrs = "");
void SvgRect(std::string& out, double x, double y, double width, double height,
             std::string_view fill, std::string_view title = "");
void OpenSvg(std::string& out, double width, double height, std::string_view label);
void Card(std::string& out, std::string_view value, std::string_view label);
void Section(std::string& out, std::string_view id, std::string_view title,
             std::string_view explain);
void LegendKey(std::string& out, std::string_view colour, std::string_view label);

}  // namespace idforge::report
