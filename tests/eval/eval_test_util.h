// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Builders for the small truth tables and crosswalks the eval tests write by hand.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/eval/labels.h"

namespace idforge::eval::fixtures {

struct LabelRow {
  std::string source;
  std::string source_id;
  std::string label;
};

// prefix + n. (Not `"t" + std::to_string(n)`: GCC 12 at -O3 warns -Wrestrict on that, a
// false positive, GCC bug 105329.)
template <typename Int>
std::string Name(std::string_view prefix, Int n) {
  std::string out(prefix);
  out += std::to_string(n);
  return out;
}

template <typename Table>
Table Make(const std::vector<LabelRow>& rows) {
  Table table;
  for (const LabelRow& row : rows) {
    const Status status = table.Add(row.source, row.source_id, row.label);
    EXPECT_TRUE(status.ok()) << status.ToString();
  }
  return table;
}

// Records "1".."n" of source "s", labelled by `labels` (labels[i] is record i + 1's label).
template <typename Table>
Table FromLabels(const std::vector<std::string>& labels) {
  std::vector<LabelRow> rows;
  for (size_t index = 0; index < labels.size(); ++index) {
    rows.push_back({"s", std::to_string(index + 1), labels[index]});
  }
  return Make<Table>(rows);
}

}  // namespace idforge::eval::fixtures
