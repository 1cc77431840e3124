// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
#include "engine/profiles/links.h"

#include <algorithm>
#include <numeric>
#include <string_view>

#include "engine/common/hash.h"
#include "engine/profiles/profile.h"

namespace idforge::profiles {
namespace {

struct Token {
  uint64_t hash;
  uint32_t row;
  uint32_t column;  // extra index: ids of two namespaces never link
  std::string_view id;
};

uint32_t Find(std::vector<uint32_t>& parent, uint32_t x) {
  while (parent[x] != x) {
    parent[x] = parent[parent[x]];
    x = parent[x];
  }
  return x;
}

}  // namespace

KnownLinks FindKnownLinks(const RecordTable& table) {
  KnownLinks out;
  std::vector<Token> tokens;
  for (size_t e = 0; e < table.extra_names().size(); ++e) {
    if (!table.extra_names()[e].starts_with(kLinkPrefix)) continue;
    const StringColumn& column = table.extra(e);
    for (uint32_t row = 0; row < table.row_count(); ++row) {
      const std::string_view cell = column.Get(row);
      size_t pos = 0;
      while (pos < cell.size()) {
        size_t end = cell.find(' ', pos);
        if (end == std::string_view::npos) end = cell.size();
        const std::string_view id = cell.substr(pos, end - pos);
        if (!id.empty()) {
          tokens.push_back({HashKey(id) ^ (uint64_t{e} * 0x9E3779B97F4A7C15ull), row,
                            static_cast<uint32_t>(e), id});
        }
        pos = end + 1;
      }
    }
  }
  if (tokens.empty()) return out;
  std::sort(tokens.begin(), tokens.end(), [](const Token& a, const Token& b) {
    if (a.hash != b.hash) return a.hash < b.hash;
    if (a.column != b.column) return a.column < b.column;
    if (a.id != b.id) return a.id < b.id;
    return a.row < b.row;
  });
  for (size_t begin = 0; begin < tokens.size();) {
    size_t end = begin + 1;
    while (end < tokens.size() && tokens[end].hash == tokens[begin].hash &&
           tokens[end].column == tokens[begin].column && tokens[end].id == tokens[begin].id) {
      ++end;
    }
    // A star from the group's first row: enough to connect it.
    for (size_t i = begin + 1; i < end; ++i) {
      if (tokens[i].row != tokens[begin].row) {
        out.edges.push_back({tokens[begin].row, tokens[i].row, kKnownLinkWeight});
      }
    }
    begin = end;
  }
  for (Edge& edge : out.edges) {
    if (edge.a > edge.b) std::swap(edge.a, edge.b);
  }
  std::sort(out.edges.begin(), out.edges.end(),
            [](const Edge& x, const Edge& y) { return x.a != y.a ? x.a < y.a : x.b < y.b; });
  out.edges.erase(std::unique(out.edges.begin(), out.edges.end(),
                              [](const Edge& x, const Edge& y) { return x.a == y.a && x.b == y.b; }),
                  out.edges.end());
  if (out.edges.empty()) return out;
  std::vector<uint32_t> parent(table.row_count());
  std::iota(parent.begin(), parent.end(), 0u);
  for (const Edge& edge : out.edges) {
    const uint32_t ra = Find(parent, edge.a);
    const uint32_t rb = Find(parent, edge.b);
    if (ra != rb) parent[std::max(ra, rb)] = std::min(ra, rb);
  }
  out.group_of.resize(table.row_count());
  for (uint32_t row = 0; row < table.row_count(); ++row) out.group_of[row] = Find(parent, row);
  return out;
}

}  // namespace idforge::profiles
