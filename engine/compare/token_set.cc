// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Token lists as arrays of views (inline up to 64 tokens): compared pairwise when short, else
// sorted, de-duplicated and merged; TokenSetSimilarity adds one LCS of the two differences.
#include "engine/compare/token_set.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "engine/compare/bit_parallel.h"
#include "engine/compare/chars.h"

namespace idforge::compare {
namespace {

using internal::InlineBuffer;

constexpr size_t kInlineTokens = 64;
constexpr size_t kSmallTokenCount = 12;

// The tokens of a string, in order (Split) and then sorted and distinct (Sort). Views into the
// string: keep it alive.
class TokenList {
 public:
  explicit TokenList(std::string_view text) {
    // A string of n bytes has at most (n + 1) / 2 tokens.
    std::string_view* out = buffer_.Reserve(text.size() / 2 + 1);
    size_t count = 0;
    size_t start = 0;
    for (size_t pos = 0; pos <= text.size(); ++pos) {
      if (pos == text.size() || text[pos] == ' ') {
        if (pos > start) out[count++] = text.substr(start, pos - start);
        start = pos + 1;
      }
    }
    data_ = out;
    tokens_ = {out, count};
  }

  void Sort() {
    std::sort(data_, data_ + tokens_.size());
    tokens_ = {data_, static_cast<size_t>(std::unique(data_, data_ + tokens_.size()) - data_)};
  }

  std::span<const std::string_view> tokens() const { return tokens_; }

 private:
  InlineBuffer<std::string_view, kInlineTokens> buffer_;
  std::string_view* data_;  // in buffer_
  std::span<const std::string_view> tokens_;
};

bool Contains(std::span<const std::string_view> tokens, std::string_view token) {
  return std::find(tokens.begin(), tokens.end(), token) != tokens.end();
}

size_t CountChars(std::string_view s) {
  if (internal::IsAscii(s)) return s.size();
  size_t count = 0;
  const char* p = s.data();
  const char* const end = p + s.size();
  while (p < end) {
    internal::NextChar(p, end);
    ++count;
  }
  return count;
}

// Appends `token` to a space-joined string being built at out[*len].
void AppendJoined(std::string_view token, char* out, size_t* len) {
  if (*len > 0) out[(*len)++] = ' ';
  std::copy(token.begin(), token.end(), out + *len);
  *len += token.size();
}

uint32_t Lcs(std::string_view a, std::string_view b) {
  return internal::WithChars(a, b, [](auto sa, auto sb) -> uint32_t {
    if (sa.size() > sb.size()) std::swap(sa, sb);
    if (sa.empty()) return 0;
    if (sa.size() <= internal::kWordBits) {
      const auto masks = internal::MakeMasks(sa, sb);
      return internal::LcsHyyro(masks, sa.size(), sb);
    }
    return internal::LcsDp(sa, sb);
  });
}

double IndelSimilarity(size_t distance, size_t total) {
  return total == 0 ? 1.0 : 1.0 - static_cast<double>(distance) / static_cast<double>(total);
}

}  // namespace

double TokenJaccard(std::string_view a, std::string_view b) {
  TokenList list_a(a);
  TokenList list_b(b);
  if (list_a.tokens().empty() || list_b.tokens().empty()) {
    return list_a.tokens().empty() && list_b.tokens().empty() ? 1.0 : 0.0;
  }
  size_t distinct_a = 0;
  size_t distinct_b = 0;
  size_t common = 0;
  if (list_a.tokens().size() <= kSmallTokenCount && list_b.tokens().size() <= kSmallTokenCount) {
    // Performance: names and addresses have a handful of tokens, where pairwise comparison beats
    // sorting (no sort call, most comparisons stop at the length); BM_TokenJaccard.
    const auto ta = list_a.tokens();
    const auto tb = list_b.tokens();
    for (size_t ia = 0; ia < ta.size(); ++ia) {
      if (Contains(ta.first(ia), ta[ia])) continue;
      ++distinct_a;
      common += Contains(tb, ta[ia]);
    }
    for (size_t ib = 0; ib < tb.size(); ++ib) distinct_b += !Contains(tb.first(ib), tb[ib]);
  } else {
    list_a.Sort();
    list_b.Sort();
    const auto ta = list_a.tokens();
    const auto tb = list_b.tokens();
    distinct_a = ta.size();
    distinct_b = tb.size();
    for (size_t ia = 0, ib = 0; ia < ta.size() && ib < tb.size();) {
      if (ta[ia] < tb[ib]) {
        ++ia;
      } else if (tb[ib] < ta[ia]) {
        ++ib;
      } else {
        ++common;
        ++ia;
        ++ib;
      }
    }
  }
  return static_cast<double>(common) / static_cast<double>(distinct_a + distinct_b - common);
}

double TokenSetSimilarity(std::string_view a, std::string_view b, double score_cutoff) {
  TokenList set_a(a);
  TokenList set_b(b);
  set_a.Sort();
  set_b.Sort();
  const auto ta = set_a.tokens();
  const auto tb = set_b.tokens();
  if (ta.empty() || tb.empty()) {
    const double score = ta.empty() && tb.empty() ? 1.0 : 0.0;
    return score >= score_cutoff ? score : 0.0;
  }
  // The joined differences; each fits in the bytes of its source string.
  InlineBuffer<char, 256> buffer;
  char* const diff_ab = buffer.Reserve(a.size() + b.size());
  char* const diff_ba = diff_ab + a.size();
  size_t ab_len = 0;
  size_t ba_len = 0;
  size_t sect_chars = 0;  // characters of join(I)
  size_t sect_tokens = 0;
  for (size_t ia = 0, ib = 0; ia < ta.size() || ib < tb.size();) {
    if (ib == tb.size() || (ia < ta.size() && ta[ia] < tb[ib])) {
      AppendJoined(ta[ia++], diff_ab, &ab_len);
    } else if (ia == ta.size() || tb[ib] < ta[ia]) {
      AppendJoined(tb[ib++], diff_ba, &ba_len);
    } else {
      sect_chars += CountChars(ta[ia]) + (sect_tokens > 0);
      ++sect_tokens;
      ++ia;
      ++ib;
    }
  }
  if (sect_tokens > 0 && (ab_len == 0 || ba_len == 0)) return score_cutoff <= 1.0 ? 1.0 : 0.0;
  const std::string_view ab(diff_ab, ab_len);
  const std::string_view ba(diff_ba, ba_len);
  const size_t ab_chars = CountChars(ab);
  const size_t ba_chars = CountChars(ba);
  const size_t sep = sect_tokens > 0 ? 1 : 0;
  const size_t sect_ab_chars = sect_chars + sep + ab_chars;
  const size_t sect_ba_chars = sect_chars + sep + ba_chars;
  // t_ab and t_ba share the prefix s + " ", so their Indel distance is that of d_ab and d_ba.
  const size_t diff_distance = ab_chars + ba_chars - 2 * size_t{Lcs(ab, ba)};
  double score = IndelSimilarity(diff_distance, sect_ab_chars + sect_ba_chars);
  if (sect_tokens > 0) {
    // s is a prefix of t_ab: the distance is the appended " " + d_ab.
    score = std::max(score, IndelSimilarity(sep + ab_chars, sect_chars + sect_ab_chars));
    score = std::max(score, IndelSimilarity(sep + ba_chars, sect_chars + sect_ba_chars));
  }
  return score >= score_cutoff ? score : 0.0;
}

}  // namespace idforge::compare
