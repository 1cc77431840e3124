// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// report.html from a hand-built RunStats: the page is well-formed enough for a browser, has every
// section, escapes hostile strings, references nothing outside itself, and is deterministic.
#include "engine/report/html_report.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/testing/test_util.h"

namespace idforge::report {
namespace {

constexpr std::string_view kHostile = "<script>alert('x')</script>";

size_t Occurrences(std::string_view text, std::string_view needle) {
  size_t count = 0;
  for (size_t pos = text.find(needle); pos != std::string_view::npos;
       pos = text.find(needle, pos + needle.size())) {
    ++count;
  }
  return count;
}

struct Fixture {
  ReportContext context;
  std::vector<SourceInfo> sources;
  RunStats stats;
  RejectLog rejects;
};

// Two sources, one with a hostile name and hostile column/value strings everywhere a string goes.
Fixture MakeFixture(bool with_evaluation) {
  Fixture f;
  f.context = {.job_path = "jobs/\"demo\".json",
               .command = "run",
               .stages_done = {"read", "normalize", "block", "match", "cluster", "survive"},
               .stages_missing = {"over-merge guards on clusters (issue #5)"},
               .threads = 2,
               .record_store_bytes = 123456,
               .record_count = 1500};
  f.sources = {{.name = "crm"}, {.name = std::string(kHostile)}};
  f.stats.sources().push_back({.name = "crm",
                               .path = "crm.csv",
                               .format = "csv",
                               .compression = "none",
                               .encoding = "utf-8",
                               .delimiter = ",",
                               .delimiter_detected = true,
                               .file_bytes = 40000,
                               .records_read = 1002,
                               .accepted = 1000,
                               .rejected = 2,
                               .unmapped_columns = {"loyalty_tier"}});
  f.stats.sources().push_back({.name = std::string(kHostile),
                               .path = std::string(kHostile) + ".jsonl",
                               .format = "jsonl",
                               .compression = "gzip",
                               .encoding = "utf-8",
                               .records_read = 500,
                               .accepted = 500,
                               .unmapped_columns = {std::string(kHostile)}});
  f.rejects.Add({.source = 0, .line = 7, .reason = RejectReason::kFieldCountMismatch});
  f.rejects.Add({.source = 0, .line = 9, .reason = RejectReason::kMissingId});

  f.stats.quality().resize(2);
  f.stats.quality()[0][static_cast<size_t>(Field::kEmail)] = {
      .filled = 900, .valid = 820, .invalid = 50, .junk = 30};
  f.stats.quality()[0][static_cast<size_t>(Field::kLastName)] = {.filled = 1000, .valid = 1000};
  f.stats.quality()[1][static_cast<size_t>(Field::kEmail)] = {
      .filled = 480, .valid = 470, .junk = 10};

  MatchStats& match = f.stats.match();
  match.ran = true;
  match.model_trained = true;
  match.rules = {{.rule = "email_canonical",
                  .records_with_key = 1290,
                  .blocks = 800,
                  .candidate_pairs = 1200,
                  .pairs_scored = 1200},
                 {.rule = std::string(kHostile), .records_with_key = 10, .blocks = 2}};
  match.generic_values = {
      {.rule = "email_canonical", .masked_value = std::string(kHostile), .size = 400}};
  match.model = {{.comparison = "email", .level = "exact", .m = 0.9, .u = 0.0001},
                 {.comparison = "email", .level = "else", .m = 0.1, .u = 0.9999},
                 {.comparison = std::string(kHostile), .level = "exact", .m = 0.5, .u = 0.0}};
  match.prior = 0.001;
  match.threshold = 0.9;
  match.pairs_scored = 1200;
  match.matches = 300;
  match.histogram_min = -40;
  match.weight_histogram.assign(82, 0);
  match.weight_histogram[30] = 700;  // weight -11
  match.weight_histogram[38] = 200;  // weight -3
  match.weight_histogram[50] = 300;  // weight 9
  match.entities = 1100;
  match.entity_sizes = {{1, 800}, {2, 250}, {3, 40}, {6, 9}, {12, 1}};
  match.source_overlap = {{900, 150}, {150, 350}};
  match.duplicate_records = {100, 150};

  if (with_evaluation) {
    EvaluationStats& e = f.stats.evaluation();
    e.ran = true;
    e.truth_path = "truth.csv";
    e.records_evaluated = 1500;
    e.precision = 0.981;
    e.recall = 0.912;
    e.f1 = 0.945;
    e.bcubed_f1 = 0.96;
    e.blocking_recall = 0.99;
    e.false_merges = {{std::string(kHostile), "crm:42 (entity 7)"}};
    e.missed_matches = {{"crm:1", "crm:2"}};
  }
  f.stats.AddTiming({.stage = "read", .seconds = 0.25, .items = 1500, .item_unit = "records"});
  return f;
}

std::string Render(const Fixture& f, const test::TempDir& dir) {
  const std::string path = dir.path() + "/report.html";
  const Status status = WriteReportHtml(path, f.context, f.sources, f.stats, f.rejects);
  EXPECT_TRUE(status.ok()) << status.ToString();
  return test::ReadFileOrDie(path);
}

TEST(HtmlReportTest, EscapesAllFiveSpecialCharacters) {
  EXPECT_EQ(HtmlEscape("a&b<c>d\"e'f"), "a&amp;b&lt;c&gt;d&quot;e&#39;f");
  EXPECT_EQ(HtmlEscape(""), "");
  EXPECT_EQ(HtmlEscape("Zoë Müller"), "Zoë Müller");
}

TEST(HtmlReportTest, PageIsWellFormedAndHasEverySection) {
  test::TempDir dir;
  const std::string html = Render(MakeFixture(/*with_evaluation=*/true), dir);
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(html.find("</html>"), std::string::npos);
  EXPECT_GT(Occurrences(html, "<svg "), 4u);
  EXPECT_EQ(Occurrences(html, "<svg "), Occurrences(html, "</svg>"));
  EXPECT_EQ(Occurrences(html, "<table>"), Occurrences(html, "</table>"));
  EXPECT_EQ(Occurrences(html, "<section "), Occurrences(html, "</section>"));
  for (std::string_view heading : {"<h1>idforge report</h1>", "<h2>Inputs</h2>",
                                   "<h2>Data quality</h2>", "<h2>Duplicates and overlap</h2>",
                                   "<h2>Matching</h2>", "<h2>Evaluation</h2>", "<h2>Run</h2>"}) {
    EXPECT_NE(html.find(heading), std::string::npos) << heading;
  }
  EXPECT_NE(html.find("example values are masked"), std::string::npos);
  EXPECT_NE(html.find("over-merge guards on clusters (issue #5)"), std::string::npos);
  EXPECT_NE(html.find("threshold"), std::string::npos);
}

TEST(HtmlReportTest, NumbersAreFormattedForPeople) {
  test::TempDir dir;
  const std::string html = Render(MakeFixture(/*with_evaluation=*/true), dir);
  EXPECT_NE(html.find("1,502"), std::string::npos);  // records read
  EXPECT_NE(html.find("1,100"), std::string::npos);  // entities
  EXPECT_NE(html.find("82.0%"), std::string::npos);  // crm email valid share
  EXPECT_NE(html.find("98.1%"), std::string::npos);  // pairwise precision
  EXPECT_NE(html.find("9,000"), std::string::npos);  // Bayes factor of email exact
  EXPECT_NE(html.find("field_count_mismatch: 1"), std::string::npos);
}

TEST(HtmlReportTest, HostileStringsNeverAppearRaw) {
  test::TempDir dir;
  const std::string html = Render(MakeFixture(/*with_evaluation=*/true), dir);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("alert('x')"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"), std::string::npos);
  EXPECT_EQ(html.find("jobs/\"demo\""), std::string::npos);
}

TEST(HtmlReportTest, ReferencesNothingOutsideThePage) {
  test::TempDir dir;
  const std::string html = Render(MakeFixture(/*with_evaluation=*/true), dir);
  EXPECT_EQ(html.find("http://"), std::string::npos);
  EXPECT_EQ(html.find("https://"), std::string::npos);
  EXPECT_EQ(html.find("src="), std::string::npos);
  EXPECT_EQ(html.find("@import"), std::string::npos);
  EXPECT_EQ(html.find("url("), std::string::npos);
  EXPECT_LT(html.size(), 200u * 1024);
}

TEST(HtmlReportTest, EvaluationSectionIsAbsentWhenNotRun) {
  test::TempDir dir;
  const std::string html = Render(MakeFixture(/*with_evaluation=*/false), dir);
  EXPECT_EQ(html.find("<h2>Evaluation</h2>"), std::string::npos);
  EXPECT_EQ(html.find("#evaluation"), std::string::npos);
  EXPECT_NE(html.find("<h2>Run</h2>"), std::string::npos);
}

TEST(HtmlReportTest, EmptyRunStillHasEverySectionAndSaysWhatDidNotRun) {
  test::TempDir dir;
  Fixture f;
  f.context.command = "run";
  const std::string html = Render(f, dir);
  for (std::string_view heading :
       {"<h2>Inputs</h2>", "<h2>Data quality</h2>", "<h2>Duplicates and overlap</h2>",
        "<h2>Matching</h2>", "<h2>Run</h2>"}) {
    EXPECT_NE(html.find(heading), std::string::npos) << heading;
  }
  EXPECT_NE(html.find("Matching did not run"), std::string::npos);
  EXPECT_EQ(Occurrences(html, "<svg "), Occurrences(html, "</svg>"));
}

TEST(HtmlReportTest, OutputBeforeTheRunSectionIsDeterministic) {
  test::TempDir dir_a;
  test::TempDir dir_b;
  const std::string a = Render(MakeFixture(/*with_evaluation=*/true), dir_a);
  const std::string b = Render(MakeFixture(/*with_evaluation=*/true), dir_b);
  const size_t run_a = a.find("<section id=\"run\">");
  ASSERT_NE(run_a, std::string::npos);
  EXPECT_EQ(a.substr(0, run_a), b.substr(0, b.find("<section id=\"run\">")));
}

// A profile with a hostile top value and pattern: the profile sections render, escape them, and
// say whether values are masked.
Fixture WithProfile(bool unmasked, std::string command) {
  Fixture f = MakeFixture(/*with_evaluation=*/false);
  f.context.command = std::move(command);
  ProfileStats& profile = f.stats.profile();
  profile.ran = true;
  profile.values_unmasked = unmasked;
  SourceProfile crm;
  crm.records = 1000;
  crm.fields.push_back({.field = Field::kEmail,
                        .values = 900,
                        .distinct = 850,
                        .top_values = {{"j***@g***.com", 12}, {std::string(kHostile), 3}},
                        .patterns = 2,
                        .top_patterns = {{"aaaa+@aaaa+.aaa", 800}}});
  crm.exact_records = {.records = 1000, .distinct = 990, .duplicate_records = 10, .groups = 9,
                       .largest_group = 3};
  profile.sources = {crm, SourceProfile{.records = 500}};
  profile.pairs.push_back({.a = 0, .b = 1, .common_fields = {Field::kEmail}, .a_records_in_b = 4,
                           .b_records_in_a = 5, .shared_emails = 6, .shared_phones = 0});
  return f;
}

TEST(HtmlReportTest, ProfileSectionsRenderEscapedAndSayValuesAreMasked) {
  test::TempDir dir;
  const std::string html = Render(WithProfile(/*unmasked=*/false, "run"), dir);
  EXPECT_NE(html.find("<h2>Field profile</h2>"), std::string::npos);
  EXPECT_NE(html.find("<h2>Exact duplicates (before matching)</h2>"), std::string::npos);
  EXPECT_NE(html.find("<code>j***@g***.com</code> <span>12 (1.3%)</span>"), std::string::npos);
  EXPECT_EQ(html.find(kHostile), std::string::npos);
  EXPECT_NE(html.find("Top values are masked"), std::string::npos);
  EXPECT_NE(html.find("<details>"), std::string::npos);  // folded in a run's page
  EXPECT_NE(html.find("<b>10</b> (1.0%)"), std::string::npos);  // exact duplicates of crm
  EXPECT_EQ(Occurrences(html, "<table>"), Occurrences(html, "</table>"));
  EXPECT_EQ(Occurrences(html, "<details"), Occurrences(html, "</details>"));
  EXPECT_EQ(Occurrences(html, "<svg "), Occurrences(html, "</svg>"));
  EXPECT_NE(html.find("<h2>Matching</h2>"), std::string::npos);
}

TEST(HtmlReportTest, ProfilePageSaysItDidNotMatchAndWhenValuesAreUnmasked) {
  test::TempDir dir;
  const std::string html = Render(WithProfile(/*unmasked=*/true, "profile"), dir);
  EXPECT_NE(html.find("not matched"), std::string::npos);
  EXPECT_EQ(html.find("<h2>Matching</h2>"), std::string::npos);
  EXPECT_NE(html.find("<details open>"), std::string::npos);
  EXPECT_NE(html.find("shown <b>unmasked</b>"), std::string::npos);
  EXPECT_EQ(html.find("example values are masked"), std::string::npos);
}

}  // namespace
}  // namespace idforge::report
