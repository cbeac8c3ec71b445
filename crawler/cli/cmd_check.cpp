// `oitscan check SUBMISSION [--out DIR] [--json] [--offline] [--rules DIR]` (contracts.md): the whole
// pipeline for one unit, writing results.json, report.html and evidence.warc.gz.
#include <CLI/CLI.hpp>

#include <fstream>
#include <iostream>
#include <memory>

#include "check/run_unit.hpp"
#include "common/control_chars.hpp"
#include "cli/as_of.hpp"
#include "cli/commands.hpp"
#include "cli/config_file.hpp"
#include "cli/fetch_flags.hpp"
#include "common/cpu_pool.hpp"
#include "cli/help_text.hpp"
#include "cli/progress.hpp"
#include "cli/summary.hpp"
#include "cli/terminal.hpp"
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
    TerminalFlags terminal;
  };
  auto opt = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("check", "Check one unit's submission: fetch, read, judge O1-On, score");
  cmd->add_option("SUBMISSION", opt->submission, "submission YAML (contracts.md)")->required();
  cmd->add_option("--out", opt->out, "output folder (default ./oitscan-out/<unit-id>/; with --config out: OUT/<unit-id>/)");
  cmd->add_flag("--json", opt->json, "print results.json to stdout instead of the summary");
  cmd->add_flag("--offline", opt->offline, "make no request; judge only evidence archived by earlier runs");
  cmd->add_option("--rules", opt->rules, "rule set folder (default rules/<framework>/)");
  cmd->add_option("--as-of", opt->as_of, "assessment date YYYY-MM-DD (default: the rule set's)");
  add_fetch_flags(*cmd, opt->fetch, true);
  add_politeness_flags(*cmd, opt->fetch);
  add_terminal_flags(*cmd, opt->terminal);
  describe_command(*cmd, {
      "oitscan check bangna.yaml",
      "oitscan check bangna.yaml --lang th --out /tmp/bangna",
      "oitscan check demo.yaml --resolve www.demo.test:8080:127.0.0.1 --allow-private",
      "oitscan check bangna.yaml --config /etc/oitscan/oitscan.yaml --json > results.json",
      "oitscan check bangna.yaml --offline     # re-judge what earlier runs archived",
  });
  return [opt, cmd]() {
    std::optional<ConfigFile> config;
    if (!opt->terminal.config.empty()) {
      config = load_config_file(opt->terminal.config);
      apply_config(*config, *cmd, opt->fetch);
      if (config->lang && cmd->count("--lang") == 0) opt->terminal.lang = *config->lang;
    }
    const Terminal term = Terminal::detect(opt->terminal.quiet, parse_lang(opt->terminal.lang));
    const check::Submission submission = check::load_submission_yaml(opt->submission);
    check::RuleCatalog catalog(data_dir() / "rules", opt->rules.empty() ? std::nullopt : std::optional<std::filesystem::path>(opt->rules));
    const check::RuleBook& book = catalog.for_unit(submission);
    check::UnitRunOptions options;
    if (!opt->as_of.empty()) {
      options.check.as_of = parse_as_of(opt->as_of);
    }
    if (!opt->out.empty()) {
      options.out_dir = opt->out;
    } else {
      options.out_dir = (config && config->out ? *config->out : std::filesystem::path("oitscan-out")) / submission.unit_id;
    }
    options.offline = opt->offline;
    options.fetch = to_fetch_options(opt->fetch);
    options.unit_budget = unit_budget_of(opt->fetch);
    cpu::limit_threads(opt->fetch.cpu);  // one pool for the process: every unit's reading and judging

    Progress progress(term, 1, submission.items.size());
    const std::string unit_id = printable(submission.unit_id), items = std::to_string(submission.items.size());
    progress.note(opt->offline ? term.say("ตรวจแบบออฟไลน์ " + unit_id + " (ส่ง " + items + " ตัวชี้วัด)", "offline check of " + unit_id + " (" + items + " items submitted)")
                               : term.say("กำลังตรวจ " + unit_id + " (ส่ง " + items + " ตัวชี้วัด)", "checking " + unit_id + " (" + items + " items submitted)"));
    options.on_batch = [&](std::size_t urls) { progress.batch_started(urls); };
    options.on_fetched = [&](const fetch::Response& r) { progress.fetched(r); };
    progress.unit_started(submission.unit_id);
    const auto unit = check::run_unit(submission, book, options);
    progress.unit_finished(submission.unit_id, unit.run.get(), "");
    if (opt->offline) {
      const std::string n = std::to_string(unit.offline_captures);
      progress.note(term.say("ตัดสินจากสำเนาที่เก็บไว้ " + n + " รายการ", "judged from " + n + " archived captures"));
    }
    progress.finish(HintContext{opt->fetch.resolve, opt->fetch.allow_private, opt->fetch.insecure_tls, opt->fetch.robots});

    const auto& out = options.out_dir;
    if (opt->json) {
      std::cout << unit.results.dump(2) << "\n";
    } else {
      print_summary(unfiltered_stdout(), unit.results, Terminal::detect(false, term.lang, 1));
      std::cout << "\nresults:  " << (out / "results.json").string() << "\nreport:   " << (out / "report.html").string()
                << (opt->offline ? "" : "\nevidence: " + unit.evidence.string()) << "\n";
    }
    return unit.run->all_passed() ? 0 : 1;
  };
}

}  // namespace oitscan::cli
