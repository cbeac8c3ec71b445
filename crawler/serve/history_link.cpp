#include "serve/history_link.hpp"

#include <iostream>

#include "scan/run_outputs.hpp"
#include "scan/run_record.hpp"
#include "score/framework_loader.hpp"

namespace oitscan::serve {

HistoryLink::HistoryLink(const std::string& db) : store_(store::HistoryStore::open(db)) {}

std::int64_t HistoryLink::record_check(const check::Submission& submission, const std::string& framework, const std::string& rules_version,
                                       const std::string& results_json, const std::string& out_dir, const std::string& started_at) {
  std::lock_guard lock(mutex_);
  const auto run = store_.begin_run({submission.unit_id, submission.name_th, submission.website}, framework, rules_version, out_dir, started_at);
  store_.finish_run(run, results_json, "serve");
  return run;
}

store::Override HistoryLink::record_override(const store::OverrideRequest& request) {
  std::lock_guard lock(mutex_);
  auto saved = store_.record_override(request);
  try {
    scan::refresh_run_overrides(store_, saved.from_run, score::default_frameworks_dir());
  } catch (const std::exception& e) {
    // The decision is on record and the check pages apply it when shown; only the stored copy
    // (dashboard, exports) lags until the next run.
    std::cerr << "oitscan serve: decision " << saved.id << " recorded, run " << saved.from_run << " not refreshed: " << e.what() << "\n";
  }
  return saved;
}

std::vector<report::ScanRow> HistoryLink::dashboard_rows() {
  std::lock_guard lock(mutex_);
  std::vector<report::ScanRow> rows;
  for (const auto& unit : store_.units()) {
    const auto latest = store_.run_summaries(unit, 1);
    if (!latest.empty()) rows.push_back(scan::dashboard_row(store_, unit, latest.front().id, ""));
  }
  return rows;
}

std::vector<store::RunSummary> HistoryLink::finished_runs(const std::string& unit, int limit) {
  std::lock_guard lock(mutex_);
  return store_.run_summaries(unit, limit);
}

std::vector<store::ExportRun> HistoryLink::export_run(std::int64_t run_id) {
  std::lock_guard lock(mutex_);
  return store::export_runs(store_, {}, {run_id});
}

int HistoryLink::apply(nlohmann::ordered_json& results, std::int64_t run_id) {
  std::lock_guard lock(mutex_);
  return store::apply_overrides(results, store_.overrides_for_run(run_id));
}

}  // namespace oitscan::serve
