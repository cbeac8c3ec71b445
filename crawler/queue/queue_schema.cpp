#include "queue/queue_schema.hpp"

#include <array>

namespace oitscan::queue {
namespace {

// An arbitrary constant of ours: the key of the advisory lock that serialises migrations.
constexpr const char* kMigrationLock = "SELECT pg_advisory_xact_lock(856820251)";

// migrations[i] takes the schema from version i to i + 1. Append only.
constexpr std::array<const char*, kQueueSchemaVersion> kMigrations = {
    R"sql(
-- A run: one night's scan of many units, or one self-check.
CREATE TABLE queue_runs (
  id         bigserial PRIMARY KEY,
  name       text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- A job: one unit of a run. `inputs` is what was asked at enqueue time (the submission, the
-- framework, the digest of the rule set), so a redelivered job asks the same question.
-- `attempt` counts claims and fences every write: a write carries the attempt that made it and
-- lands only while the job is still that attempt's. `failures` counts attempts that failed or
-- whose worker vanished (lease expired); at max_failures the job is `failed`.
CREATE TABLE jobs (
  id            bigserial PRIMARY KEY,
  run_id        bigint NOT NULL REFERENCES queue_runs (id) ON DELETE CASCADE,
  unit_id       text NOT NULL,
  lane          text NOT NULL CHECK (lane IN ('express', 'nightly')),
  state         text NOT NULL DEFAULT 'ready' CHECK (state IN ('ready', 'running', 'done', 'failed')),
  inputs        jsonb NOT NULL,
  attempt       integer NOT NULL DEFAULT 0,
  failures      integer NOT NULL DEFAULT 0,
  max_failures  integer NOT NULL DEFAULT 3,
  rescued       integer NOT NULL DEFAULT 0,   -- times reclaimed from a worker whose lease expired
  ready_at      timestamptz NOT NULL DEFAULT now(),
  lease_owner   text,
  lease_until   timestamptz,
  heartbeat_at  timestamptz,
  last_error    text,
  results       jsonb,                        -- the unit's oitscan.results/1 document, once done
  created_at    timestamptz NOT NULL DEFAULT now(),
  started_at    timestamptz,
  finished_at   timestamptz,
  UNIQUE (run_id, unit_id)
);
CREATE INDEX jobs_claimable ON jobs (lane, ready_at, id) WHERE state IN ('ready', 'running');

-- Item results, committed one by one, each by the attempt that computed it.
CREATE TABLE job_items (
  job_id       bigint NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
  item_id      text NOT NULL,
  attempt      integer NOT NULL,
  verdict      text NOT NULL CHECK (verdict IN ('pass', 'fail', 'unverified')),
  result       jsonb NOT NULL,
  committed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (job_id, item_id)
);

-- Every claim of a job: who, when, how it ended, and the WARC file it wrote.
CREATE TABLE job_attempts (
  job_id     bigint NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
  attempt    integer NOT NULL,
  worker     text NOT NULL,
  started_at timestamptz NOT NULL DEFAULT now(),
  ended_at   timestamptz,
  outcome    text CHECK (outcome IN ('done', 'failed', 'lease-lost', 'handed-back', 'rescued')),
  error      text,
  warc_file  text,
  PRIMARY KEY (job_id, attempt)
);
)sql",
    R"sql(
-- Documents a worker began to read, per job and attempt, committed before the reading starts and
-- closed (finished_at) when it ends. A reading left open by an attempt means the process died in
-- it; a document left open by two attempts of a job is not read again (it is `unverified`,
-- extraction-crashed), so one hostile PDF cannot fail a unit.
CREATE TABLE job_readings (
  job_id      bigint NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
  sha256      text NOT NULL,
  attempt     integer NOT NULL,
  url         text NOT NULL,
  started_at  timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  PRIMARY KEY (job_id, sha256, attempt)
);

-- Where the WARC records an item's verdicts cite are: the attempt's own file, the record's offset
-- (its gzip member) and its WARC-Block-Digest. Written with the item's result, in its fenced
-- transaction, after the file was flushed to disk (fsync), so a reference never points at bytes
-- the disk may lose.
CREATE TABLE job_warc_refs (
  job_id        bigint NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
  item_id       text NOT NULL,
  attempt       integer NOT NULL,
  record_id     text NOT NULL,
  warc_file     text NOT NULL,
  record_offset bigint NOT NULL,
  block_digest  text NOT NULL,
  PRIMARY KEY (job_id, item_id, record_id)
);
)sql",
    R"sql(
-- The run of the history store a finished job was recorded as (scaleout/history_record), so a
-- self-check handed to the express lane by `serve` finds its run (overrides, exports) again.
ALTER TABLE jobs ADD COLUMN history_run bigint;
)sql",
};

int found_version(PgConnection& db) {
  auto r = db.exec("SELECT version FROM oitscan_schema");
  return r.rows() == 0 ? 0 : static_cast<int>(r.integer(0, 0));
}

}  // namespace

int prepare_queue_schema(PgConnection& db) {
  PgTransaction tx(db);
  db.exec(kMigrationLock);
  db.exec("CREATE TABLE IF NOT EXISTS oitscan_schema (version integer NOT NULL)");
  const int found = found_version(db);
  if (found > kQueueSchemaVersion) {
    throw PgError(db.where() + ": queue schema version " + std::to_string(found) + " is newer than this oitscan understands (" +
                  std::to_string(kQueueSchemaVersion) + "); use a newer oitscan");
  }
  for (int v = found; v < kQueueSchemaVersion; ++v) db.exec_script(kMigrations[static_cast<std::size_t>(v)]);
  if (found == 0) {
    db.exec("INSERT INTO oitscan_schema (version) VALUES ($1::integer)", {std::to_string(kQueueSchemaVersion)});
  } else if (found < kQueueSchemaVersion) {
    db.exec("UPDATE oitscan_schema SET version = $1::integer", {std::to_string(kQueueSchemaVersion)});
  }
  tx.commit();
  return found;
}

}  // namespace oitscan::queue
