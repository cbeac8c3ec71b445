#pragma once
// index.html of `oitscan scan`: all units × items at a glance, with changes since each unit's
// previous run. Self-contained and escaped like the check report.
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace oitscan::report {

struct ScanRow {
  std::string unit_id;
  nlohmann::ordered_json results;    // oitscan.results/1 of the unit's run; null when it failed
  std::vector<std::string> changes;  // "O15: pass → fail", "url: ok → timeout"
  bool has_previous = false;
  std::string error;
};

std::string render_scan_index(const std::vector<ScanRow>& rows, const std::filesystem::path& templates_dir);

}  // namespace oitscan::report
