#pragma once
// Each subcommand adds itself to the CLI11 app and returns the function that runs it.
// The function returns the process exit code (0 all passed, 1 something failed or unverified,
// 2 could not run); throwing oitscan::InputError also means 2.
#include <functional>

namespace CLI {
class App;
}

namespace oitscan::cli {

using Runner = std::function<int()>;

Runner add_score_command(CLI::App& app);
Runner add_frameworks_command(CLI::App& app);
Runner add_rules_command(CLI::App& app);
Runner add_fetch_command(CLI::App& app);
Runner add_extract_command(CLI::App& app);
Runner add_check_command(CLI::App& app);
Runner add_scan_command(CLI::App& app);
Runner add_serve_command(CLI::App& app);
Runner add_auditor_command(CLI::App& app);
Runner add_override_command(CLI::App& app);
Runner add_history_command(CLI::App& app);
Runner add_export_command(CLI::App& app);
Runner add_prune_command(CLI::App& app);
Runner add_enqueue_command(CLI::App& app);
Runner add_worker_command(CLI::App& app);
Runner add_status_command(CLI::App& app);

}  // namespace oitscan::cli
