#pragma once
// The PostgreSQL side of store/database.hpp, over the queue's libpq layer (queue/pg_connection):
// one connection; a statement runs when first stepped, with its parameters sent apart from the
// SQL as text (the server infers each one's type from where it stands), and its rows are read
// from the result it got back. The same store code runs on both sides; see database.hpp.
#include <string>

#include "queue/pg_connection.hpp"
#include "store/database.hpp"

namespace oitscan::store {

class PostgresDatabase final : public Database {
 public:
  // `url`: postgresql://… Throws StoreError naming the server (never the password).
  explicit PostgresDatabase(const std::string& url);

  void exec(const char* sql) override;
  Statement prepare(std::string_view sql) override;
  std::int64_t last_insert_id() override;
  std::int64_t changes() override { return last_changes_; }
  void begin() override { exec("BEGIN"); }
  Dialect dialect() const override { return Dialect::Postgres; }
  std::string where() const override { return where_; }
  [[noreturn]] void fail(const std::string& what) const override;

  // Runs one statement; what PostgresStatement calls. Errors become StoreError.
  queue::PgResult run(const std::string& sql, const std::vector<queue::Param>& params);

 private:
  queue::PgConnection conn_;
  std::string where_;
  std::int64_t last_changes_ = 0;
};

// `?N` parameters (SQLite's) renumbered as PostgreSQL's `$N`, outside quoted strings and names.
// Throws StoreError on a bare `?` (an unnumbered parameter would bind by position on one side only).
std::string postgres_parameters(std::string_view sql);

}  // namespace oitscan::store
