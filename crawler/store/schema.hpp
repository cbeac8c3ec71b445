#pragma once
// The history database's schema, versioned with PRAGMA user_version. Opening a database applies
// every migration it has not seen yet, each in its own transaction; a database written by a newer
// oitscan is refused rather than guessed at.
#include "store/sqlite_db.hpp"

namespace oitscan::store {

inline constexpr int kSchemaVersion = 1;

// Sets the connection pragmas (WAL, foreign keys, synchronous) and migrates to kSchemaVersion.
// Returns the version found before migrating (0 for a new file).
int prepare_schema(Database& db);

int schema_version(Database& db);

}  // namespace oitscan::store
