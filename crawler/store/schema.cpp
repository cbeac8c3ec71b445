#include "store/schema.hpp"

#include <array>
#include <string>

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

int schema_version(Database& db) {
  Statement st = db.prepare("PRAGMA user_version");
  return st.step() ? static_cast<int>(st.integer(0)) : 0;
}

int prepare_schema(Database& db) {
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
  if (found > kSchemaVersion) {
    throw StoreError(db.path().string() + ": history database has schema version " + std::to_string(found) +
                     ", newer than this oitscan understands (" + std::to_string(kSchemaVersion) +
                     "); use a newer oitscan");
  }
  for (int v = found; v < kSchemaVersion; ++v) {
    Transaction tx(db);
    db.exec(kMigrations[static_cast<std::size_t>(v)]);
    // PRAGMA takes no bound parameters; the value is our own integer, never input.
    db.exec(("PRAGMA user_version = " + std::to_string(v + 1)).c_str());
    tx.commit();
  }
  return found;
}

}  // namespace oitscan::store
