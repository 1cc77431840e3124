// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// The generator end to end: determinism, truth coverage, the engine reads every record and finds
// the people, variation rates are honoured, memory is bounded by the batch.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <sstream>
#include <string>

#include "engine/gen/gen.h"
#include "engine/job/job_file.h"
#include "idforge/idforge.h"
#include "tests/testing/test_util.h"

namespace idforge::gen {
namespace {

GenerateOptions SmallOptions(const std::string& dir, uint64_t persons) {
  GenerateOptions options;
  options.persons = persons;
  options.seed = test::Seed();
  options.out_dir = dir;
  options.batch_persons = 256;  // many batches even for small tests
  return options;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

TEST(GenerateTest, SameSeedGivesIdenticalFilesForAnyThreadCount) {
  SCOPED_TRACE("IDFORGE_TEST_SEED=" + std::to_string(test::Seed()));
  test::TempDir one, two, other;
  GenerateOptions options = SmallOptions(one.path(), 3000);
  options.threads = 1;
  ASSERT_TRUE(Generate(options).ok());
  options.out_dir = two.path();
  options.threads = 2;
  ASSERT_TRUE(Generate(options).ok());
  options.out_dir = other.path();
  options.seed += 1;
  ASSERT_TRUE(Generate(options).ok());
  for (const char* file : {"crm.csv", "marketing.csv", "shop.jsonl", "truth.csv", "job.json"}) {
    const std::string a = test::ReadFileOrDie(one.path() + "/" + file);
    EXPECT_FALSE(a.empty()) << file;
    EXPECT_EQ(a, test::ReadFileOrDie(two.path() + "/" + file)) << file;
    if (std::string(file) != "job.json") {
      EXPECT_NE(a, test::ReadFileOrDie(other.path() + "/" + file)) << file;
    }
  }
}

TEST(GenerateTest, TruthCoversEveryRecordExactlyOnce) {
  test::TempDir dir;
  auto summary = Generate(SmallOptions(dir.path(), 2000));
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  const std::vector<std::string> truth = Lines(test::ReadFileOrDie(dir.path() + "/truth.csv"));
  ASSERT_EQ(truth.front(), "source,source_id,entity_id");
  std::set<std::string> keys;
  std::map<std::string, uint64_t> per_source;
  std::set<std::string> entities;
  for (size_t row = 1; row < truth.size(); ++row) {
    const std::string& line = truth[row];
    const size_t comma = line.find(',');
    const size_t comma2 = line.find(',', comma + 1);
    ASSERT_NE(comma2, std::string::npos) << line;
    EXPECT_TRUE(keys.insert(line.substr(0, comma2)).second) << "duplicate truth key " << line;
    ++per_source[line.substr(0, comma)];
    entities.insert(line.substr(comma2 + 1));
  }
  EXPECT_EQ(keys.size(), summary->records());
  EXPECT_EQ(per_source["crm"], summary->crm_records);
  EXPECT_EQ(per_source["marketing"], summary->marketing_records);
  EXPECT_EQ(per_source["shop"], summary->shop_records);
  EXPECT_EQ(entities.size(), summary->persons - summary->persons_without_records);
  // Every shop line's id and every marketing LEID is in the truth file.
  for (const std::string& line : Lines(test::ReadFileOrDie(dir.path() + "/shop.jsonl"))) {
    const std::string id = line.substr(7, line.find(',') - 7);  // {"id": 6000000000123,
    EXPECT_TRUE(keys.count("shop," + id)) << line;
  }
  const std::vector<std::string> marketing = Lines(test::ReadFileOrDie(dir.path() + "/marketing.csv"));
  EXPECT_EQ(marketing.size(), summary->marketing_records + 1);
}

TEST(GenerateTest, EngineAcceptsEveryRecordAndFindsThePeople) {
  test::TempDir dir, out;
  auto summary = Generate(SmallOptions(dir.path(), 3000));
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  auto job = job::ParseJobFile(dir.path() + "/job.json");
  ASSERT_TRUE(job.ok()) << job.status().ToString();
  RunOptions options;
  options.out_dir = out.path();
  options.truth_path = dir.path() + "/truth.csv";
  options.today = "2026-01-01";
  auto run = RunJob(*job, options);
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  EXPECT_EQ(run->records_rejected, 0u) << test::ReadFileOrDie(out.path() + "/rejects.csv");
  EXPECT_EQ(run->records_accepted, summary->records());
  ASSERT_TRUE(run->evaluated);
  // Realistic noise, not adversarial: the built-in model must find most people.
  EXPECT_GT(run->f1, 0.8) << "precision " << run->precision << " recall " << run->recall;
}

TEST(GenerateTest, VariationRatesAreHonoured) {
  test::TempDir dir;
  GenerateOptions options = SmallOptions(dir.path(), 20000);
  options.rates.keyboard_typo = 0.1;
  options.rates.nickname = 0.3;
  options.rates.junk = 0.05;
  options.rates.moved = 0.0;
  auto summary = Generate(options);
  ASSERT_TRUE(summary.ok());
  const std::map<std::string, double> expected = {
      {"keyboard_typo", 0.1}, {"nickname", 0.3}, {"junk", 0.05}, {"moved", 0.0},
      {"phonetic", options.rates.phonetic}, {"swapped_names", options.rates.swapped_names},
      {"within_source_duplicate", options.rates.within_source_duplicate}};
  for (const VariationCount& v : summary->variations) {
    auto it = expected.find(v.name);
    if (it == expected.end()) continue;
    ASSERT_GT(v.eligible, 1000u) << v.name;
    const double rate = static_cast<double>(v.applied) / static_cast<double>(v.eligible);
    EXPECT_NEAR(rate, it->second, 0.15 * it->second + 0.003) << v.name;
  }
  // The junk shows in the files: placeholder emails in the CRM.
  const std::string crm = test::ReadFileOrDie(dir.path() + "/crm.csv");
  EXPECT_NE(crm.find("\"test@test.com\""), std::string::npos);
}

TEST(GenerateTest, NoNoiseMeansNoJunkAndNoMissingEmails) {
  test::TempDir dir;
  GenerateOptions options = SmallOptions(dir.path(), 2000);
  options.rates = ErrorRates{};
  options.rates.junk = 0;
  options.rates.missing = 0;
  ASSERT_TRUE(Generate(options).ok());
  const std::string crm = test::ReadFileOrDie(dir.path() + "/crm.csv");
  EXPECT_EQ(crm.find("test@test.com"), std::string::npos);
  EXPECT_EQ(crm.find("000-000-0000"), std::string::npos);
  // Column 4 (Email) is never empty.
  EXPECT_EQ(crm.find("\",\"\",\"+"), std::string::npos);
  for (const std::string& line : Lines(test::ReadFileOrDie(dir.path() + "/shop.jsonl"))) {
    EXPECT_EQ(line.find("\"email\": null"), std::string::npos) << line;
  }
}

TEST(GenerateTest, MemoryIsBoundedByTheBatchNotThePopulation) {
  test::TempDir small_dir, large_dir;
  auto small = Generate(SmallOptions(small_dir.path(), 2048));
  auto large = Generate(SmallOptions(large_dir.path(), 65536));
  ASSERT_TRUE(small.ok());
  ASSERT_TRUE(large.ok());
  EXPECT_GT(large->bytes_written, 20 * small->bytes_written);
  // 32x the persons; the largest batch held in memory stays about the same.
  EXPECT_LT(large->max_batch_bytes, small->max_batch_bytes * 3 / 2);
}

TEST(GenerateTest, InvalidOptionsAreRejected) {
  GenerateOptions options;
  options.out_dir = "unused";
  EXPECT_EQ(Generate(options).status().code(), StatusCode::kInvalidArgument);  // persons = 0
  options.persons = 10;
  options.rates.keyboard_typo = 1.5;
  EXPECT_EQ(Generate(options).status().code(), StatusCode::kInvalidArgument);
  options.rates.keyboard_typo = 0.1;
  options.out_dir.clear();
  EXPECT_EQ(Generate(options).status().code(), StatusCode::kInvalidArgument);
}

TEST(GenerateTest, ExportsLookLikeTheTools) {
  test::TempDir dir;
  ASSERT_TRUE(Generate(SmallOptions(dir.path(), 3000)).ok());
  const std::string crm = test::ReadFileOrDie(dir.path() + "/crm.csv");
  EXPECT_EQ(crm.substr(0, 8), "\xEF\xBB\xBF\"Id\",");
  EXPECT_NE(crm.find("\r\n"), std::string::npos);
  bool bare_lf = false;  // an LF inside a quoted MailingStreet, not a record end
  for (size_t pos = 1; pos < crm.size() && !bare_lf; ++pos) bare_lf = crm[pos] == '\n' && crm[pos - 1] != '\r';
  EXPECT_TRUE(bare_lf);
  const std::string marketing = test::ReadFileOrDie(dir.path() + "/marketing.csv");
  EXPECT_EQ(marketing.find('\r'), std::string::npos);
  EXPECT_EQ(marketing.rfind("Email Address;First Name;", 0), 0u);
  const std::string shop = test::ReadFileOrDie(dir.path() + "/shop.jsonl");
  EXPECT_NE(shop.find("\"default_address\": {\"address1\": "), std::string::npos);
  // Several cultures, accents and particles.
  for (const char* needle : {"ü", "é", "ñ", "de la ", "-", "O'"}) {
    EXPECT_NE((crm + marketing + shop).find(needle), std::string::npos) << needle;
  }
}

}  // namespace
}  // namespace idforge::gen
