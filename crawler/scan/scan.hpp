#pragma once
// `oitscan scan`: checks many units (BMA central's nightly run over the 50 district sites), keeps
// every run in the history store, and writes per-unit outputs plus an index of all units × items
// with what changed since each unit's previous run. An interrupted scan, run again, resumes: the
// units it finished are not checked again, and what it had fetched comes back from the
// conditional-GET cache instead of being lost.
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "check/submission.hpp"
#include "evaluate/period.hpp"
#include "fetch/fetch_options.hpp"
#include "fetch/response.hpp"

namespace oitscan::check {
struct CheckRun;
}

namespace oitscan::scan {

// Hooks for a progress display (cli/progress). Called from the worker threads: must be thread-safe.
struct ScanProgress {
  std::function<void(const std::string& unit)> unit_started;
  std::function<void(std::size_t urls)> batch_started;
  std::function<void(const fetch::Response&)> fetched;
  // `run` is null when the unit could not be checked (`error` says why) or, with no error, when an
  // earlier interrupted scan finished it (resumed). Set = scan prints no line of its own.
  std::function<void(const std::string& unit, const check::CheckRun* run, const std::string& error)> unit_finished;
};

struct ScanOptions {
  fetch::FetchOptions fetch;
  std::chrono::milliseconds unit_budget{0};  // most time one unit's crawl may take (0 = none)
  std::filesystem::path db;
  std::filesystem::path out_dir;
  std::filesystem::path rules_root;  // rules/: one folder per framework
  std::size_t jobs = 2;              // units checked at once
  std::optional<evaluate::Day> as_of;
  ScanProgress progress;
  // Called with each unit's results document (oitscan.results/1) as the unit finishes, from the
  // worker that checked it: workers may call it at once, so it serialises its own output (`scan --json`).
  std::function<void(const nlohmann::ordered_json&)> on_unit_results;
};

struct UnitOutcome {
  std::string unit_id;
  std::int64_t run_id = 0;
  bool all_passed = false;
  bool skipped = false;  // finished earlier in the same (resumed) scan
  std::string error;     // a unit that could not be checked (bad framework, …)
};

std::vector<UnitOutcome> run_scan(const std::vector<check::Submission>& units, const ScanOptions& options);

}  // namespace oitscan::scan
