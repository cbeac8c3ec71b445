#include "store/database.hpp"

#include "store/postgres_db.hpp"
#include "store/sqlite_db.hpp"

namespace oitscan::store {

bool is_postgres_url(std::string_view where) { return queue::is_postgres_url(where); }

std::unique_ptr<Database> open_database(const std::string& where) {
  if (is_postgres_url(where)) return std::make_unique<PostgresDatabase>(where);
  return std::make_unique<SqliteDatabase>(where);
}

Transaction::~Transaction() {
  if (!open_) return;
  try {
    db_.exec("ROLLBACK");
  } catch (...) {
    // Nothing more can be done in a destructor; both databases roll back a closed connection's
    // open transaction anyway.
  }
}

void Transaction::commit() {
  db_.exec("COMMIT");
  open_ = false;
}

}  // namespace oitscan::store
