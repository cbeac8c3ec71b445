#include "scaleout/worker.hpp"

#include <unistd.h>

#include <condition_variable>
#include <cstdlib>
#include <set>
#include <mutex>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "archive/warc_reader.hpp"
#include "check/results_json.hpp"
#include "check/rule_catalog.hpp"
#include "check/run_unit.hpp"
#include "common/input_error.hpp"
#include "gather/gather.hpp"
#include "queue/job_queue.hpp"
#include "queue/queue_schema.hpp"
#include "scaleout/history_record.hpp"
#include "scaleout/job_inputs.hpp"
#include "scan/run_record.hpp"
#include "store/history_store.hpp"

namespace oitscan::scaleout {
namespace {

using json = nlohmann::ordered_json;
using queue::ClaimedJob;
using queue::JobQueue;
using queue::PgConnection;
using queue::PgError;

std::string default_name() {
  char host[256] = {};
  ::gethostname(host, sizeof host - 1);
  return std::string(host) + ":" + std::to_string(::getpid());
}

// Renews one job's lease on a connection of its own until stopped; `lost` is set the moment the
// database says the lease is gone, or when it cannot be renewed before it would expire.
class Heartbeat {
 public:
  // `on_lost` is called once, on the heartbeat's thread, the moment the lease is found lost.
  Heartbeat(const WorkerOptions& options, const ClaimedJob& job, std::function<void()> on_lost)
      : on_lost_(std::move(on_lost)), thread_([this, &options, job] { beat(options, job); }) {}
  ~Heartbeat() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      done_ = true;
    }
    wake_.notify_all();
    thread_.join();
  }
  bool lost() const { return *lost_; }
  // Set with lost(): the item in flight's fetch engine watches it and ends its fetches at once.
  std::shared_ptr<const std::atomic<bool>> lost_flag() const { return lost_; }

 private:
  void beat(const WorkerOptions& options, const ClaimedJob& job) {
    const auto give_up_at = [&] { return std::chrono::steady_clock::now() + options.lease; };
    auto deadline = give_up_at();  // past this without a renewal, assume the lease is gone
    std::unique_ptr<PgConnection> db;
    std::unique_lock<std::mutex> lock(mutex_);
    while (!done_) {
      wake_.wait_for(lock, options.heartbeat, [&] { return done_; });
      if (done_) break;
      lock.unlock();
      try {
        if (!db) db = std::make_unique<PgConnection>(options.db_url);
        JobQueue q(*db);
        if (!q.heartbeat(job, options.lease)) *lost_ = true;
        else deadline = give_up_at();
      } catch (const PgError&) {
        db.reset();  // the server restarted: reconnect on the next beat
      }
      if (std::chrono::steady_clock::now() >= deadline) *lost_ = true;
      if (*lost_) {
        if (on_lost_) on_lost_();
        return;
      }
      lock.lock();
    }
  }

  std::mutex mutex_;
  std::condition_variable wake_;
  bool done_ = false;
  std::shared_ptr<std::atomic<bool>> lost_ = std::make_shared<std::atomic<bool>>(false);
  std::function<void()> on_lost_;
  std::thread thread_;
};

class Slot {
 public:
  Slot(const WorkerOptions& options, std::vector<std::string> lanes, const std::atomic<bool>& stop, WorkerCounts& counts,
       check::RuleCatalog& catalog, RuleSetDigests& digests, std::string name)
      : options_(options),
        lanes_(std::move(lanes)),
        stop_(stop),
        counts_(counts),
        catalog_(catalog),
        digests_(digests),
        name_(std::move(name)) {}

  void run() {
    std::unique_ptr<PgConnection> db;
    auto backoff = std::chrono::milliseconds(200);
    while (!stop_) {
      try {
        if (!db) db = std::make_unique<PgConnection>(options_.db_url);
        JobQueue q(*db);
        auto job = q.claim(name_, lanes_, options_.lease);
        backoff = std::chrono::milliseconds(200);
        if (!job) {
          if (options_.exit_when_idle && q.idle({queue::kExpressLane, queue::kNightlyLane})) return;
          std::this_thread::sleep_for(options_.idle_poll);
          continue;
        }
        work(*db, *job);
      } catch (const PgError& e) {
        // The database went away (restart, network): reconnect with a growing pause. A job held
        // meanwhile is either still ours when we are back (fenced writes succeed) or rescued.
        say("database: " + std::string(e.what()) + "; reconnecting in " + std::to_string(backoff.count()) + " ms");
        db.reset();
        std::this_thread::sleep_for(backoff);
        backoff = std::min(backoff * 2, std::chrono::milliseconds(10'000));
      }
    }
  }

 private:
  void say(const std::string& line) const {
    if (options_.log) options_.log(name_ + ": " + line);
  }

  // A fenced write that outlives a database restart: on a lost connection, reconnect and try
  // again while the lease may still be ours. The fence decides whether it lands; false = it did
  // not (the lease is gone).
  template <class Write>
  bool durably(PgConnection& db, const Heartbeat& heartbeat, Write&& write) {
    auto pause = std::chrono::milliseconds(200);
    for (;;) {
      try {
        return write();
      } catch (const PgError& e) {
        if (!e.connection_lost()) throw;
        if (heartbeat.lost()) return false;
        say("database: " + std::string(e.what()) + "; retrying in " + std::to_string(pause.count()) + " ms");
        std::this_thread::sleep_for(pause);
        pause = std::min(pause * 2, std::chrono::milliseconds(5'000));
        try {
          db.reconnect();
        } catch (const PgError&) {
          // still down: the next round tries again
        }
      }
    }
  }

  // Records the finished unit as a run of the history store on the same database (history,
  // export, override and the dashboard then see it as a scanned run). The store has its own
  // connection per slot; a server restart is waited out as for the queue's writes. False when the
  // lease was lost meanwhile. A store that keeps refusing (not a lost connection) fails the job.
  bool record_history(const Heartbeat& heartbeat, const ClaimedJob& job, const check::Submission& unit,
                      const check::RuleBook& book, const std::string& results_json, const std::vector<store::FetchRecord>& fetches,
                      std::int64_t& run_id) {
    const std::string marker = (options_.out_dir / job.run / job.unit_id).string();
    auto pause = std::chrono::milliseconds(200);
    for (int attempt = 1;; ++attempt) {
      try {
        // new + the factory's prvalue: the store is built in place (it holds a mutex, so it cannot move).
        if (!history_) history_.reset(new store::HistoryStore(store::HistoryStore::open(options_.db_url)));
        run_id = record_job_run(*history_, unit, book.rules->id + "@" + book.rules->version, book.framework, results_json, marker,
                                fetches);
        return true;
      } catch (const store::StoreError& e) {
        history_.reset();
        if (heartbeat.lost()) return false;
        if (attempt >= 10) throw PgError(std::string("history store: ") + e.what(), "XX000");
        say("history store: " + std::string(e.what()) + "; retrying in " + std::to_string(pause.count()) + " ms");
        std::this_thread::sleep_for(pause);
        pause = std::min(pause * 2, std::chrono::milliseconds(5'000));
      }
    }
  }

  check::UnitRunOptions run_options(const ClaimedJob& job, const std::filesystem::path& dir) const {
    check::UnitRunOptions run;
    run.out_dir = dir;
    run.fetch = options_.fetch;
    // One conditional-GET cache per unit, as scan keeps it: a revisit refers to this unit's own captures.
    if (!run.fetch.cache_dir.empty()) run.fetch.cache_dir = (std::filesystem::path(run.fetch.cache_dir) / "units" / job.unit_id).string();
    run.unit_budget = options_.unit_budget;
    return run;
  }

  void work(PgConnection& db, const ClaimedJob& job) {
    JobQueue q(db);
    say("claimed " + job.unit_id + " (run " + job.run + ", attempt " + std::to_string(job.attempt) + (job.rescued ? ", rescued" : "") + ")");
    Heartbeat heartbeat(options_, job, [this, &job] {
      say("lease on " + job.unit_id + " (attempt " + std::to_string(job.attempt) +
          ") lost: abandoning the item in flight (no reading starts, nothing is written)");
    });
    JobInputs inputs;
    const check::RuleBook* book = nullptr;
    try {
      inputs = job_inputs_from_json(job.inputs_json);
      const std::string digest = digests_.of(inputs.submission.framework);
      if (!inputs.rules_digest.empty() && digest != inputs.rules_digest) {
        throw InputError("job inputs", 0, "rules_digest",
                         "the job was enqueued for rule set " + inputs.rules_digest.substr(0, 12) + "…, this worker has " +
                             digest.substr(0, 12) + "… (" + (options_.rules_root / inputs.submission.framework).string() + ")");
      }
      book = &catalog_.for_unit(inputs.submission);
    } catch (const std::exception& e) {
      say("job " + job.unit_id + " cannot run: " + e.what());
      if (durably(db, heartbeat, [&] { return q.fail(job, e.what()); })) ++counts_.jobs_failed;
      return;
    }

    const auto committed = q.committed_items(job.id);
    // The fetch log rows of this attempt's fetches, for the history run (conditional GETs later).
    std::vector<store::FetchRecord> fetched;
    std::mutex fetched_mutex;
    Readings readings(*this, db, heartbeat, job, q.crashed_readings(job));
    const std::filesystem::path attempt_dir = options_.out_dir / job.run / job.unit_id / ("attempt-" + std::to_string(job.attempt));
    for (const auto& [item, urls] : inputs.submission.items) {
      if (committed.count(item)) continue;  // an earlier attempt's result stands
      if (stop_) {
        if (durably(db, heartbeat, [&] { return q.hand_back(job); })) ++counts_.handed_back;
        say("stopping: handed " + job.unit_id + " back");
        return;
      }
      if (heartbeat.lost()) return lease_lost(job);
      say("checking " + job.unit_id + " " + item + " (attempt " + std::to_string(job.attempt) + ")");
      check::Submission one = inputs.submission;
      one.items = {{item, urls}};
      auto options = run_options(job, attempt_dir / item);
      options.fetch.cancel = heartbeat.lost_flag();  // a lost lease ends the item's fetches at once
      options.check.gather.cancel = heartbeat.lost_flag();  // ... and the page being OCR'd
      const std::string item_warc = check::evidence_file(options.out_dir).string();
      options.on_fetched = [&fetched, &fetched_mutex, item_warc](const fetch::Response& f) {
        const std::lock_guard<std::mutex> lock(fetched_mutex);
        fetched.push_back(scan::fetch_record(f, std::nullopt, item_warc));
      };
      readings.watch(options.check.gather);
      const auto result = check::run_unit(one, *book, options);
      // results.json lists every item of the framework; this run judged `item` alone.
      const json* judged = find_item(result.results, item);
      if (judged == nullptr) throw InputError("results.json", 0, "items", "the check of " + item + " did not report it");
      const std::string verdict = judged->value("verdict", "unverified"), text = judged->dump();
      // run_unit has fsynced the WARC before returning: its records may now be referenced.
      const auto refs = warc_refs(*judged, result.evidence, options_.out_dir / job.run / job.unit_id);
      const std::string& item_id = item;  // a structured binding: clang 14 cannot capture it
      if (!durably(db, heartbeat, [&] { return q.commit_item(job, item_id, verdict, text, refs); })) return lease_lost(job);
      ++counts_.items_committed;
    }
    if (heartbeat.lost()) return lease_lost(job);
    // The unit's document: the framework's items as a check with no URLs lists them (what the unit
    // did not submit), each submitted one replaced by its committed result, whichever attempt
    // committed it; then scored together.
    check::Submission none = inputs.submission;
    none.items.clear();
    json results = check::run_unit(none, *book, run_options(job, attempt_dir / "unit")).results;
    const auto all = q.committed_items(job.id);
    for (auto& entry : results.at("items")) {
      if (auto it = all.find(entry.value("id", "")); it != all.end()) entry = json::parse(it->second.result_json);
    }
    check::rescore_results(results, book->framework);
    const std::string text = results.dump();
    // The run in the shared history store first, then the job done (fenced): a crash between the
    // two redoes only this step, and record_job_run finishes the same run again, never a second.
    std::int64_t history_run = 0;
    if (!record_history(heartbeat, job, inputs.submission, *book, text, fetched, history_run)) return lease_lost(job);
    if (!durably(db, heartbeat, [&] { return q.finish(job, text, "", history_run); })) return lease_lost(job);
    ++counts_.jobs_done;
    say("done " + job.unit_id + " (" + std::to_string(all.size()) + " items)");
  }

  // Poison documents: every reading of the job's attempt is marked in the database (committed,
  // fenced) before it starts and closed when it ends, on the reading threads, through the slot's
  // connection (the slot itself waits in run_unit meanwhile). A document two earlier attempts
  // died reading is not read again: it is `unverified` (extraction-crashed) and the unit goes on.
  class Readings {
   public:
    Readings(Slot& slot, PgConnection& db, const Heartbeat& heartbeat, const ClaimedJob& job, std::set<std::string> crashed)
        : slot_(slot), db_(db), heartbeat_(heartbeat), job_(job), crashed_(std::move(crashed)) {
      if (const char* sha = std::getenv("OITSCAN_FAULT_CRASH_ON_SHA256")) fault_sha256_ = sha;
      for (const auto& sha : crashed_) slot_.say(job_.unit_id + ": document " + sha.substr(0, 12) + "… crashed two attempts; not read again");
    }

    void watch(gather::GatherOptions& gather) {
      gather.before_reading = [this](const fetch::Response& doc) { return before(doc); };
      auto earlier = gather.on_read;
      gather.on_read = [this, earlier](const fetch::Response& doc, const extract::Document& read) {
        if (earlier) earlier(doc, read);
        if (doc.sha256.empty()) return;
        std::lock_guard<std::mutex> lock(mutex_);
        JobQueue q(db_);
        slot_.durably(db_, heartbeat_, [&] { return q.end_reading(job_, doc.sha256); });
      };
    }

   private:
    std::optional<fetch::Outcome> before(const fetch::Response& doc) {
      // The lease is gone: the item's result will be refused, so no reading (OCR) starts. The
      // outcome given only shows in this attempt's own files, never in the store.
      if (heartbeat_.lost()) return fetch::Outcome::extraction_crashed;
      if (doc.sha256.empty()) return std::nullopt;
      if (crashed_.count(doc.sha256)) {
        slot_.say("not reading " + doc.url + " (" + job_.unit_id + "): it crashed two earlier attempts");
        return fetch::Outcome::extraction_crashed;
      }
      {
        std::lock_guard<std::mutex> lock(mutex_);
        JobQueue q(db_);
        slot_.durably(db_, heartbeat_, [&] { return q.begin_reading(job_, doc.sha256, doc.url); });
      }
      if (doc.sha256 == fault_sha256_) {
        // Test-only fault hook (tests/scaleout/chaos.py): a document that kills the process as a
        // hostile PDF would. Off unless the environment names a digest.
        slot_.say("OITSCAN_FAULT_CRASH_ON_SHA256: aborting while reading " + doc.url);
        std::abort();
      }
      return std::nullopt;
    }

    Slot& slot_;
    PgConnection& db_;
    const Heartbeat& heartbeat_;
    const ClaimedJob& job_;
    const std::set<std::string> crashed_;
    std::string fault_sha256_;
    std::mutex mutex_;
  };

  // Where the records an item's verdicts cite are: (file, offset of the record's gzip member,
  // WARC-Block-Digest). Only headers are read: first the item's own WARC, then, for a record it
  // does not hold (a capture an earlier item of the unit made, which a revisit points back to),
  // the unit's other WARC files, every one of them fsynced by the run that wrote it.
  static std::vector<queue::WarcRef> warc_refs(const json& judged, const std::filesystem::path& warc,
                                               const std::filesystem::path& unit_dir) {
    std::set<std::string> cited;
    for (const auto& req : judged.value("requirements", json::array())) {
      for (const auto& ev : req.value("evidence", json::array())) {
        if (auto id = ev.value("warc_record_id", ""); !id.empty()) cited.insert(id);
      }
    }
    std::vector<queue::WarcRef> refs;
    if (cited.empty() || warc.empty() || !std::filesystem::exists(warc)) return refs;
    std::vector<std::filesystem::path> files{warc};
    std::error_code ec;
    for (std::filesystem::recursive_directory_iterator it(unit_dir, ec), end; !ec && it != end; it.increment(ec)) {
      const auto& path = it->path();
      if (it->is_regular_file() && path.string().ends_with(".warc.gz") && path != warc) files.push_back(path);
    }
    for (const auto& file : files) {
      if (cited.empty()) break;
      try {
        archive::WarcReader reader(file);
        while (auto record = reader.next(false)) {
          if (cited.erase(record->record_id()) == 0) continue;
          refs.push_back({record->record_id(), std::filesystem::absolute(file).string(), record->offset,
                          record->fields.get("WARC-Block-Digest").value_or("")});
        }
      } catch (const archive::WarcFormatError&) {
        // A file a dead attempt left cut mid-record: the records before the cut still count.
      }
    }
    return refs;
  }

  static const json* find_item(const json& results, const std::string& item) {
    for (const auto& it : results.at("items")) {
      if (it.value("id", "") == item) return &it;
    }
    return nullptr;
  }

  void lease_lost(const ClaimedJob& job) {
    ++counts_.leases_lost;
    say("lost the lease on " + job.unit_id + " (attempt " + std::to_string(job.attempt) + "): stopped, nothing more written");
  }

  const WorkerOptions& options_;
  std::vector<std::string> lanes_;
  const std::atomic<bool>& stop_;
  WorkerCounts& counts_;
  check::RuleCatalog& catalog_;
  RuleSetDigests& digests_;
  std::string name_;
  std::unique_ptr<store::HistoryStore> history_;  // this slot's connection to the history store
};

}  // namespace

void run_worker(const WorkerOptions& options, const std::atomic<bool>& stop, WorkerCounts& counts) {
  {  // Reachable, and the tables are there, before any thread starts.
    PgConnection db(options.db_url);
    queue::prepare_queue_schema(db);
  }
  check::RuleCatalog catalog(options.rules_root);
  RuleSetDigests digests(options.rules_root);
  const std::string name = options.name.empty() ? default_name() : options.name;
  std::vector<std::unique_ptr<Slot>> slots;
  for (std::size_t i = 0; i < options.slots; ++i) {
    slots.push_back(std::make_unique<Slot>(options, std::vector<std::string>{queue::kExpressLane, queue::kNightlyLane}, stop, counts,
                                           catalog, digests, name + "/" + std::to_string(i)));
  }
  for (std::size_t i = 0; i < options.express; ++i) {
    slots.push_back(std::make_unique<Slot>(options, std::vector<std::string>{queue::kExpressLane}, stop, counts, catalog,
                                           digests, name + "/x" + std::to_string(i)));
  }
  std::vector<std::thread> threads;
  for (auto& s : slots) threads.emplace_back([&s] { s->run(); });
  for (auto& t : threads) t.join();
}

}  // namespace oitscan::scaleout
