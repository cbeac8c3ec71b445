#pragma once
// index.html of `oitscan scan`: the dashboard BMA central opens every morning. Self-contained (no
// network; one small inline script for sorting, allowed by its CSP hash), fits a 1366 px screen:
// the scan's date and time (Buddhist era, Bangkok time), totals, regressions first, then every unit
// with its OIT, the change since its previous night and a 30-night trend, the unit × item grid
// (each cell links to UNIT/report.html#ITEM, the reason on hover), and the real changes since the
// previous night — verdicts, reasons, documents appearing, disappearing or changing, never a
// document merely answered "not modified".
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "store/history_store.hpp"

namespace oitscan::report {

struct ScanRow {
  std::string unit_id;
  nlohmann::ordered_json results;  // oitscan.results/1 of the unit's run; null when it failed
  std::string error;
  store::Changes changes;                 // since the unit's previous finished run
  std::vector<store::RunSummary> runs;    // the unit's finished runs, newest first (this one first), up to 30
  // Per item, its verdict in each of `runs` (same order).
  std::map<std::string, std::vector<std::string>> item_history;
};

// Where a unit's links lead: PREFIX + UNIT + SUFFIX (+ "#ITEM"). The file written by scan links
// each unit's report.html next to it; the live dashboard of `serve` links its /units/UNIT page.
struct ScanIndexLinks {
  std::string unit_prefix;
  std::string unit_suffix = "/report.html";
};

// `scanned_at`: when the scan ran (ISO 8601 UTC).
std::string render_scan_index(const std::vector<ScanRow>& rows, const std::filesystem::path& templates_dir,
                              const std::string& scanned_at, const ScanIndexLinks& links = {});

// How many of the latest runs in a row (newest first) have `verdict`; 0 when the newest has not.
int nights_in_a_row(const std::vector<std::string>& verdicts_newest_first, const std::string& verdict);

}  // namespace oitscan::report
