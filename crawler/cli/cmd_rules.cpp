// `oitscan rules lint [DIR]`: checks rule sets (schema, items known to the framework, fixtures).
#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/help_text.hpp"
#include "common/data_dir.hpp"
#include "common/input_error.hpp"
#include "evaluate/rules.hpp"
#include "ruletools/fixtures.hpp"
#include "score/framework_loader.hpp"

namespace oitscan::cli {
namespace {

// Every fixture case, materialized (bases applied), so a web server can serve them as one site.
int write_site(const std::filesystem::path& dir, const std::filesystem::path& out) {
  const auto set = evaluate::load_rule_set(dir);
  std::vector<InputError> problems;
  const auto cases = ruletools::load_fixtures(*set, problems);
  if (!problems.empty()) throw problems.front();
  for (const auto& c : cases) {
    const auto dest = out / c.item / c.name;
    std::filesystem::remove_all(dest);
    std::filesystem::create_directories(dest);
    ruletools::materialize_case(c, cases, dest);
  }
  std::cerr << "rules site: " << cases.size() << " cases written under " << out.string() << "\n";
  return 0;
}

}  // namespace

Runner add_rules_command(CLI::App& app) {
  struct Options {
    std::vector<std::string> dirs;
    std::string frameworks_dir;
    std::string site_dir;
    std::string site_out;
  };
  auto opt = std::make_shared<Options>();
  auto* rules = app.add_subcommand("rules", "Work with rule sets (rules/<set>/)");
  rules->require_subcommand(1);
  auto* lint = rules->add_subcommand("lint", "Validate rule files and their fixtures; problems as FILE:LINE: message");
  lint->add_option("DIR", opt->dirs, "rule set folders (default: every rules/*/ruleset.yaml)");
  lint->add_option("--frameworks-dir", opt->frameworks_dir, "folder of scoring frameworks (default: rules/frameworks)");
  auto* site = rules->add_subcommand("site", "Write a rule set's fixtures as a static site: OUT/<item>/<case>/ (the demo site)");
  site->add_option("DIR", opt->site_dir, "rule set folder")->required();
  site->add_option("--out", opt->site_out, "output folder")->required();
  describe_command(*rules, {"oitscan rules lint", "oitscan rules lint rules/bma-district-2568",
                            "oitscan rules site rules/bma-district-2568 --out /tmp/demo-site"});
  describe_command(*lint, {"oitscan rules lint", "oitscan rules lint rules/bma-district-2568"});
  describe_command(*site, {"oitscan rules site rules/bma-district-2568 --out /tmp/demo-site"});
  return [opt, lint]() {
    if (!lint->parsed()) return write_site(opt->site_dir, opt->site_out);
    std::vector<std::filesystem::path> dirs(opt->dirs.begin(), opt->dirs.end());
    if (dirs.empty()) {
      for (const auto& e : std::filesystem::directory_iterator(data_dir() / "rules")) {
        if (std::filesystem::exists(e.path() / "ruleset.yaml")) dirs.push_back(e.path());
      }
      std::sort(dirs.begin(), dirs.end());
    }
    const auto fw_dir = opt->frameworks_dir.empty() ? score::default_frameworks_dir() : std::filesystem::path(opt->frameworks_dir);
    std::size_t problems = 0;
    for (const auto& dir : dirs) {
      if (!std::filesystem::exists(dir / "ruleset.yaml")) {
        throw InputError(dir.string(), 0, "DIR", "not a rule set folder (no ruleset.yaml)");
      }
      for (const auto& p : ruletools::lint_rule_set(dir, fw_dir)) {
        std::cout << p.file << ":" << p.line << ": " << p.message << "\n";
        ++problems;
      }
    }
    std::cerr << "rules lint: " << dirs.size() << " rule set(s), " << problems << " problem(s)\n";
    return problems == 0 ? 0 : 1;
  };
}

}  // namespace oitscan::cli
