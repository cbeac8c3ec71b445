// `oitscan check SUBMISSION [--out DIR] [--json] [--offline] [--rules DIR]` (contracts.md): the whole
// pipeline for one unit, writing results.json, report.html and evidence.warc.gz.
#include <CLI/CLI.hpp>

#include <fstream>
#include <iostream>
#include <memory>

#include "check/run_unit.hpp"
#include "cli/as_of.hpp"
#include "cli/commands.hpp"
#include "cli/fetch_flags.hpp"
#include "cli/summary.hpp"
#include "common/data_dir.hpp"
#include "common/input_error.hpp"

namespace oitscan::cli {

Runner add_check_command(CLI::App& app) {
  struct Options {
    std::string submission;
    std::string out;
    bool json = false;
    bool offline = false;
    std::string rules;
    std::string as_of;
    FetchFlags fetch;
  };
  auto opt = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("check", "Check one unit's submission: fetch, read, judge O1-On, score");
  cmd->add_option("SUBMISSION", opt->submission, "submission YAML (contracts.md)")->required();
  cmd->add_option("--out", opt->out, "output folder (default ./oitscan-out/<unit-id>/)");
  cmd->add_flag("--json", opt->json, "print results.json to stdout instead of the summary");
  cmd->add_flag("--offline", opt->offline, "make no request; judge only evidence archived by earlier runs");
  cmd->add_option("--rules", opt->rules, "rule set folder (default rules/<framework>/)");
  cmd->add_option("--as-of", opt->as_of, "assessment date YYYY-MM-DD (default: the rule set's)");
  add_fetch_flags(*cmd, opt->fetch, true);
  return [opt]() {
    const check::Submission submission = check::load_submission_yaml(opt->submission);
    check::RuleCatalog catalog(data_dir() / "rules", opt->rules.empty() ? std::nullopt : std::optional<std::filesystem::path>(opt->rules));
    const check::RuleBook& book = catalog.for_unit(submission);
    check::UnitRunOptions options;
    if (!opt->as_of.empty()) {
      options.check.as_of = parse_as_of(opt->as_of);
    }
    options.out_dir = opt->out.empty() ? std::filesystem::path("oitscan-out") / submission.unit_id : std::filesystem::path(opt->out);
    options.offline = opt->offline;
    options.fetch = to_fetch_options(opt->fetch);
    options.unit_budget = unit_budget_of(opt->fetch);
    std::cerr << "oitscan: " << (opt->offline ? "offline check of " : "checking ") << submission.unit_id << " ("
              << submission.items.size() << " items submitted)\n";
    const auto unit = check::run_unit(submission, book, options);
    if (opt->offline) std::cerr << "oitscan: judged from " << unit.offline_captures << " archived captures\n";
    const auto& out = options.out_dir;
    if (opt->json) {
      std::cout << unit.results.dump(2) << "\n";
    } else {
      print_summary(std::cout, unit.results);
      std::cout << "\nresults:  " << (out / "results.json").string() << "\nreport:   " << (out / "report.html").string()
                << (opt->offline ? "" : "\nevidence: " + unit.evidence.string()) << "\n";
    }
    return unit.run->all_passed() ? 0 : 1;
  };
}

}  // namespace oitscan::cli
