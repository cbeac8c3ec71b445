#pragma once
// Self-checks through the PostgreSQL job queue (serve --express-queue): instead of running a check
// in its own threads, the service enqueues it as a one-job run in the queue's express lane, where
// any `oitscan worker` with an express slot takes it ahead of the night's jobs, and follows the job
// row until it ends. The run is named after the service's job ("self-check-<ID>"), so a service
// restarted mid-check finds its job again instead of asking twice.
#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "check/submission.hpp"
#include "scaleout/job_inputs.hpp"

namespace oitscan::serve {

struct QueuedCheck {
  enum class State { Done, Failed, Stopped } state = State::Stopped;
  std::string results;           // oitscan.results/1 text (Done)
  std::string error;             // why the queue gave up on it (Failed)
  std::int64_t history_run = 0;  // the run the worker recorded in the shared history store
  // WARC files (as the workers wrote them) holding the records the committed items cite.
  std::vector<std::string> warc_files;
};

class ExpressLane {
 public:
  ExpressLane(std::string db_url, const std::filesystem::path& rules_root);
  // Enqueues (or finds again) the check of `submission` for service job `job_id`, then waits for
  // it, calling on_items(done, total) as items are committed, until it is done, failed, or
  // `stopping` is set (the job then goes on in the queue and a restart follows it again).
  // Throws queue::PgError when the database cannot be reached.
  QueuedCheck run(const std::string& job_id, const check::Submission& submission,
                  const std::function<void(std::int64_t, std::int64_t)>& on_items,
                  const std::function<bool()>& stopping);

 private:
  std::string db_url_;
  scaleout::RuleSetDigests digests_;
  std::once_flag schema_checked_;
};

// The files of a finished queued check in the service's own job folder, as a local check leaves
// them: results.json, report.html (rendered here from the templates in `reports_dir`) and
// evidence.warc.gz, the workers' WARC files one after the other. Returns how many of those files
// this machine cannot read (workers elsewhere without a shared --out): their records are missing.
std::size_t write_queued_outputs(const std::filesystem::path& job_dir, const QueuedCheck& check,
                                 const std::filesystem::path& reports_dir);

}  // namespace oitscan::serve
