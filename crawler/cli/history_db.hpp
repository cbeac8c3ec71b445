#pragma once
// Opening the history store (SQLite file or PostgreSQL URL) for the commands that read it (history,
// export, prune, override):
// unlike `scan`, they never create one, so a mistyped --db is an error, not an empty answer.
#include <filesystem>
#include <string>

#include "common/input_error.hpp"
#include "store/history_store.hpp"
#include "store/schema.hpp"

namespace oitscan::cli {

// `where`: an SQLite file's path or a PostgreSQL URL; on a server, a database without oitscan's
// tables is the same mistake as a missing file.
inline store::HistoryStore open_history_db(const std::string& where) {
  if (store::is_postgres_url(where)) {
    auto db = store::open_database(where);
    if (store::schema_version(*db) == 0) {
      throw InputError("--db", 0, "--db", "no oitscan history in " + db->where() + " (oitscan scan --db URL creates it)");
    }
    return store::HistoryStore::open(std::move(db));  // the connection that was checked, not a second one
  }
  std::error_code ec;
  if (!std::filesystem::is_regular_file(where, ec)) {
    throw InputError(where, 0, "--db", "no history database here (oitscan scan --db creates one)");
  }
  return store::HistoryStore::open(where);
}

}  // namespace oitscan::cli
