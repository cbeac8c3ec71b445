#pragma once
// The service's link to the history store (the same database file): every finished self-check is
// recorded as a run there, so auditors' overrides (store/overrides) apply to it exactly as to the
// nightly scans, and are shown on the check's results and report.
#include <mutex>
#include <string>

#include <nlohmann/json.hpp>

#include "check/submission.hpp"
#include "report/scan_index.hpp"
#include "store/export_rows.hpp"
#include "store/history_store.hpp"
#include "store/overrides.hpp"

namespace oitscan::serve {

class HistoryLink {
 public:
  // `db`: the SQLite file or PostgreSQL URL of the service (the same store as its own tables).
  explicit HistoryLink(const std::string& db);
  // Records a finished check as a run; returns its run id.
  std::int64_t record_check(const check::Submission& submission, const std::string& framework, const std::string& rules_version,
                            const std::string& results_json, const std::string& out_dir, const std::string& started_at);
  // Throws InputError naming the field (bad request, unit without a finished run, no such item).
  // Like `oitscan override`, lays the decisions over the unit's latest run in the store at once, so
  // the dashboard and the exports (which read the stored document) show them.
  store::Override record_override(const store::OverrideRequest& request);
  // The dashboard of `scan`, live: one row per unit with a finished run (its latest).
  std::vector<report::ScanRow> dashboard_rows();
  // The unit's finished runs (nightly scans and self-checks), newest first, at most `limit`.
  std::vector<store::RunSummary> finished_runs(const std::string& unit, int limit);
  // The export rows of one run (`oitscan export --run ID`).
  std::vector<store::ExportRun> export_run(std::int64_t run_id);
  // Applies the decisions that hold for `run_id` to `results`; returns how many applied.
  int apply(nlohmann::ordered_json& results, std::int64_t run_id);

 private:
  std::mutex mutex_;
  store::HistoryStore store_;
};

}  // namespace oitscan::serve
