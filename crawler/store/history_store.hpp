#pragma once
// The history of nightly scans (`oitscan scan --db FILE|URL`): every run of every unit, the
// normalised verdicts and scores of each run, and the fetch log that resume and conditional GET
// read. By default one SQLite file: one scan process writes it at a time; readers (reports, an
// auditor's sqlite3 shell) may read it concurrently thanks to WAL; synchronous=NORMAL, so a commit
// costs no fsync (a power cut may lose the last commits, never corrupt the file). With a
// PostgreSQL URL the same tables live on a server that the machines of a scale-out scan share
// (store/database.hpp). Within the process, calls may come from several threads: they are
// serialised, so a transaction never takes in another thread's statements.
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "store/overrides.hpp"
#include "store/run_results.hpp"
#include "store/database.hpp"

namespace oitscan::store {

struct Unit {
  std::string id;  // [a-z0-9-]+
  std::string name_th;
  std::string website;
};

struct RunInfo {
  std::int64_t id = 0;
  std::string unit_id;
  std::string unit_name_th;
  std::string framework;
  std::string rules_version;
  std::string started_at;
  std::optional<std::string> finished_at;
  std::string status;  // running | done | interrupted
  std::string out_dir;
};

// One row of the fetch log.
struct FetchRecord {
  std::optional<std::int64_t> run_id;
  std::string url;
  std::optional<std::string> final_url;
  std::string outcome;  // contracts.md fetch outcomes: ok, not-modified, http-error, timeout, ...
  std::optional<int> http_status;
  std::optional<std::string> sha256;
  std::optional<std::string> etag;
  std::optional<std::string> last_modified;
  std::string fetched_at;  // ISO-8601 UTC
  std::optional<std::string> warc_file;
  std::optional<std::int64_t> warc_offset;
  std::optional<std::string> warc_record_id;
  std::optional<std::string> warc_payload_digest;  // sha1:BASE32
  std::int64_t id = 0;                             // set when read back
};

struct ReasonRef {
  std::string requirement_id;
  std::string reason;
  bool operator==(const ReasonRef&) const = default;
  bool operator<(const ReasonRef& o) const {
    return requirement_id != o.requirement_id ? requirement_id < o.requirement_id : reason < o.reason;
  }
};

struct ItemChange {
  std::string item_id;
  std::optional<std::string> verdict_before;  // absent: the item was not in the previous run
  std::optional<std::string> verdict_now;     // absent: the item is not in the current run
  std::vector<ReasonRef> reasons_appeared;    // non-"ok" reasons now that were not there before
  std::vector<ReasonRef> reasons_disappeared;
};

struct DocumentChange {
  std::string url;
  std::optional<std::string> sha256_before;
  std::optional<std::string> sha256_now;
  std::optional<std::string> outcome_before;  // from the fetch log, when it has the URL
  std::optional<std::string> outcome_now;
  bool appeared = false;     // judged as evidence now, not in the previous run
  bool disappeared = false;  // evidence in the previous run, gone now
};

// A finished run in a line: what history, the dashboard's trend and exports list.
struct RunSummary {
  std::int64_t id = 0;
  std::string unit_id;
  std::string unit_name_th;
  std::string framework;
  std::string started_at;
  std::string finished_at;
  std::string out_dir;
  std::optional<double> oit;
  std::optional<double> oit_max;
  int pass = 0;
  int fail = 0;
  int unverified = 0;
};

struct Changes {
  std::int64_t current_run = 0;
  std::optional<std::int64_t> previous_run;  // absent: first finished run of the unit
  std::vector<ItemChange> items;             // only items whose verdict or reasons changed
  std::vector<DocumentChange> documents;     // URLs seen in both runs whose content or outcome changed
};

class HistoryStore {
 public:
  // Opens (creating or migrating, see schema.hpp) the store at `where`: an SQLite file's path, or a
  // PostgreSQL URL (postgresql://…) for a store shared by the machines of a scale-out scan.
  static HistoryStore open(const std::string& where);
  static HistoryStore open(const std::filesystem::path& path) { return open(path.string()); }
  // The same over a connection the caller already made (open_database), e.g. after checking it.
  static HistoryStore open(std::unique_ptr<Database> db);

  std::int64_t begin_run(const Unit& unit, const std::string& framework, const std::string& rules_version,
                         const std::string& out_dir = "", const std::string& started_at = "");
  // Appends to the fetch log, committed at once.
  std::int64_t record_fetch(const FetchRecord& fetch);
  // Appends several rows in one transaction: all of them or none.
  void record_fetches(const std::vector<FetchRecord>& fetches);
  // The latest fetch of a URL (optionally only fetches at or after `since`, an ISO-8601 UTC time).
  std::optional<FetchRecord> latest_fetch(const std::string& url, const std::string& since = "");
  std::vector<FetchRecord> fetches_of_run(std::int64_t run_id);

  // Stores the run's oitscan.results/1 document as given and normalised, and marks the run done,
  // in one transaction, together with the run's `fetches` not yet logged (a scan keeps a unit's
  // fetch rows and writes them here: one transaction per unit-run). Throws InputError naming the
  // field when the document is invalid; then nothing is written, the fetches neither.
  void finish_run(std::int64_t run_id, const std::string& results_json, const std::string& source = "results.json",
                  const std::vector<FetchRecord>& fetches = {});
  // The same for a run result the caller already holds as typed values (no re-parsing);
  // `results_json` is kept verbatim as the run's document.
  void finish_run(std::int64_t run_id, const RunResults& results, const std::string& results_json,
                  const std::string& source = "results.json", const std::vector<FetchRecord>& fetches = {});
  // Runs left `running` by a process that died become `interrupted`; returns how many. Only the
  // runs of `unit_ids` when given: on a store shared by several machines, another scan's runs in
  // progress are not ours to close.
  int mark_interrupted_runs(const std::vector<std::string>& unit_ids = {});

  std::optional<RunInfo> run(std::int64_t run_id);
  // The latest run of the unit, whatever its status (to find an interrupted one to resume).
  std::optional<RunInfo> latest_run(const std::string& unit_id);
  // The latest finished (`done`) run of the unit before `before_run` (any run when 0).
  std::optional<RunInfo> previous_run(const std::string& unit_id, std::int64_t before_run = 0);
  std::optional<std::string> results_json(std::int64_t run_id);

  // What changed between the unit's latest finished run and the finished run before it.
  Changes changes(const std::string& unit_id);
  // The same for a given finished run against the finished run before it.
  Changes changes_for_run(std::int64_t run_id);

  // Auditor decisions (store/overrides.hpp; implemented in overrides.cpp).
  // Records a decision from the unit's latest finished run on; an active decision on the same item
  // or requirement is withdrawn by it. Throws InputError naming the field when the request is
  // malformed, the unit has no finished run, or that run has no such item or requirement.
  Override record_override(const OverrideRequest& request);
  // Withdraws the active decision on the item (requirement_id "") or requirement; nullopt when
  // there is none.
  std::optional<Override> withdraw_override(const std::string& unit_id, const std::string& item_id,
                                            const std::string& requirement_id, const std::string& by);
  // Every decision on the unit, withdrawn ones included, oldest first ("" = every unit).
  std::vector<Override> overrides(const std::string& unit_id = "");
  // The decisions that apply to a run (from the unit's decisions and the run's id).
  std::vector<Override> overrides_for_run(std::int64_t run_id);

  // Finished runs, newest first (history_queries.cpp). `limit` 0 = all.
  std::vector<RunSummary> run_summaries(const std::string& unit_id, int limit = 0);
  std::optional<RunSummary> run_summary(std::int64_t run_id);
  // Every unit with a finished run, by id.
  std::vector<std::string> units();
  // Per item, its verdict in each of `runs` (same order; "" where the run lacks the item).
  std::map<std::string, std::vector<std::string>> item_verdicts(const std::vector<std::int64_t>& runs);

  // Retention (prune.cpp). Every run of the unit, whatever its status, newest first.
  std::vector<RunInfo> runs_of_unit(const std::string& unit_id);
  // Removes runs with their verdicts, evidence rows and scores, and their fetch log rows except
  // those whose WARC record a kept revisit refers to (`keep_record_ids`): conditional GET and
  // --offline still find the capture. Returns the fetch rows removed.
  std::int64_t delete_runs(const std::vector<std::int64_t>& run_ids, const std::set<std::string>& keep_record_ids);
  // Gives the space of deleted rows back to the file system (VACUUM).
  void compact();

  // For tests and diagnostics; not serialised with the calls above.
  Database& database() { return *db_; }

 private:
  explicit HistoryStore(std::unique_ptr<Database> db) : db_(std::move(db)) {}
  std::unique_ptr<Database> db_;
  // Recursive: changes() calls run() and previous_run().
  std::recursive_mutex mutex_;
};

}  // namespace oitscan::store
