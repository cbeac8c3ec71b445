#pragma once
// `oitscan worker`: works queued jobs (queue/job_queue.hpp) until stopped. Each slot is a thread
// with its own connection that claims a job, checks the unit one item at a time and commits each
// item's result fenced by (job, attempt); a heartbeat on a connection of its own renews the lease.
// An item an earlier attempt committed is not checked again. When every item is in, the unit's
// results document is assembled from the committed items, scored, and the job is done.
//
// Failures of the job itself (a rule set that is not there, inputs that do not parse) retry with
// backoff and end `failed`; network faults stay item outcomes (`unverified`), never job failures.
// A lost lease stops the slot's work on that job at the next item and nothing more is written.
// Stop (SIGTERM): no new claims, the current item is finished, the job is handed back.
#include <atomic>
#include <chrono>
#include <filesystem>
#include <functional>
#include <string>

#include "fetch/fetch_options.hpp"

namespace oitscan::scaleout {

struct WorkerOptions {
  std::string db_url;
  std::size_t slots = 1;    // jobs of any lane (express first)
  std::size_t express = 0;  // more slots for self-checks only, so a person never waits on the night
  std::chrono::seconds lease{60};
  std::chrono::seconds heartbeat{15};
  std::chrono::milliseconds idle_poll{1000};  // how often an idle slot looks for work
  bool exit_when_idle = false;              // return once no job is ready or running
  std::filesystem::path out_dir;            // OUT/<run>/<unit>/attempt-<n>/<item>/ per item checked
  std::filesystem::path rules_root;
  fetch::FetchOptions fetch;
  std::chrono::milliseconds unit_budget{0};
  std::string name;  // this worker's name in leases (default: host:pid)
  // One line per event (claimed, item committed, lease lost, handed back …), from any slot thread.
  std::function<void(const std::string&)> log;
};

struct WorkerCounts {
  std::atomic<std::size_t> jobs_done{0};
  std::atomic<std::size_t> jobs_failed{0};
  std::atomic<std::size_t> items_committed{0};
  std::atomic<std::size_t> leases_lost{0};
  std::atomic<std::size_t> handed_back{0};
};

// Runs until `stop` is set (then hands back what it holds) or, with exit_when_idle, until the queue
// has nothing ready or running. Throws queue::PgError when the database cannot be reached at start.
void run_worker(const WorkerOptions& options, const std::atomic<bool>& stop, WorkerCounts& counts);

}  // namespace oitscan::scaleout
