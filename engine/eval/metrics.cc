// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
#include "engine/eval/metrics.h"

#include <algorithm>
#include <vector>

#include "engine/eval/join.h"

namespace idforge::eval {
namespace {

uint64_t Pairs(uint64_t n) { return n < 2 ? 0 : n * (n - 1) / 2; }

double Ratio(uint64_t numerator, uint64_t denominator) {
  return denominator == 0 ? 1.0 : static_cast<double>(numerator) / static_cast<double>(denominator);
}

double F1(double precision, double recall) {
  const double sum = precision + recall;
  return sum == 0.0 ? 0.0 : 2.0 * precision * recall / sum;
}

}  // namespace

Evaluation Evaluate(const TruthTable& truth, const Crosswalk& crosswalk) {
  const JoinedRecords joined = JoinRecords(truth, crosswalk);
  const size_t n = joined.size();

  Evaluation result;
  result.records_evaluated = n;
  result.records_only_in_truth = joined.only_in_truth;
  result.records_only_in_crosswalk = joined.only_in_crosswalk;
  result.true_entities = truth.label_count();
  result.predicted_entities = crosswalk.label_count();

  std::vector<uint32_t> truth_size(joined.truth_label_count, 0);
  std::vector<uint32_t> predicted_size(joined.predicted_label_count, 0);
  for (size_t u = 0; u < n; ++u) {
    ++truth_size[joined.truth_label[u]];
    ++predicted_size[joined.predicted_label[u]];
  }
  uint64_t true_pairs = 0;
  uint64_t predicted_pairs = 0;
  for (const uint32_t size : truth_size) true_pairs += Pairs(size);
  for (const uint32_t size : predicted_size) predicted_pairs += Pairs(size);

  // The contingency table's cells are the runs of equal (truth, predicted) labels. Performance:
  // a counting sort by truth label (O(n): labels are dense) and a sort of each entity's few
  // predicted labels visit the cells in (truth, predicted) order, as one sort of n 64-bit cell
  // keys did at 6x the cost (eval_benchmark: BM_Evaluate_Synthetic).
  std::vector<uint32_t> entity_begin(size_t{joined.truth_label_count} + 1, 0);
  for (uint32_t label = 0; label < joined.truth_label_count; ++label) {
    entity_begin[label + 1] = entity_begin[label] + truth_size[label];
  }
  std::vector<uint32_t> predicted_by_entity(n);
  {
    std::vector<uint32_t> fill(entity_begin.begin(), entity_begin.end() - 1);
    for (size_t u = 0; u < n; ++u) {
      predicted_by_entity[fill[joined.truth_label[u]]++] = joined.predicted_label[u];
    }
  }

  // B-cubed: each of the `size` records of a cell has |cluster ∩ entity| = size, so the cell adds
  // size² / |cluster| to the precision sum and size² / |entity| to the recall sum. Summed in
  // (truth, predicted) cell order, so the floating-point result is deterministic.
  uint64_t true_positives = 0;
  double precision_sum = 0.0;
  double recall_sum = 0.0;
  for (uint32_t label = 0; label < joined.truth_label_count; ++label) {
    const auto first = predicted_by_entity.begin() + entity_begin[label];
    const auto last = predicted_by_entity.begin() + entity_begin[label + 1];
    if (last - first > 1) std::sort(first, last);
    for (auto begin = first; begin != last;) {
      auto end = begin + 1;
      while (end != last && *end == *begin) ++end;
      const uint64_t size = static_cast<uint64_t>(end - begin);
      true_positives += Pairs(size);
      const double squared = static_cast<double>(size) * static_cast<double>(size);
      precision_sum += squared / predicted_size[*begin];
      recall_sum += squared / truth_size[label];
      begin = end;
    }
  }

  PairwiseMetrics& pairwise = result.pairwise;
  pairwise.true_positives = true_positives;
  pairwise.false_positives = predicted_pairs - true_positives;
  pairwise.false_negatives = true_pairs - true_positives;
  pairwise.precision = Ratio(true_positives, predicted_pairs);
  pairwise.recall = Ratio(true_positives, true_pairs);
  pairwise.f1 = F1(pairwise.precision, pairwise.recall);

  if (n > 0) {
    result.bcubed.precision = precision_sum / static_cast<double>(n);
    result.bcubed.recall = recall_sum / static_cast<double>(n);
  }
  result.bcubed.f1 = F1(result.bcubed.precision, result.bcubed.recall);
  return result;
}

}  // namespace idforge::eval
