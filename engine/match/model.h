// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// The Fellegi-Sunter match model (Fellegi & Sunter 1969): for each comparison level, m = P(level |
// the records match) and u = P(level | they don't); the Bayes factor m/u of each observed level
// multiplies the prior odds. model.json is this structure, readable by a person.
#pragma once

#include <cmath>
#include <string>
#include <string_view>
#include <vector>

#include "engine/match/comparisons.h"
#include "idforge/status.h"

namespace idforge::match {

struct LevelParameters {
  double m = 0;
  double u = 0;
};

struct ComparisonModel {
  Comparison comparison;
  std::vector<LevelParameters> levels;  // index = level; levels[0] (null) is neutral
};

class MatchModel {
 public:
  std::vector<ComparisonModel> comparisons;
  std::vector<std::string> blocking_rules;
  // Probability that two records drawn at random match (the prior).
  double lambda = 1e-4;
  // A pair is a match when its probability reaches this.
  double threshold = 0.9;

  // log2(m/u) of `level`; 0 for the null level (missing values are neutral).
  double LogBayesFactor(size_t comparison, uint8_t level) const {
    if (level == kNullLevel) return 0;
    const LevelParameters& p = comparisons[comparison].levels[level];
    return std::log2(p.m / p.u);
  }
  double PriorLogOdds() const { return std::log2(lambda / (1 - lambda)); }
  // log2 odds threshold equivalent to `threshold`.
  double ThresholdWeight() const { return std::log2(threshold / (1 - threshold)); }

  // Pretty JSON (model.json): comparisons with their levels' m, u and Bayes factor.
  std::string ToJson() const;
  // Reads model.json; messages name `display_name` and the JSON path.
  static Result<MatchModel> FromJson(std::string_view json, std::string_view display_name);
  // Checks that every m and u is in (0, 1] and each comparison's m and u sum to ~1.
  Status Validate() const;
};

inline double ProbabilityFromWeight(double weight) { return 1.0 / (1.0 + std::exp2(-weight)); }

}  // namespace idforge::match
