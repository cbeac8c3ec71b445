#include "queue/job_queue.hpp"

#include <random>

namespace oitscan::queue {
namespace {

std::string lanes_param(const std::vector<std::string>& lanes) {
  std::string out;
  for (const auto& l : lanes) out += (out.empty() ? "" : ",") + l;
  return out;
}

std::string seconds_param(std::chrono::seconds s) { return std::to_string(s.count()); }

std::string fresh_run_name() {
  std::random_device rd;
  char buf[9];
  std::snprintf(buf, sizeof buf, "%08x", rd());
  return std::string("run-") + buf;
}

}  // namespace

std::int64_t QueueStatus::count(const std::string& state) const {
  std::int64_t n = 0;
  for (const auto& [lane, states] : jobs) {
    if (auto it = states.find(state); it != states.end()) n += it->second;
  }
  return n;
}

std::string JobQueue::enqueue(const std::string& name, const std::vector<NewJob>& jobs, int max_failures) {
  const std::string run = name.empty() ? fresh_run_name() : name;
  PgTransaction tx(db_);
  const auto created = db_.exec("INSERT INTO queue_runs (name) VALUES ($1) RETURNING id", {run});
  const std::string run_id = created.text(0, 0);
  for (const auto& j : jobs) {
    db_.exec("INSERT INTO jobs (run_id, unit_id, lane, inputs, max_failures) VALUES ($1::bigint, $2, $3, $4::jsonb, $5::integer)",
             {run_id, j.unit_id, j.lane, j.inputs_json, std::to_string(max_failures)});
  }
  db_.exec("NOTIFY oitscan_jobs");  // delivered at commit
  tx.commit();
  return run;
}

std::optional<ClaimedJob> JobQueue::claim(const std::string& worker, const std::vector<std::string>& lanes,
                                          std::chrono::seconds lease) {
  for (;;) {
    PgTransaction tx(db_);
    // SKIP LOCKED: two workers claiming at once take different rows and never wait on each other.
    // An expired lease is claimable like a ready job: that is the whole of crash recovery.
    // A rescue counts as a failure of the job unless the vanished attempt died inside a reading
    // (a mark of job_readings left open): that crash is the document's, and the document is
    // skipped once two attempts died in it, so such rescues are bounded without spending the
    // job's failures; one hostile PDF then costs the unit nothing but its own requirement.
    const auto r = db_.exec(R"sql(
WITH next AS (
  SELECT id, state = 'running' AS rescue,
         state = 'running' AND EXISTS (SELECT 1 FROM job_readings r WHERE r.job_id = jobs.id
                                       AND r.attempt = jobs.attempt AND r.finished_at IS NULL) AS explained
  FROM jobs
  WHERE lane = ANY (string_to_array($2, ','))
    AND ((state = 'ready' AND ready_at <= now()) OR (state = 'running' AND lease_until < now()))
  ORDER BY (lane = 'express') DESC, ready_at, id
  LIMIT 1
  FOR UPDATE SKIP LOCKED)
UPDATE jobs j SET
  state = 'running', attempt = j.attempt + 1,
  failures = j.failures + CASE WHEN next.rescue AND NOT next.explained THEN 1 ELSE 0 END,
  rescued = j.rescued + CASE WHEN next.rescue THEN 1 ELSE 0 END,
  lease_owner = $1, lease_until = now() + make_interval(secs => $3::double precision), heartbeat_at = now(),
  started_at = coalesce(j.started_at, now())
FROM next, queue_runs q
WHERE j.id = next.id AND q.id = j.run_id
RETURNING j.id, q.name, j.unit_id, j.lane, j.attempt, next.rescue, j.inputs::text, j.failures >= j.max_failures
)sql",
                            {worker, lanes_param(lanes), seconds_param(lease)});
    if (r.rows() == 0) return std::nullopt;
    ClaimedJob job;
    job.id = r.integer(0, 0);
    job.run = r.text(0, 1);
    job.unit_id = r.text(0, 2);
    job.lane = r.text(0, 3);
    job.attempt = static_cast<int>(r.integer(0, 4));
    job.rescued = r.text(0, 5) == "t";
    job.inputs_json = r.text(0, 6);
    job.worker = worker;
    const bool spent = r.text(0, 7) == "t";
    const std::string id = std::to_string(job.id);
    if (job.rescued) {
      db_.exec("UPDATE job_attempts SET ended_at = now(), outcome = 'rescued' WHERE job_id = $1::bigint AND ended_at IS NULL",
               {id});
    }
    if (spent) {
      // Its workers kept vanishing (a document that kills the process, say): stop retrying.
      db_.exec("UPDATE jobs SET state = 'failed', finished_at = now(), lease_owner = NULL, lease_until = NULL, "
               "last_error = coalesce(last_error, 'its worker stopped answering on every attempt') WHERE id = $1::bigint",
               {id});
      tx.commit();
      continue;
    }
    db_.exec("INSERT INTO job_attempts (job_id, attempt, worker) VALUES ($1::bigint, $2::integer, $3)",
             {id, std::to_string(job.attempt), worker});
    tx.commit();
    return job;
  }
}

bool JobQueue::holds(const ClaimedJob& job) {
  // FOR SHARE: a concurrent claim (FOR UPDATE SKIP LOCKED) passes this row by until we commit.
  const auto r = db_.exec(
      "SELECT 1 FROM jobs WHERE id = $1::bigint AND attempt = $2::integer AND state = 'running' AND lease_owner = $3 "
      "AND lease_until >= now() FOR SHARE",
      {std::to_string(job.id), std::to_string(job.attempt), job.worker});
  return r.rows() == 1;
}

bool JobQueue::heartbeat(const ClaimedJob& job, std::chrono::seconds lease) {
  const auto r = db_.exec(
      "UPDATE jobs SET lease_until = now() + make_interval(secs => $4::double precision), heartbeat_at = now() "
      "WHERE id = $1::bigint AND attempt = $2::integer AND state = 'running' AND lease_owner = $3 AND lease_until >= now()",
      {std::to_string(job.id), std::to_string(job.attempt), job.worker, seconds_param(lease)});
  return r.affected() == 1;
}

bool JobQueue::commit_item(const ClaimedJob& job, const std::string& item_id, const std::string& verdict,
                           const std::string& result_json, const std::vector<WarcRef>& refs) {
  PgTransaction tx(db_);
  if (!holds(job)) return false;
  const auto inserted = db_.exec("INSERT INTO job_items (job_id, item_id, attempt, verdict, result) VALUES ($1::bigint, $2, $3::integer, $4, $5::jsonb) "
           "ON CONFLICT (job_id, item_id) DO NOTHING",
           {std::to_string(job.id), item_id, std::to_string(job.attempt), verdict, result_json});
  if (inserted.affected() == 1) {  // an earlier attempt's result keeps its own references
    for (const auto& ref : refs) {
      db_.exec("INSERT INTO job_warc_refs (job_id, item_id, attempt, record_id, warc_file, record_offset, block_digest) "
               "VALUES ($1::bigint, $2, $3::integer, $4, $5, $6::bigint, $7) ON CONFLICT DO NOTHING",
               {std::to_string(job.id), item_id, std::to_string(job.attempt), ref.record_id, ref.file,
                std::to_string(ref.offset), ref.block_digest});
    }
  }
  tx.commit();
  return true;
}

std::map<std::string, CommittedItem> JobQueue::committed_items(std::int64_t job_id) {
  const auto r = db_.exec("SELECT item_id, attempt, verdict, result::text FROM job_items WHERE job_id = $1::bigint ORDER BY item_id",
                          {std::to_string(job_id)});
  std::map<std::string, CommittedItem> out;
  for (int i = 0; i < r.rows(); ++i) out[r.text(i, 0)] = CommittedItem{static_cast<int>(r.integer(i, 1)), r.text(i, 2), r.text(i, 3)};
  return out;
}

bool JobQueue::finish(const ClaimedJob& job, const std::string& results_json, const std::string& warc_file,
                      std::int64_t history_run) {
  PgTransaction tx(db_);
  if (!holds(job)) return false;
  const std::string id = std::to_string(job.id), attempt = std::to_string(job.attempt);
  db_.exec("UPDATE jobs SET state = 'done', finished_at = now(), results = $2::jsonb, lease_owner = NULL, lease_until = NULL, "
           "history_run = $3::bigint WHERE id = $1::bigint",
           {id, results_json, history_run > 0 ? Param(std::to_string(history_run)) : Param()});
  db_.exec("UPDATE job_attempts SET ended_at = now(), outcome = 'done', warc_file = coalesce($3, warc_file) "
           "WHERE job_id = $1::bigint AND attempt = $2::integer",
           {id, attempt, warc_file.empty() ? Param() : Param(warc_file)});
  tx.commit();
  return true;
}

bool JobQueue::fail(const ClaimedJob& job, const std::string& error, std::chrono::seconds backoff_base) {
  PgTransaction tx(db_);
  if (!holds(job)) return false;
  const std::string id = std::to_string(job.id), attempt = std::to_string(job.attempt);
  // Backoff doubles with each failure, capped at an hour.
  db_.exec(R"sql(
UPDATE jobs SET failures = failures + 1, last_error = $2, lease_owner = NULL, lease_until = NULL,
  state = CASE WHEN failures + 1 >= max_failures THEN 'failed' ELSE 'ready' END,
  finished_at = CASE WHEN failures + 1 >= max_failures THEN now() END,
  ready_at = now() + least(make_interval(secs => $3::double precision * power(2, failures)), interval '1 hour')
WHERE id = $1::bigint)sql",
           {id, error, seconds_param(backoff_base)});
  db_.exec("UPDATE job_attempts SET ended_at = now(), outcome = 'failed', error = $3 WHERE job_id = $1::bigint AND attempt = $2::integer",
           {id, attempt, error});
  tx.commit();
  return true;
}

bool JobQueue::hand_back(const ClaimedJob& job) {
  PgTransaction tx(db_);
  if (!holds(job)) return false;
  const std::string id = std::to_string(job.id), attempt = std::to_string(job.attempt);
  db_.exec("UPDATE jobs SET state = 'ready', ready_at = now(), lease_owner = NULL, lease_until = NULL WHERE id = $1::bigint",
           {id});
  db_.exec("UPDATE job_attempts SET ended_at = now(), outcome = 'handed-back' WHERE job_id = $1::bigint AND attempt = $2::integer",
           {id, attempt});
  db_.exec("NOTIFY oitscan_jobs");
  tx.commit();
  return true;
}

bool JobQueue::begin_reading(const ClaimedJob& job, const std::string& sha256, const std::string& url) {
  PgTransaction tx(db_);
  if (!holds(job)) return false;
  db_.exec("INSERT INTO job_readings (job_id, sha256, attempt, url) VALUES ($1::bigint, $2, $3::integer, $4) "
           "ON CONFLICT (job_id, sha256, attempt) DO UPDATE SET finished_at = NULL",
           {std::to_string(job.id), sha256, std::to_string(job.attempt), url});
  tx.commit();
  return true;
}

bool JobQueue::end_reading(const ClaimedJob& job, const std::string& sha256) {
  PgTransaction tx(db_);
  if (!holds(job)) return false;
  db_.exec("UPDATE job_readings SET finished_at = now() WHERE job_id = $1::bigint AND sha256 = $2 AND attempt = $3::integer",
           {std::to_string(job.id), sha256, std::to_string(job.attempt)});
  tx.commit();
  return true;
}

std::set<std::string> JobQueue::crashed_readings(const ClaimedJob& job, int crashes) {
  const auto r = db_.exec(
      "SELECT sha256 FROM job_readings WHERE job_id = $1::bigint AND attempt < $2::integer AND finished_at IS NULL "
      "GROUP BY sha256 HAVING count(DISTINCT attempt) >= $3::integer",
      {std::to_string(job.id), std::to_string(job.attempt), std::to_string(crashes)});
  std::set<std::string> out;
  for (int i = 0; i < r.rows(); ++i) out.insert(r.text(i, 0));
  return out;
}

void JobQueue::record_warc(const ClaimedJob& job, const std::string& warc_file) {
  db_.exec("UPDATE job_attempts SET warc_file = $3 WHERE job_id = $1::bigint AND attempt = $2::integer",
           {std::to_string(job.id), std::to_string(job.attempt), warc_file});
}

QueueStatus JobQueue::status(const std::string& run) {
  QueueStatus s;
  s.run = run;
  const Param run_param = run.empty() ? Param() : Param(run);
  constexpr const char* kOfRun = "($1::text IS NULL OR j.run_id = (SELECT id FROM queue_runs WHERE name = $1))";
  const auto counts = db_.exec(std::string("SELECT lane, state, count(*) FROM jobs j WHERE ") + kOfRun + " GROUP BY lane, state",
                               {run_param});
  for (int i = 0; i < counts.rows(); ++i) s.jobs[counts.text(i, 0)][counts.text(i, 1)] = counts.integer(i, 2);
  const auto more = db_.exec(std::string("SELECT coalesce(sum(rescued), 0), extract(epoch FROM now() - min(ready_at) FILTER "
                                         "(WHERE state = 'ready')) FROM jobs j WHERE ") + kOfRun,
                             {run_param});
  s.rescued = more.integer(0, 0);
  if (!more.is_null(0, 1)) s.oldest_ready_seconds = std::max(0.0, std::stod(more.text(0, 1)));
  const auto failed = db_.exec(std::string("SELECT unit_id, lane, coalesce(last_error, '') FROM jobs j WHERE state = 'failed' AND ") +
                                   kOfRun + " ORDER BY id",
                               {run_param});
  for (int i = 0; i < failed.rows(); ++i) s.failures.push_back({failed.text(i, 0), failed.text(i, 1), failed.text(i, 2)});
  return s;
}

bool JobQueue::idle(const std::vector<std::string>& lanes, const std::string& run) {
  const auto r = db_.exec(
      "SELECT count(*) FROM jobs j WHERE state IN ('ready', 'running') AND lane = ANY (string_to_array($1, ',')) "
      "AND ($2::text IS NULL OR j.run_id = (SELECT id FROM queue_runs WHERE name = $2))",
      {lanes_param(lanes), run.empty() ? Param() : Param(run)});
  return r.integer(0, 0) == 0;
}

}  // namespace oitscan::queue
