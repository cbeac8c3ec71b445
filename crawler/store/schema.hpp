#pragma once
// The history database's schema, versioned (SQLite: PRAGMA user_version; PostgreSQL: the table
// oitscan_store_schema). Opening a database applies every migration it has not seen yet; a
// database written by a newer oitscan is refused rather than guessed at. One schema text serves
// both databases (postgres_ddl in database.hpp adapts the column types).
#include "store/database.hpp"

namespace oitscan::store {

inline constexpr int kSchemaVersion = 1;

// Sets the connection pragmas (SQLite: WAL, foreign keys, synchronous), migrates to
// kSchemaVersion and makes the overrides table. Returns the version found before migrating (0 for
// a new database).
int prepare_schema(Database& db);

int schema_version(Database& db);

// Inside a transaction that creates tables IF NOT EXISTS (serve's own tables): waits until no
// other process is changing the schema (PostgreSQL; SQLite's write lock already does this).
void lock_schema_changes(Database& db);

}  // namespace oitscan::store
