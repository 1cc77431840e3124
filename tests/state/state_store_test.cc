// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// The state store on its own: migrations from schema version 1, transactions that roll back when
// not committed, the record codec, and the stable-id rules (table-driven).
#include <gtest/gtest.h>

#include "engine/state/record_codec.h"
#include "engine/state/stable_ids.h"
#include "engine/state/store.h"
#include "tests/testing/test_util.h"

namespace idforge::state {
namespace {

TEST(StateStoreTest, NewFileIsCreatedAtTheCurrentSchemaVersion) {
  test::TempDir dir;
  auto store = Store::Open(dir.path() + "/state.db");
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  auto version = store->SchemaVersion();
  ASSERT_TRUE(version.ok());
  EXPECT_EQ(*version, kSchemaVersion);
  EXPECT_EQ(Migrations().back().to, kSchemaVersion);
}

TEST(StateStoreTest, VersionOneFileIsMigratedAndKeepsItsData) {
  test::TempDir dir;
  const std::string path = dir.path() + "/state.db";
  {
    auto old = Store::OpenAtVersion(path, 1);
    ASSERT_TRUE(old.ok()) << old.status().ToString();
    ASSERT_EQ(*old->SchemaVersion(), 1);
    ASSERT_TRUE(old->Begin().ok());
    ASSERT_TRUE(old->SetMeta("model_json", "{}").ok());
    ASSERT_TRUE(old->Commit().ok());
    // Version 1 has no erasure log.
    EXPECT_FALSE(old->Count("erasures").ok());
  }
  auto store = Store::Open(path);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  EXPECT_EQ(*store->SchemaVersion(), kSchemaVersion);
  EXPECT_EQ(store->GetMeta("model_json")->value_or(""), "{}");
  ASSERT_TRUE(store->Begin().ok());
  EXPECT_TRUE(store->LogErasure(1, "2026-11-29", 2, 1).ok());
  ASSERT_TRUE(store->Commit().ok());
  EXPECT_EQ(*store->Count("erasures"), 1);
}

TEST(StateStoreTest, UncommittedChangesAreRolledBack) {
  test::TempDir dir;
  const std::string path = dir.path() + "/state.db";
  {
    auto store = Store::Open(path);
    ASSERT_TRUE(store.ok());
    ASSERT_TRUE(store->Begin().ok());
    ASSERT_TRUE(store->InsertRecord(0, "a", 1, 1, "x").ok());
    ASSERT_TRUE(store->Commit().ok());
    ASSERT_TRUE(store->Begin().ok());
    ASSERT_TRUE(store->InsertRecord(0, "b", 2, 2, "y").ok());
    // Destroyed without Commit(): a failed run.
  }
  auto store = Store::Open(path);
  ASSERT_TRUE(store.ok());
  EXPECT_EQ(*store->Count("records"), 1);
}

// The bulk path of the first run rebuilds exactly the indexes the migrations create.
TEST(StateStoreTest, BulkLoadRebuildsTheSchemaIndexes) {
  test::TempDir dir;
  const std::string fresh = dir.path() + "/fresh.db";
  const std::string bulk = dir.path() + "/bulk.db";
  ASSERT_TRUE(Store::Open(fresh).ok());
  {
    auto store = Store::Open(bulk);
    ASSERT_TRUE(store.ok());
    ASSERT_TRUE(store->Begin().ok());
    ASSERT_TRUE(store->BeginBulkLoad().ok());
    const int64_t a = *store->InsertRecord(0, "a", 1, 1, "x", 7);
    const KindKey keys[] = {{0, 5}, {kTermKindBase, 9}};
    ASSERT_TRUE(store->InsertKeyset(a, 3, keys).ok());
    ASSERT_TRUE(store->EndBulkLoad().ok());
    ASSERT_TRUE(store->Commit().ok());
    EXPECT_EQ(*store->MembersOf(7), std::vector<int64_t>{a});
    EXPECT_EQ(store->KeysOf(a)->size(), 2u);
  }
  auto schema = [](const std::string& path) {
    auto db = Db::Open(path);
    EXPECT_TRUE(db.ok());
    auto stmt = Stmt::Prepare(*db, "SELECT name, sql FROM sqlite_master WHERE type='index' ORDER BY name");
    EXPECT_TRUE(stmt.ok());
    std::string text;
    while (*stmt->Step()) text += std::string(stmt->Text(0)) + ": " + std::string(stmt->Text(1)) + "\n";
    return text;
  };
  EXPECT_EQ(schema(bulk), schema(fresh));
  EXPECT_NE(schema(fresh).find("records_source_id"), std::string::npos);
  EXPECT_NE(schema(fresh).find("entities_golden_id"), std::string::npos);
}

TEST(StateStoreTest, KeysEdgesAndTermCountsRoundTrip) {
  test::TempDir dir;
  auto store = Store::Open(dir.path() + "/state.db");
  ASSERT_TRUE(store.ok());
  ASSERT_TRUE(store->Begin().ok());
  const int64_t a = *store->InsertRecord(0, "a", 1, 1, "x");
  const int64_t b = *store->InsertRecord(0, "b", 2, 2, "y");
  const uint64_t big = 0xfedcba9876543210ULL;  // above INT64_MAX: stored bit for bit
  const KindKey keys[] = {{0, big}, {kTermKindBase + 1, big}};
  ASSERT_TRUE(store->InsertKeyset(a, 7, keys).ok());
  ASSERT_TRUE(store->InsertKeyset(b, -7, std::span(keys, 1)).ok());
  ASSERT_TRUE(store->InsertEdge({a, b, 3.5f}).ok());
  ASSERT_TRUE(store->AddTermCount(1, big, 2).ok());
  ASSERT_TRUE(store->AddTermCount(1, big, -1).ok());
  EXPECT_EQ(*store->KeysOf(a), (std::vector<KindKey>{{0, big}, {kTermKindBase + 1, big}}));
  EXPECT_EQ(store->KeysetOf(b)->name, -7);
  std::vector<std::pair<int64_t, size_t>> scanned;  // rid, keys
  ASSERT_TRUE(store->ForEachKeyset([&](int64_t rid, const Keyset& keyset) {
    scanned.emplace_back(rid, keyset.keys.size());
  }).ok());
  EXPECT_EQ(scanned, (std::vector<std::pair<int64_t, size_t>>{{a, 2}, {b, 1}}));
  EXPECT_EQ(*store->TermCount(1, big), 1);
  ASSERT_EQ(store->EdgesOf(b)->size(), 1u);
  EXPECT_EQ(store->DeleteRecord(a)->keys.size(), 2u);  // returns the keyset it deleted
  EXPECT_TRUE(store->KeysOf(a)->empty());
  EXPECT_EQ(*store->Count("record_keysets"), 1);
  EXPECT_TRUE(store->EdgesOf(b)->empty());
  ASSERT_TRUE(store->Commit().ok());
}

// A damaged keyset is an error naming the record, not a crash or a silent skip.
TEST(StateStoreTest, DamagedKeysetIsAnError) {
  test::TempDir dir;
  const std::string path = dir.path() + "/state.db";
  {
    auto store = Store::Open(path);
    ASSERT_TRUE(store.ok());
    ASSERT_TRUE(store->Begin().ok());
    const KindKey keys[] = {{1, 2}};
    ASSERT_TRUE(store->InsertKeyset(*store->InsertRecord(0, "a", 1, 1, "x"), 0, keys).ok());
    ASSERT_TRUE(store->Commit().ok());
  }
  {
    auto db = Db::Open(path);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE(db->Exec("UPDATE record_keysets SET keys = x'0102'").ok());
  }
  auto store = Store::Open(path);
  ASSERT_TRUE(store.ok());
  EXPECT_FALSE(store->KeysOf(1).ok());
  EXPECT_FALSE(store->ForEachKeyset([](int64_t, const Keyset&) {}).ok());
}

// Version 2 kept every key in record_keys with an index by rid, and unique constraints in the
// tables: version 3 moves each record's keys into its keyset (name order 0), drops the key table
// and turns the constraints into named indexes.
TEST(StateStoreTest, VersionTwoFileIsMigratedToKeysetsAndKeepsItsData) {
  test::TempDir dir;
  const std::string path = dir.path() + "/state.db";
  {
    auto old = Store::OpenAtVersion(path, 2);
    ASSERT_TRUE(old.ok()) << old.status().ToString();
    ASSERT_EQ(*old->SchemaVersion(), 2);
  }
  {
    auto db = Db::Open(path);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE(db->Exec("INSERT INTO sources VALUES(0, 'crm', 'c.csv', 'US', 0, ''), (1, 'shop', 's.csv', 'US', 0, '');"
                         "INSERT INTO records(rid, source, source_id, hash, entity, weight, line, data) VALUES"
                         "(1, 0, 'a', 11, 1, NULL, 2, x'01'), (2, 0, 'b', 12, 1, 3.5, 3, x'02'),"
                         "(3, 1, 'a', 13, 2, NULL, 2, x'03');"
                         "INSERT INTO record_keys VALUES(0, -5, 1), (0, -5, 2), (4, 7, 1), (1000, 8, 1),"
                         "(1000, 8, 3), (2, 6, 3);"
                         "INSERT INTO entities(entity, golden_id, created_run, members, golden) VALUES"
                         "(1, 'g1', 1, 2, 'g1,2'), (2, 'g2', 1, 1, 'g2,1');"
                         "INSERT INTO edges VALUES(1, 2, 3.5);").ok());
  }
  auto store = Store::Open(path);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  EXPECT_EQ(*store->SchemaVersion(), 3);
  EXPECT_FALSE(store->Count("record_keys").ok());
  EXPECT_EQ(*store->Count("record_keysets"), 3);
  EXPECT_EQ(*store->KeysOf(2), (std::vector<KindKey>{{0, static_cast<uint64_t>(-5)}}));
  EXPECT_EQ(*store->KeysOf(1), (std::vector<KindKey>{{0, static_cast<uint64_t>(-5)}, {4, 7}, {1000, 8}}));
  EXPECT_EQ(*store->KeysOf(3), (std::vector<KindKey>{{2, 6}, {1000, 8}}));
  EXPECT_EQ(store->FindRecord(1, "a")->value().rid, 3);
  EXPECT_EQ(*store->MembersOf(1), (std::vector<int64_t>{1, 2}));
  EXPECT_TRUE(*store->GoldenIdIssued("g2"));
  ASSERT_TRUE(store->Begin().ok());
  // The unique constraints hold as indexes.
  EXPECT_FALSE(store->InsertRecord(0, "a", 1, 1, "x").ok());
  EXPECT_FALSE(store->InsertEntity("g1", 2).ok());
  ASSERT_TRUE(store->DeleteRecord(1).ok());
  EXPECT_EQ(*store->Count("record_keysets"), 2);
  ASSERT_TRUE(store->Commit().ok());
  std::vector<std::string> rows;
  ASSERT_TRUE(store->ForEachCrosswalkRow([&](std::string_view, std::string_view id, std::string_view golden, double) {
    rows.push_back(std::string(id) + ">" + std::string(golden));
  }).ok());
  EXPECT_EQ(rows, (std::vector<std::string>{"b>g1", "a>g2"}));
  // The migrated file has the schema of a new one.
  auto schema = [](const std::string& file) {
    auto db = Db::Open(file);
    EXPECT_TRUE(db.ok());
    auto stmt = Stmt::Prepare(*db, "SELECT type, name, tbl_name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name");
    EXPECT_TRUE(stmt.ok());
    std::string text;
    while (*stmt->Step()) {
      text += std::string(stmt->Text(0)) + " " + std::string(stmt->Text(1)) + " " + std::string(stmt->Text(2)) + "\n";
    }
    return text;
  };
  const std::string fresh = dir.path() + "/fresh.db";
  ASSERT_TRUE(Store::Open(fresh).ok());
  EXPECT_EQ(schema(path), schema(fresh));
}

TEST(RecordCodecTest, RoundTripsEveryFieldAndCarriedField) {
  RecordTable table({"tier", "notes"});
  table.AddSource({.name = "crm"});
  for (Field field : AllFields()) table.mutable_field(field).Append(std::string(FieldName(field)) + " é");
  table.mutable_extra(0).Append("gold");
  table.mutable_extra(1).Append(std::string(300, 'x'));  // a multi-byte length
  table.mutable_source_id_column().Append("42");
  table.mutable_updated_at_column().Append("2026-01-02");
  table.AppendRowMeta(0, 7);
  std::string encoded;
  const int extras[] = {1, 0, -1};  // stored order differs from the table's; -1: absent
  EncodeRecord(table, 0, extras, encoded);
  RecordTable decoded({"notes", "tier", "other"});
  decoded.AddSource({.name = "crm"});
  ASSERT_TRUE(AppendDecodedRecord(encoded, 0, "42", 7, decoded).ok());
  ASSERT_EQ(decoded.row_count(), 1u);
  for (Field field : AllFields()) EXPECT_EQ(decoded.Get(field, 0), table.Get(field, 0));
  EXPECT_EQ(decoded.extra(0).Get(0), std::string(300, 'x'));
  EXPECT_EQ(decoded.extra(1).Get(0), "gold");
  EXPECT_EQ(decoded.extra(2).Get(0), "");
  EXPECT_EQ(decoded.updated_at(0), "2026-01-02");
  EXPECT_TRUE(decoded.Validate().ok());
  std::string again;
  EncodeRecord(table, 0, extras, again);
  EXPECT_EQ(ContentHash(again), ContentHash(encoded));
}

TEST(RecordCodecTest, DamagedBytesAreAnErrorAndAppendNothing) {
  RecordTable table;
  table.AddSource({.name = "crm"});
  EXPECT_FALSE(AppendDecodedRecord(std::string("\x05" "ab", 3), 0, "1", 1, table).ok());
  EXPECT_EQ(table.row_count(), 0u);
}

struct IdCase {
  const char* name;
  std::vector<PriorEntity> prior;
  ClusterOrigins origins;
  std::vector<int32_t> keeps;
  std::vector<int32_t> split_from;
  std::vector<int32_t> cluster_of_prior;
};

TEST(StableIdsTest, FollowsTheMergeSplitAndDeleteRules) {
  constexpr int32_t kNone = IdAssignment::kNone;
  const std::vector<IdCase> cases = {
      {"new records only: created", {}, {{}}, {kNone}, {kNone}, {}},
      {"a record joins an entity", {{"g1", 1}}, {{{0, 3}}}, {0}, {kNone}, {0}},
      {"merge: the older id survives", {{"g2", 5}, {"g9", 2}}, {{{0, 4}, {1, 1}}}, {1}, {kNone}, {0, 0}},
      {"merge tie on run: smaller id survives", {{"gb", 1}, {"ga", 1}}, {{{0, 1}, {1, 1}}}, {1}, {kNone}, {0, 0}},
      {"split: the largest part keeps the id", {{"g1", 1}}, {{{0, 1}}, {{0, 3}}}, {kNone, 0}, {0, kNone}, {1}},
      {"split tie: the first part keeps it", {{"g1", 1}}, {{{0, 2}}, {{0, 2}}}, {0, kNone}, {kNone, 0}, {0}},
      {"every record deleted", {{"g1", 1}}, {}, {}, {}, {kNone}},
  };
  for (const IdCase& c : cases) {
    SCOPED_TRACE(c.name);
    const IdAssignment got = AssignIds(c.prior, c.origins);
    EXPECT_EQ(got.keeps, c.keeps);
    EXPECT_EQ(got.split_from, c.split_from);
    EXPECT_EQ(got.cluster_of_prior, c.cluster_of_prior);
  }
}

}  // namespace
}  // namespace idforge::state
