#pragma once
// The bounded check queue: a fixed number of worker threads, each running one check::run_unit at
// a time. Jobs live in the database (ServiceDb), so a restart resumes what was queued or running;
// progress is also kept in memory so the event streams can wait on it.
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "check/rule_catalog.hpp"
#include "check/run_unit.hpp"
#include "serve/express_lane.hpp"
#include "serve/history_link.hpp"
#include "serve/service_db.hpp"

namespace oitscan::serve {

struct QueueOptions {
  std::size_t workers = 2;      // checks running at once
  std::size_t capacity = 20;    // queued checks at most (429 beyond)
  std::size_t per_client = 5;   // queued or running checks of one client address at most
  std::filesystem::path out_dir;  // jobs/<ID>/ below it
  check::UnitRunOptions run;      // fetch options, unit budget (out_dir set per job)
  // Set: checks are not run here but handed to the PostgreSQL job queue's express lane at this URL
  // (serve --express-queue), for `oitscan worker` processes to run (serve/express_lane.hpp).
  std::string express_queue_db;
  std::filesystem::path rules_root;   // the rule sets (their digest goes with a queued check)
  std::filesystem::path reports_dir;  // report templates, for the report.html of a queued check
};

// A snapshot of one job for the API and the event stream.
struct JobView {
  JobStatus status = JobStatus::Queued;
  Progress progress;
  std::uint64_t version = 0;  // bumps on every change, for waiters
};

class JobQueue {
 public:
  JobQueue(ServiceDb& db, HistoryLink& history, check::RuleCatalog& catalog, QueueOptions options);
  ~JobQueue();

  // Re-queues the unfinished jobs of an earlier run and starts the workers.
  void start();
  enum class Admit { Accepted, QueueFull, ClientLimit, Stopping };
  Admit submit(Job job);
  // Waits until the job changes after `seen_version` or `timeout` passes.
  JobView wait_change(const std::string& id, std::uint64_t seen_version, std::chrono::milliseconds timeout);
  JobView view(const std::string& id);
  // Stops taking jobs; waits up to `grace` for running checks; re-queues the rest in the database.
  // Returns the number of running checks handed back.
  std::size_t stop(std::chrono::milliseconds grace);
  bool stopping() const;
  std::filesystem::path job_dir(const std::string& id) const { return options_.out_dir / "jobs" / id; }
  std::size_t items_total(const check::Submission& s);

 private:
  void work();
  void run_job(const std::string& id);
  // run_job through the queue's express lane; false when the service stopped meanwhile.
  bool run_job_on_queue(const std::string& id, const check::Submission& submission, Progress& progress);
  void publish(const std::string& id, JobStatus status, const Progress& p);

  ServiceDb& db_;
  HistoryLink& history_;
  check::RuleCatalog& catalog_;
  QueueOptions options_;
  mutable std::mutex mutex_;
  std::condition_variable work_cv_;
  std::condition_variable change_cv_;
  std::deque<std::string> queue_;
  std::map<std::string, JobView> views_;
  std::map<std::string, bool> running_;  // id → finished?
  std::unique_ptr<ExpressLane> express_;  // set with express_queue_db
  std::vector<std::thread> workers_;
  std::size_t busy_ = 0;
  bool stopping_ = false;
};

}  // namespace oitscan::serve
