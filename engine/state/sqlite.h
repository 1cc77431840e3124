// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// A thin RAII layer over the SQLite C API: a connection and prepared statements whose errors are
// Status values naming the database file. Only engine/state includes sqlite3.h.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "idforge/status.h"

struct sqlite3;
struct sqlite3_stmt;

namespace idforge::state {

// One connection. Movable, not copyable; not thread-safe (one run uses it from one thread).
class Db {
 public:
  static Result<Db> Open(const std::string& path);
  Db(Db&&) noexcept;
  Db& operator=(Db&&) noexcept;
  ~Db();

  // Runs one or more statements without results.
  Status Exec(std::string_view sql);
  sqlite3* handle() const { return db_; }
  int64_t LastInsertRowid() const;
  const std::string& path() const { return path_; }
  // "STATE.db: <sqlite message> (while <what>)".
  Status Error(std::string_view what) const;

 private:
  Db(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  sqlite3* db_ = nullptr;
  std::string path_;
};

// A prepared statement. Bind indexes are 1-based, column indexes 0-based (SQLite's convention).
// Views returned by Text()/Blob() live until the next Step() or Reset().
class Stmt {
 public:
  Stmt() = default;
  static Result<Stmt> Prepare(Db& db, std::string_view sql);
  Stmt(Stmt&&) noexcept;
  Stmt& operator=(Stmt&&) noexcept;
  ~Stmt();

  Stmt& Bind(int index, int64_t value);
  Stmt& Bind(int index, double value);
  Stmt& Bind(int index, std::string_view text);
  Stmt& BindBlob(int index, std::string_view bytes);
  Stmt& BindNull(int index);
  // True when a row is available, false when done. Resets itself when done or on error.
  Result<bool> Step();
  // Step() for a statement without results.
  Status Run();
  void Reset();

  int64_t Int(int column) const;
  double Double(int column) const;
  std::string_view Text(int column) const;
  std::string_view Blob(int column) const;
  bool IsNull(int column) const;

 private:
  Db* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
};

}  // namespace idforge::state
