// `oitscan check SUBMISSION [--out DIR] [--json] [--offline] [--rules DIR]` (contracts.md): the whole
// pipeline for one unit, writing results.json, report.html and evidence.warc.gz.
#include <CLI/CLI.hpp>

#include <fstream>
#include <iostream>
#include <memory>

#include "check/evidence_archive.hpp"
#include "check/http_source.hpp"
#include "check/offline_source.hpp"
#include "check/outputs.hpp"
#include "check/pipeline.hpp"
#include "cli/commands.hpp"
#include "cli/fetch_flags.hpp"
#include "cli/summary.hpp"
#include "common/data_dir.hpp"
#include "common/input_error.hpp"
#include "evaluate/rules.hpp"
#include "score/framework_loader.hpp"

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
  add_fetch_flags(*cmd, opt->fetch);
  return [opt]() {
    const check::Submission submission = check::load_submission_yaml(opt->submission);
    const auto rules_dir = opt->rules.empty() ? data_dir() / "rules" / submission.framework : std::filesystem::path(opt->rules);
    if (!std::filesystem::exists(rules_dir / "ruleset.yaml")) {
      throw InputError(opt->submission, 0, "framework", "no rule set for '" + submission.framework + "' (looked in " + rules_dir.string() + ")");
    }
    const auto rules = evaluate::load_rule_set(rules_dir);
    const score::Framework framework = score::load_framework(rules->framework, score::default_frameworks_dir());
    check::CheckOptions options;
    if (!opt->as_of.empty()) {
      options.as_of = evaluate::parse_day(opt->as_of);
      if (!options.as_of) throw InputError("<arguments>", 0, "--as-of", "expected YYYY-MM-DD");
    }
    const std::filesystem::path out = opt->out.empty() ? std::filesystem::path("oitscan-out") / submission.unit_id : std::filesystem::path(opt->out);
    std::filesystem::create_directories(out);
    std::unique_ptr<check::CheckRun> run;
    if (opt->offline) {
      // Re-judge what earlier runs captured, with today's rules; nothing is fetched or written to the archive.
      check::OfflineSource source(check::archived_evidence(out));
      std::cerr << "oitscan: offline check of " << submission.unit_id << " from " << source.captures() << " archived captures\n";
      run = check::run_check(submission, source, *rules, framework, options);
    } else {
      check::keep_previous_evidence(out);
      const auto evidence = out / "evidence.warc.gz";
      const auto fetch_options = to_fetch_options(opt->fetch);
      check::EvidenceArchive archive(evidence, fetch_options.user_agent);
      check::HttpSource network(fetch_options);
      check::ArchivingSource source(network, archive);
      std::cerr << "oitscan: checking " << submission.unit_id << " (" << submission.items.size() << " items submitted)\n";
      run = check::run_check(submission, source, *rules, framework, options);
      archive.record_conversions(run->records);
      archive.record_verdicts(*run);
      archive.sync();
    }
    const auto results = check::write_outputs(*run, out);
    if (opt->json) {
      std::cout << results.dump(2) << "\n";
    } else {
      print_summary(std::cout, results);
      std::cout << "\nresults:  " << (out / "results.json").string() << "\nreport:   " << (out / "report.html").string()
                << (opt->offline ? "" : "\nevidence: " + (out / "evidence.warc.gz").string()) << "\n";
    }
    return run->all_passed() ? 0 : 1;
  };
}

}  // namespace oitscan::cli
