// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
#include "engine/pipeline/matching.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "engine/block/block_index.h"
#include "engine/common/atomic_file.h"
#include "engine/common/ordered_writer.h"
#include "engine/common/hash.h"
#include "engine/compare/date_distance.h"
#include "engine/compare/email_compare.h"
#include "engine/eval/blocking_recall.h"
#include "engine/eval/metrics.h"
#include "engine/eval/samples.h"
#include "engine/match/comparisons.h"
#include "engine/match/deterministic.h"
#include "engine/match/pair_iteration.h"
#include "engine/match/settings.h"
#include "engine/match/train.h"
#include "engine/profiles/links.h"
#include "engine/common/csv_writer.h"

namespace idforge::pipeline {
namespace {

// The comparisons a run uses: the job's list, else every built-in one whose field has data.
std::vector<match::Comparison> ActiveComparisons(const NormalizedTable& normalized,
                                                 const std::vector<match::Comparison>& configured) {
  std::vector<match::Comparison> out;
  for (const match::Comparison& comparison : match::DefaultComparisons()) {
    if (!configured.empty()) {
      // In the built-in order, whatever the job's order: scoring and model.json stay stable.
      for (const match::Comparison& chosen : configured) {
        if (chosen.kind == comparison.kind) out.push_back(chosen);
      }
      continue;
    }
    const bool has_data = std::any_of(comparison.fields.begin(), comparison.fields.end(),
                                      [&](Field field) { return normalized.value(field).NonEmptyCount() > 0; });
    if (has_data) out.push_back(comparison);
  }
  return out;
}

Result<match::MatchModel> LoadModel(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound(path + ": cannot open the model file (check --model)");
  std::ostringstream text;
  text << in.rdbuf();
  return match::MatchModel::FromJson(text.str(), path);
}

// Appends `value` as printf's "%.<precision>f" would (std::to_chars with a precision is specified
// as printf in the C locale), without printf's locale and format parsing.
void AppendFixed(std::string& out, double value, int precision) {
  char digits[64];
  const auto [end, error] =
      std::to_chars(digits, digits + sizeof(digits), value, std::chars_format::fixed, precision);
  if (error == std::errc()) {
    out.append(digits, end);
    return;
  }
  char fallback[512];  // |value| >= 1e58: beyond any weight or probability, but stay exact
  const int size = std::snprintf(fallback, sizeof(fallback), "%.*f", precision, value);
  out.append(fallback, static_cast<size_t>(std::max(size, 0)));
}

// Rows per formatted range of crosswalk.csv and pairs.csv (~0.2-0.4 MiB).
constexpr uint64_t kRowsPerRange = 4096;

// True when both records give a valid birth date and the dates are more than a year apart, not
// by a typo, a day/month swap or a one-year slip.
bool DobsClearlyDiffer(const NormalizedTable& normalized, uint32_t a, uint32_t b) {
  const std::string_view dob_a = normalized.Get(Field::kDob, a);
  const std::string_view dob_b = normalized.Get(Field::kDob, b);
  if (dob_a.empty() || dob_b.empty() || dob_a == dob_b) return false;
  const compare::DateComparison dates = compare::CompareDates(dob_a, dob_b);
  if (!dates.valid || dates.day_month_swapped || dates.one_digit_typo) return false;
  return dates.days_apart == compare::kUnknownDaysApart || std::abs(dates.days_apart) > 400;
}

// True when both records give a valid personal (not role) email and the two are clearly other
// addresses, not typos of each other.
bool EmailsClearlyDiffer(const NormalizedTable& normalized, uint32_t a, uint32_t b) {
  const std::string_view email_a = normalized.Get(DerivedKey::kEmailCanonical, a);
  const std::string_view email_b = normalized.Get(DerivedKey::kEmailCanonical, b);
  if (email_a.empty() || email_b.empty() || email_a == email_b) return false;
  if ((normalized.flags(a) | normalized.flags(b)) & flag::kEmailRole) return false;
  const compare::EmailComparison emails = compare::CompareEmails(email_a, email_b);
  return !emails.local_equal && emails.local_similarity < 0.75;
}

// Two records cannot be one person when two independent identifiers contradict each other at
// once: people change emails, birth dates get mistyped and first names get garbled, but not two
// of them that far at the same time. Households (one surname, address and often phone), twins
// and namesakes are what this catches:
//  - birth dates and personal emails both clearly differ;
//  - first names conflict (match::GivenNamesConflict) and so do the emails or the birth dates.
// A shared national id overrides both.
cluster::CannotLink CannotLinkEvidence(const NormalizedTable& normalized,
                                       const match::ComparisonParameters& first_name) {
  return [&normalized, first_name](uint32_t a, uint32_t b) {
    const std::string_view id_a = normalized.Get(Field::kNationalId, a);
    if (!id_a.empty() && id_a == normalized.Get(Field::kNationalId, b)) return false;
    const bool emails_differ = EmailsClearlyDiffer(normalized, a, b);
    const bool dobs_differ = DobsClearlyDiffer(normalized, a, b);
    if (emails_differ && dobs_differ) return true;
    return emails_differ && match::GivenNamesConflict(normalized, a, b, first_name);
  };
}

}  // namespace

cluster::CannotLink CannotLinkRule(const NormalizedTable& normalized,
                                   const std::vector<match::Comparison>& comparisons) {
  return CannotLinkEvidence(normalized, match::FirstNameParameters(comparisons));
}

std::vector<std::string> GoldenIds(const RecordTable& raw, const cluster::Clustering& clustering) {
  const uint32_t entities = clustering.entity_count();
  std::vector<uint32_t> smallest(clustering.entity_first);
  auto key_less = [&](uint32_t a, uint32_t b) {
    const std::string_view source_a = raw.sources()[raw.source(a)].name;
    const std::string_view source_b = raw.sources()[raw.source(b)].name;
    if (source_a != source_b) return source_a < source_b;
    return raw.source_id(a) < raw.source_id(b);
  };
  for (uint32_t row = 0; row < raw.row_count(); ++row) {
    uint32_t& best = smallest[clustering.entity_of[row]];
    if (key_less(row, best)) best = row;
  }
  std::vector<std::string> ids(entities);
  std::string key;
  for (uint32_t entity = 0; entity < entities; ++entity) {
    const uint32_t row = smallest[entity];
    key.assign(raw.sources()[raw.source(row)].name);
    key.push_back('\x1f');
    key.append(raw.source_id(row));
    char hex[24];
    std::snprintf(hex, sizeof(hex), "g%016llx", static_cast<unsigned long long>(HashKey(key)));
    ids[entity] = hex;
  }
  return ids;
}

Result<MatchPlan> PrepareMatching(const NormalizedTable& normalized, const JobSpec& job,
                                  const RunOptions& options, ExecContext& ctx) {
  IDFORGE_ASSIGN_OR_RETURN(match::MatchingSettings settings,
                           match::ParseMatchingSettings(job.matching_json, job.job_path));
  MatchPlan plan;
  plan.max_entity_size = settings.max_entity_size;
  plan.deterministic_rules = settings.rules;
  plan.max_block_size = settings.blocking.max_block_size;
  const uint32_t rows = normalized.row_count();

  // A loaded model fixes the comparisons and blocking rules it was trained with.
  std::optional<match::MatchModel> loaded;
  if (!options.model_path.empty()) {
    IDFORGE_ASSIGN_OR_RETURN(match::MatchModel model, LoadModel(options.model_path));
    if (settings.blocking.rules.empty()) {
      for (const std::string& text : model.blocking_rules) {
        IDFORGE_ASSIGN_OR_RETURN(block::BlockingRule rule, block::ParseBlockingRule(text));
        settings.blocking.rules.push_back(std::move(rule));
      }
    }
    for (const match::ComparisonModel& comparison : model.comparisons) {
      plan.comparisons.push_back(comparison.comparison);
    }
    loaded = std::move(model);
  } else {
    plan.comparisons = ActiveComparisons(normalized, settings.comparisons);
  }

  StageTimer block_timer(ctx.stats(), "block");
  IDFORGE_ASSIGN_OR_RETURN(plan.blocks, block::BuildBlocks(normalized, settings.blocking, ctx));
  block_timer.Finish(rows, "records");

  if (loaded) {
    plan.model = std::move(*loaded);
    return plan;
  }
  StageTimer train_timer(ctx.stats(), "train");
  plan.comparator = std::make_unique<match::Comparator>(normalized, plan.comparisons, &ctx);
  plan.frequencies = std::make_unique<match::TermFrequencies>(
      match::TermFrequencies::Build(normalized, plan.comparisons, ctx));
  match::TrainReport train_report;
  IDFORGE_ASSIGN_OR_RETURN(plan.model,
                           match::TrainModel(*plan.comparator, plan.blocks, rows, settings.train, ctx,
                                             &train_report, plan.frequencies.get()));
  train_timer.Finish(train_report.u_pairs, "pairs");
  plan.trained = true;
  return plan;
}

Result<MatchOutcome> RunMatching(const RecordTable& raw, const NormalizedTable& normalized,
                                 const JobSpec& job, const RunOptions& options, ExecContext& ctx) {
  MatchOutcome outcome;
  MatchStats& stats = ctx.stats().match();
  stats.ran = true;
  const uint32_t rows = normalized.row_count();
  IDFORGE_ASSIGN_OR_RETURN(MatchPlan plan, PrepareMatching(normalized, job, options, ctx));
  stats.model_trained = plan.trained;
  outcome.comparisons = plan.comparisons;
  outcome.model = std::move(plan.model);
  const block::BlockIndex& blocks = plan.blocks;
  if (!plan.comparator) {
    plan.comparator = std::make_unique<match::Comparator>(normalized, outcome.comparisons, &ctx);
  }
  const match::Comparator& comparator = *plan.comparator;
  if (!options.truth_path.empty()) {
    // Blocking recall: the share of true pairs some rule proposes (each counted once).
    IDFORGE_ASSIGN_OR_RETURN(eval::TruthTable truth, eval::LoadTruth(options.truth_path));
    const eval::TruthIndex index(truth, raw);
    eval::BlockingRecallCounter counter(index);
    for (size_t r = 0; r < blocks.rule_count(); ++r) {
      for (uint32_t b = 0; b < blocks.block_count(r); ++b) {
        if (blocks.is_generic(r, b)) {
          match::ForEachPairInBlock(blocks, r, b, [&](uint32_t x, uint32_t y) { counter.AddPair(x, y); });
        } else {
          counter.AddBlock(blocks.members(r, b));
        }
      }
    }
    const eval::BlockingRecall recall = counter.Finish();
    outcome.blocking_true_pairs_proposed = recall.proposed_true_pairs;
    outcome.blocking_true_pairs = recall.true_pairs;
  }

  StageTimer score_timer(ctx.stats(), "compare");
  if (!plan.frequencies) {
    plan.frequencies = std::make_unique<match::TermFrequencies>(
        match::TermFrequencies::Build(normalized, outcome.comparisons, ctx));
  }
  const match::TermFrequencies& frequencies = *plan.frequencies;
  match::ScoreOptions score_options;
  score_options.keep_all_pairs = job.output.pairs;
  IDFORGE_ASSIGN_OR_RETURN(match::ScoreResult scored,
                           match::ScoreCandidates(comparator, blocks, outcome.model, frequencies,
                                                  score_options, ctx));
  score_timer.Finish(scored.pairs_scored, "pairs");
  if (!plan.deterministic_rules.empty()) {
    // matching.rules: pairs agreeing on a rule's keys are matches whatever their score.
    IDFORGE_ASSIGN_OR_RETURN(std::vector<Edge> forced,
                             match::DeterministicEdges(plan.deterministic_rules, comparator,
                                                       outcome.model, frequencies,
                                                       plan.max_block_size, ctx));
    scored.edges = match::MergeEdges(scored.edges, forced);
  }
  // Clustering needs neither: their memory (a 128-byte row per record) goes back now.
  plan.comparator.reset();
  plan.frequencies.reset();

  StageTimer cluster_timer(ctx.stats(), "cluster");
  cluster::ClusterOptions cluster_options;
  cluster_options.max_entity_size = plan.max_entity_size;
  // Links the tools record themselves (Salesforce merges, Segment aliases, ...) join whatever the
  // scores say, and no cannot-link evidence splits them (engine/profiles/links.h).
  const profiles::KnownLinks known = profiles::FindKnownLinks(raw);
  stats.known_links = known.edges.size();
  std::vector<Edge> with_known;
  cluster::CannotLink cannot_link =
      CannotLinkEvidence(normalized, match::FirstNameParameters(outcome.comparisons));
  if (!known.edges.empty()) {
    with_known.reserve(scored.edges.size() + known.edges.size());
    with_known.assign(scored.edges.begin(), scored.edges.end());
    with_known.insert(with_known.end(), known.edges.begin(), known.edges.end());
    cannot_link = [&known, evidence = std::move(cannot_link)](uint32_t a, uint32_t b) {
      return !known.SameIdentity(a, b) && evidence(a, b);
    };
  }
  outcome.clustering = cluster::ConnectEdges(
      rows, known.edges.empty() ? std::span<const Edge>(scored.edges) : std::span<const Edge>(with_known),
      cluster_options, cannot_link, ctx);
  outcome.golden_ids = GoldenIds(raw, outcome.clustering);
  cluster_timer.Finish(scored.edges.size(), "pairs");
  outcome.pairs = std::move(scored.all_pairs);

  // What the audit shows.
  for (size_t r = 0; r < blocks.rule_count(); ++r) {
    const block::RuleStats& rule = blocks.stats(r);
    stats.rules.push_back({blocks.rule(r).text, rule.records_with_key, rule.blocks,
                           rule.candidate_pairs, scored.pairs_per_rule[r], rule.generic_blocks});
  }
  for (const block::GenericValue& value : blocks.generic_values()) {
    stats.generic_values.push_back({blocks.rule(value.rule).text, value.masked_value, value.size});
  }
  for (const match::ComparisonModel& comparison : outcome.model.comparisons) {
    for (size_t level = 1; level < comparison.levels.size(); ++level) {
      stats.model.push_back({comparison.comparison.name, comparison.comparison.levels[level],
                             comparison.levels[level].m, comparison.levels[level].u});
    }
  }
  stats.prior = outcome.model.lambda;
  stats.threshold = outcome.model.threshold;
  stats.pairs_scored = scored.pairs_scored;
  stats.matches = scored.edges.size();
  stats.histogram_min = scored.histogram_min;
  stats.weight_histogram = scored.weight_histogram;
  stats.entities = outcome.clustering.entity_count();
  std::vector<uint64_t> sizes(outcome.clustering.entity_count(), 0);
  for (uint32_t entity : outcome.clustering.entity_of) ++sizes[entity];
  for (uint64_t size : sizes) ++stats.entity_sizes[size];
  for (const cluster::GuardEvent& guard : outcome.clustering.guards) {
    stats.guards.push_back({guard.rule,
                            raw.sources()[raw.source(guard.first_row)].name + ":" +
                                std::string(raw.source_id(guard.first_row)),
                            guard.size, guard.parts});
  }
  // Source overlap and within-source duplicates, from each entity's set of sources.
  const size_t source_count = raw.sources().size();
  stats.source_overlap.assign(source_count, std::vector<uint64_t>(source_count, 0));
  stats.duplicate_records.assign(source_count, 0);
  {
    // Rows grouped by entity (counting sort), then each entity's distinct sources.
    std::vector<uint32_t> start(outcome.clustering.entity_count() + 1, 0);
    for (uint32_t entity : outcome.clustering.entity_of) ++start[entity + 1];
    for (size_t e = 1; e < start.size(); ++e) start[e] += start[e - 1];
    std::vector<uint32_t> rows_by_entity(rows);
    std::vector<uint32_t> fill(start.begin(), start.end() - 1);
    for (uint32_t row = 0; row < rows; ++row) rows_by_entity[fill[outcome.clustering.entity_of[row]]++] = row;
    std::vector<uint32_t> per_source(source_count, 0);
    std::vector<uint16_t> present;
    for (uint32_t entity = 0; entity < outcome.clustering.entity_count(); ++entity) {
      present.clear();
      for (uint32_t i = start[entity]; i < start[entity + 1]; ++i) {
        const uint16_t source = raw.source(rows_by_entity[i]);
        if (per_source[source]++ == 0) present.push_back(source);
      }
      for (uint16_t a : present) {
        stats.duplicate_records[a] += per_source[a] - 1;
        for (uint16_t b : present) ++stats.source_overlap[a][b];
      }
      for (uint16_t source : present) per_source[source] = 0;
    }
  }
  return outcome;
}

std::string ExplainText(const RecordTable& raw, const NormalizedTable& normalized,
                        const MatchPlan& plan, uint32_t a, uint32_t b, ExecContext& ctx) {
  const match::Comparator comparator(normalized, plan.comparisons);
  const match::TermFrequencies frequencies =
      match::TermFrequencies::Build(normalized, plan.comparisons, ctx);
  const match::MatchModel& model = plan.model;
  const match::Pattern pattern = comparator.Compare(std::min(a, b), std::max(a, b));
  std::string out;
  char line[512];
  auto record = [&](uint32_t row) {
    return raw.sources()[raw.source(row)].name + ":" + std::string(raw.source_id(row)) +
           " (line " + std::to_string(raw.line(row)) + ")";
  };
  out += "A = " + record(a) + "\nB = " + record(b) + "\n\n";
  std::snprintf(line, sizeof(line), "%-12s %-28s %-28s %-14s %9s\n", "comparison", "A", "B",
                "level", "weight");
  out += line;
  const bool conflict = match::FirstNamesConflict(plan.comparisons, pattern);
  double total = model.PriorLogOdds();
  for (size_t c = 0; c < plan.comparisons.size(); ++c) {
    const match::Comparison& comparison = plan.comparisons[c];
    const uint8_t level = match::LevelOf(pattern, c);
    double weight = model.LogBayesFactor(c, level);
    const bool exact = level != match::kNullLevel && level + 1u == comparison.levels.size();
    double tf = 0;
    if (exact && comparison.term_frequency) {
      tf = frequencies.PairAdjustment(c, a, b, model.comparisons[c].levels[level].u);
      weight += tf;
    }
    const bool household_capped = match::CountedWeight(comparison, weight, conflict) != weight;
    weight = match::CountedWeight(comparison, weight, conflict);
    total += weight;
    for (size_t f = 0; f < comparison.fields.size(); ++f) {
      const Field field = comparison.fields[f];
      if (f > 0 && raw.Get(field, a).empty() && raw.Get(field, b).empty()) continue;
      auto shown = [&](uint32_t row) {
        std::string value(raw.Get(field, row));
        const std::string_view key = normalized.Get(field, row);
        if (key != value && !key.empty()) value += " -> " + std::string(key);
        if (value.size() > 28) value = value.substr(0, 25) + "...";
        return value;
      };
      std::snprintf(line, sizeof(line), "%-12s %-28s %-28s", f == 0 ? comparison.name.c_str() : "",
                    shown(a).c_str(), shown(b).c_str());
      out += line;
      if (f == 0) {
        std::snprintf(line, sizeof(line), " %-14s %+9.2f", comparison.levels[level].c_str(), weight);
        out += line;
        if (tf != 0) {
          std::snprintf(line, sizeof(line), "  (term frequency %+.2f)", tf);
          out += line;
        }
        if (household_capped) out += "  (first names conflict: a household shares this, not counted)";
      }
      out += '\n';
    }
  }
  std::snprintf(line, sizeof(line),
                "\nprior (probability two random records match = %.3g): %+.2f\n"
                "total match weight: %+.2f bits -> match probability %.4f (threshold %.2f): %s\n",
                model.lambda, model.PriorLogOdds(), total, match::ProbabilityFromWeight(total),
                model.threshold, total >= model.ThresholdWeight() ? "MATCH" : "no match");
  out += line;
  std::string rules;
  for (size_t r = 0; r < plan.blocks.rule_count(); ++r) {
    const uint32_t fa = plan.blocks.fingerprint(r, a);
    if (fa != 0 && fa == plan.blocks.fingerprint(r, b)) {
      rules += (rules.empty() ? "" : "; ") + plan.blocks.rule(r).text;
    }
  }
  out += rules.empty() ? "blocking: no rule proposes this pair, so a run never compares it\n"
                       : "blocking: proposed by " + rules + "\n";
  return out;
}

Status EvaluateRun(const RecordTable& raw, const MatchOutcome& outcome, const std::string& truth_path,
                   ExecContext& ctx) {
  IDFORGE_ASSIGN_OR_RETURN(eval::TruthTable truth, eval::LoadTruth(truth_path));
  eval::Crosswalk crosswalk;
  // In batches: AddMany overlaps the hash-table misses of a batch (~2x faster than Add per row).
  constexpr uint32_t kBatch = 4096;
  crosswalk.Reserve(raw.row_count(), raw.source_id_column().byte_size());
  std::vector<eval::RecordLabels::Record> batch;
  batch.reserve(kBatch);
  for (uint32_t begin = 0; begin < raw.row_count(); begin += kBatch) {
    batch.clear();
    for (uint32_t row = begin; row < std::min(raw.row_count(), begin + kBatch); ++row) {
      batch.push_back({raw.sources()[raw.source(row)].name, raw.source_id(row),
                       outcome.golden_ids[outcome.clustering.entity_of[row]]});
    }
    size_t added = 0;
    IDFORGE_RETURN_IF_ERROR(crosswalk.AddMany(batch, &added));
  }
  const eval::Evaluation evaluation = eval::Evaluate(truth, crosswalk);
  EvaluationStats& e = ctx.stats().evaluation();
  e.ran = true;
  e.truth_path = truth_path;
  e.records_evaluated = evaluation.records_evaluated;
  e.records_only_in_truth = evaluation.records_only_in_truth;
  e.records_only_in_crosswalk = evaluation.records_only_in_crosswalk;
  e.true_positives = evaluation.pairwise.true_positives;
  e.false_positives = evaluation.pairwise.false_positives;
  e.false_negatives = evaluation.pairwise.false_negatives;
  e.true_pairs = e.true_positives + e.false_negatives;
  e.precision = evaluation.pairwise.precision;
  e.recall = evaluation.pairwise.recall;
  e.f1 = evaluation.pairwise.f1;
  e.bcubed_precision = evaluation.bcubed.precision;
  e.bcubed_recall = evaluation.bcubed.recall;
  e.bcubed_f1 = evaluation.bcubed.f1;
  e.blocking_true_pairs_proposed = outcome.blocking_true_pairs_proposed;
  e.blocking_recall = outcome.blocking_true_pairs == 0
                          ? 1.0
                          : static_cast<double>(outcome.blocking_true_pairs_proposed) /
                                static_cast<double>(outcome.blocking_true_pairs);
  auto describe = [](const eval::SampleRecord& record) {
    return record.source + ":" + record.source_id + " (entity " + record.entity_id + ", golden " +
           record.golden_id + ")";
  };
  for (const eval::ErrorSample& sample : eval::SampleFalseMerges(truth, crosswalk, 20)) {
    e.false_merges.emplace_back(describe(sample.a), describe(sample.b));
  }
  for (const eval::ErrorSample& sample : eval::SampleMissedMatches(truth, crosswalk, 20)) {
    e.missed_matches.emplace_back(describe(sample.a), describe(sample.b));
  }
  return Status::Ok();
}

Status WriteCrosswalk(const std::string& path, const RecordTable& raw, const MatchOutcome& outcome) {
  IDFORGE_ASSIGN_OR_RETURN(AtomicFile file, AtomicFile::Open(path));
  file.Write("source,source_id,golden_id,match_probability\n");
  std::vector<std::string> source_cells;  // quoted once, not per row
  for (const SourceInfo& source : raw.sources()) {
    AppendCsvField(source_cells.emplace_back(), source.name);
    source_cells.back() += ',';
  }
  WriteRangesInOrder(file, raw.row_count(), kRowsPerRange,
                     [&](uint64_t begin, uint64_t end, std::string& out) {
                       for (auto row = static_cast<uint32_t>(begin); row < end; ++row) {
                         out += source_cells[raw.source(row)];
                         AppendCsvField(out, raw.source_id(row));
                         out += ',';
                         out += outcome.golden_ids[outcome.clustering.entity_of[row]];
                         out += ',';
                         // A record alone in its entity is its own golden record: probability 1.
                         const float weight = outcome.clustering.best_weight[row];
                         AppendFixed(out,
                                     std::isinf(weight) ? 1.0 : match::ProbabilityFromWeight(weight),
                                     6);
                         out += '\n';
                       }
                     });
  return file.Commit();
}

Status WriteModel(const std::string& path, const match::MatchModel& model) {
  IDFORGE_ASSIGN_OR_RETURN(AtomicFile file, AtomicFile::Open(path));
  file.Write(model.ToJson());
  return file.Commit();
}

Status WritePairs(const std::string& path, const RecordTable& raw, const MatchOutcome& outcome) {
  IDFORGE_ASSIGN_OR_RETURN(AtomicFile file, AtomicFile::Open(path));
  std::string header = "source_a,source_id_a,source_b,source_id_b,match_weight,match_probability";
  for (const match::Comparison& comparison : outcome.comparisons) header += "," + comparison.name;
  header += '\n';
  file.Write(header);
  std::vector<std::string> source_cells;  // quoted once, not per row
  for (const SourceInfo& source : raw.sources()) {
    AppendCsvField(source_cells.emplace_back(), source.name);
    source_cells.back() += ',';
  }
  WriteRangesInOrder(
      file, outcome.pairs.size(), kRowsPerRange, [&](uint64_t begin, uint64_t end, std::string& out) {
        for (uint64_t pair_idx = begin; pair_idx < end; ++pair_idx) {
          const match::ScoredPair& pair = outcome.pairs[pair_idx];
          out += source_cells[raw.source(pair.a)];
          AppendCsvField(out, raw.source_id(pair.a));
          out += ',';
          out += source_cells[raw.source(pair.b)];
          AppendCsvField(out, raw.source_id(pair.b));
          out += ',';
          AppendFixed(out, pair.weight, 4);
          out += ',';
          AppendFixed(out, match::ProbabilityFromWeight(pair.weight), 6);
          for (size_t c = 0; c < outcome.comparisons.size(); ++c) {
            out += ',';
            out += outcome.comparisons[c].levels[match::LevelOf(pair.pattern, c)];
          }
          out += '\n';
        }
      });
  return file.Commit();
}

}  // namespace idforge::pipeline
