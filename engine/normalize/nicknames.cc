// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// The nickname table: parsed once from the embedded CSV into an open-addressing hash table of
// folded names. Immutable after construction, so lookups from any number of threads take no lock.
#include "engine/normalize/nicknames.h"

#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "engine/common/hash.h"
#include "engine/normalize/name.h"
#include "engine/normalize/text.h"

namespace idforge::normalize {
namespace {

class NicknameTable {
 public:
  explicit NicknameTable(std::string_view csv) { Build(ParseRows(csv)); }
  NicknameTable(const NicknameTable&) = delete;
  NicknameTable& operator=(const NicknameTable&) = delete;

  struct Entry {
    std::string_view name;    // folded nickname or formal name (or one word of a formal name)
    std::string_view formal;  // its unambiguous formal name; empty when there is none
  };

  // nullptr when `name` is not in the table. O(1) expected: one hash, ~1.2 probes at load <= 0.5.
  const Entry* Find(std::string_view name) const {
    if (name.empty()) return nullptr;
    for (uint64_t slot = HashKey(name) & mask_;; slot = (slot + 1) & mask_) {
      const uint32_t entry = slots_[slot];
      if (entry == 0) return nullptr;
      if (entries_[entry - 1].name == name) return &entries_[entry - 1];
    }
  }

 private:
  using Row = std::pair<std::string, std::string>;  // folded nickname, folded formal

  // `nickname,formal,language` lines; the header, blank lines and `#` comments are skipped.
  static std::vector<Row> ParseRows(std::string_view csv) {
    std::vector<Row> rows;
    size_t pos = 0;
    bool header = true;
    while (pos < csv.size()) {
      size_t end = csv.find('\n', pos);
      if (end == std::string_view::npos) end = csv.size();
      std::string_view line = csv.substr(pos, end - pos);
      pos = end + 1;
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (line.empty() || line.front() == '#') continue;
      if (std::exchange(header, false)) continue;
      const size_t comma1 = line.find(',');
      const size_t comma2 = comma1 == std::string_view::npos ? comma1 : line.find(',', comma1 + 1);
      if (comma2 == std::string_view::npos) continue;  // tests/normalize checks every row parses
      Row row;
      FoldText(line.substr(0, comma1), row.first);
      FoldText(line.substr(comma1 + 1, comma2 - comma1 - 1), row.second);
      if (!row.first.empty() && !row.second.empty()) rows.push_back(std::move(row));
    }
    return rows;
  }

  void Build(std::vector<Row> rows) {
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    // Nicknames first: a nickname with several formal names maps to none (ambiguous).
    std::vector<Row> names;
    for (size_t idx = 0; idx < rows.size();) {
      size_t group_end = idx;
      while (group_end < rows.size() && rows[group_end].first == rows[idx].first) ++group_end;
      names.emplace_back(rows[idx].first, group_end - idx == 1 ? rows[idx].second : "");
      idx = group_end;
    }
    // Then the formal names and their words (`maria` from `maria teresa`), as known names.
    for (const Row& row : rows) {
      names.emplace_back(row.second, "");
      for (size_t pos = 0; pos < row.second.size();) {
        size_t end = row.second.find(' ', pos);
        if (end == std::string::npos) end = row.second.size();
        if (end != row.second.size() || pos != 0)
          names.emplace_back(row.second.substr(pos, end - pos), "");
        pos = end + 1;
      }
    }
    // One entry per name, nickname entries winning (they come first, stable).
    std::stable_sort(names.begin(), names.end(),
                     [](const Row& a, const Row& b) { return a.first < b.first; });
    names.erase(std::unique(names.begin(), names.end(),
                            [](const Row& a, const Row& b) { return a.first == b.first; }),
                names.end());

    // Views into one buffer sized up front, so they never move.
    size_t bytes = 0;
    for (const Row& row : names) bytes += row.first.size() + row.second.size();
    bytes_.reserve(bytes);
    entries_.reserve(names.size());
    for (const Row& row : names) {
      const size_t name_at = bytes_.size();
      bytes_ += row.first;
      const size_t formal_at = bytes_.size();
      bytes_ += row.second;
      entries_.push_back({std::string_view(bytes_).substr(name_at, row.first.size()),
                          std::string_view(bytes_).substr(formal_at, row.second.size())});
    }
    size_t capacity = 16;
    while (capacity < 2 * entries_.size()) capacity *= 2;
    slots_.assign(capacity, 0);
    mask_ = capacity - 1;
    for (size_t idx = 0; idx < entries_.size(); ++idx) {
      uint64_t slot = HashKey(entries_[idx].name) & mask_;
      while (slots_[slot] != 0) slot = (slot + 1) & mask_;
      slots_[slot] = static_cast<uint32_t>(idx + 1);
    }
  }

  std::string bytes_;
  std::vector<Entry> entries_;
  std::vector<uint32_t> slots_;  // entry index + 1; 0 = empty
  uint64_t mask_ = 0;
};

// Built on first use (C++11 guarantees one thread-safe initialization), then read-only.
const NicknameTable& Table() {
  static const NicknameTable table(EmbeddedNicknamesCsv());
  return table;
}

}  // namespace

std::string_view CanonicalGivenName(std::string_view folded_first) {
  const NicknameTable::Entry* entry = Table().Find(folded_first);
  return entry != nullptr && !entry->formal.empty() ? entry->formal : folded_first;
}

bool IsKnownGivenName(std::string_view folded) { return Table().Find(folded) != nullptr; }

}  // namespace idforge::normalize
