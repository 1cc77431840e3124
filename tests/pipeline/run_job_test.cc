// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// RunJob end to end on the bundled sample: every record is accepted or rejected (none lost), the
// outputs are written, and they do not depend on the thread count or chunk size.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "engine/job/job_file.h"
#include "idforge/idforge.h"
#include "tests/testing/test_util.h"

namespace idforge {
namespace {

JobSpec SampleJob() {
  auto job = job::ParseJobFile(test::SourceDir() + "/datasets/sample/job.json");
  EXPECT_TRUE(job.ok()) << job.status().ToString();
  return job.ok() ? *job : JobSpec{};
}

// report.json without its "run" object (timings and memory vary by nature).
std::string DeterministicReport(const std::string& dir) {
  std::string report = test::ReadFileOrDie(dir + "/report.json");
  const size_t run = report.find("\n  \"run\":");
  return run == std::string::npos ? report : report.substr(0, run);
}

TEST(RunJobTest, SampleRunAccountsForEveryRecord) {
  test::TempDir out;
  RunOptions options;
  options.out_dir = out.path();
  auto summary = RunJob(SampleJob(), options);
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  ASSERT_EQ(summary->sources.size(), 3u);
  uint64_t read = 0;
  for (const SourceSummary& source : summary->sources) {
    EXPECT_EQ(source.accepted + source.rejected, source.records_read) << source.name;
    read += source.records_read;
  }
  // The generator wrote 3,121 data rows, 6 of them deliberately bad (datasets/sample/README.md).
  EXPECT_EQ(read, 3121u);
  EXPECT_EQ(summary->records_rejected, 6u);
  EXPECT_TRUE(std::filesystem::exists(out.path() + "/rejects.csv"));
  EXPECT_TRUE(std::filesystem::exists(out.path() + "/report.json"));
  const std::string rejects = test::ReadFileOrDie(out.path() + "/rejects.csv");
  EXPECT_NE(rejects.find("crm,254,54156,\"field_count_mismatch"), std::string::npos) << rejects;
  EXPECT_NE(rejects.find("marketing,420,"), std::string::npos);
  EXPECT_NE(rejects.find("shop,778,370668,\"not_an_object"), std::string::npos);
  EXPECT_TRUE(summary->stages_missing.empty());  // the sample asks for nothing unbuilt
  // Every accepted record is in the crosswalk exactly once.
  const std::string crosswalk = test::ReadFileOrDie(out.path() + "/crosswalk.csv");
  EXPECT_EQ(static_cast<uint64_t>(std::count(crosswalk.begin(), crosswalk.end(), '\n')),
            summary->records_accepted + 1);
  EXPECT_TRUE(std::filesystem::exists(out.path() + "/model.json"));
}

TEST(RunJobTest, TruthFileAddsAccuracyToTheSummary) {
  test::TempDir out;
  RunOptions options;
  options.out_dir = out.path();
  options.truth_path = test::SourceDir() + "/datasets/sample/truth.csv";
  auto summary = RunJob(SampleJob(), options);
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  ASSERT_TRUE(summary->evaluated);
  // Floors well below the measured values (bench/accuracy/RESULTS.md): they catch regressions
  // that break matching, not tuning noise.
  EXPECT_GT(summary->precision, 0.8);
  EXPECT_GT(summary->recall, 0.85);
  EXPECT_GT(summary->blocking_recall, 0.9);
  const std::string report = test::ReadFileOrDie(out.path() + "/report.json");
  EXPECT_NE(report.find("\"evaluation\""), std::string::npos);
}

TEST(RunJobTest, OutputsDoNotDependOnThreadsOrChunkSize) {
  std::string reference_rejects;
  std::string reference_report;
  std::string reference_crosswalk;
  std::string reference_model;
  JobSpec job = SampleJob();
  job.matching_json = R"({"u_sample_pairs": 200000})";  // a smaller u sample keeps the test fast
  for (int threads : {1, 2, 8}) {
    for (size_t chunk : {size_t{1} << 10, size_t{64} << 20}) {
      SCOPED_TRACE("threads=" + std::to_string(threads) + " chunk=" + std::to_string(chunk));
      test::TempDir out;
      RunOptions options;
      options.out_dir = out.path();
      options.threads = threads;
      options.read.chunk_bytes = chunk;
      options.read.window_bytes = std::max<size_t>(chunk * 4, 256 << 10);
      auto summary = RunJob(job, options);
      ASSERT_TRUE(summary.ok()) << summary.status().ToString();
      const std::string rejects = test::ReadFileOrDie(out.path() + "/rejects.csv");
      const std::string report = DeterministicReport(out.path());
      const std::string crosswalk = test::ReadFileOrDie(out.path() + "/crosswalk.csv");
      const std::string model = test::ReadFileOrDie(out.path() + "/model.json");
      if (reference_rejects.empty()) {
        reference_rejects = rejects;
        reference_report = report;
        reference_crosswalk = crosswalk;
        reference_model = model;
      }
      EXPECT_EQ(rejects, reference_rejects);
      EXPECT_EQ(report, reference_report);
      EXPECT_EQ(crosswalk, reference_crosswalk);
      EXPECT_EQ(model, reference_model);
    }
  }
}

TEST(RunJobTest, FailModeStopsWithCorruptInputAndWritesNothing) {
  JobSpec job = SampleJob();
  job.on_error = OnError::kFail;
  test::TempDir out;
  RunOptions options;
  options.out_dir = out.path() + "/results";
  auto summary = RunJob(job, options);
  ASSERT_FALSE(summary.ok());
  EXPECT_EQ(summary.status().code(), StatusCode::kCorruptInput);
  EXPECT_NE(summary.status().message().find("crm.csv:254"), std::string::npos)
      << summary.status().message();
  EXPECT_FALSE(std::filesystem::exists(out.path() + "/results/report.json"));
}

TEST(RunJobTest, MissingInputFileIsNotFound) {
  JobSpec job = SampleJob();
  job.sources[1].path = "/nonexistent/marketing.csv";
  test::TempDir out;
  RunOptions options;
  options.out_dir = out.path();
  auto summary = RunJob(job, options);
  ASSERT_FALSE(summary.ok());
  EXPECT_EQ(summary.status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace idforge
