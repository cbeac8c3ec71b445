// `oitscan scan INPUT... --db FILE [--out DIR] [--jobs N]` (contracts.md): many units, the history
// store, per-unit outputs and DIR/index.html.
#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>
#include <mutex>
#include <set>

#include "check/submission.hpp"
#include "cli/as_of.hpp"
#include "cli/commands.hpp"
#include "cli/fetch_flags.hpp"
#include "common/data_dir.hpp"
#include "common/input_error.hpp"
#include "scan/scan.hpp"

#include <nlohmann/json.hpp>

namespace oitscan::cli {

Runner add_scan_command(CLI::App& app) {
  struct Options {
    std::vector<std::string> inputs;
    std::string db;
    std::string out = "oitscan-out";
    std::size_t jobs = 2;
    std::string as_of;
    bool json = false;
    FetchFlags fetch;
  };
  auto opt = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("scan", "Check many units, keep every run in a database, write an index of all units × items");
  cmd->add_option("INPUT", opt->inputs, "submission YAML files, folders of them, or bulk CSV files")->required();
  cmd->add_option("--db", opt->db, "history database (SQLite)")->required();
  cmd->add_option("--out", opt->out, "output folder (default ./oitscan-out)");
  cmd->add_option("--jobs", opt->jobs, "units checked at once (default 2)")->check(CLI::PositiveNumber);
  cmd->add_option("--as-of", opt->as_of, "assessment date YYYY-MM-DD (default: each rule set's)");
  cmd->add_flag("--json", opt->json, "print each unit's oitscan.results/1 document on one line as it finishes");
  add_fetch_flags(*cmd, opt->fetch, true);
  return [opt]() {
    std::vector<check::Submission> units;
    std::set<std::string> ids;
    for (const auto& input : opt->inputs) {
      for (auto& s : check::load_submissions(input)) {
        if (!ids.insert(s.unit_id).second) throw InputError(s.file.string(), 0, "unit.id", "unit " + s.unit_id + " is given twice");
        units.push_back(std::move(s));
      }
    }
    scan::ScanOptions options;
    options.fetch = to_fetch_options(opt->fetch);
    options.unit_budget = unit_budget_of(opt->fetch);
    if (options.fetch.cache_dir.empty()) options.fetch.cache_dir = (std::filesystem::path(opt->out) / "cache").string();
    options.db = opt->db;
    options.out_dir = opt->out;
    options.rules_root = data_dir() / "rules";
    options.jobs = opt->jobs;
    if (!opt->as_of.empty()) {
      options.as_of = parse_as_of(opt->as_of);
    }
    auto print_lock = std::make_shared<std::mutex>();
    if (opt->json) {
      options.on_unit_results = [print_lock](const nlohmann::ordered_json& results) {
        const std::lock_guard lock(*print_lock);
        std::cout << results.dump() << std::endl;
      };
    }
    const auto outcomes = scan::run_scan(units, options);
    bool all = true;
    // With --json, stdout holds only the JSON lines; the summary goes to stderr.
    std::ostream& summary = opt->json ? std::cerr : std::cout;
    for (const auto& o : outcomes) {
      all = all && o.error.empty() && (o.all_passed || o.skipped);
      summary << o.unit_id << "\t" << (o.error.empty() ? (o.skipped ? "resumed: done earlier" : o.all_passed ? "all passed" : "some items failed or unverified") : "error: " + o.error)
                << "\n";
    }
    summary << "index: " << (std::filesystem::path(opt->out) / "index.html").string() << "\n";
    return all ? 0 : 1;
  };
}

}  // namespace oitscan::cli
