#pragma once
// PostgreSQL as the job queue (the pattern of River, graphile-worker, Solid Queue and Que): jobs are
// rows; a worker claims one with `SELECT … FOR UPDATE SKIP LOCKED`, holds it as a lease that a
// heartbeat renews, and fences every write by (job, attempt): a write lands only while the job is
// still running under that attempt with a live lease. A worker that vanishes loses its lease; the
// same claim query then hands the job to another worker as the next attempt. Every time is the
// database's clock (now()), never a worker's.
//
// No call holds a lock or a transaction open beyond itself: fetching and OCR happen between calls.
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "queue/pg_connection.hpp"

namespace oitscan::queue {

inline constexpr const char* kExpressLane = "express";  // self-checks: a person is waiting
inline constexpr const char* kNightlyLane = "nightly";  // the nightly scan of every unit

struct NewJob {
  std::string unit_id;
  std::string inputs_json;  // the question, frozen at enqueue time (see queue_schema.cpp)
  std::string lane = kNightlyLane;
};

struct ClaimedJob {
  std::int64_t id = 0;
  std::string run;  // the run's name
  std::string unit_id;
  std::string lane;
  int attempt = 0;    // this claim's number: the fence of every write it makes
  bool rescued = false;  // taken over from a worker whose lease expired
  std::string inputs_json;
  std::string worker;  // who holds it
};

// A WARC record an item's result cites, by where it is: the file, the offset of its record (its
// gzip member) and its WARC-Block-Digest ("sha1:BASE32").
struct WarcRef {
  std::string record_id;
  std::string file;
  std::uint64_t offset = 0;
  std::string block_digest;
};

struct CommittedItem {
  int attempt = 0;
  std::string verdict;
  std::string result_json;
};

struct QueueStatus {
  std::string run;  // "" = every run
  std::map<std::string, std::map<std::string, std::int64_t>> jobs;  // lane -> state -> count
  std::int64_t rescued = 0;
  std::optional<double> oldest_ready_seconds;  // how long the oldest ready job has waited
  struct Failure {
    std::string unit_id;
    std::string lane;
    std::string error;
  };
  std::vector<Failure> failures;
  std::int64_t count(const std::string& state) const;
};

class JobQueue {
 public:
  explicit JobQueue(PgConnection& db) : db_(db) {}

  // Creates run `name` (a fresh name when empty) and one job per unit, all in one transaction, and
  // wakes idle workers (NOTIFY oitscan_jobs). Returns the run's name. A run name already used is
  // an error (PgError, unique violation).
  std::string enqueue(const std::string& name, const std::vector<NewJob>& jobs, int max_failures = 3);

  // The next job for `worker` from `lanes` (express first, then oldest), ready or with an expired
  // lease, as a new attempt leased for `lease`. A job whose rescue spends its last allowed failure
  // is marked failed instead, and the next one is tried. nullopt: nothing to do now.
  std::optional<ClaimedJob> claim(const std::string& worker, const std::vector<std::string>& lanes,
                                  std::chrono::seconds lease);
  // Extends the lease. False: the lease is lost (expired, or the job moved on to another attempt);
  // the holder must stop and write nothing more.
  bool heartbeat(const ClaimedJob& job, std::chrono::seconds lease);
  // Commits one item's result, fenced. An item an earlier attempt committed stays as it was. False:
  // the lease is lost and nothing was written.
  // `refs` (the WARC records it cites) are stored with it, in the same transaction; the caller has
  // flushed their file to disk.
  bool commit_item(const ClaimedJob& job, const std::string& item_id, const std::string& verdict,
                   const std::string& result_json, const std::vector<WarcRef>& refs = {});
  std::map<std::string, CommittedItem> committed_items(std::int64_t job_id);
  // The job is done, with the unit's results document and the history-store run it was recorded
  // as (0: none). Fenced like commit_item.
  bool finish(const ClaimedJob& job, const std::string& results_json, const std::string& warc_file = "",
              std::int64_t history_run = 0);
  // The attempt failed (an error of the job itself, not a network fault of an item): ready again
  // after a backoff that doubles with each failure, or `failed` at max_failures. Fenced.
  bool fail(const ClaimedJob& job, const std::string& error, std::chrono::seconds backoff_base = std::chrono::seconds(5));
  // Gives the job back untouched (SIGTERM): ready at once, no failure counted. Fenced.
  bool hand_back(const ClaimedJob& job);
  // Poison documents. begin_reading records, fenced and committed, that this attempt is about to
  // read the document with body digest `sha256`; end_reading closes the mark once the reading is
  // over. A mark left open means the process died reading. False: the lease is lost.
  bool begin_reading(const ClaimedJob& job, const std::string& sha256, const std::string& url);
  bool end_reading(const ClaimedJob& job, const std::string& sha256);
  // Digests of documents whose reading was left open by at least `crashes` earlier attempts of
  // the job: not to be read again.
  std::set<std::string> crashed_readings(const ClaimedJob& job, int crashes = 2);

  // Records where an attempt's WARC file is, once it is flushed.
  void record_warc(const ClaimedJob& job, const std::string& warc_file);

  QueueStatus status(const std::string& run = "");
  // No job of `run` ("" = any) is ready or running in these lanes.
  bool idle(const std::vector<std::string>& lanes, const std::string& run = "");

 private:
  // Inside a transaction: locks the job row if this attempt still holds it; false otherwise.
  bool holds(const ClaimedJob& job);
  PgConnection& db_;
};

}  // namespace oitscan::queue
