// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Clustering accuracy against ground truth: pairwise precision/recall/F1 (over all record pairs:
// a pair is predicted when both records share a golden_id, true when they share an entity_id)
// and B-cubed precision/recall/F1 (Bagga & Baldwin 1998, per record, averaged over records).
#pragma once

#include <cstdint>

#include "engine/eval/labels.h"

namespace idforge::eval {

struct PairwiseMetrics {
  uint64_t true_positives = 0;   // pairs together in both the truth and the prediction
  uint64_t false_positives = 0;  // predicted together, different truth entities (false merges)
  uint64_t false_negatives = 0;  // same truth entity, predicted apart (missed matches)
  double precision = 1.0;        // TP / (TP + FP); 1 when no pair is predicted
  double recall = 1.0;           // TP / (TP + FN); 1 when the truth has no pair
  double f1 = 1.0;               // harmonic mean of the two; 0 when both are 0
};

struct BCubedMetrics {
  double precision = 1.0;  // mean over records of |cluster ∩ entity| / |cluster|
  double recall = 1.0;     // mean over records of |cluster ∩ entity| / |entity|
  double f1 = 1.0;         // harmonic mean of the two means
};

struct Evaluation {
  PairwiseMetrics pairwise;
  BCubedMetrics bcubed;
  // Records the metrics cover: the union of both files (in both, or in only one of them).
  uint64_t records_evaluated = 0;
  uint64_t records_only_in_truth = 0;      // e.g. rejected by the run
  uint64_t records_only_in_crosswalk = 0;  // e.g. not labelled in the truth file
  uint64_t true_entities = 0;              // distinct entity_id values in the truth file
  uint64_t predicted_entities = 0;         // distinct golden_id values in the crosswalk
};

// Scores `crosswalk` against `truth` over the union of their records.
//
// A record missing from one side counts as a singleton on that side. So a record the run dropped
// (e.g. rejected) loses all its true pairs as false negatives, and a record the truth does not
// list is a separate entity, so merging it with anything is a false positive. This never
// flatters a run that drops hard records, and with identical record sets it is the usual metric.
//
// Complexity: O(n + sum of k log k over entities of k records) time, O(n) memory in the number
// of records n (counting sort by entity, then each entity's records by golden id); pairs are never
// enumerated: pair counts come from the contingency table of (entity, golden id) cell sizes,
// TP = sum over cells of C(size, 2). Deterministic.
Evaluation Evaluate(const TruthTable& truth, const Crosswalk& crosswalk);

}  // namespace idforge::eval
