// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// The identity graph of incremental runs, in one SQLite file: every source record (key, content
// hash, raw canonical values), its blocking and term-frequency keys, the accepted match edges, the
// entities with their golden records, the model and the job settings, and a run log. All SQL of
// the engine lives here; callers see typed operations. Schema changes go through kMigrations.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/state/sqlite.h"
#include "idforge/record_table.h"
#include "idforge/status.h"

namespace idforge::state {

// The schema version this build writes. Open() migrates older files up to it.
inline constexpr int kSchemaVersion = 3;
// The SQL that brings a database from version `to - 1` to `to`, in order, and for steps SQL
// alone cannot do, `code`, run after `sql` in the same transaction. Exposed for tests.
struct Migration {
  int to;
  std::string_view sql;
  Status (*code)(Db& db) = nullptr;
};
const std::vector<Migration>& Migrations();

// Key kinds of a record: blocking rule r is kind r; term-frequency value of comparison c is kind
// kTermKindBase + c. A record's keys are one row (its keyset, record_keysets): there is no index
// by key. A nightly run finds the stored records sharing a key with its delta in one sequential
// scan of the keysets (ForEachKeyset), which costs less than keeping a hash-ordered index of
// ~13 keys per record: a 1 % delta touched nearly every page of such an index, and the first
// run inserted every key row (see bench/RESULTS.md, issue #8).
inline constexpr int64_t kTermKindBase = 1000;

// One (kind, key) of a record.
using KindKey = std::pair<int64_t, uint64_t>;

struct StoredRecordKey {
  int64_t rid = 0;
  uint64_t hash = 0;
  int64_t entity = 0;
};

struct StoredRecord {
  int64_t rid = 0;
  uint16_t source = 0;
  std::string source_id;
  uint64_t line = 0;
  int64_t entity = 0;
  std::string data;  // EncodeRecord() bytes
};

// A record's keys as stored: its name order (the caller's order-preserving 64-bit prefix of its
// name sort key) and every (kind, key).
struct Keyset {
  int64_t name = 0;
  std::vector<KindKey> keys;
};

struct StoredEdge {
  int64_t a = 0;  // a < b
  int64_t b = 0;
  float weight = 0;
};

struct EntityInfo {
  int64_t entity = 0;
  std::string golden_id;
  int64_t created_run = 0;
  int64_t members = 0;
};

struct RunLogEntry {
  std::string command;  // "run" or "forget"
  std::string today;    // the date the caller passed (never read from the clock here)
  int64_t records_new = 0, records_changed = 0, records_unchanged = 0, records_deleted = 0;
  int64_t created = 0, updated = 0, merged = 0, split = 0, deleted = 0;
  int64_t records_total = 0, entities_total = 0;
};

// Owns the connection and its prepared statements. Not thread-safe. Changes are made inside
// Begin()..Commit(); destroying the store before Commit() rolls them back, so a failed or killed
// run leaves the file as the last committed run left it.
class Store {
 public:
  // Opens or creates `path` and migrates it to kSchemaVersion (in one transaction).
  static Result<Store> Open(const std::string& path);
  // Opens `path` without migrating past `version` (tests of the migration path).
  static Result<Store> OpenAtVersion(const std::string& path, int version);
  Store(Store&&) noexcept;
  Store& operator=(Store&&) noexcept;
  ~Store();

  Result<int> SchemaVersion();
  Status Begin();
  Status Commit();

  // Bulk loading of an empty state (the first run), inside Begin()..Commit(): drops the secondary
  // indexes (records by entity and by (source, source_id), entities by golden id, edges by b) so
  // the inserts maintain only the primary b-trees; EndBulkLoad() rebuilds them, each with one
  // sort. The inserts are fastest in primary key order (records and keysets by rid,
  // InsertEdge by (a, b)): each page is then written once,
  // in order, instead of being read back from disk for every random insert.
  // Performance: 100k generated records, first run 18.1 s -> see bench/RESULTS.md (issue #8).
  // REQUIRES: in a transaction; the records, keys and edges tables are empty.
  Status BeginBulkLoad();
  Status EndBulkLoad();
  // Lets SQLite's sorter (CREATE INDEX, ORDER BY) use up to `threads - 1` helper threads besides
  // the caller's, so `--threads N` bounds it too. Default: 1 (no helpers).
  Status SetThreads(uint32_t threads);

  // Settings and blobs: "model_json", "matching_json", "survivorship_json", "extra_names", ...
  Result<std::optional<std::string>> GetMeta(std::string_view key);
  Status SetMeta(std::string_view key, std::string_view value);

  // Sources in index order; UpsertSource returns the index of `info.name` (adding it when new)
  // and refreshes its settings.
  Result<std::vector<SourceInfo>> LoadSources();
  Result<uint16_t> UpsertSource(const SourceInfo& info);

  Result<int64_t> RunCount();
  Result<int64_t> LogRun(const RunLogEntry& entry);
  Status LogErasure(int64_t run, std::string_view today, int64_t records, int64_t entities);

  // Records.
  Result<std::optional<StoredRecordKey>> FindRecord(uint16_t source, std::string_view source_id);
  Status ForEachRecordOfSource(uint16_t source,
                               const std::function<void(std::string_view, const StoredRecordKey&)>& fn);
  Result<StoredRecord> LoadRecord(int64_t rid);
  // LoadRecord() of each rid, in the order given (ascending reads each page once), through the
  // scan cache: `record` (and its data) is valid during the call only. A missing rid is an error.
  Status ForEachRecord(std::span<const int64_t> rids, const std::function<void(const StoredRecord& record)>& fn);
  // `entity` may be 0 (set later with SetRecordEntity).
  Result<int64_t> InsertRecord(uint16_t source, std::string_view source_id, uint64_t hash,
                               uint64_t line, std::string_view data, int64_t entity = 0,
                               float weight = 0);
  Status SetRecordEntity(int64_t rid, int64_t entity, float weight);
  // Deletes the record, its keyset and its edges; returns the keyset (empty when it had none).
  Result<Keyset> DeleteRecord(int64_t rid);
  Result<std::vector<int64_t>> MembersOf(int64_t entity);

  // Keys (blocking and term-frequency): one keyset per record.
  Status InsertKeyset(int64_t rid, int64_t name, std::span<const KindKey> keys);
  // A record's keys; empty when it has none.
  Result<Keyset> KeysetOf(int64_t rid);
  Result<std::vector<KindKey>> KeysOf(int64_t rid);
  // Every keyset in rid order, one sequential scan. `keyset` is valid during the call only.
  Status ForEachKeyset(const std::function<void(int64_t rid, const Keyset& keyset)>& fn);
  Status AddTermCount(int64_t comparison, uint64_t hash, int64_t delta);
  Result<int64_t> TermCount(int64_t comparison, uint64_t hash);

  Status InsertEdge(const StoredEdge& edge);
  Result<std::vector<StoredEdge>> EdgesOf(int64_t rid);

  // Entities and golden ids.
  Result<EntityInfo> LoadEntity(int64_t entity);
  Result<int64_t> InsertEntity(std::string_view golden_id, int64_t created_run);
  // InsertEntity() and UpdateEntity() in one statement (the first run's bulk path).
  Result<int64_t> InsertEntity(std::string_view golden_id, int64_t created_run, int64_t members,
                               std::string_view golden_line, std::string_view provenance_lines);
  Status UpdateEntity(int64_t entity, int64_t members, std::string_view golden_line,
                      std::string_view provenance_lines);
  Status DeleteEntity(int64_t entity);
  // True when the id was ever issued (alive or retired): ids are never reused.
  Result<bool> GoldenIdIssued(std::string_view golden_id);
  Status RetireGoldenId(std::string_view golden_id, std::string_view fate, std::string_view other,
                        int64_t run);

  // Output scans, in rid / entity order. The crosswalk reads the golden ids once (from their
  // index) and then the records table in order: no lookup per record.
  Status ForEachCrosswalkRow(const std::function<void(std::string_view source, std::string_view id,
                                                      std::string_view golden_id, double weight)>& fn);
  Status ForEachGolden(const std::function<void(std::string_view line, std::string_view provenance)>& fn);
  Result<int64_t> Count(std::string_view table);

 private:
  explicit Store(Db db) : db_(std::make_unique<Db>(std::move(db))) {}
  Status Migrate(int target);
  Result<Stmt*> Prepared(int slot, std::string_view sql);

  std::unique_ptr<Db> db_;  // heap: statements keep its address across moves
  bool in_transaction_ = false;
  std::vector<std::unique_ptr<Stmt>> statements_;
  std::string keyset_bytes_;  // InsertKeyset's buffer
};

}  // namespace idforge::state
