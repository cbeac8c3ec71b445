// `oitscan history --db FILE|URL [UNIT] [--json]` (contracts.md): without UNIT every unit with its last
// run, OIT, change since the run before and the counts; with UNIT its runs, newest first, and per
// item the verdict of each run and since when it has held. --json: schema oitscan.history/1.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/history_db.hpp"
#include "common/input_error.hpp"
#include "report/scan_index.hpp"

namespace oitscan::cli {
namespace {

using json = nlohmann::ordered_json;

json optional_number(const std::optional<double>& v) { return v ? json(*v) : json(); }

std::string fixed2(const std::optional<double>& v) {
  if (!v) return "–";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", *v);
  return buf;
}

// The change between two OIT figures, absent unless both are there.
std::optional<double> change(const std::optional<double>& now, const std::optional<double>& before) {
  if (!now.has_value() || !before.has_value()) return std::nullopt;
  return now.value() - before.value();
}

std::string signed2(const std::optional<double>& d) {
  if (!d.has_value()) return "–";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%+.2f", d.value());
  return buf;
}

json counts(const store::RunSummary& r) { return {{"pass", r.pass}, {"fail", r.fail}, {"unverified", r.unverified}}; }

// Every unit's latest run. Returns whether every unit's latest run passed everything.
bool all_units(store::HistoryStore& store, bool as_json) {
  json units = json::array();
  bool all_pass = true;
  if (!as_json) std::cout << "unit\tlast run\tOIT\tchange\tpass\tfail\tunverified\n";
  for (const auto& id : store.units()) {
    const auto runs = store.run_summaries(id, 2);
    if (runs.empty()) continue;
    const auto& last = runs[0];
    std::optional<double> before;
    if (runs.size() > 1) before = runs[1].oit;
    const std::optional<double> delta = change(last.oit, before);
    all_pass = all_pass && last.fail == 0 && last.unverified == 0;
    if (as_json) {
      units.push_back({{"unit_id", id},
                       {"unit_name_th", last.unit_name_th},
                       {"framework", last.framework},
                       {"run_id", last.id},
                       {"started_at", last.started_at},
                       {"finished_at", last.finished_at},
                       {"oit", optional_number(last.oit)},
                       {"previous_oit", optional_number(before)},
                       {"oit_change", optional_number(delta)},
                       {"counts", counts(last)}});
    } else {
      std::cout << id << "\t" << last.started_at << "\t" << fixed2(last.oit) << "\t" << signed2(delta) << "\t"
                << last.pass << "\t" << last.fail << "\t" << last.unverified << "\n";
    }
  }
  if (as_json) std::cout << json{{"schema", "oitscan.history/1"}, {"units", units}}.dump(2) << "\n";
  return all_pass;
}

bool one_unit(store::HistoryStore& store, const std::string& unit, bool as_json) {
  const auto runs = store.run_summaries(unit, 0);
  if (runs.empty()) throw InputError("", 0, "UNIT", "no finished run of unit \"" + unit + "\"");
  std::vector<std::int64_t> ids;
  for (const auto& r : runs) ids.push_back(r.id);
  const auto verdicts = store.item_verdicts(ids);

  json j_runs = json::array();
  for (const auto& r : runs) {
    j_runs.push_back({{"run_id", r.id},
                      {"started_at", r.started_at},
                      {"finished_at", r.finished_at},
                      {"oit", optional_number(r.oit)},
                      {"oit_max", optional_number(r.oit_max)},
                      {"counts", counts(r)}});
  }
  json j_items = json::array();
  for (const auto& [item, list] : verdicts) {
    const int held = report::nights_in_a_row(list, list.empty() ? "" : list[0]);
    const auto since = static_cast<std::size_t>(held > 0 ? held - 1 : 0);
    j_items.push_back({{"id", item},
                       {"verdict", list.empty() ? "" : list[0]},
                       {"since", runs[since].started_at},
                       {"since_run_id", runs[since].id},
                       {"runs_held", held},
                       {"verdicts", list}});
  }
  const auto& last = runs[0];
  if (as_json) {
    std::cout << json{{"schema", "oitscan.history/1"},
                      {"unit", {{"id", unit}, {"name_th", last.unit_name_th}}},
                      {"runs", j_runs},
                      {"items", j_items}}
                     .dump(2)
              << "\n";
  } else {
    std::cout << unit << " " << last.unit_name_th << "\n\nrun\tstarted\tOIT\tpass\tfail\tunverified\n";
    for (const auto& r : runs) {
      std::cout << r.id << "\t" << r.started_at << "\t" << fixed2(r.oit) << "\t" << r.pass << "\t" << r.fail << "\t" << r.unverified << "\n";
    }
    std::cout << "\nitem\tnow\tsince (runs)\tverdicts, newest first\n";
    for (const auto& i : j_items) {
      std::string marks;
      for (const auto& v : i["verdicts"]) {
        const std::string s = v.get<std::string>();
        marks += s == "pass" ? "✓" : s == "fail" ? "✗" : s == "unverified" ? "?" : "·";
      }
      std::cout << i["id"].get<std::string>() << "\t" << i["verdict"].get<std::string>() << "\t"
                << i["since"].get<std::string>() << " (" << i["runs_held"].get<int>() << ")\t" << marks << "\n";
    }
  }
  return last.fail == 0 && last.unverified == 0;
}

}  // namespace

Runner add_history_command(CLI::App& app) {
  struct Options {
    std::string db;
    std::string unit;
    bool json = false;
  };
  auto opt = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("history", "Show the runs kept in the history database: all units, or one unit's runs and items");
  cmd->add_option("--db", opt->db, "history store written by scan: an SQLite file or a PostgreSQL URL")->required();
  cmd->add_option("UNIT", opt->unit, "unit id: its runs, newest first, and each item's verdicts");
  cmd->add_flag("--json", opt->json, "print schema oitscan.history/1");
  cmd->footer(
      "Examples:\n"
      "  oitscan history --db history.sqlite\n"
      "  oitscan history --db history.sqlite bangna --json\n"
      "Exit codes: 0 the latest runs passed everything, 1 some item failed or is unverified, 2 could not run.");
  return [opt]() {
    auto store = open_history_db(opt->db);
    const bool all_pass = opt->unit.empty() ? all_units(store, opt->json) : one_unit(store, opt->unit, opt->json);
    return all_pass ? 0 : 1;
  };
}

}  // namespace oitscan::cli
