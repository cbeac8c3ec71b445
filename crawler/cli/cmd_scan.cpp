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
#include "cli/config_file.hpp"
#include "cli/fetch_flags.hpp"
#include "common/cpu_pool.hpp"
#include "cli/help_text.hpp"
#include "cli/progress.hpp"
#include "cli/terminal.hpp"
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
    TerminalFlags terminal;
  };
  auto opt = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("scan", "Check many units, keep every run in a database, write an index of all units × items");
  cmd->add_option("INPUT", opt->inputs, "submission YAML files, folders of them, or bulk CSV files")->required();
  cmd->add_option("--db", opt->db, "history store: an SQLite file or a PostgreSQL URL (required here or as db: in --config)");
  cmd->add_option("--out", opt->out, "output folder (default ./oitscan-out)");
  in_range(cmd->add_option("--jobs", opt->jobs, "units checked at once (default 2)"), 1, 64);
  cmd->add_option("--as-of", opt->as_of, "assessment date YYYY-MM-DD (default: each rule set's)");
  cmd->add_flag("--json", opt->json, "print each unit's oitscan.results/1 document on one line as it finishes");
  add_fetch_flags(*cmd, opt->fetch, true);
  add_politeness_flags(*cmd, opt->fetch);
  add_terminal_flags(*cmd, opt->terminal);
  describe_command(*cmd, {
      "oitscan scan districts/ --db history.sqlite --out /var/lib/oitscan/out",
      "oitscan scan all-districts.csv --db history.sqlite --jobs 4 --per-host 1 --min-delay-ms 500",
      "oitscan scan districts/ --config /etc/oitscan/oitscan.yaml      # db, out, resolve, politeness from the file",
      "oitscan scan districts/ --db history.sqlite 2> scan.log         # plain progress lines every 5 s",
  });
  return [opt, cmd]() {
    std::optional<ConfigFile> config;
    if (!opt->terminal.config.empty()) {
      config = load_config_file(opt->terminal.config);
      apply_config(*config, *cmd, opt->fetch);
      if (config->lang && cmd->count("--lang") == 0) opt->terminal.lang = *config->lang;
      if (config->db && cmd->count("--db") == 0) opt->db = *config->db;
      if (config->out && cmd->count("--out") == 0) opt->out = config->out->string();
      if (config->jobs && cmd->count("--jobs") == 0) opt->jobs = *config->jobs;
    }
    if (opt->db.empty()) throw InputError("<arguments>", 0, "--db", "give the history database with --db FILE or db: in --config");
    const Terminal term = Terminal::detect(opt->terminal.quiet, parse_lang(opt->terminal.lang));
    std::vector<check::Submission> units;
    std::set<std::string> ids;
    std::size_t items_submitted = 0;
    for (const auto& input : opt->inputs) {
      for (auto& s : check::load_submissions(input)) {
        if (!ids.insert(s.unit_id).second) throw InputError(s.file.string(), 0, "unit.id", "unit " + s.unit_id + " is given twice");
        items_submitted += s.items.size();
        units.push_back(std::move(s));
      }
    }
    scan::ScanOptions options;
    options.fetch = to_fetch_options(opt->fetch);
    options.unit_budget = unit_budget_of(opt->fetch);
    cpu::limit_threads(opt->fetch.cpu);  // one pool for the process: every unit's reading and judging
    if (options.fetch.cache_dir.empty()) options.fetch.cache_dir = (std::filesystem::path(opt->out) / "cache").string();
    options.db = opt->db;
    options.out_dir = opt->out;
    options.rules_root = data_dir() / "rules";
    options.jobs = opt->jobs;
    if (!opt->as_of.empty()) {
      options.as_of = parse_as_of(opt->as_of);
    }
    Progress progress(term, units.size(), items_submitted);
    const std::string n = std::to_string(units.size()), jobs = std::to_string(opt->jobs);
    progress.note(term.say("กำลังตรวจ " + n + " หน่วยงาน (พร้อมกัน " + jobs + ")", "scanning " + n + " units, " + jobs + " at once"));
    options.progress.unit_started = [&](const std::string& unit) { progress.unit_started(unit); };
    options.progress.batch_started = [&](std::size_t urls) { progress.batch_started(urls); };
    options.progress.fetched = [&](const fetch::Response& r) { progress.fetched(r); };
    options.progress.unit_finished = [&](const std::string& unit, const check::CheckRun* run, const std::string& error) {
      progress.unit_finished(unit, run, error);
    };
    auto print_lock = std::make_shared<std::mutex>();
    if (opt->json) {
      options.on_unit_results = [print_lock](const nlohmann::ordered_json& results) {
        const std::lock_guard lock(*print_lock);
        std::cout << results.dump() << std::endl;
      };
    }
    const auto outcomes = scan::run_scan(units, options);
    progress.finish(HintContext{opt->fetch.resolve, opt->fetch.allow_private, opt->fetch.insecure_tls, opt->fetch.robots});
    bool all = true;
    // With --json, stdout holds only the JSON lines; the summary goes to stderr.
    std::ostream& summary = opt->json ? std::cerr : std::cout;
    for (const auto& o : outcomes) {
      all = all && o.error.empty() && (o.all_passed || o.skipped);
      summary << o.unit_id << "\t" << (o.error.empty() ? (o.skipped ? "resumed: done earlier" : o.all_passed ? "all passed" : "some items failed or unverified") : "error: " + printable(o.error))
                << "\n";
    }
    summary << "index: " << (std::filesystem::path(opt->out) / "index.html").string() << "\n";
    return all ? 0 : 1;
  };
}

}  // namespace oitscan::cli
