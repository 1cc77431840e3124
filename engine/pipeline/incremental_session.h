// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Internals of incremental runs shared by `run --state` and `forget`: the settings a state file
// carries (model, blocking rules, survivorship, carried fields), the delta of one run, the local
// re-linking of the entities it touches, and the outputs written from the state tables.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "engine/block/blocking_rules.h"
#include "engine/common/exec_context.h"
#include "engine/match/comparisons.h"
#include "engine/match/model.h"
#include "engine/normalize/normalize_table.h"
#include "engine/state/store.h"
#include "engine/survive/survive.h"
#include "idforge/idforge.h"

namespace idforge::pipeline {

// Meta keys of the state file.
inline constexpr std::string_view kMetaModel = "model_json";
inline constexpr std::string_view kMetaMatching = "matching_json";
inline constexpr std::string_view kMetaSurvivorship = "survivorship_json";
inline constexpr std::string_view kMetaRules = "blocking_rules";  // one rule text per line
inline constexpr std::string_view kMetaExtras = "extra_names";    // one name per line
inline constexpr std::string_view kMetaGoldenHeader = "golden_header";

// What a run needs from the state file besides its tables. Owns the store.
struct Session {
  explicit Session(state::Store opened) : store(std::move(opened)) {}
  state::Store store;
  match::MatchModel model;
  std::vector<match::Comparison> comparisons;  // the model's, in model order
  std::vector<block::BlockingRule> rules;
  uint32_t max_block_size = 1000;
  // As block::BlockingOptions: a block of more records than this is windowed, each record meeting
  // its generic_window neighbours on either side in name order.
  uint32_t pairwise_block_size = 25;
  uint32_t generic_window = 8;
  uint32_t max_entity_size = 200;
  survive::SurvivorshipOptions survivorship;
  std::vector<std::string> extra_names;
  std::vector<SourceInfo> sources;  // state order: index = stored source number
  normalize::NormalizeOptions normalize;
  int64_t run = 0;  // this run's number (runs so far + 1)
  // The state's first run: every stored record is a "created" event of changes.csv (written
  // from the crosswalk scan, not held as events).
  bool first_run = false;
};

// Loads the settings of a state that has had its first run.
Status LoadSession(Session& session);

// A row of changes.csv.
struct ChangeEvent {
  std::string_view event;  // created, updated, merged, split, deleted
  std::string golden_id;
  std::string other_golden_id;
  std::string source;
  std::string source_id;
};

// One run's changes to the record set: the new and changed records (rows of `raw`, whose source
// indexes are the state's) and the stored records to remove (changed ones and deleted ones).
struct Delta {
  explicit Delta(std::vector<std::string> extra_names) : raw(std::move(extra_names)) {}
  RecordTable raw;
  std::vector<std::string> encoded;  // per raw row
  std::vector<uint64_t> hashes;      // per raw row
  std::vector<int64_t> prev_rid;     // per raw row: the stored version it replaces, or 0
  std::vector<int64_t> removed;      // stored rids to remove: replaced and deleted records
  std::vector<int64_t> deleted;      // the subset of `removed` that is deleted (events)
};

struct LinkCounts {
  int64_t created = 0, updated = 0, merged = 0, split = 0, deleted = 0;
  int64_t entities_touched = 0;
  int64_t pairs_scored = 0;
};

// Links the delta into the state: scores new and changed records against the stored key index
// with the stored model, re-clusters the entities they touch (and those that lost records) alone,
// assigns stable golden ids, recomputes their golden records and writes everything to the store.
// Work is proportional to the delta and the touched entities. Appends to `events`.
Result<LinkCounts> ApplyDelta(Session& session, Delta& delta, std::vector<ChangeEvent>& events,
                              ExecContext& ctx);

// A record's place in a windowed block (block::BuildBlocks sorts such blocks by surname, first
// name and birth date): the first 8 bytes of that sort key, big-endian, as a signed integer of the
// same order (the store compares it signed). Records that agree on those 8 bytes fall back to rid
// order, where the batch run compares the rest of the key: the one approximation of the window.
int64_t NameOrder(const NormalizedTable& norm, uint32_t row);

// The stored records a batch run over the state and the delta would pair with each delta record,
// found in one scan of the stored keysets. As block::BuildBlocks: a block (the records, stored and
// new, sharing a blocking key) of at most `pairwise` records is compared pairwise; a larger one is
// windowed: each record meets its `window` neighbours on either side in name order (name order,
// then rid; a delta record sorts after the stored records of its name order, delta records among
// themselves in row order). Pairs of two stored records are not proposed: their edges are stored.
// Memory is bounded by the delta (a block's head and each delta record's 2 x window nearest
// stored members), whatever the size of the state or of a block.
struct DeltaCandidates {
  std::vector<std::vector<int64_t>> stored;  // per delta row: stored rids, ascending, unique
  std::vector<std::vector<uint32_t>> peers;  // per delta row: later delta rows, ascending, unique
};
// Calls its argument once per stored record: rid (ascending) and keyset.
using KeysetScan =
    std::function<Status(const std::function<void(int64_t rid, const state::Keyset& keyset)>&)>;
Result<DeltaCandidates> FindCandidates(const std::vector<std::vector<state::KindKey>>& d_keys,
                                       const std::vector<int64_t>& d_name, uint32_t pairwise,
                                       uint32_t window, const KeysetScan& scan);

// The TF value a term-frequency comparison counts (mirrors engine/match/score.cc's TfValue).
std::string_view TermValue(const NormalizedTable& norm, match::ComparisonKind kind, uint32_t row);

// One golden.csv line (no newline) and the entity's golden_provenance.csv lines.
void FormatGolden(const RecordTable& raw, const survive::GoldenTable& golden, uint32_t entity,
                  std::string& line, std::string& provenance);
std::string GoldenHeader(const RecordTable& raw, const survive::GoldenTable& golden);

// golden.csv and/or golden.jsonl (output.formats), golden_provenance.csv, crosswalk.csv and
// model.json from the state tables, and changes.csv (`events`, or on a first run one "created"
// row per record, in rid order); appends the paths to `written`.
Status WriteStateOutputs(Session& session, const std::vector<ChangeEvent>& events,
                         const OutputSpec& output, const std::string& out_dir,
                         std::vector<std::string>& written);

// The smallest unused id for an entity whose smallest record key is `key`: "g" + 16 hex digits
// of XXH3(key) as the batch pipeline names entities, rehashed while it was ever issued.
Result<std::string> NewGoldenId(state::Store& store, std::string_view key,
                                const std::vector<std::string>& issued_this_run);

}  // namespace idforge::pipeline
