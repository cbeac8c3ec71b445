#pragma once
// One unit, end to end: the only place a unit is wired. `check`, `scan` and the web service call
// it. Online it fetches through the engine, archiving every exchange into DIR/evidence.warc.gz (an
// earlier one moves to DIR/archive/); offline it re-judges what that folder's archives hold. Then
// it judges, scores and writes results.json and report.html into DIR.
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>

#include <nlohmann/json.hpp>

#include "check/pipeline.hpp"
#include "check/rule_catalog.hpp"
#include "check/submission.hpp"
#include "fetch/fetch_options.hpp"

namespace oitscan::check {

struct UnitRunOptions {
  std::filesystem::path out_dir;
  bool offline = false;
  fetch::FetchOptions fetch;
  std::chrono::milliseconds unit_budget{0};  // all of the unit's fetching together (0 = none)
  CheckOptions check;
  // Called with every response once it is archived (scan logs fetches into its history store), on
  // the archive's thread, in arrival order.
  std::function<void(const fetch::Response&)> on_fetched;
  // Called whenever URLs are asked of the source, with how many (progress displays: documents seen).
  std::function<void(std::size_t urls)> on_batch;
};

struct UnitResult {
  std::unique_ptr<CheckRun> run;
  nlohmann::ordered_json results;  // what results.json holds
  std::filesystem::path evidence;  // the WARC written ("" offline)
  std::size_t offline_captures = 0;
};

UnitResult run_unit(const Submission& submission, const RuleBook& book, const UnitRunOptions& options);

// The evidence file of a unit's output folder.
std::filesystem::path evidence_file(const std::filesystem::path& out_dir);

}  // namespace oitscan::check
