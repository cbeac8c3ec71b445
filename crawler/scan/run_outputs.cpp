#include "scan/run_outputs.hpp"

#include <cstdio>

#include "check/outputs.hpp"
#include "common/atomic_file.hpp"
#include "common/data_dir.hpp"
#include "report/check_report.hpp"
#include "report/thai_time.hpp"

namespace oitscan::scan {
namespace {

namespace fs = std::filesystem;

report::ReportContext report_context(store::HistoryStore& store, const std::string& unit_id) {
  report::ReportContext ctx;
  const auto runs = store.run_summaries(unit_id, kReportHistoryRuns);
  std::vector<std::int64_t> ids;
  for (const auto& r : runs) ids.push_back(r.id);
  for (const auto& [item, verdicts] : store.item_verdicts(ids)) {
    auto& points = ctx.item_history[item];
    for (std::size_t i = 0; i < runs.size(); ++i) points.push_back({runs[i].started_at, verdicts[i]});
  }
  return ctx;
}

// A second name for a file just written (it is never rewritten in place: atomic writes replace
// it, so the link keeps this run's bytes); a copy where the file system refuses links.
void link_or_copy(const fs::path& from, const fs::path& to) {
  if (!fs::is_regular_file(from)) return;
  check_output_target(to);
  std::error_code ec;
  fs::remove(to, ec);
  fs::create_hard_link(from, to, ec);
  if (ec) fs::copy_file(from, to, fs::copy_options::overwrite_existing);
}

}  // namespace

fs::path run_folder(const fs::path& unit_out_dir, std::int64_t run_id, const std::string& started_at) {
  const auto t = report::parse_iso8601(started_at);
  char id[32];
  std::snprintf(id, sizeof id, "-r%06lld", static_cast<long long>(run_id));
  return unit_out_dir / "runs" / (check::compact_utc_stamp(t ? *t : 0) + id);
}

void keep_run_outputs(store::HistoryStore& store, std::int64_t run_id, const nlohmann::ordered_json& results,
                      const fs::path& unit_out_dir) {
  const std::string unit_id = results["unit"].value("id", "");
  report::ReportContext ctx = report_context(store, unit_id);
  const auto templates = data_dir() / "reports";
  write_file_atomically(unit_out_dir / "report.html", report::render_check_report(results, templates, ctx));

  const fs::path folder = run_folder(unit_out_dir, run_id, results.value("started_at", ""));
  fs::create_directories(folder);
  link_or_copy(unit_out_dir / "results.json", folder / "results.json");
  link_or_copy(unit_out_dir / "evidence.warc.gz", folder / "evidence.warc.gz");
  ctx.captures_href = "../../captures/";
  write_file_atomically(folder / "report.html", report::render_check_report(results, templates, ctx));
}

report::ScanRow dashboard_row(store::HistoryStore& store, const std::string& unit_id, std::int64_t run_id, const std::string& error) {
  report::ScanRow row;
  row.unit_id = unit_id;
  row.error = error;
  if (run_id <= 0) return row;
  const auto info = store.run(run_id);
  if (!info || info->status != "done") return row;
  if (auto json = store.results_json(run_id)) row.results = nlohmann::ordered_json::parse(*json);
  row.changes = store.changes_for_run(run_id);
  for (auto& r : store.run_summaries(unit_id, 0)) {
    if (r.id > run_id) continue;  // a later run of the unit (not this scan's) is not this night
    row.runs.push_back(std::move(r));
    if (row.runs.size() >= static_cast<std::size_t>(kTrendNights)) break;
  }
  std::vector<std::int64_t> ids;
  for (const auto& r : row.runs) ids.push_back(r.id);
  row.item_history = store.item_verdicts(ids);
  return row;
}

}  // namespace oitscan::scan
