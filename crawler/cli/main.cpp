// oitscan: the command-line entry point. Parses arguments, dispatches to one subcommand,
// and maps errors to the exit codes of contracts.md (2 = could not run).
#include <CLI/CLI.hpp>

#include <iostream>
#include <utility>
#include <vector>

#include "cli/commands.hpp"
#include "common/data_dir.hpp"
#include "common/input_error.hpp"

int main(int argc, char** argv) {
  CLI::App app{"oitscan: checks Thai public-sector OIT disclosures and computes ITA scores"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "oitscan " + oitscan::tool_version());

  // The order here is the order `oitscan --help` lists them in.
  std::vector<std::pair<CLI::App*, oitscan::cli::Runner>> commands;
  auto add = [&](oitscan::cli::Runner (*adder)(CLI::App&)) {
    auto before = app.get_subcommands({}).size();
    auto runner = adder(app);
    auto subs = app.get_subcommands({});
    if (subs.size() > before) commands.emplace_back(subs.back(), std::move(runner));
  };
  add(&oitscan::cli::add_check_command);
  add(&oitscan::cli::add_scan_command);
  add(&oitscan::cli::add_score_command);
  add(&oitscan::cli::add_frameworks_command);
  add(&oitscan::cli::add_fetch_command);
  add(&oitscan::cli::add_extract_command);
  add(&oitscan::cli::add_rules_command);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }

  try {
    for (auto& [sub, run] : commands) {
      if (sub->parsed()) return run();
    }
  } catch (const oitscan::InputError& e) {
    std::cerr << "oitscan: " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "oitscan: error: " << e.what() << "\n";
    return 2;
  }
  return 2;
}
