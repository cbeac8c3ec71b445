// oitscan: the command-line entry point. Parses arguments, dispatches to one subcommand,
// and maps errors to the exit codes of contracts.md (2 = could not run).
#include <CLI/CLI.hpp>

#include <malloc.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "cli/commands.hpp"
#include "cli/data_dir_check.hpp"
#include "cli/help_text.hpp"
#include "common/control_chars.hpp"
#include "common/data_dir.hpp"
#include "common/input_error.hpp"

namespace {

// Levenshtein distance, for "did you mean": subcommand names are short, so O(n·m) is nothing.
std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// CLI11 says only "The following arguments were not expected: chek" for a mistyped subcommand;
// the first argument that is not an option must name one, so say which it probably was.
std::optional<std::string> unknown_subcommand_message(int argc, char** argv, const CLI::App& app) {
  if (argc < 2 || argv[1][0] == '-') return std::nullopt;
  const std::string given = argv[1];
  std::string best;
  std::size_t best_distance = std::string::npos;
  for (const auto* sub : app.get_subcommands({})) {
    if (sub->get_name() == given) return std::nullopt;
    const std::size_t d = edit_distance(given, sub->get_name());
    if (d < best_distance) {
      best_distance = d;
      best = sub->get_name();
    }
  }
  std::string message = "unknown subcommand '" + given + "'";
  if (best_distance <= 2) message += "; did you mean '" + best + "'?";
  return message + " (oitscan --help lists them)";
}

}  // namespace

namespace {

// Response bodies (100 KB to 64 MB each) are allocated and freed thousands of times a minute, on
// several threads. With glibc's defaults the freed top of a heap goes back to the kernel and
// blocks over the (dynamic) mmap threshold are mapped afresh, so nearly every body lands on new
// pages and pays a page fault per 4 KB: a fifth of `oitscan fetch`'s system time, measured. Both
// settings are needed (either alone changed nothing). Keeping up to 8 MB of freed heap per arena
// costs little: glibc's own dynamic scheme keeps twice the largest block freed so far (30 MB
// after one 15 MB PDF). A GLIBC_TUNABLES setting of the user's for malloc wins.
void tune_allocator() {
  const char* tunables = std::getenv("GLIBC_TUNABLES");
  if (tunables != nullptr && std::strstr(tunables, "glibc.malloc.") != nullptr) return;
  ::mallopt(M_MMAP_THRESHOLD, 32 << 20);
  ::mallopt(M_TRIM_THRESHOLD, 8 << 20);
}

}  // namespace

int main(int argc, char** argv) {
  tune_allocator();
  // Untrusted text (unit ids, URLs, CSV fields) is echoed in messages: no control character of
  // it reaches the terminal.
  const oitscan::TerminalTextGuard terminal_text;
  CLI::App app{"oitscan: checks Thai public-sector OIT disclosures and computes ITA scores"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "oitscan " + oitscan::tool_version());
  app.footer("\nExit codes: 0 all passed, 1 something failed or could not be verified, 2 could not run.\n"
             "oitscan SUBCOMMAND --help shows examples and the environment variables; man oitscan has it all.");

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
  add(&oitscan::cli::add_history_command);
  add(&oitscan::cli::add_export_command);
  add(&oitscan::cli::add_prune_command);
  add(&oitscan::cli::add_override_command);
  add(&oitscan::cli::add_score_command);
  add(&oitscan::cli::add_frameworks_command);
  add(&oitscan::cli::add_fetch_command);
  add(&oitscan::cli::add_extract_command);
  add(&oitscan::cli::add_rules_command);
  add(&oitscan::cli::add_serve_command);
  add(&oitscan::cli::add_auditor_command);
  add(&oitscan::cli::add_enqueue_command);
  add(&oitscan::cli::add_worker_command);
  add(&oitscan::cli::add_status_command);
  // Every subcommand's --help ends with the exit codes and environment, its own examples or not.
  for (auto* sub : app.get_subcommands({})) {
    if (sub->get_footer().empty()) oitscan::cli::describe_command(*sub, {});
  }

  if (const auto unknown = unknown_subcommand_message(argc, argv, app)) {
    std::cerr << "oitscan: " << *unknown << "\n";
    return 2;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }

  try {
    oitscan::cli::require_data_dir();
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
