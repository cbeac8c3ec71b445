#pragma once
// The service's own tables in the store (SQLite or PostgreSQL) (created IF NOT EXISTS beside the history tables,
// which it does not touch): check jobs with their submission, progress and results, auditors,
// sessions, and an index of the WARC records each job archived (for /captures/ID). One
// connection, serialised by a mutex: the service's writes are few and small.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace oitscan::serve {

enum class JobStatus { Queued, Running, Done, Failed };
std::string_view to_string(JobStatus s);
JobStatus job_status_from(std::string_view s);

struct Progress {
  std::int64_t documents_done = 0;
  std::int64_t documents_seen = 0;
  std::int64_t items_done = 0;
  std::int64_t items_total = 0;
};

struct Job {
  std::string id;
  std::string unit;
  JobStatus status = JobStatus::Queued;
  std::string body;          // the submission as received (re-read on a restart)
  std::string content_type;  // yaml | json | csv
  std::string client;        // client address
  std::string created_at, started_at, finished_at;
  std::string out_dir;
  std::string results;  // oitscan.results/1 text once done
  std::string error;    // why it failed
  Progress progress;
  std::int64_t history_run = 0;  // the run recorded in the history store (0 until done)
};

struct Capture {
  std::string record_id;
  std::string job_id;
  std::string file;
  std::uint64_t offset = 0;
  std::string target_uri;
};

struct Auditor {
  std::string name;
  std::string password_hash;  // Argon2id encoded string
};

class ServiceDb {
 public:
  // `where`: the SQLite file or the PostgreSQL URL the history store uses too.
  explicit ServiceDb(const std::string& where);

  void insert_job(const Job& job);
  std::optional<Job> job(const std::string& id);
  void set_running(const std::string& id, const std::string& out_dir);
  void set_progress(const std::string& id, const Progress& p);
  void set_done(const std::string& id, const std::string& results, const Progress& p, std::int64_t history_run);
  void set_failed(const std::string& id, const std::string& error);
  // Jobs a restart must run: the queued and those a stop interrupted (back to queued), oldest first.
  std::vector<std::string> requeue_unfinished();
  void requeue(const std::string& id);
  std::int64_t count_queued();
  std::int64_t count_unfinished_for(const std::string& client);
  // A unit's self-checks, newest first (id, status, created_at, OIT score text or "").
  std::vector<Job> jobs_of_unit(const std::string& unit, int limit);
  // The latest finished job of a unit (to pre-fill the self-check form).
  std::optional<Job> latest_done_of_unit(const std::string& unit);

  void add_captures(const std::vector<Capture>& captures);
  std::optional<Capture> capture(const std::string& record_id);

  void put_auditor(const Auditor& a);
  std::optional<Auditor> auditor(const std::string& name);

  void put_session(const std::string& id, const std::string& auditor, const std::string& csrf, std::int64_t expires);
  // The auditor and CSRF token of a live session.
  std::optional<std::pair<std::string, std::string>> session(const std::string& id, std::int64_t now);
  void delete_session(const std::string& id);

 private:
  std::mutex mutex_;
  std::unique_ptr<store::Database> db_;
};

}  // namespace oitscan::serve
