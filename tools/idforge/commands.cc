// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// The small commands: train, explain and eval.
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "engine/eval/labels.h"
#include "engine/eval/metrics.h"
#include "engine/eval/samples.h"
#include "engine/job/job_file.h"
#include "tools/idforge/cli.h"
#include "tools/idforge/commands.h"

namespace idforge::cli {

int TrainCommand(const Args& args) {
  if (args.positional.size() != 1 || args.model_out.empty()) {
    std::fprintf(stderr, "idforge train: usage: idforge train JOB.json --model-out MODEL.json\n");
    return kExitUsage;
  }
  Result<idforge::JobSpec> job = idforge::job::ParseJobFile(args.positional[0]);
  if (!job.ok()) return ReportError("train", job.status());
  Result<idforge::TrainSummary> summary =
      idforge::TrainJob(*job, BaseOptions("train", args), args.model_out);
  if (!summary.ok()) return ReportError("train", summary.status());
  std::printf("idforge train: %u records, %zu comparisons; prior %.3g; model written to %s\n",
              summary->records, summary->comparisons, summary->prior, summary->model_path.c_str());
  return kExitOk;
}

namespace {

std::optional<idforge::RecordRef> ParseRecordRef(const std::string& text) {
  const size_t colon = text.find(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == text.size()) return std::nullopt;
  return idforge::RecordRef{text.substr(0, colon), text.substr(colon + 1)};
}

}  // namespace

int ExplainCommand(const Args& args) {
  if (args.positional.size() != 3) {
    std::fprintf(stderr, "idforge explain: usage: idforge explain JOB.json SOURCE:ID SOURCE:ID\n");
    return kExitUsage;
  }
  const std::optional<idforge::RecordRef> a = ParseRecordRef(args.positional[1]);
  const std::optional<idforge::RecordRef> b = ParseRecordRef(args.positional[2]);
  if (!a || !b) {
    std::fprintf(stderr, "idforge explain: records are SOURCE:ID, e.g. crm:0035g00000A6IDYAA3\n");
    return kExitUsage;
  }
  Result<idforge::JobSpec> job = idforge::job::ParseJobFile(args.positional[0]);
  if (!job.ok()) return ReportError("explain", job.status());
  Result<std::string> text = idforge::ExplainPair(*job, BaseOptions("explain", args), *a, *b);
  if (!text.ok()) return ReportError("explain", text.status());
  std::fputs(text->c_str(), stdout);
  return kExitOk;
}

int EvalCommand(const Args& args) {
  if (args.truth.empty() || args.crosswalk.empty() || !args.positional.empty()) {
    std::fprintf(stderr, "idforge eval: usage: idforge eval --truth TRUTH.csv --crosswalk CROSSWALK.csv\n");
    return kExitUsage;
  }
  Result<idforge::eval::TruthTable> truth = idforge::eval::LoadTruth(args.truth);
  if (!truth.ok()) return ReportError("eval", truth.status());
  Result<idforge::eval::Crosswalk> crosswalk = idforge::eval::LoadCrosswalk(args.crosswalk);
  if (!crosswalk.ok()) return ReportError("eval", crosswalk.status());
  const idforge::eval::Evaluation e = idforge::eval::Evaluate(*truth, *crosswalk);
  std::printf("records %llu (only in truth %llu, only in crosswalk %llu); entities: true %llu, "
              "predicted %llu\n",
              static_cast<unsigned long long>(e.records_evaluated),
              static_cast<unsigned long long>(e.records_only_in_truth),
              static_cast<unsigned long long>(e.records_only_in_crosswalk),
              static_cast<unsigned long long>(e.true_entities),
              static_cast<unsigned long long>(e.predicted_entities));
  std::printf("pairwise: precision %.4f  recall %.4f  F1 %.4f  (TP %llu, FP %llu, FN %llu)\n",
              e.pairwise.precision, e.pairwise.recall, e.pairwise.f1,
              static_cast<unsigned long long>(e.pairwise.true_positives),
              static_cast<unsigned long long>(e.pairwise.false_positives),
              static_cast<unsigned long long>(e.pairwise.false_negatives));
  std::printf("B-cubed:  precision %.4f  recall %.4f  F1 %.4f\n", e.bcubed.precision,
              e.bcubed.recall, e.bcubed.f1);
  auto show = [](const char* title, const std::vector<idforge::eval::ErrorSample>& samples) {
    if (samples.empty()) return;
    std::printf("%s:\n", title);
    for (const auto& sample : samples) {
      std::printf("  %s:%s (entity %s) ~ %s:%s (entity %s)\n", sample.a.source.c_str(),
                  sample.a.source_id.c_str(), sample.a.entity_id.c_str(), sample.b.source.c_str(),
                  sample.b.source_id.c_str(), sample.b.entity_id.c_str());
    }
  };
  show("false merges (sample)", idforge::eval::SampleFalseMerges(*truth, *crosswalk, 5));
  show("missed matches (sample)", idforge::eval::SampleMissedMatches(*truth, *crosswalk, 5));
  return kExitOk;
}

}  // namespace idforge::cli
