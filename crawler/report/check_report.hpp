#pragma once
// report.html of `oitscan check` and of each unit of `scan`: one self-contained page (no network,
// no script) from the results JSON, with the template and style from reports/. At the top: the
// counts, a score gauge with the rating, a "failing items only" switch (pure CSS); Thai dates in
// Bangkok time; per item its verdicts over recent runs (when the caller has the history); evidence
// linking to the archived capture written next to the report; failed fetches shown as failures.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace oitscan::report {

struct ItemHistoryPoint {
  std::string at;       // ISO 8601 UTC: when the run started
  std::string verdict;  // pass | fail | unverified | "" (not checked that run)
};

struct ReportContext {
  // Per item, its verdicts over recent runs, newest first (this run included). Empty: not shown.
  std::map<std::string, std::vector<ItemHistoryPoint>> item_history;
  // Where the capture copies are, relative to the report (the unit's captures/ folder).
  std::string captures_href = "captures/";
};

// `results` is the oitscan.results/1 document. `templates_dir` holds check-report.html and report.css.
std::string render_check_report(const nlohmann::ordered_json& results, const std::filesystem::path& templates_dir,
                                const ReportContext& context = {});

// The file name under captures/ of a body with this SHA-256 and sniffed format: content-addressed,
// so nightly runs share unchanged documents. Documents keep their extension; anything a browser
// would render or run (HTML, XML, CSV, text, unknown) gets ".txt" so opening it shows its source.
// "" when `sha256` is not 64 hex digits.
std::string capture_file_name(const std::string& sha256, const std::string& format);

}  // namespace oitscan::report
