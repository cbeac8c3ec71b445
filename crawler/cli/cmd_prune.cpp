// `oitscan prune --db FILE|URL [--keep-runs N] [--keep-days D]` (contracts.md): removes old runs and
// their archives, never a capture that a kept revisit record refers to (scan/retention.hpp).
#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/history_db.hpp"
#include "scan/retention.hpp"

namespace oitscan::cli {

Runner add_prune_command(CLI::App& app) {
  struct Options {
    std::string db;
    int keep_runs = 60;
    int keep_days = 400;
  };
  auto opt = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("prune", "Remove old runs and their archives (keeps captures that kept revisits refer to)");
  cmd->add_option("--db", opt->db, "history store written by scan: an SQLite file or a PostgreSQL URL")->required();
  cmd->add_option("--keep-runs", opt->keep_runs, "runs kept per unit, newest first (default 60; 0 = no limit)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--keep-days", opt->keep_days, "remove runs started more than D days ago (default 400; 0 = no limit)")
      ->check(CLI::NonNegativeNumber);
  cmd->footer(
      "The newest finished run of each unit is always kept.\n"
      "Examples:\n"
      "  oitscan prune --db history.sqlite --keep-runs 60 --keep-days 400\n"
      "Exit codes: 0 done, 2 could not run.");
  return [opt]() {
    // The file's size before and after (SQLite); a server's space is its own affair (VACUUM runs there too).
    const bool on_file = !store::is_postgres_url(opt->db);
    const auto size_before = on_file ? std::filesystem::file_size(opt->db) : 0;
    scan::PruneResult r;
    {
      // Closed before measuring: VACUUM's result reaches the file at the last WAL checkpoint.
      auto store = open_history_db(opt->db);
      r = scan::prune(store, {opt->keep_runs, opt->keep_days, 0});
    }
    std::cout << "runs removed: " << r.runs_removed << "\nfetch log rows removed: " << r.fetch_rows_removed
              << "\nrun folders removed: " << r.run_folders_removed << "\nWARC files removed: " << r.warcs_removed
              << "\nWARC files kept for revisits: " << r.warcs_kept_for_revisits << "\nbytes freed (files): " << r.bytes_freed
              << "\n";
    if (on_file) std::cout << "database: " << size_before << " → " << std::filesystem::file_size(opt->db) << " bytes\n";
    for (const auto& f : r.kept_for_revisits) std::cout << "kept (a kept revisit refers to it): " << f << "\n";
    return 0;
  };
}

}  // namespace oitscan::cli
