#pragma once
// The SQLite side of store/database.hpp: a file opened in serialised mode (one connection shared by
// the threads of a process, each call under SQLite's own mutex), with a busy timeout so another
// process holding the write lock for a moment makes us wait, not fail.
#include <sqlite3.h>

#include <filesystem>

#include "store/database.hpp"

namespace oitscan::store {

class SqliteDatabase final : public Database {
 public:
  explicit SqliteDatabase(const std::filesystem::path& path);
  ~SqliteDatabase() override;

  void exec(const char* sql) override;
  Statement prepare(std::string_view sql) override;
  std::int64_t last_insert_id() override { return sqlite3_last_insert_rowid(db_); }
  std::int64_t changes() override { return sqlite3_changes(db_); }
  void begin() override { exec("BEGIN IMMEDIATE"); }
  Dialect dialect() const override { return Dialect::Sqlite; }
  std::string where() const override { return path_.string(); }
  [[noreturn]] void fail(const std::string& what) const override;

  sqlite3* handle() const { return db_; }

 private:
  std::filesystem::path path_;
  sqlite3* db_ = nullptr;
};

}  // namespace oitscan::store
