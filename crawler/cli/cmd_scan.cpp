// `oitscan scan INPUT... --db FILE [--out DIR] [--jobs N]` (contracts.md): many units, the history
// store, per-unit outputs and DIR/index.html.
#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>
#include <set>

#include "check/submission.hpp"
#include "cli/as_of.hpp"
#include "cli/commands.hpp"
#include "cli/fetch_flags.hpp"
#include "common/data_dir.hpp"
#include "common/input_error.hpp"
#include "scan/scan.hpp"

namespace oitscan::cli {

Runner add_scan_command(CLI::App& app) {
  struct Options {
    std::vector<std::string> inputs;
    std::string db;
    std::string out = "oitscan-out";
    std::size_t jobs = 2;
    std::string as_of;
    FetchFlags fetch;
  };
  auto opt = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("scan", "Check many units, keep every run in a database, write an index of all units × items");
  cmd->add_option("INPUT", opt->inputs, "submission YAML files, folders of them, or bulk CSV files")->required();
  cmd->add_option("--db", opt->db, "history database (SQLite)")->required();
  cmd->add_option("--out", opt->out, "output folder (default ./oitscan-out)");
  in_range(cmd->add_option("--jobs", opt->jobs, "units checked at once (default 2)"), 1, 64);
  cmd->add_option("--as-of", opt->as_of, "assessment date YYYY-MM-DD (default: each rule set's)");
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
    const auto outcomes = scan::run_scan(units, options);
    bool all = true;
    for (const auto& o : outcomes) {
      all = all && o.error.empty() && (o.all_passed || o.skipped);
      std::cout << o.unit_id << "\t" << (o.error.empty() ? (o.skipped ? "resumed: done earlier" : o.all_passed ? "all passed" : "some items failed or unverified") : "error: " + o.error)
                << "\n";
    }
    std::cout << "index: " << (std::filesystem::path(opt->out) / "index.html").string() << "\n";
    return all ? 0 : 1;
  };
}

}  // namespace oitscan::cli
