#include "serve/service_db.hpp"

#include <stdexcept>

#include "common/time.hpp"
#include "store/schema.hpp"

namespace oitscan::serve {

namespace {

// The service's tables only; the history tables belong to store/schema.cpp.
constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS serve_jobs (
  id TEXT PRIMARY KEY,
  unit TEXT NOT NULL,
  status TEXT NOT NULL,
  body TEXT NOT NULL,
  content_type TEXT NOT NULL,
  client TEXT NOT NULL,
  created_at TEXT NOT NULL,
  started_at TEXT,
  finished_at TEXT,
  out_dir TEXT,
  results TEXT,
  error TEXT,
  documents_done INTEGER NOT NULL DEFAULT 0,
  documents_seen INTEGER NOT NULL DEFAULT 0,
  items_done INTEGER NOT NULL DEFAULT 0,
  items_total INTEGER NOT NULL DEFAULT 0,
  history_run INTEGER NOT NULL DEFAULT 0,
  seq INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS serve_jobs_status ON serve_jobs(status, seq);
CREATE INDEX IF NOT EXISTS serve_jobs_unit ON serve_jobs(unit, seq);
CREATE TABLE IF NOT EXISTS serve_captures (
  record_id TEXT PRIMARY KEY,
  job_id TEXT NOT NULL,
  file TEXT NOT NULL,
  "offset" INTEGER NOT NULL,
  target_uri TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS serve_auditors (
  name TEXT PRIMARY KEY,
  password_hash TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS serve_sessions (
  id TEXT PRIMARY KEY,
  auditor TEXT NOT NULL,
  csrf TEXT NOT NULL,
  expires INTEGER NOT NULL
);
)sql";

constexpr const char* kJobColumns =
    "id, unit, status, body, content_type, client, created_at, COALESCE(started_at,''), COALESCE(finished_at,''), "
    "COALESCE(out_dir,''), COALESCE(results,''), COALESCE(error,''), documents_done, documents_seen, items_done, items_total, history_run";

Job read_job(store::Statement& s) {
  Job j;
  j.id = s.text(0);
  j.unit = s.text(1);
  j.status = job_status_from(s.text(2));
  j.body = s.text(3);
  j.content_type = s.text(4);
  j.client = s.text(5);
  j.created_at = s.text(6);
  j.started_at = s.text(7);
  j.finished_at = s.text(8);
  j.out_dir = s.text(9);
  j.results = s.text(10);
  j.error = s.text(11);
  j.progress = {s.integer(12), s.integer(13), s.integer(14), s.integer(15)};
  j.history_run = s.integer(16);
  return j;
}

}  // namespace

std::string_view to_string(JobStatus s) {
  switch (s) {
    case JobStatus::Queued: return "queued";
    case JobStatus::Running: return "running";
    case JobStatus::Done: return "done";
    case JobStatus::Failed: return "failed";
  }
  return "failed";
}

JobStatus job_status_from(std::string_view s) {
  if (s == "queued") return JobStatus::Queued;
  if (s == "running") return JobStatus::Running;
  if (s == "done") return JobStatus::Done;
  if (s == "failed") return JobStatus::Failed;
  throw std::runtime_error("serve_jobs: unknown status '" + std::string(s) + "'");
}

ServiceDb::ServiceDb(const std::string& where) : db_(store::open_database(where)) {
  if (db_->dialect() == store::Dialect::Sqlite) {
    db_->exec("PRAGMA journal_mode=WAL");
    db_->exec(kSchema);
    return;
  }
  // PostgreSQL: several services (or a service and a migrating scan) may start at once.
  store::Transaction tx(*db_);
  store::lock_schema_changes(*db_);
  db_->exec(store::postgres_ddl(kSchema).c_str());
  tx.commit();
}

void ServiceDb::insert_job(const Job& job) {
  std::lock_guard lock(mutex_);
  db_->prepare("INSERT INTO serve_jobs (id, unit, status, body, content_type, client, created_at, items_total, seq) "
              "VALUES (?1, ?2, 'queued', ?3, ?4, ?5, ?6, ?7, (SELECT COALESCE(max(seq), 0) + 1 FROM serve_jobs))")
      .bind(1, job.id)
      .bind(2, job.unit)
      .bind(3, job.body)
      .bind(4, job.content_type)
      .bind(5, job.client)
      .bind(6, job.created_at)
      .bind(7, job.progress.items_total)
      .run();
}

std::optional<Job> ServiceDb::job(const std::string& id) {
  std::lock_guard lock(mutex_);
  auto s = db_->prepare(std::string("SELECT ") + kJobColumns + " FROM serve_jobs WHERE id = ?1");
  s.bind(1, id);
  if (!s.step()) return std::nullopt;
  return read_job(s);
}

void ServiceDb::set_running(const std::string& id, const std::string& out_dir) {
  std::lock_guard lock(mutex_);
  db_->prepare("UPDATE serve_jobs SET status = 'running', started_at = ?2, out_dir = ?3 WHERE id = ?1")
      .bind(1, id)
      .bind(2, iso8601_utc_now())
      .bind(3, out_dir)
      .run();
}

void ServiceDb::set_progress(const std::string& id, const Progress& p) {
  std::lock_guard lock(mutex_);
  db_->prepare("UPDATE serve_jobs SET documents_done = ?2, documents_seen = ?3, items_done = ?4, items_total = ?5 WHERE id = ?1")
      .bind(1, id)
      .bind(2, p.documents_done)
      .bind(3, p.documents_seen)
      .bind(4, p.items_done)
      .bind(5, p.items_total)
      .run();
}

void ServiceDb::set_done(const std::string& id, const std::string& results, const Progress& p, std::int64_t history_run) {
  std::lock_guard lock(mutex_);
  db_->prepare("UPDATE serve_jobs SET status = 'done', finished_at = ?2, results = ?3, documents_done = ?4, "
              "documents_seen = ?5, items_done = ?6, items_total = ?7, history_run = ?8 WHERE id = ?1")
      .bind(1, id)
      .bind(2, iso8601_utc_now())
      .bind(3, results)
      .bind(4, p.documents_done)
      .bind(5, p.documents_seen)
      .bind(6, p.items_done)
      .bind(7, p.items_total)
      .bind(8, history_run)
      .run();
}

void ServiceDb::set_failed(const std::string& id, const std::string& error) {
  std::lock_guard lock(mutex_);
  db_->prepare("UPDATE serve_jobs SET status = 'failed', finished_at = ?2, error = ?3 WHERE id = ?1")
      .bind(1, id)
      .bind(2, iso8601_utc_now())
      .bind(3, error)
      .run();
}

std::vector<std::string> ServiceDb::requeue_unfinished() {
  std::lock_guard lock(mutex_);
  db_->exec("UPDATE serve_jobs SET status = 'queued' WHERE status = 'running'");
  std::vector<std::string> ids;
  auto s = db_->prepare("SELECT id FROM serve_jobs WHERE status = 'queued' ORDER BY seq");
  while (s.step()) ids.push_back(s.text(0));
  return ids;
}

void ServiceDb::requeue(const std::string& id) {
  std::lock_guard lock(mutex_);
  db_->prepare("UPDATE serve_jobs SET status = 'queued' WHERE id = ?1 AND status = 'running'").bind(1, id).run();
}

std::int64_t ServiceDb::count_queued() {
  std::lock_guard lock(mutex_);
  auto s = db_->prepare("SELECT count(*) FROM serve_jobs WHERE status = 'queued'");
  s.step();
  return s.integer(0);
}

std::int64_t ServiceDb::count_unfinished_for(const std::string& client) {
  std::lock_guard lock(mutex_);
  auto s = db_->prepare("SELECT count(*) FROM serve_jobs WHERE client = ?1 AND status IN ('queued', 'running')");
  s.bind(1, client);
  s.step();
  return s.integer(0);
}

std::vector<Job> ServiceDb::jobs_of_unit(const std::string& unit, int limit) {
  std::lock_guard lock(mutex_);
  auto s = db_->prepare(std::string("SELECT ") + kJobColumns + " FROM serve_jobs WHERE unit = ?1 ORDER BY seq DESC LIMIT ?2");
  s.bind(1, unit).bind(2, limit);
  std::vector<Job> jobs;
  while (s.step()) jobs.push_back(read_job(s));
  return jobs;
}

std::optional<Job> ServiceDb::latest_done_of_unit(const std::string& unit) {
  std::lock_guard lock(mutex_);
  auto s = db_->prepare(std::string("SELECT ") + kJobColumns +
                       " FROM serve_jobs WHERE unit = ?1 AND status = 'done' ORDER BY seq DESC LIMIT 1");
  s.bind(1, unit);
  if (!s.step()) return std::nullopt;
  return read_job(s);
}

void ServiceDb::add_captures(const std::vector<Capture>& captures) {
  std::lock_guard lock(mutex_);
  store::Transaction tx(*db_);
  auto s = db_->prepare("INSERT INTO serve_captures (record_id, job_id, file, \"offset\", target_uri) VALUES (?1, ?2, ?3, ?4, ?5) "
      "ON CONFLICT (record_id) DO UPDATE SET job_id = excluded.job_id, file = excluded.file, \"offset\" = excluded.\"offset\", "
      "target_uri = excluded.target_uri");
  for (const auto& c : captures) {
    s.bind(1, c.record_id).bind(2, c.job_id).bind(3, c.file).bind(4, static_cast<std::int64_t>(c.offset)).bind(5, c.target_uri);
    s.run();
    s.reset();
  }
  tx.commit();
}

std::optional<Capture> ServiceDb::capture(const std::string& record_id) {
  std::lock_guard lock(mutex_);
  auto s = db_->prepare("SELECT record_id, job_id, file, \"offset\", target_uri FROM serve_captures WHERE record_id = ?1");
  s.bind(1, record_id);
  if (!s.step()) return std::nullopt;
  return Capture{s.text(0), s.text(1), s.text(2), static_cast<std::uint64_t>(s.integer(3)), s.text(4)};
}

void ServiceDb::put_auditor(const Auditor& a) {
  std::lock_guard lock(mutex_);
  db_->prepare("INSERT INTO serve_auditors (name, password_hash, created_at) VALUES (?1, ?2, ?3) "
              "ON CONFLICT(name) DO UPDATE SET password_hash = excluded.password_hash")
      .bind(1, a.name)
      .bind(2, a.password_hash)
      .bind(3, iso8601_utc_now())
      .run();
}

std::optional<Auditor> ServiceDb::auditor(const std::string& name) {
  std::lock_guard lock(mutex_);
  auto s = db_->prepare("SELECT name, password_hash FROM serve_auditors WHERE name = ?1");
  s.bind(1, name);
  if (!s.step()) return std::nullopt;
  return Auditor{s.text(0), s.text(1)};
}

void ServiceDb::put_session(const std::string& id, const std::string& auditor, const std::string& csrf, std::int64_t expires) {
  std::lock_guard lock(mutex_);
  db_->prepare("DELETE FROM serve_sessions WHERE expires < ?1").bind(1, expires - 86400 * 2).run();
  db_->prepare("INSERT INTO serve_sessions (id, auditor, csrf, expires) VALUES (?1, ?2, ?3, ?4)")
      .bind(1, id)
      .bind(2, auditor)
      .bind(3, csrf)
      .bind(4, expires)
      .run();
}

std::optional<std::pair<std::string, std::string>> ServiceDb::session(const std::string& id, std::int64_t now) {
  std::lock_guard lock(mutex_);
  auto s = db_->prepare("SELECT auditor, csrf FROM serve_sessions WHERE id = ?1 AND expires > ?2");
  s.bind(1, id).bind(2, now);
  if (!s.step()) return std::nullopt;
  return std::make_pair(s.text(0), s.text(1));
}

void ServiceDb::delete_session(const std::string& id) {
  std::lock_guard lock(mutex_);
  db_->prepare("DELETE FROM serve_sessions WHERE id = ?1").bind(1, id).run();
}

}  // namespace oitscan::serve
