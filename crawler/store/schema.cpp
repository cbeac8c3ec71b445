#include "store/schema.hpp"

#include <array>
#include <string>

#include "store/overrides.hpp"

namespace oitscan::store {

namespace {

// migrations[i] takes the schema from version i to version i + 1. Append only: a released
// migration never changes, so every database reaches the same shape.
constexpr std::array<const char*, kSchemaVersion> kMigrations = {
    // 0 -> 1: the first schema.
    R"sql(
CREATE TABLE runs (
  id            INTEGER PRIMARY KEY,
  unit_id       TEXT NOT NULL,
  unit_name_th  TEXT NOT NULL DEFAULT '',
  unit_website  TEXT NOT NULL DEFAULT '',
  framework     TEXT NOT NULL,
  rules_version TEXT NOT NULL DEFAULT '',
  started_at    TEXT NOT NULL,
  finished_at   TEXT,
  status        TEXT NOT NULL CHECK (status IN ('running', 'done', 'interrupted')),
  out_dir       TEXT NOT NULL DEFAULT '',
  results_json  TEXT                      -- the oitscan.results/1 document as received
);
CREATE INDEX runs_by_unit ON runs (unit_id, id);

CREATE TABLE item_results (
  run_id           INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  item_id          TEXT NOT NULL,
  verdict          TEXT NOT NULL CHECK (verdict IN ('pass', 'fail', 'unverified')),
  oit_contribution REAL,                  -- the item's score in the OIT, when the results carry it
  PRIMARY KEY (run_id, item_id)
);

CREATE TABLE requirement_results (
  run_id         INTEGER NOT NULL,
  item_id        TEXT NOT NULL,
  requirement_id TEXT NOT NULL,
  verdict        TEXT NOT NULL CHECK (verdict IN ('pass', 'fail', 'unverified')),
  reason         TEXT NOT NULL,
  message_th     TEXT NOT NULL DEFAULT '',
  message_en     TEXT NOT NULL DEFAULT '',
  evidence_json  TEXT NOT NULL DEFAULT '[]',
  PRIMARY KEY (run_id, item_id, requirement_id),
  FOREIGN KEY (run_id, item_id) REFERENCES item_results (run_id, item_id) ON DELETE CASCADE
);

-- One row per evidence entry of a requirement: what documents a verdict rests on.
CREATE TABLE evidence (
  run_id         INTEGER NOT NULL,
  item_id        TEXT NOT NULL,
  requirement_id TEXT NOT NULL,
  seq            INTEGER NOT NULL,
  url            TEXT NOT NULL,
  final_url      TEXT,
  http_status    INTEGER,
  fetched_at     TEXT,
  sha256         TEXT,
  warc_record_id TEXT,
  PRIMARY KEY (run_id, item_id, requirement_id, seq),
  FOREIGN KEY (run_id, item_id, requirement_id)
    REFERENCES requirement_results (run_id, item_id, requirement_id) ON DELETE CASCADE
);
CREATE INDEX evidence_by_url ON evidence (url, run_id);

-- The fetch log: every fetch as it happens (one autocommitted row each, so a crash loses none).
CREATE TABLE fetches (
  id                  INTEGER PRIMARY KEY,
  run_id              INTEGER REFERENCES runs (id) ON DELETE SET NULL,
  url                 TEXT NOT NULL,
  final_url           TEXT,
  outcome             TEXT NOT NULL,
  http_status         INTEGER,
  sha256              TEXT,
  etag                TEXT,
  last_modified       TEXT,
  fetched_at          TEXT NOT NULL,
  warc_file           TEXT,
  warc_offset         INTEGER,
  warc_record_id      TEXT,
  warc_payload_digest TEXT                -- sha1:BASE32, what a revisit record needs
);
CREATE INDEX fetches_by_url ON fetches (url, id);
CREATE INDEX fetches_by_run ON fetches (run_id, url);

CREATE TABLE scores (
  run_id          INTEGER PRIMARY KEY REFERENCES runs (id) ON DELETE CASCADE,
  framework       TEXT,
  oit             REAL,
  oit_min         REAL,
  oit_max         REAL,
  indicators_json TEXT NOT NULL DEFAULT '{}'
);
)sql",
};

}  // namespace

namespace {

// The key of the advisory lock that serialises schema changes on a PostgreSQL store: several
// workers may open the same fresh database at once. An arbitrary constant of ours.
constexpr const char* kSchemaLock = "SELECT pg_advisory_xact_lock(856820252)";

int postgres_schema_version(Database& db) {
  Statement exists = db.prepare("SELECT to_regclass('oitscan_store_schema') IS NOT NULL");
  if (!exists.step() || exists.text(0) != "t") return 0;
  Statement st = db.prepare("SELECT version FROM oitscan_store_schema");
  return st.step() ? static_cast<int>(st.integer(0)) : 0;
}

void refuse_newer(Database& db, int found) {
  if (found > kSchemaVersion) {
    throw StoreError(db.where() + ": history database has schema version " + std::to_string(found) +
                     ", newer than this oitscan understands (" + std::to_string(kSchemaVersion) +
                     "); use a newer oitscan");
  }
}

int prepare_sqlite_schema(Database& db) {
  db.exec("PRAGMA foreign_keys = ON");
  {
    Statement wal = db.prepare("PRAGMA journal_mode = WAL");
    if (!wal.step() || wal.text(0) != "wal") db.fail("cannot switch to WAL journal mode");
  }
  // NORMAL: in WAL mode a commit appends to the log without an fsync; the log is synced at each
  // checkpoint. A crash of the process loses nothing committed; a power cut may lose the last
  // commits, never the file's consistency. FULL cost an fdatasync per commit (1,093 per 16-unit
  // scan); what a lost commit would hold is rebuilt by running the scan again (the WARC, synced
  // on its own, keeps the captures).
  db.exec("PRAGMA synchronous = NORMAL");

  const int found = schema_version(db);
  refuse_newer(db, found);
  for (int v = found; v < kSchemaVersion; ++v) {
    Transaction tx(db);
    db.exec(kMigrations[static_cast<std::size_t>(v)]);
    // PRAGMA takes no bound parameters; the value is our own integer, never input.
    db.exec(("PRAGMA user_version = " + std::to_string(v + 1)).c_str());
    tx.commit();
  }
  ensure_overrides_table(db);
  return found;
}

// PostgreSQL: the same migrations (postgres_ddl), the version in a one-row table, everything in
// one transaction under the schema lock: a second process opening the store waits, then finds it
// migrated. PostgreSQL's DDL is transactional, so a failed migration leaves nothing half-made.
int prepare_postgres_schema(Database& db) {
  Transaction tx(db);
  db.exec(kSchemaLock);
  const int found = postgres_schema_version(db);
  refuse_newer(db, found);
  if (found == 0) db.exec("CREATE TABLE oitscan_store_schema (version integer NOT NULL); INSERT INTO oitscan_store_schema VALUES (0)");
  for (int v = found; v < kSchemaVersion; ++v) {
    db.exec(postgres_ddl(kMigrations[static_cast<std::size_t>(v)]).c_str());
    db.prepare("UPDATE oitscan_store_schema SET version = ?1").bind(1, v + 1).run();
  }
  ensure_overrides_table(db);
  tx.commit();
  return found;
}

}  // namespace

int schema_version(Database& db) {
  if (db.dialect() == Dialect::Postgres) return postgres_schema_version(db);
  Statement st = db.prepare("PRAGMA user_version");
  return st.step() ? static_cast<int>(st.integer(0)) : 0;
}

int prepare_schema(Database& db) {
  return db.dialect() == Dialect::Postgres ? prepare_postgres_schema(db) : prepare_sqlite_schema(db);
}

void lock_schema_changes(Database& db) {
  if (db.dialect() == Dialect::Postgres) db.exec(kSchemaLock);
}

}  // namespace oitscan::store
