// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Incremental runs end to end on the bundled sample: one batch vs ten deltas give the same
// entities, untouched entities keep their ids, and the join / merge / split / delete / erase
// scenarios produce the right entities and change events.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "engine/eval/labels.h"
#include "engine/eval/metrics.h"
#include "engine/job/job_file.h"
#include "engine/read/read_inputs.h"
#include "idforge/idforge.h"
#include "idforge/state.h"
#include "tests/testing/test_util.h"

namespace idforge {
namespace {

constexpr const char* kToday = "2026-11-29";

void AppendCsv(std::string& out, std::string_view value) {
  if (value.find_first_of(",\"\r\n") == std::string_view::npos) {
    out.append(value);
    return;
  }
  out.push_back('"');
  for (char c : value) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

// The sample, read once, re-exported as one CSV per source and part with canonical column names
// (and an explicit id: the marketing file has none), so records can be split into deltas and
// edited while keeping their keys.
class SampleExport {
 public:
  explicit SampleExport(const std::string& dir) : dir_(dir) {
    auto job = job::ParseJobFile(test::SourceDir() + "/datasets/sample/job.json");
    EXPECT_TRUE(job.ok());
    job_ = *job;
    ExecContext ctx(1);
    auto raw = read::ReadInputs(job_.sources, ReadOptions{}, ctx);
    EXPECT_TRUE(raw.ok());
    raw_ = std::move(*raw);
  }
  const RecordTable& raw() const { return raw_; }

  // Header line of every exported file.
  std::string Header(bool tombstone) const {
    std::string header = "id,updated_at";
    for (Field field : AllFields()) header += "," + std::string(FieldName(field));
    for (const std::string& extra : raw_.extra_names()) header += "," + extra;
    return header + (tombstone ? ",deleted\n" : "\n");
  }
  // One CSV line for row `row` with `overrides` (canonical field -> value) applied.
  std::string Line(uint32_t row, const std::map<Field, std::string>& overrides = {},
                   std::string_view id = {}, bool tombstone = false) const {
    std::string line;
    AppendCsv(line, id.empty() ? raw_.source_id(row) : id);
    line += ',';
    AppendCsv(line, raw_.updated_at(row));
    for (Field field : AllFields()) {
      line += ',';
      auto it = overrides.find(field);
      AppendCsv(line, it != overrides.end() ? std::string_view(it->second) : raw_.Get(field, row));
    }
    for (size_t e = 0; e < raw_.extra_names().size(); ++e) {
      line += ',';
      AppendCsv(line, raw_.extra(e).Get(row));
    }
    return line + (tombstone ? ",1\n" : ",0\n");
  }

  // A job over files[source] (absent sources are left out), delta or snapshot.
  std::string WriteJob(const std::string& name, const std::map<uint16_t, std::string>& files,
                       bool delta, bool tombstone) const {
    std::string json = "{\"sources\": [";
    bool first = true;
    for (const auto& [source, path] : files) {
      const SourceSpec& spec = job_.sources[source];
      json += first ? "" : ",";
      first = false;
      json += "{\"name\":\"" + spec.name + "\",\"path\":\"" + path + "\",\"id\":\"id\",";
      json += "\"updated_at\":\"updated_at\",\"priority\":" + std::to_string(spec.priority) + ",";
      if (!spec.default_country.empty()) json += "\"default_country\":\"" + spec.default_country + "\",";
      if (delta) json += std::string("\"mode\":\"delta\",") + (tombstone ? "\"tombstone\":\"deleted\"," : "");
      json += "\"fields\":{";
      for (Field field : AllFields()) {
        const std::string field_name(FieldName(field));
        const auto& mapping = spec.field(field);
        if (field == Field::kDob && mapping && !mapping->format.empty()) {
          json += "\"dob\":{\"column\":\"dob\",\"format\":\"" + mapping->format + "\"},";
        } else {
          json += "\"" + field_name + "\":\"" + field_name + "\",";
        }
      }
      for (const std::string& extra : raw_.extra_names()) json += "\"" + extra + "\":\"" + extra + "\",";
      json.pop_back();
      json += "}}";
    }
    json += "], \"matching\": " + job_.matching_json + ", \"survivorship\": " + job_.survivorship_json + "}";
    const std::string path = dir_ + "/" + name;
    std::ofstream(path) << json;
    return path;
  }

  // Every record in `parts` files per source (record i goes to part i % parts); returns one job
  // per part.
  std::vector<std::string> WriteParts(uint32_t parts, bool delta) const {
    std::vector<std::map<uint16_t, std::string>> contents(parts);
    std::vector<std::map<uint16_t, uint32_t>> seen(parts);
    std::vector<uint32_t> per_source(raw_.sources().size(), 0);
    for (uint32_t row = 0; row < raw_.row_count(); ++row) {
      const uint16_t source = raw_.source(row);
      const uint32_t part = per_source[source]++ % parts;
      if (contents[part][source].empty()) contents[part][source] = Header(false);
      const std::string line = Line(row);
      contents[part][source] += line.substr(0, line.size() - 3) + "\n";  // no tombstone column
    }
    std::vector<std::string> jobs;
    for (uint32_t part = 0; part < parts; ++part) {
      std::map<uint16_t, std::string> files;
      for (const auto& [source, text] : contents[part]) {
        const std::string path = dir_ + "/" + job_.sources[source].name + "_" + std::to_string(parts) + "_" +
                                 std::to_string(part) + ".csv";
        std::ofstream(path) << text;
        files[source] = path;
      }
      jobs.push_back(WriteJob("job_" + std::to_string(parts) + "_" + std::to_string(part) + ".json",
                              files, delta, false));
    }
    return jobs;
  }

  // A delta job for one source whose file holds `lines`.
  std::string WriteDelta(const std::string& name, uint16_t source, const std::string& lines) const {
    const std::string path = dir_ + "/" + name + ".csv";
    std::ofstream(path) << Header(true) << lines;
    return WriteJob(name + ".json", {{source, path}}, true, true);
  }

 private:
  std::string dir_;
  JobSpec job_;
  RecordTable raw_;
};

// A trained model shared by every run, so the comparisons isolate linking from training.
std::string TrainModel(const std::string& job_path, const std::string& dir) {
  auto job = job::ParseJobFile(job_path);
  EXPECT_TRUE(job.ok());
  RunOptions options;
  options.today = kToday;
  const std::string path = dir + "/model.json";
  auto trained = TrainJob(*job, options, path);
  EXPECT_TRUE(trained.ok()) << trained.status().ToString();
  return path;
}

Result<RunSummary> RunWithState(const std::string& job_path, const std::string& state, const std::string& out,
                       const std::string& model) {
  IDFORGE_ASSIGN_OR_RETURN(JobSpec job, job::ParseJobFile(job_path));
  RunOptions options;
  options.today = kToday;
  options.state_path = state;
  options.out_dir = out;
  options.model_path = model;
  return RunJob(job, options);
}

// golden_id -> sorted "source:id" members, from crosswalk.csv.
std::map<std::string, std::set<std::string>> Entities(const std::string& out) {
  auto crosswalk = eval::LoadCrosswalk(out + "/crosswalk.csv");
  EXPECT_TRUE(crosswalk.ok()) << crosswalk.status().ToString();
  std::map<std::string, std::set<std::string>> entities;
  for (uint32_t row = 0; row < crosswalk->size(); ++row) {
    entities[std::string(crosswalk->label_name(crosswalk->label(row)))].insert(
        std::string(crosswalk->source(row)) + ":" + std::string(crosswalk->source_id(row)));
  }
  return entities;
}

std::vector<std::vector<std::string>> Changes(const std::string& out) {
  std::ifstream in(out + "/changes.csv");
  std::vector<std::vector<std::string>> rows;
  std::string line;
  std::getline(in, line);
  while (std::getline(in, line)) {
    std::vector<std::string> cells;
    std::stringstream stream(line);
    std::string cell;
    while (std::getline(stream, cell, ',')) cells.push_back(cell);
    while (cells.size() < 5) cells.emplace_back();
    rows.push_back(cells);
  }
  return rows;
}

double PairwiseF1(const std::string& reference_out, const std::string& other_out) {
  auto reference = eval::LoadCrosswalk(reference_out + "/crosswalk.csv");
  auto other = eval::LoadCrosswalk(other_out + "/crosswalk.csv");
  EXPECT_TRUE(reference.ok() && other.ok());
  eval::TruthTable truth;
  for (uint32_t row = 0; row < reference->size(); ++row) {
    EXPECT_TRUE(truth.Add(reference->source(row), reference->source_id(row),
                          reference->label_name(reference->label(row))).ok());
  }
  const eval::Evaluation evaluation = eval::Evaluate(truth, *other);
  EXPECT_EQ(evaluation.records_only_in_truth, 0u);
  EXPECT_EQ(evaluation.records_only_in_crosswalk, 0u);
  return evaluation.pairwise.f1;
}

TEST(IncrementalTest, TenDeltasGiveTheEntitiesOfOneBatch) {
  test::TempDir dir;
  SampleExport sample(dir.path());
  const std::vector<std::string> batch = sample.WriteParts(1, false);
  const std::string model = TrainModel(batch[0], dir.path());
  ASSERT_TRUE(RunWithState(batch[0], dir.path() + "/batch.db", dir.path() + "/batch", model).ok());
  const std::vector<std::string> deltas = sample.WriteParts(10, true);
  std::map<std::string, std::set<std::string>> before;
  for (size_t part = 0; part < deltas.size(); ++part) {
    const std::string out = dir.path() + "/delta" + std::to_string(part);
    auto summary = RunWithState(deltas[part], dir.path() + "/delta.db", out, model);
    ASSERT_TRUE(summary.ok()) << summary.status().ToString();
    // Ids of entities no event names never change, and neither do their members.
    std::set<std::string> named;
    for (const auto& change : Changes(out)) {
      named.insert(change[1]);
      named.insert(change[2]);
    }
    const auto after = Entities(out);
    for (const auto& [id, members] : before) {
      if (named.contains(id)) continue;
      auto it = after.find(id);
      ASSERT_NE(it, after.end()) << "untouched entity " << id << " disappeared in delta " << part;
      EXPECT_EQ(it->second, members) << id;
    }
    before = after;
  }
  std::printf("entities: 1 batch %zu, 10 deltas %zu\n", Entities(dir.path() + "/batch").size(),
              Entities(dir.path() + "/delta9").size());
  ASSERT_GT(before.size(), 1000u);
  const double f1 = PairwiseF1(dir.path() + "/batch", dir.path() + "/delta9");
  // Issue #8 asks for 0.999; measured 0.99909 (1,561 vs 1,560 entities). The three differing
  // groups are all name-only pairs within 0.4 bits of the threshold: a delta scores its pairs
  // with the term frequencies of the records loaded so far, and a stored edge (or a pair left
  // below the threshold) is not re-scored when later deltas change those frequencies. Re-scoring
  // the stored edges of touched entities was tried and lowered F1 to 0.9975: an edge dropped in an
  // early delta is never proposed again, where the batch run accepts it.
  EXPECT_GE(f1, 0.999);
  RecordProperty("pairwise_f1_batch_vs_10_deltas", std::to_string(f1));
  std::printf("pairwise F1, 1 batch vs 10 deltas: %.5f\n", f1);
}

// A --state run writes what a batch run writes (report.html, output.formats), and its first run's
// golden records are the batch run's, byte for byte.
TEST(IncrementalTest, StateRunsWriteTheBatchOutputs) {
  test::TempDir dir;
  auto job = job::ParseJobFile(test::SourceDir() + "/datasets/sample/job.json");
  ASSERT_TRUE(job.ok());
  job->output.golden_jsonl = true;
  RunOptions options;
  options.today = kToday;
  options.out_dir = dir.path() + "/batch";
  ASSERT_TRUE(RunJob(*job, options).ok());
  options.state_path = dir.path() + "/state.db";
  options.out_dir = dir.path() + "/first";
  auto first = RunJob(*job, options);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  for (const char* file : {"golden.csv", "golden.jsonl", "golden_provenance.csv", "crosswalk.csv"}) {
    EXPECT_EQ(test::ReadFileOrDie(dir.path() + "/first/" + file), test::ReadFileOrDie(dir.path() + "/batch/" + file))
        << file;
  }
  EXPECT_NE(test::ReadFileOrDie(dir.path() + "/first/report.html").find("<html"), std::string::npos);
  // A later run (nothing changed) writes the same golden records; jsonl only when asked.
  job->output.golden_csv = false;
  options.out_dir = dir.path() + "/second";
  auto second = RunJob(*job, options);
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_EQ(test::ReadFileOrDie(dir.path() + "/second/golden.jsonl"), test::ReadFileOrDie(dir.path() + "/batch/golden.jsonl"));
  EXPECT_FALSE(std::filesystem::exists(dir.path() + "/second/golden.csv"));
  EXPECT_TRUE(std::filesystem::exists(dir.path() + "/second/report.html"));
}

// Sources that name an export profile instead of fields are resolved as in a batch run.
TEST(IncrementalTest, ProfileSourcesWorkWithState) {
  test::TempDir dir;
  auto job = job::ParseJobJson(R"({"sources": [
      {"path": "hubspot.csv", "profile": "hubspot"},
      {"path": "shopify.csv", "profile": "shopify", "name": "shop"}]})",
                               "job.json", test::SourceDir() + "/tests/profiles/data");
  ASSERT_TRUE(job.ok()) << job.status().ToString();
  RunOptions options;
  options.today = kToday;
  options.out_dir = dir.path() + "/batch";
  ASSERT_TRUE(RunJob(*job, options).ok());
  options.state_path = dir.path() + "/state.db";
  options.out_dir = dir.path() + "/state";
  auto run = RunJob(*job, options);
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  EXPECT_EQ(test::ReadFileOrDie(dir.path() + "/state/crosswalk.csv"), test::ReadFileOrDie(dir.path() + "/batch/crosswalk.csv"));
  EXPECT_EQ(test::ReadFileOrDie(dir.path() + "/state/golden.csv"), test::ReadFileOrDie(dir.path() + "/batch/golden.csv"));
}

// Import files for other tools are not written by --state runs yet: said up front, not skipped.
TEST(IncrementalTest, ExportProfilesWithStateFailWithAClearMessage) {
  test::TempDir dir;
  auto job = job::ParseJobFile(test::SourceDir() + "/datasets/sample/job.json");
  ASSERT_TRUE(job.ok());
  job->output.profiles = {"hubspot"};
  RunOptions options;
  options.today = kToday;
  options.state_path = dir.path() + "/state.db";
  options.out_dir = dir.path() + "/out";
  auto run = RunJob(*job, options);
  ASSERT_FALSE(run.ok());
  EXPECT_EQ(run.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(std::string(run.status().message()).find("--state"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(dir.path() + "/state.db"));
}

// Scenarios on a state built from the whole sample.
class IncrementalScenarioTest : public ::testing::Test {
 protected:
  void SetUp() override {
    sample_ = std::make_unique<SampleExport>(dir_.path());
    const std::vector<std::string> batch = sample_->WriteParts(1, false);
    model_ = TrainModel(batch[0], dir_.path());
    state_ = dir_.path() + "/state.db";
    auto base = RunWithState(batch[0], state_, dir_.path() + "/base", model_);
    ASSERT_TRUE(base.ok()) << base.status().ToString();
    entities_ = Entities(dir_.path() + "/base");
    ASSERT_GT(entities_.size(), 0u) << sample_->raw().row_count() << " rows; " << test::ReadFileOrDie(batch[0]).substr(0, 300) << "\nREJECTS " << test::ReadFileOrDie(dir_.path() + "/base/rejects.csv").substr(0, 600) << " accepted " << base->records_accepted;
    const RecordTable& raw = sample_->raw();
    for (uint32_t row = 0; row < raw.row_count(); ++row) {
      row_of_[std::string(raw.sources()[raw.source(row)].name) + ":" + std::string(raw.source_id(row))] = row;
    }
  }
  // The golden id holding `key`, from the base run.
  std::string EntityOf(const std::string& key) const {
    for (const auto& [id, members] : entities_) {
      if (members.contains(key)) return id;
    }
    return "";
  }
  // A member of an entity of `size` members (at least, when `at_least`), all from one source.
  std::string MemberOfEntityOfSize(size_t size, bool at_least) const {
    for (const auto& [id, members] : entities_) {
      if (at_least ? members.size() >= size : members.size() == size) return *members.begin();
    }
    return "";
  }
  uint32_t Row(const std::string& key) const { return row_of_.at(key); }
  uint16_t SourceOf(const std::string& key) const { return sample_->raw().source(Row(key)); }
  std::string IdOf(const std::string& key) const { return key.substr(key.find(':') + 1); }

  test::TempDir dir_;
  std::unique_ptr<SampleExport> sample_;
  std::string model_;
  std::string state_;
  std::map<std::string, std::set<std::string>> entities_;
  std::map<std::string, uint32_t> row_of_;
};

bool HasEvent(const std::vector<std::vector<std::string>>& changes, const std::string& event,
              const std::string& golden, const std::string& other = "*") {
  for (const auto& change : changes) {
    if (change[0] == event && (golden == "*" || change[1] == golden) && (other == "*" || change[2] == other)) return true;
  }
  return false;
}

TEST_F(IncrementalScenarioTest, JoinMergeSplitDeleteAndErase) {
  const std::string multi = MemberOfEntityOfSize(3, true);
  const std::string single = MemberOfEntityOfSize(1, false);
  ASSERT_FALSE(multi.empty()) << entities_.size() << " entities in the base run";
  ASSERT_FALSE(single.empty());
  const std::string multi_id = EntityOf(multi);
  const std::string single_id = EntityOf(single);
  // Another singleton from the same source as `multi`, to merge into its entity.
  std::string other_single;
  for (const auto& [id, members] : entities_) {
    const std::string& key = *members.begin();
    if (members.size() == 1 && key != single && SourceOf(key) == SourceOf(multi)) other_single = key;
  }
  ASSERT_FALSE(other_single.empty());

  struct Step {
    const char* name;
    std::function<std::string()> delta;  // writes the delta job; returns its path
    std::function<void(const std::map<std::string, std::set<std::string>>&,
                       const std::vector<std::vector<std::string>>&)> check;
  };
  const std::vector<Step> steps = {
      {"a new copy of a record joins its entity",
       [&] { return sample_->WriteDelta("join", SourceOf(multi), sample_->Line(Row(multi), {}, "new-1")); },
       [&](const auto& entities, const auto& changes) {
         EXPECT_TRUE(entities.at(multi_id).contains(multi.substr(0, multi.find(':')) + ":new-1"));
         EXPECT_TRUE(HasEvent(changes, "updated", multi_id));
       }},
      {"a singleton changed into a copy of a member merges the two entities",
       [&] {
         return sample_->WriteDelta("merge", SourceOf(multi), sample_->Line(Row(multi), {}, IdOf(other_single)));
       },
       [&](const auto& entities, const auto& changes) {
         const std::string old_id = EntityOf(other_single);
         ASSERT_TRUE(HasEvent(changes, "merged", "*"));
         const bool one_way = HasEvent(changes, "merged", multi_id, old_id);
         const bool other_way = HasEvent(changes, "merged", old_id, multi_id);
         EXPECT_TRUE(one_way || other_way);
         const std::string survivor = one_way ? multi_id : old_id;
         EXPECT_TRUE(entities.at(survivor).contains(other_single));
         EXPECT_TRUE(entities.at(survivor).contains(multi));
       }},
      {"a member changed beyond recognition splits off; the rest keeps the id",
       [&] {
         return sample_->WriteDelta("split", SourceOf(multi),
                                    sample_->Line(Row(multi), {{Field::kFirstName, "Zyxwvu"}, {Field::kLastName, "Qwertyuiop"},
                                                               {Field::kEmail, "zq@nowhere.example"}, {Field::kPhone, ""},
                                                               {Field::kStreet, ""}, {Field::kCity, ""}, {Field::kPostcode, ""},
                                                               {Field::kAddress, ""}, {Field::kDob, ""}, {Field::kCompany, ""}}));
       },
       [&](const auto& entities, const auto& changes) {
         EXPECT_TRUE(HasEvent(changes, "split", "*", EntityOf(multi)));
         for (const auto& [id, members] : entities) {
           if (members.contains(multi)) {
             EXPECT_NE(id, multi_id);
             EXPECT_EQ(members.size(), 1u);
           }
         }
         EXPECT_TRUE(entities.contains(multi_id));
       }},
      {"a tombstone deletes the last member: the entity is deleted",
       [&] { return sample_->WriteDelta("delete", SourceOf(single), sample_->Line(Row(single), {}, {}, true)); },
       [&](const auto& entities, const auto& changes) {
         EXPECT_FALSE(entities.contains(single_id));
         EXPECT_TRUE(HasEvent(changes, "deleted", single_id, ""));
       }},
  };
  for (size_t s = 0; s < steps.size(); ++s) {
    SCOPED_TRACE(steps[s].name);
    const std::string out = dir_.path() + "/step" + std::to_string(s);
    auto summary = RunWithState(steps[s].delta(), state_, out, model_);
    ASSERT_TRUE(summary.ok()) << summary.status().ToString();
    steps[s].check(Entities(out), Changes(out));
  }

  // Erasure: the record and what it provided are gone; its entity is recomputed.
  const std::string erased = *entities_.at(multi_id).rbegin();
  ForgetOptions forget;
  forget.state_path = state_;
  forget.today = kToday;
  forget.out_dir = dir_.path() + "/forget";
  const std::string source = erased.substr(0, erased.find(':'));
  forget.records = {{source, IdOf(erased)}, {"no-such-source", "1"}};
  auto summary = ForgetRecords(forget);
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_EQ(summary->records_erased, 1u);
  EXPECT_EQ(summary->records_not_found, 1u);
  for (const auto& [id, members] : Entities(forget.out_dir)) EXPECT_FALSE(members.contains(erased)) << id;
  const std::string provenance = test::ReadFileOrDie(forget.out_dir + "/golden_provenance.csv");
  EXPECT_EQ(provenance.find("," + source + "," + IdOf(erased) + ","), std::string::npos);
  // Forgetting again finds nothing.
  auto again = ForgetRecords(forget);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->records_erased, 0u);
}

}  // namespace
}  // namespace idforge
