// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
#include "engine/report/html_parts.h"

#include <array>
#include <cmath>
#include <cstdio>

#include "engine/report/html_report.h"

namespace idforge::report {

std::string Fixed(double value, int digits) {
  if (!std::isfinite(value)) return "n/a";
  char buffer[64];
  std::snprintf(buffer, sizeof(buffer), "%.*f", digits, value);
  return buffer;
}

// SVG coordinates: one decimal keeps the file small and the output deterministic.
std::string Coord(double value) { return Fixed(value, 1); }

// 1234567 -> "1,234,567".
std::string Count(uint64_t value) {
  std::string digits = std::to_string(value);
  std::string out;
  for (size_t idx = 0; idx < digits.size(); ++idx) {
    if (idx > 0 && (digits.size() - idx) % 3 == 0) out += ',';
    out += digits[idx];
  }
  return out;
}

std::string Percent(double share) { return Fixed(share * 100, 1) + "%"; }
std::string Percent(uint64_t part, uint64_t whole) {
  return whole == 0 ? "–" : Percent(static_cast<double>(part) / static_cast<double>(whole));
}
double Share(uint64_t part, uint64_t whole) {
  return whole == 0 ? 0 : static_cast<double>(part) / static_cast<double>(whole);
}

std::string Bytes(uint64_t bytes) {
  constexpr std::array<const char*, 4> kUnits = {"KB", "MB", "GB", "TB"};
  if (bytes < 1024) return std::to_string(bytes) + " B";
  double value = static_cast<double>(bytes) / 1024;
  size_t unit = 0;
  while (value >= 1024 && unit + 1 < kUnits.size()) {
    value /= 1024;
    ++unit;
  }
  return Fixed(value, 1) + " " + kUnits[unit];
}

// m and u: four decimals, more for the small ones so they never read as a flat 0.
std::string Probability(double p) { return Fixed(p, p < 0.01 ? 6 : 4); }

// A Bayes factor people can read: "2,345", "12.50", "1/40".
std::string Factor(double factor) {
  if (!std::isfinite(factor) || factor <= 0) return "n/a";
  if (factor >= 1000) return Count(static_cast<uint64_t>(std::llround(factor)));
  if (factor >= 1) return Fixed(factor, 2);
  const double inverse = 1 / factor;
  return "1/" + (inverse >= 1000 ? Count(static_cast<uint64_t>(std::llround(inverse)))
                                 : Fixed(inverse, inverse >= 10 ? 0 : 1));
}

// At most `max_bytes` of `text`, cut on a UTF-8 boundary, with an ellipsis when cut: chart labels
// have fixed room; tables and tooltips carry the full name.
std::string Shorten(std::string_view text, size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string(text);
  size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return std::string(text.substr(0, cut)) + "…";
}

// Appends an SVG <text>; `attrs` is trusted markup written by this file, `text` is escaped.
void SvgText(std::string& out, double x, double y, std::string_view text,
             std::string_view attrs) {
  out += "<text x=\"" + Coord(x) + "\" y=\"" + Coord(y) + "\"";
  if (!attrs.empty()) {
    out += ' ';
    out += attrs;
  }
  out += '>' + HtmlEscape(text) + "</text>";
}

void SvgRect(std::string& out, double x, double y, double width, double height,
             std::string_view fill, std::string_view title) {
  out += "<rect x=\"" + Coord(x) + "\" y=\"" + Coord(y) + "\" width=\"" + Coord(width) +
         "\" height=\"" + Coord(height) + "\" fill=\"" + std::string(fill) + "\"";
  if (title.empty()) {
    out += "/>";
  } else {
    out += "><title>" + HtmlEscape(title) + "</title></rect>";
  }
}

void OpenSvg(std::string& out, double width, double height, std::string_view label) {
  out += "<svg viewBox=\"0 0 " + Coord(width) + " " + Coord(height) + "\" width=\"" + Coord(width) +
         "\" role=\"img\" aria-label=\"" + HtmlEscape(label) + "\">";
}

void Card(std::string& out, std::string_view value, std::string_view label) {
  out += "<div class=\"card\"><div class=\"v\">" + HtmlEscape(value) + "</div><div class=\"l\">" +
         HtmlEscape(label) + "</div></div>";
}

void Section(std::string& out, std::string_view id, std::string_view title,
             std::string_view explain) {
  out += "<section id=\"" + std::string(id) + "\"><h2>" + HtmlEscape(title) + "</h2>";
  out += "<p class=\"explain\">" + HtmlEscape(explain) + "</p>\n";
}

void LegendKey(std::string& out, std::string_view colour, std::string_view label) {
  out += "<span class=\"key\" style=\"background:" + std::string(colour) + "\"></span>" +
         HtmlEscape(label);
}
}  // namespace idforge::report
