#pragma once
// What a scan leaves for people once a unit's run is stored: the unit's report.html with each
// item's history, a dated folder keeping this run's own results.json, report and WARC apart from
// later runs (runs/20261201T010000Z-r000042/: names sort oldest first), and the unit's row of the
// dashboard.
#include <cstdint>
#include <filesystem>

#include <nlohmann/json.hpp>

#include "report/scan_index.hpp"
#include "store/history_store.hpp"

namespace oitscan::scan {

// How many recent runs the report's per-item history and the dashboard trend show.
inline constexpr int kReportHistoryRuns = 10;
inline constexpr int kTrendNights = 30;

// "runs/20261201T010000Z-r000042" under the unit's output folder (`started_at` ISO 8601 UTC).
std::filesystem::path run_folder(const std::filesystem::path& unit_out_dir, std::int64_t run_id, const std::string& started_at);

// Writes unit_out_dir/report.html with the item history and the run's dated folder: results.json
// and evidence.warc.gz as hard links to the files just written (a copy where links are refused),
// report.html rendered for that folder (captures at ../../captures/).
void keep_run_outputs(store::HistoryStore& store, std::int64_t run_id, const nlohmann::ordered_json& results,
                      const std::filesystem::path& unit_out_dir);

// The unit's row of the dashboard: its results, changes, 30-night trend and item history.
report::ScanRow dashboard_row(store::HistoryStore& store, const std::string& unit_id, std::int64_t run_id, const std::string& error);

}  // namespace oitscan::scan
