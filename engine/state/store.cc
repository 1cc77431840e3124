// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
#include "engine/state/store.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <limits>

namespace idforge::state {
namespace {

// SQLite integers are signed: 64-bit hashes are stored bit for bit.
int64_t AsInt(uint64_t value) { return std::bit_cast<int64_t>(value); }
uint64_t AsHash(int64_t value) { return std::bit_cast<uint64_t>(value); }

// Statement slots (each prepared once per Store).
enum Slot : int {
  kGetMeta, kSetMeta, kFindSource, kInsertSource, kUpdateSource, kFindRecord, kRecordsOfSource,
  kLoadRecord, kInsertRecord, kSetEntity, kDeleteRecord, kDeleteKeyset, kDeleteEdgesOf,
  kMembersOf, kInsertKeyset, kKeysOf, kAddTerm, kTermCount, kInsertEdge, kEdgesOf,
  kLoadEntity, kInsertEntity, kInsertFullEntity, kUpdateEntity, kDeleteEntity, kIdAlive, kIdRetired, kRetire,
  kSlotCount
};

// The secondary indexes of the schema (as the migrations create them), dropped and rebuilt
// around a bulk load.
struct SecondaryIndex {
  std::string_view name;
  std::string_view create;
};
constexpr SecondaryIndex kSecondaryIndexes[] = {
    {"records_entity", "CREATE INDEX records_entity ON records(entity)"},
    {"records_source_id", "CREATE UNIQUE INDEX records_source_id ON records(source, source_id)"},
    {"entities_golden_id", "CREATE UNIQUE INDEX entities_golden_id ON entities(golden_id)"},
    {"edges_b", "CREATE INDEX edges_b ON edges(b)"},
};

// A keyset: the record's name order (8 bytes, little-endian), then per key its kind (LEB128
// varint) and key (8 bytes, little-endian).
void AppendU64(std::string& out, uint64_t value) {
  for (int byte = 0; byte < 8; ++byte) out.push_back(static_cast<char>(value >> (8 * byte)));
}
uint64_t ReadU64(const char* at) {
  uint64_t value = 0;
  for (int byte = 7; byte >= 0; --byte) value = (value << 8) | static_cast<unsigned char>(at[byte]);
  return value;
}
void EncodeKeyset(int64_t name, std::span<const KindKey> keys, std::string& out) {
  out.clear();
  AppendU64(out, AsHash(name));
  for (const auto& [kind, key] : keys) {
    auto value = static_cast<uint64_t>(kind);
    do {
      out.push_back(static_cast<char>((value & 0x7f) | (value >= 0x80 ? 0x80 : 0)));
      value >>= 7;
    } while (value != 0);
    AppendU64(out, key);
  }
}
// False when the bytes are damaged.
bool DecodeKeyset(std::string_view bytes, int64_t& name, std::vector<KindKey>& keys) {
  keys.clear();
  if (bytes.size() < 8) return false;
  name = AsInt(ReadU64(bytes.data()));
  size_t pos = 8;
  while (pos < bytes.size()) {
    uint64_t kind = 0;
    int shift = 0;
    while (true) {
      if (pos >= bytes.size() || shift > 63) return false;
      const auto byte = static_cast<unsigned char>(bytes[pos++]);
      kind |= static_cast<uint64_t>(byte & 0x7f) << shift;
      shift += 7;
      if ((byte & 0x80) == 0) break;
    }
    if (bytes.size() - pos < 8) return false;
    keys.emplace_back(static_cast<int64_t>(kind), ReadU64(bytes.data() + pos));
    pos += 8;
  }
  return true;
}

// Version 3, the part SQL cannot do: each record's keyset from the version 2 key table (read
// through its rid index, one record at a time), then the key table goes. Migrated records get name
// order 0: in a windowed block they sort by rid among themselves until they change (new and
// changed records carry their real name order).
Status MigrateKeysetsToV3(Db& db) {
  IDFORGE_ASSIGN_OR_RETURN(Stmt scan, Stmt::Prepare(db, "SELECT rid, kind, key FROM record_keys ORDER BY rid"));
  IDFORGE_ASSIGN_OR_RETURN(Stmt insert, Stmt::Prepare(db, "INSERT INTO record_keysets(rid, keys) VALUES(?,?)"));
  std::vector<KindKey> keys;
  std::string bytes;
  int64_t current = 0;
  auto flush = [&]() -> Status {
    if (keys.empty()) return Status::Ok();
    EncodeKeyset(0, keys, bytes);
    IDFORGE_RETURN_IF_ERROR(insert.Bind(1, current).BindBlob(2, bytes).Run());
    keys.clear();
    return Status::Ok();
  };
  while (true) {
    IDFORGE_ASSIGN_OR_RETURN(bool row, scan.Step());
    if (!row) break;
    if (scan.Int(0) != current) {
      IDFORGE_RETURN_IF_ERROR(flush());
      current = scan.Int(0);
    }
    keys.emplace_back(scan.Int(1), AsHash(scan.Int(2)));
  }
  IDFORGE_RETURN_IF_ERROR(flush());
  return db.Exec("DROP TABLE record_keys");
}

// Page cache of one connection, in KiB (SQLite's negative cache_size): the default 2 MiB makes a
// transaction that writes more than that spill pages and read them back for every random insert.
// Pages are allocated as they are used, so a small state stays small in memory.
constexpr int64_t kCacheKiB = 256 * 1024;
// The page cache during a sequential scan (keysets, outputs): its pages are read once, so a few
// MiB of recycled buffers do; at kCacheKiB every page read allocated and first touched a fresh
// buffer (sqlite3Malloc plus a page fault: a third of the keyset scan's time at 1 M records).
// Dirty pages stay cached whatever the size: SQLite recycles clean ones first.
constexpr int64_t kScanCacheKiB = 8 * 1024;

std::string CacheSizePragma(int64_t kib) { return "PRAGMA cache_size=-" + std::to_string(kib); }

// Shrinks the page cache for one scan and restores it.
class ScanCache {
 public:
  explicit ScanCache(Db& db) : db_(db) { status_ = db_.Exec(CacheSizePragma(kScanCacheKiB)); }
  ~ScanCache() { (void)db_.Exec(CacheSizePragma(kCacheKiB)); }
  const Status& status() const { return status_; }

 private:
  Db& db_;
  Status status_;
};

}  // namespace

const std::vector<Migration>& Migrations() {
  static const std::vector<Migration> kList = {
      {1, R"sql(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE sources(source INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, path TEXT NOT NULL,
  default_country TEXT NOT NULL, priority INTEGER NOT NULL, dob_format TEXT NOT NULL);
CREATE TABLE records(rid INTEGER PRIMARY KEY, source INTEGER NOT NULL, source_id TEXT NOT NULL,
  hash INTEGER NOT NULL, entity INTEGER NOT NULL DEFAULT 0, weight REAL, line INTEGER NOT NULL,
  data BLOB NOT NULL, UNIQUE(source, source_id));
CREATE INDEX records_entity ON records(entity);
CREATE TABLE record_keys(kind INTEGER NOT NULL, key INTEGER NOT NULL, rid INTEGER NOT NULL,
  PRIMARY KEY(kind, key, rid)) WITHOUT ROWID;
CREATE INDEX record_keys_rid ON record_keys(rid);
CREATE TABLE term_counts(comparison INTEGER NOT NULL, hash INTEGER NOT NULL,
  count INTEGER NOT NULL, PRIMARY KEY(comparison, hash)) WITHOUT ROWID;
CREATE TABLE edges(a INTEGER NOT NULL, b INTEGER NOT NULL, weight REAL NOT NULL,
  PRIMARY KEY(a, b)) WITHOUT ROWID;
CREATE INDEX edges_b ON edges(b);
CREATE TABLE entities(entity INTEGER PRIMARY KEY, golden_id TEXT NOT NULL UNIQUE,
  created_run INTEGER NOT NULL, members INTEGER NOT NULL DEFAULT 0,
  golden TEXT NOT NULL DEFAULT '', provenance TEXT NOT NULL DEFAULT '');
CREATE TABLE retired_ids(golden_id TEXT PRIMARY KEY, fate TEXT NOT NULL, other TEXT NOT NULL,
  run INTEGER NOT NULL);
CREATE TABLE runs(run INTEGER PRIMARY KEY, command TEXT NOT NULL, today TEXT NOT NULL,
  records_new INTEGER, records_changed INTEGER, records_unchanged INTEGER,
  records_deleted INTEGER, created INTEGER, updated INTEGER, merged INTEGER, split INTEGER,
  deleted INTEGER, records_total INTEGER, entities_total INTEGER);
)sql"},
      // Version 2: erasures are logged apart from runs, with counts only (no personal data).
      {2, R"sql(
CREATE TABLE erasures(erasure INTEGER PRIMARY KEY, run INTEGER NOT NULL, today TEXT NOT NULL,
  records INTEGER NOT NULL, entities INTEGER NOT NULL);
)sql"},
      // Version 3 (nightly runs on large states): each record's keys, with its name order for
      // windowed blocks, are one keyset row; the key index (and its rid index) goes: a nightly run
      // scans the keysets instead of keeping ~13 index rows per record in hash order. The unique
      // constraints of records and entities become named indexes the bulk load can drop and
      // rebuild. MigrateKeysetsToV3 finishes it.
      {3, R"sql(
CREATE TABLE record_keysets(rid INTEGER PRIMARY KEY, keys BLOB NOT NULL);
CREATE TABLE records_v3(rid INTEGER PRIMARY KEY, source INTEGER NOT NULL,
  source_id TEXT NOT NULL, hash INTEGER NOT NULL, entity INTEGER NOT NULL DEFAULT 0, weight REAL,
  line INTEGER NOT NULL, data BLOB NOT NULL);
INSERT INTO records_v3 SELECT rid, source, source_id, hash, entity, weight, line, data FROM records
  ORDER BY rid;
DROP TABLE records;
ALTER TABLE records_v3 RENAME TO records;
CREATE UNIQUE INDEX records_source_id ON records(source, source_id);
CREATE INDEX records_entity ON records(entity);
CREATE TABLE entities_v3(entity INTEGER PRIMARY KEY, golden_id TEXT NOT NULL,
  created_run INTEGER NOT NULL, members INTEGER NOT NULL DEFAULT 0,
  golden TEXT NOT NULL DEFAULT '', provenance TEXT NOT NULL DEFAULT '');
INSERT INTO entities_v3 SELECT entity, golden_id, created_run, members, golden, provenance
  FROM entities ORDER BY entity;
DROP TABLE entities;
ALTER TABLE entities_v3 RENAME TO entities;
CREATE UNIQUE INDEX entities_golden_id ON entities(golden_id);
)sql", MigrateKeysetsToV3},
  };
  return kList;
}

Result<Store> Store::Open(const std::string& path) { return OpenAtVersion(path, kSchemaVersion); }

Result<Store> Store::OpenAtVersion(const std::string& path, int version) {
  IDFORGE_ASSIGN_OR_RETURN(Db db, Db::Open(path));
  Store store(std::move(db));
  store.statements_.resize(kSlotCount);
  // synchronous=FULL with the rollback journal: a run is durable once Commit() returns, even across
  // a power loss (a few fsyncs per run, measured as noise). temp_store=MEMORY: CREATE INDEX sorts
  // in memory rather than in temporary files.
  IDFORGE_RETURN_IF_ERROR(store.db_->Exec(
      "PRAGMA foreign_keys=OFF; PRAGMA synchronous=FULL; PRAGMA temp_store=MEMORY; " +
      CacheSizePragma(kCacheKiB)));
  IDFORGE_RETURN_IF_ERROR(store.Migrate(version));
  return store;
}

Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;

Store::~Store() {
  if (in_transaction_ && db_) (void)db_->Exec("ROLLBACK");
  statements_.clear();  // before the connection closes
}

Status Store::Migrate(int target) {
  IDFORGE_RETURN_IF_ERROR(db_->Exec("BEGIN IMMEDIATE"));
  Status status = [&]() -> Status {
    IDFORGE_RETURN_IF_ERROR(
        db_->Exec("CREATE TABLE IF NOT EXISTS schema_version(version INTEGER NOT NULL)"));
    IDFORGE_ASSIGN_OR_RETURN(int current, SchemaVersion());
    if (current > kSchemaVersion) {
      return InvalidArgument(db_->path() + ": state schema version " + std::to_string(current) +
                             " is newer than this idforge supports (" +
                             std::to_string(kSchemaVersion) + "); upgrade idforge");
    }
    for (const Migration& step : Migrations()) {
      if (step.to <= current || step.to > target) continue;
      IDFORGE_RETURN_IF_ERROR(db_->Exec(step.sql));
      if (step.code != nullptr) IDFORGE_RETURN_IF_ERROR(step.code(*db_));
      IDFORGE_RETURN_IF_ERROR(db_->Exec("DELETE FROM schema_version; INSERT INTO schema_version "
                                        "VALUES(" + std::to_string(step.to) + ")"));
    }
    return Status::Ok();
  }();
  if (!status.ok()) {
    (void)db_->Exec("ROLLBACK");
    return status;
  }
  return db_->Exec("COMMIT");
}

Result<int> Store::SchemaVersion() {
  IDFORGE_ASSIGN_OR_RETURN(Stmt stmt, Stmt::Prepare(*db_, "SELECT MAX(version) FROM schema_version"));
  IDFORGE_ASSIGN_OR_RETURN(bool row, stmt.Step());
  const int version = row && !stmt.IsNull(0) ? static_cast<int>(stmt.Int(0)) : 0;
  stmt.Reset();
  return version;
}

Status Store::Begin() {
  IDFORGE_RETURN_IF_ERROR(db_->Exec("BEGIN IMMEDIATE"));
  in_transaction_ = true;
  return Status::Ok();
}

Status Store::Commit() {
  IDFORGE_RETURN_IF_ERROR(db_->Exec("COMMIT"));
  in_transaction_ = false;
  return Status::Ok();
}

Status Store::BeginBulkLoad() {
  if (!in_transaction_) return Internal(db_->path() + ": BeginBulkLoad() outside a transaction");
  for (const SecondaryIndex& index : kSecondaryIndexes) {
    IDFORGE_RETURN_IF_ERROR(db_->Exec("DROP INDEX IF EXISTS " + std::string(index.name)));
  }
  return Status::Ok();
}

Status Store::SetThreads(uint32_t threads) {
  return db_->Exec("PRAGMA threads=" + std::to_string(threads > 1 ? threads - 1 : 0));
}

Status Store::EndBulkLoad() {
  for (const SecondaryIndex& index : kSecondaryIndexes) {
    IDFORGE_RETURN_IF_ERROR(db_->Exec(index.create));
  }
  return Status::Ok();
}

Result<Stmt*> Store::Prepared(int slot, std::string_view sql) {
  std::unique_ptr<Stmt>& stmt = statements_[static_cast<size_t>(slot)];
  if (!stmt) {
    IDFORGE_ASSIGN_OR_RETURN(Stmt prepared, Stmt::Prepare(*db_, sql));
    stmt = std::make_unique<Stmt>(std::move(prepared));
  }
  return stmt.get();
}

Result<std::optional<std::string>> Store::GetMeta(std::string_view key) {
  IDFORGE_ASSIGN_OR_RETURN(Stmt* stmt, Prepared(kGetMeta, "SELECT value FROM meta WHERE key=?"));
  stmt->Bind(1, key);
  IDFORGE_ASSIGN_OR_RETURN(bool row, stmt->Step());
  if (!row) return std::optional<std::string>();
  std::optional<std::string> value(std::string(stmt->Text(0)));
  stmt->Reset();
  return value;
}

Status Store::SetMeta(std::string_view key, std::string_view value) {
  IDFORGE_ASSIGN_OR_RETURN(Stmt* stmt,
                           Prepared(kSetMeta, "INSERT OR REPLACE INTO meta(key, value) VALUES(?,?)"));
  return stmt->Bind(1, key).Bind(2, value).Run();
}

Result<std::vector<SourceInfo>> Store::LoadSources() {
  IDFORGE_ASSIGN_OR_RETURN(
      Stmt stmt, Stmt::Prepare(*db_, "SELECT name, path, default_country, priority, dob_format "
                                     "FROM sources ORDER BY source"));
  std::vector<SourceInfo> sources;
  while (true) {
    IDFORGE_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    sources.push_back({std::string(stmt.Text(0)), std::string(stmt.Text(1)),
                       std::string(stmt.Text(2)), static_cast<int32_t>(stmt.Int(3)),
                       std::string(stmt.Text(4))});
  }
  return sources;
}

Result<uint16_t> Store::UpsertSource(const SourceInfo& info) {
  IDFORGE_ASSIGN_OR_RETURN(Stmt* find, Prepared(kFindSource, "SELECT source FROM sources WHERE name=?"));
  find->Bind(1, info.name);
  IDFORGE_ASSIGN_OR_RETURN(bool found, find->Step());
  if (found) {
    const auto index = static_cast<uint16_t>(find->Int(0));
    find->Reset();
    IDFORGE_ASSIGN_OR_RETURN(
        Stmt* update, Prepared(kUpdateSource, "UPDATE sources SET path=?, default_country=?, "
                                              "priority=?, dob_format=? WHERE source=?"));
    IDFORGE_RETURN_IF_ERROR(update->Bind(1, info.path).Bind(2, info.default_country)
                                .Bind(3, int64_t{info.priority}).Bind(4, info.dob_format)
                                .Bind(5, int64_t{index}).Run());
    return index;
  }
  IDFORGE_ASSIGN_OR_RETURN(Stmt count, Stmt::Prepare(*db_, "SELECT COUNT(*) FROM sources"));
  IDFORGE_ASSIGN_OR_RETURN(bool row, count.Step());
  const int64_t index = row ? count.Int(0) : 0;
  count.Reset();
  if (index >= 65535) return InvalidArgument(db_->path() + ": too many sources (65535)");
  IDFORGE_ASSIGN_OR_RETURN(Stmt* insert, Prepared(kInsertSource, "INSERT INTO sources VALUES(?,?,?,?,?,?)"));
  IDFORGE_RETURN_IF_ERROR(insert->Bind(1, index).Bind(2, info.name).Bind(3, info.path)
                              .Bind(4, info.default_country).Bind(5, int64_t{info.priority})
                              .Bind(6, info.dob_format).Run());
  return static_cast<uint16_t>(index);
}

Result<int64_t> Store::RunCount() { return Count("runs"); }

Result<int64_t> Store::Count(std::string_view table) {
  IDFORGE_ASSIGN_OR_RETURN(Stmt stmt, Stmt::Prepare(*db_, "SELECT COUNT(*) FROM " + std::string(table)));
  IDFORGE_ASSIGN_OR_RETURN(bool row, stmt.Step());
  const int64_t count = row ? stmt.Int(0) : 0;
  stmt.Reset();
  return count;
}

Result<int64_t> Store::LogRun(const RunLogEntry& e) {
  IDFORGE_ASSIGN_OR_RETURN(
      Stmt stmt, Stmt::Prepare(*db_, "INSERT INTO runs(command, today, records_new, records_changed,"
                                     " records_unchanged, records_deleted, created, updated, merged,"
                                     " split, deleted, records_total, entities_total) "
                                     "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?)"));
  stmt.Bind(1, e.command).Bind(2, e.today).Bind(3, e.records_new).Bind(4, e.records_changed);
  stmt.Bind(5, e.records_unchanged).Bind(6, e.records_deleted).Bind(7, e.created);
  stmt.Bind(8, e.updated).Bind(9, e.merged).Bind(10, e.split).Bind(11, e.deleted);
  stmt.Bind(12, e.records_total).Bind(13, e.entities_total);
  IDFORGE_RETURN_IF_ERROR(stmt.Run());
  return db_->LastInsertRowid();
}


Status Store::LogErasure(int64_t run, std::string_view today, int64_t records, int64_t entities) {
  IDFORGE_ASSIGN_OR_RETURN(
      Stmt stmt, Stmt::Prepare(*db_, "INSERT INTO erasures(run, today, records, entities) VALUES(?,?,?,?)"));
  return stmt.Bind(1, run).Bind(2, today).Bind(3, records).Bind(4, entities).Run();
}

Result<std::optional<StoredRecordKey>> Store::FindRecord(uint16_t source, std::string_view source_id) {
  IDFORGE_ASSIGN_OR_RETURN(
      Stmt* stmt, Prepared(kFindRecord, "SELECT rid, hash, entity FROM records WHERE source=? AND source_id=?"));
  stmt->Bind(1, int64_t{source}).Bind(2, source_id);
  IDFORGE_ASSIGN_OR_RETURN(bool row, stmt->Step());
  if (!row) return std::optional<StoredRecordKey>();
  std::optional<StoredRecordKey> key(StoredRecordKey{stmt->Int(0), AsHash(stmt->Int(1)), stmt->Int(2)});
  stmt->Reset();
  return key;
}

Status Store::ForEachRecordOfSource(
    uint16_t source, const std::function<void(std::string_view, const StoredRecordKey&)>& fn) {
  IDFORGE_ASSIGN_OR_RETURN(
      Stmt* stmt, Prepared(kRecordsOfSource, "SELECT source_id, rid, hash, entity FROM records WHERE source=?"));
  stmt->Bind(1, int64_t{source});
  while (true) {
    IDFORGE_ASSIGN_OR_RETURN(bool row, stmt->Step());
    if (!row) break;
    fn(stmt->Text(0), StoredRecordKey{stmt->Int(1), AsHash(stmt->Int(2)), stmt->Int(3)});
  }
  return Status::Ok();
}

Result<StoredRecord> Store::LoadRecord(int64_t rid) {
  IDFORGE_ASSIGN_OR_RETURN(
      Stmt* stmt, Prepared(kLoadRecord, "SELECT source, source_id, line, entity, data FROM records WHERE rid=?"));
  stmt->Bind(1, rid);
  IDFORGE_ASSIGN_OR_RETURN(bool row, stmt->Step());
  if (!row) return Internal(db_->path() + ": record " + std::to_string(rid) + " is missing");
  StoredRecord record{rid, static_cast<uint16_t>(stmt->Int(0)), std::string(stmt->Text(1)),
                      static_cast<uint64_t>(stmt->Int(2)), stmt->Int(3), std::string(stmt->Blob(4))};
  stmt->Reset();
  return record;
}

Status Store::ForEachRecord(std::span<const int64_t> rids, const std::function<void(const StoredRecord&)>& fn) {
  ScanCache cache(*db_);
  IDFORGE_RETURN_IF_ERROR(cache.status());
  IDFORGE_ASSIGN_OR_RETURN(
      Stmt* stmt, Prepared(kLoadRecord, "SELECT source, source_id, line, entity, data FROM records WHERE rid=?"));
  StoredRecord record;
  for (const int64_t rid : rids) {
    stmt->Bind(1, rid);
    IDFORGE_ASSIGN_OR_RETURN(bool row, stmt->Step());
    if (!row) return Internal(db_->path() + ": record " + std::to_string(rid) + " is missing");
    record.rid = rid;
    record.source = static_cast<uint16_t>(stmt->Int(0));
    record.source_id.assign(stmt->Text(1));
    record.line = static_cast<uint64_t>(stmt->Int(2));
    record.entity = stmt->Int(3);
    record.data.assign(stmt->Blob(4));
    stmt->Reset();
    fn(record);
  }
  return Status::Ok();
}

Result<int64_t> Store::InsertRecord(uint16_t source, std::string_view source_id, uint64_t hash,
                                    uint64_t line, std::string_view data, int64_t entity,
                                    float weight) {
  IDFORGE_ASSIGN_OR_RETURN(
      Stmt* stmt, Prepared(kInsertRecord, "INSERT INTO records(source, source_id, hash, line, data, "
                                          "entity, weight) VALUES(?,?,?,?,?,?,?)"));
  stmt->Bind(1, int64_t{source}).Bind(2, source_id).Bind(3, AsInt(hash));
  stmt->Bind(4, static_cast<int64_t>(line)).BindBlob(5, data).Bind(6, entity);
  if (std::isinf(weight)) {
    stmt->BindNull(7);
  } else {
    stmt->Bind(7, double{weight});
  }
  IDFORGE_RETURN_IF_ERROR(stmt->Run());
  return db_->LastInsertRowid();
}

Status Store::SetRecordEntity(int64_t rid, int64_t entity, float weight) {
  IDFORGE_ASSIGN_OR_RETURN(Stmt* stmt, Prepared(kSetEntity, "UPDATE records SET entity=?, weight=? WHERE rid=?"));
  stmt->Bind(1, entity);
  // A singleton's weight is -inf: stored as NULL (SQLite has no infinities in REAL columns).
  if (std::isinf(weight)) {
    stmt->BindNull(2);
  } else {
    stmt->Bind(2, double{weight});
  }
  return stmt->Bind(3, rid).Run();
}

Result<Keyset> Store::DeleteRecord(int64_t rid) {
  IDFORGE_ASSIGN_OR_RETURN(Keyset keyset, KeysetOf(rid));
  IDFORGE_ASSIGN_OR_RETURN(Stmt* drop, Prepared(kDeleteKeyset, "DELETE FROM record_keysets WHERE rid=?"));
  IDFORGE_RETURN_IF_ERROR(drop->Bind(1, rid).Run());
  IDFORGE_ASSIGN_OR_RETURN(Stmt* edges, Prepared(kDeleteEdgesOf, "DELETE FROM edges WHERE a=?1 OR b=?1"));
  IDFORGE_RETURN_IF_ERROR(edges->Bind(1, rid).Run());
  IDFORGE_ASSIGN_OR_RETURN(Stmt* record, Prepared(kDeleteRecord, "DELETE FROM records WHERE rid=?"));
  IDFORGE_RETURN_IF_ERROR(record->Bind(1, rid).Run());
  return keyset;
}

Result<std::vector<int64_t>> Store::MembersOf(int64_t entity) {
  IDFORGE_ASSIGN_OR_RETURN(Stmt* stmt, Prepared(kMembersOf, "SELECT rid FROM records WHERE entity=? ORDER BY rid"));
  stmt->Bind(1, entity);
  std::vector<int64_t> members;
  while (true) {
    IDFORGE_ASSIGN_OR_RETURN(bool row, stmt->Step());
    if (!row) break;
    members.push_back(stmt->Int(0));
  }
  return members;
}

Status Store::InsertKeyset(int64_t rid, int64_t name, std::span<const KindKey> keys) {
  IDFORGE_ASSIGN_OR_RETURN(Stmt* stmt, Prepared(kInsertKeyset, "INSERT OR REPLACE INTO record_keysets(rid, keys) VALUES(?,?)"));
  EncodeKeyset(name, keys, keyset_bytes_);
  return stmt->Bind(1, rid).BindBlob(2, keyset_bytes_).Run();
}

Status Store::ForEachKeyset(const std::function<void(int64_t, const Keyset&)>& fn) {
  ScanCache cache(*db_);
  IDFORGE_RETURN_IF_ERROR(cache.status());
  IDFORGE_ASSIGN_OR_RETURN(Stmt stmt, Stmt::Prepare(*db_, "SELECT rid, keys FROM record_keysets ORDER BY rid"));
  Keyset keyset;
  while (true) {
    IDFORGE_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    const int64_t rid = stmt.Int(0);
    if (!DecodeKeyset(stmt.Blob(1), keyset.name, keyset.keys)) {
      stmt.Reset();
      return Internal(db_->path() + ": the keys of record " + std::to_string(rid) + " are damaged");
    }
    fn(rid, keyset);
  }
  return Status::Ok();
}

Result<Keyset> Store::KeysetOf(int64_t rid) {
  IDFORGE_ASSIGN_OR_RETURN(Stmt* stmt, Prepared(kKeysOf, "SELECT keys FROM record_keysets WHERE rid=?"));
  stmt->Bind(1, rid);
  IDFORGE_ASSIGN_OR_RETURN(bool row, stmt->Step());
  Keyset keyset;
  if (!row) return keyset;
  const bool decoded = DecodeKeyset(stmt->Blob(0), keyset.name, keyset.keys);
  stmt->Reset();
  if (!decoded) return Internal(db_->path() + ": the keys of record " + std::to_string(rid) + " are damaged");
  return keyset;
}

Result<std::vector<KindKey>> Store::KeysOf(int64_t rid) {
  IDFORGE_ASSIGN_OR_RETURN(Keyset keyset, KeysetOf(rid));
  return std::move(keyset.keys);
}

Status Store::AddTermCount(int64_t comparison, uint64_t hash, int64_t delta) {
  IDFORGE_ASSIGN_OR_RETURN(
      Stmt* stmt, Prepared(kAddTerm, "INSERT INTO term_counts VALUES(?1,?2,?3) ON CONFLICT(comparison, hash) "
                                     "DO UPDATE SET count=count+?3"));
  return stmt->Bind(1, comparison).Bind(2, AsInt(hash)).Bind(3, delta).Run();
}

Result<int64_t> Store::TermCount(int64_t comparison, uint64_t hash) {
  IDFORGE_ASSIGN_OR_RETURN(
      Stmt* stmt, Prepared(kTermCount, "SELECT count FROM term_counts WHERE comparison=? AND hash=?"));
  stmt->Bind(1, comparison).Bind(2, AsInt(hash));
  IDFORGE_ASSIGN_OR_RETURN(bool row, stmt->Step());
  if (!row) return int64_t{0};
  const int64_t count = stmt->Int(0);
  stmt->Reset();
  return count;
}

Status Store::InsertEdge(const StoredEdge& edge) {
  IDFORGE_ASSIGN_OR_RETURN(Stmt* stmt, Prepared(kInsertEdge, "INSERT OR REPLACE INTO edges VALUES(?,?,?)"));
  return stmt->Bind(1, edge.a).Bind(2, edge.b).Bind(3, double{edge.weight}).Run();
}

Result<std::vector<StoredEdge>> Store::EdgesOf(int64_t rid) {
  IDFORGE_ASSIGN_OR_RETURN(
      Stmt* stmt, Prepared(kEdgesOf, "SELECT a, b, weight FROM edges WHERE a=?1 UNION ALL "
                                     "SELECT a, b, weight FROM edges WHERE b=?1"));
  stmt->Bind(1, rid);
  std::vector<StoredEdge> edges;
  while (true) {
    IDFORGE_ASSIGN_OR_RETURN(bool row, stmt->Step());
    if (!row) break;
    edges.push_back({stmt->Int(0), stmt->Int(1), static_cast<float>(stmt->Double(2))});
  }
  return edges;
}

Result<EntityInfo> Store::LoadEntity(int64_t entity) {
  IDFORGE_ASSIGN_OR_RETURN(
      Stmt* stmt, Prepared(kLoadEntity, "SELECT golden_id, created_run, members FROM entities WHERE entity=?"));
  stmt->Bind(1, entity);
  IDFORGE_ASSIGN_OR_RETURN(bool row, stmt->Step());
  if (!row) return Internal(db_->path() + ": entity " + std::to_string(entity) + " is missing");
  EntityInfo info{entity, std::string(stmt->Text(0)), stmt->Int(1), stmt->Int(2)};
  stmt->Reset();
  return info;
}

Result<int64_t> Store::InsertEntity(std::string_view golden_id, int64_t created_run) {
  IDFORGE_ASSIGN_OR_RETURN(
      Stmt* stmt, Prepared(kInsertEntity, "INSERT INTO entities(golden_id, created_run) VALUES(?,?)"));
  IDFORGE_RETURN_IF_ERROR(stmt->Bind(1, golden_id).Bind(2, created_run).Run());
  return db_->LastInsertRowid();
}

Result<int64_t> Store::InsertEntity(std::string_view golden_id, int64_t created_run, int64_t members,
                                    std::string_view golden_line, std::string_view provenance_lines) {
  IDFORGE_ASSIGN_OR_RETURN(
      Stmt* stmt, Prepared(kInsertFullEntity, "INSERT INTO entities(golden_id, created_run, members, "
                                              "golden, provenance) VALUES(?,?,?,?,?)"));
  IDFORGE_RETURN_IF_ERROR(stmt->Bind(1, golden_id).Bind(2, created_run).Bind(3, members)
                              .Bind(4, golden_line).Bind(5, provenance_lines).Run());
  return db_->LastInsertRowid();
}

Status Store::UpdateEntity(int64_t entity, int64_t members, std::string_view golden_line,
                           std::string_view provenance_lines) {
  IDFORGE_ASSIGN_OR_RETURN(
      Stmt* stmt, Prepared(kUpdateEntity, "UPDATE entities SET members=?, golden=?, provenance=? WHERE entity=?"));
  return stmt->Bind(1, members).Bind(2, golden_line).Bind(3, provenance_lines).Bind(4, entity).Run();
}

Status Store::DeleteEntity(int64_t entity) {
  IDFORGE_ASSIGN_OR_RETURN(Stmt* stmt, Prepared(kDeleteEntity, "DELETE FROM entities WHERE entity=?"));
  return stmt->Bind(1, entity).Run();
}

Result<bool> Store::GoldenIdIssued(std::string_view golden_id) {
  for (const auto& [slot, sql] :
       {std::pair{kIdAlive, "SELECT 1 FROM entities WHERE golden_id=?"},
        std::pair{kIdRetired, "SELECT 1 FROM retired_ids WHERE golden_id=?"}}) {
    IDFORGE_ASSIGN_OR_RETURN(Stmt* stmt, Prepared(slot, sql));
    stmt->Bind(1, golden_id);
    IDFORGE_ASSIGN_OR_RETURN(bool row, stmt->Step());
    if (row) {
      stmt->Reset();
      return true;
    }
  }
  return false;
}

Status Store::RetireGoldenId(std::string_view golden_id, std::string_view fate,
                             std::string_view other, int64_t run) {
  IDFORGE_ASSIGN_OR_RETURN(Stmt* stmt, Prepared(kRetire, "INSERT OR REPLACE INTO retired_ids VALUES(?,?,?,?)"));
  return stmt->Bind(1, golden_id).Bind(2, fate).Bind(3, other).Bind(4, run).Run();
}

Status Store::ForEachCrosswalkRow(
    const std::function<void(std::string_view, std::string_view, std::string_view, double)>& fn) {
  ScanCache cache(*db_);
  IDFORGE_RETURN_IF_ERROR(cache.status());
  // Golden ids by entity number, from the golden-id index (covering: the entity rows, which hold
  // the golden lines, are not read). A join looked each record's entity up in the entities
  // b-tree instead: one random read per record.
  IDFORGE_ASSIGN_OR_RETURN(Stmt top, Stmt::Prepare(*db_, "SELECT MAX(entity) FROM entities"));
  IDFORGE_ASSIGN_OR_RETURN(bool any, top.Step());
  const int64_t max_entity = any && !top.IsNull(0) ? top.Int(0) : 0;
  top.Reset();
  std::vector<uint64_t> id_at(static_cast<size_t>(std::max<int64_t>(max_entity, 0)) + 1, 0);  // offset << 16 | size
  std::string ids;
  {
    IDFORGE_ASSIGN_OR_RETURN(Stmt stmt, Stmt::Prepare(*db_, "SELECT entity, golden_id FROM entities"));
    while (true) {
      IDFORGE_ASSIGN_OR_RETURN(bool row, stmt.Step());
      if (!row) break;
      const int64_t entity = stmt.Int(0);
      const std::string_view id = stmt.Text(1);
      if (entity < 0 || entity > max_entity || id.size() > 0xffff) continue;
      id_at[static_cast<size_t>(entity)] = (static_cast<uint64_t>(ids.size()) << 16) | id.size();
      ids.append(id);
    }
  }
  IDFORGE_ASSIGN_OR_RETURN(std::vector<SourceInfo> sources, LoadSources());
  IDFORGE_ASSIGN_OR_RETURN(Stmt stmt, Stmt::Prepare(*db_, "SELECT source, source_id, entity, weight FROM records ORDER BY rid"));
  while (true) {
    IDFORGE_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    const int64_t source = stmt.Int(0);
    const int64_t entity = stmt.Int(2);
    // A record always belongs to a live entity; the join skipped one that did not, so do we.
    if (entity <= 0 || entity > max_entity || id_at[static_cast<size_t>(entity)] == 0) continue;
    if (source < 0 || static_cast<size_t>(source) >= sources.size()) continue;
    const uint64_t at = id_at[static_cast<size_t>(entity)];
    fn(sources[static_cast<size_t>(source)].name, stmt.Text(1), std::string_view(ids).substr(at >> 16, at & 0xffff),
       stmt.IsNull(3) ? -std::numeric_limits<double>::infinity() : stmt.Double(3));
  }
  return Status::Ok();
}

Status Store::ForEachGolden(const std::function<void(std::string_view, std::string_view)>& fn) {
  ScanCache cache(*db_);
  IDFORGE_RETURN_IF_ERROR(cache.status());
  IDFORGE_ASSIGN_OR_RETURN(Stmt stmt,
                           Stmt::Prepare(*db_, "SELECT golden, provenance FROM entities ORDER BY entity"));
  while (true) {
    IDFORGE_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    fn(stmt.Text(0), stmt.Text(1));
  }
  return Status::Ok();
}

}  // namespace idforge::state
