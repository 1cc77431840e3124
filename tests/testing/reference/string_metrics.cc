// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// The reference metrics: direct transcriptions of the definitions, no shortcuts.
#include "tests/testing/reference/string_metrics.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace idforge::reference {
namespace {

using Chars = std::vector<uint32_t>;
using Matrix = std::vector<std::vector<uint32_t>>;

// Rows of Unicode Table 3-7: byte ranges of each well-formed sequence shape.
struct Shape {
  uint8_t lo[4];
  uint8_t hi[4];
  int len;
};
constexpr Shape kShapes[] = {
    {{0xC2, 0x80}, {0xDF, 0xBF}, 2},
    {{0xE0, 0xA0, 0x80}, {0xE0, 0xBF, 0xBF}, 3},
    {{0xE1, 0x80, 0x80}, {0xEC, 0xBF, 0xBF}, 3},
    {{0xED, 0x80, 0x80}, {0xED, 0x9F, 0xBF}, 3},
    {{0xEE, 0x80, 0x80}, {0xEF, 0xBF, 0xBF}, 3},
    {{0xF0, 0x90, 0x80, 0x80}, {0xF0, 0xBF, 0xBF, 0xBF}, 4},
    {{0xF1, 0x80, 0x80, 0x80}, {0xF3, 0xBF, 0xBF, 0xBF}, 4},
    {{0xF4, 0x80, 0x80, 0x80}, {0xF4, 0x8F, 0xBF, 0xBF}, 4},
};

}  // namespace

std::vector<uint32_t> DecodeUtf8(std::string_view text) {
  Chars out;
  size_t pos = 0;
  while (pos < text.size()) {
    const auto b0 = static_cast<uint8_t>(text[pos]);
    if (b0 < 0x80) {
      out.push_back(b0);
      ++pos;
      continue;
    }
    int matched_len = 0;
    for (const Shape& shape : kShapes) {
      if (pos + static_cast<size_t>(shape.len) > text.size()) continue;
      bool ok = true;
      for (int i = 0; i < shape.len; ++i) {
        const auto b = static_cast<uint8_t>(text[pos + static_cast<size_t>(i)]);
        ok = ok && b >= shape.lo[i] && b <= shape.hi[i];
      }
      if (ok) matched_len = shape.len;
    }
    if (matched_len == 0) {
      out.push_back(0xDC00u + b0);
      ++pos;
      continue;
    }
    uint32_t cp = b0 & (matched_len == 2 ? 0x1Fu : matched_len == 3 ? 0x0Fu : 0x07u);
    for (int i = 1; i < matched_len; ++i) {
      cp = (cp << 6) | (static_cast<uint8_t>(text[pos + static_cast<size_t>(i)]) & 0x3Fu);
    }
    out.push_back(cp);
    pos += static_cast<size_t>(matched_len);
  }
  return out;
}

uint32_t Levenshtein(std::string_view a_text, std::string_view b_text) {
  const Chars a = DecodeUtf8(a_text);
  const Chars b = DecodeUtf8(b_text);
  Matrix d(a.size() + 1, std::vector<uint32_t>(b.size() + 1));
  for (size_t i = 0; i <= a.size(); ++i) d[i][0] = static_cast<uint32_t>(i);
  for (size_t j = 0; j <= b.size(); ++j) d[0][j] = static_cast<uint32_t>(j);
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j) {
      const uint32_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
    }
  }
  return d[a.size()][b.size()];
}

uint32_t Osa(std::string_view a_text, std::string_view b_text) {
  const Chars a = DecodeUtf8(a_text);
  const Chars b = DecodeUtf8(b_text);
  Matrix d(a.size() + 1, std::vector<uint32_t>(b.size() + 1));
  for (size_t i = 0; i <= a.size(); ++i) d[i][0] = static_cast<uint32_t>(i);
  for (size_t j = 0; j <= b.size(); ++j) d[0][j] = static_cast<uint32_t>(j);
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j) {
      const uint32_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.size()][b.size()];
}

uint32_t Lcs(std::string_view a_text, std::string_view b_text) {
  const Chars a = DecodeUtf8(a_text);
  const Chars b = DecodeUtf8(b_text);
  Matrix d(a.size() + 1, std::vector<uint32_t>(b.size() + 1, 0));
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j) {
      d[i][j] = a[i - 1] == b[j - 1] ? d[i - 1][j - 1] + 1 : std::max(d[i - 1][j], d[i][j - 1]);
    }
  }
  return d[a.size()][b.size()];
}

double Jaro(std::string_view a_text, std::string_view b_text) {
  const Chars a = DecodeUtf8(a_text);
  const Chars b = DecodeUtf8(b_text);
  if (a.empty() && b.empty()) return 1.0;
  if (a.empty() || b.empty()) return 0.0;
  const long window = std::max(0L, static_cast<long>(std::max(a.size(), b.size())) / 2 - 1);
  std::vector<bool> a_matched(a.size(), false);
  std::vector<bool> b_matched(b.size(), false);
  long matches = 0;
  for (long i = 0; i < static_cast<long>(a.size()); ++i) {
    for (long j = std::max(0L, i - window);
         j <= std::min(static_cast<long>(b.size()) - 1, i + window); ++j) {
      if (!b_matched[static_cast<size_t>(j)] &&
          a[static_cast<size_t>(i)] == b[static_cast<size_t>(j)]) {
        a_matched[static_cast<size_t>(i)] = true;
        b_matched[static_cast<size_t>(j)] = true;
        ++matches;
        break;
      }
    }
  }
  if (matches == 0) return 0.0;
  Chars a_seq;
  Chars b_seq;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a_matched[i]) a_seq.push_back(a[i]);
  }
  for (size_t j = 0; j < b.size(); ++j) {
    if (b_matched[j]) b_seq.push_back(b[j]);
  }
  long half_transpositions = 0;
  for (size_t k = 0; k < a_seq.size(); ++k) half_transpositions += a_seq[k] != b_seq[k];
  const long t = half_transpositions / 2;
  const auto m = static_cast<double>(matches);
  return (m / static_cast<double>(a.size()) + m / static_cast<double>(b.size()) +
          (m - static_cast<double>(t)) / m) /
         3.0;
}

double JaroWinkler(std::string_view a_text, std::string_view b_text, double prefix_weight) {
  const double jaro = Jaro(a_text, b_text);
  if (jaro <= 0.7) return jaro;
  const Chars a = DecodeUtf8(a_text);
  const Chars b = DecodeUtf8(b_text);
  size_t prefix = 0;
  while (prefix < 4 && prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) ++prefix;
  return jaro + static_cast<double>(prefix) * prefix_weight * (1.0 - jaro);
}

namespace {

std::set<std::string> Tokens(std::string_view text) {
  std::set<std::string> tokens;
  std::istringstream in{std::string(text)};
  std::string token;
  while (std::getline(in, token, ' ')) {
    if (!token.empty()) tokens.insert(token);
  }
  return tokens;
}

std::string Join(const std::set<std::string>& tokens) {
  std::string out;
  for (const std::string& token : tokens) {
    if (!out.empty()) out += ' ';
    out += token;
  }
  return out;
}

double Ratio(const std::string& x, const std::string& y) {
  const double total = static_cast<double>(DecodeUtf8(x).size() + DecodeUtf8(y).size());
  if (total == 0) return 1.0;
  const double distance = total - 2.0 * Lcs(x, y);
  return 1.0 - distance / total;
}

}  // namespace

double TokenJaccard(std::string_view a, std::string_view b) {
  const std::set<std::string> ta = Tokens(a);
  const std::set<std::string> tb = Tokens(b);
  if (ta.empty() && tb.empty()) return 1.0;
  std::set<std::string> all = ta;
  all.insert(tb.begin(), tb.end());
  const size_t common = ta.size() + tb.size() - all.size();
  return static_cast<double>(common) / static_cast<double>(all.size());
}

double TokenSetRatio(std::string_view a, std::string_view b) {
  const std::set<std::string> ta = Tokens(a);
  const std::set<std::string> tb = Tokens(b);
  if (ta.empty() && tb.empty()) return 1.0;
  if (ta.empty() || tb.empty()) return 0.0;
  std::set<std::string> sect;
  std::set<std::string> diff_ab;
  std::set<std::string> diff_ba;
  for (const std::string& t : ta) (tb.count(t) ? sect : diff_ab).insert(t);
  for (const std::string& t : tb) {
    if (!ta.count(t)) diff_ba.insert(t);
  }
  if (!sect.empty() && (diff_ab.empty() || diff_ba.empty())) return 1.0;
  const std::string s = Join(sect);
  const std::string t_ab = s.empty() ? Join(diff_ab) : s + " " + Join(diff_ab);
  const std::string t_ba = s.empty() ? Join(diff_ba) : s + " " + Join(diff_ba);
  double best = Ratio(t_ab, t_ba);
  if (!s.empty()) best = std::max({best, Ratio(s, t_ab), Ratio(s, t_ba)});
  return best;
}

double QGramJaccard(std::string_view a, std::string_view b, int q) {
  if (a.empty() && b.empty()) return 1.0;
  if (a.empty() || b.empty()) return 0.0;
  const auto grams = [q](std::string_view text) {
    Chars chars(static_cast<size_t>(q - 1), 0x110000);
    const Chars decoded = DecodeUtf8(text);
    chars.insert(chars.end(), decoded.begin(), decoded.end());
    chars.insert(chars.end(), static_cast<size_t>(q - 1), 0x110001);
    std::set<Chars> out;
    for (size_t start = 0; start + static_cast<size_t>(q) <= chars.size(); ++start) {
      out.insert(Chars(chars.begin() + static_cast<long>(start),
                       chars.begin() + static_cast<long>(start) + q));
    }
    return out;
  };
  const std::set<Chars> ga = grams(a);
  const std::set<Chars> gb = grams(b);
  std::set<Chars> all = ga;
  all.insert(gb.begin(), gb.end());
  return static_cast<double>(ga.size() + gb.size() - all.size()) / static_cast<double>(all.size());
}

}  // namespace idforge::reference
