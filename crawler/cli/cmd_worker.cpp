// `oitscan worker --db URL [--slots N] [--express N] [--lease S] [--heartbeat S] [--out DIR]
// [--exit-when-idle] [fetch options]` (contracts.md "Scale-out"): works queued jobs until stopped.
// SIGTERM or SIGINT: no new claims, the current item is finished and the job handed back.
#include <CLI/CLI.hpp>

#include <csignal>
#include <iostream>
#include <memory>
#include <mutex>

#include "cli/commands.hpp"
#include "cli/fetch_flags.hpp"
#include "cli/help_text.hpp"
#include "cli/terminal.hpp"
#include "common/data_dir.hpp"
#include "common/input_error.hpp"
#include "queue/pg_connection.hpp"
#include "scaleout/worker.hpp"

namespace oitscan::cli {
namespace {

std::atomic<bool> stop_requested{false};
extern "C" void request_stop(int) { stop_requested = true; }

}  // namespace

Runner add_worker_command(CLI::App& app) {
  struct Options {
    std::string db;
    std::size_t slots = 1;
    std::size_t express = 0;
    double lease = 60;
    double heartbeat = 15;
    std::string out = "oitscan-out";
    std::string name;
    bool exit_when_idle = false;
    FetchFlags fetch;
  };
  auto opt = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("worker", "Work jobs queued in PostgreSQL (oitscan enqueue) until stopped");
  cmd->add_option("--db", opt->db, "PostgreSQL URL (postgresql://…)")->required();
  in_range(cmd->add_option("--slots", opt->slots, "jobs worked at once, any lane (default 1)"), 0, 256);
  in_range(cmd->add_option("--express", opt->express, "more slots for self-checks only (default 0)"), 0, 256);
  in_range(cmd->add_option("--lease", opt->lease, "seconds a claim holds without a heartbeat (default 60)"), 2, 86'400);
  in_range(cmd->add_option("--heartbeat", opt->heartbeat, "seconds between lease renewals (default 15)"), 0.5, 86'400);
  cmd->add_option("--out", opt->out, "output folder: OUT/RUN/UNIT/attempt-N/ITEM/ (default ./oitscan-out)");
  cmd->add_option("--name", opt->name, "this worker's name in leases and logs (default host:pid)");
  cmd->add_flag("--exit-when-idle", opt->exit_when_idle, "return once no job is ready or running (batch arrays, tests)");
  add_fetch_flags(*cmd, opt->fetch, true);
  add_politeness_flags(*cmd, opt->fetch);
  describe_command(*cmd, {
      "oitscan worker --db postgresql://oitscan@db.internal/oitscan --slots 4 --express 1",
      "oitscan worker --db postgresql:///oitscan --exit-when-idle     # a batch array task",
  });
  return [opt]() {
    if (!queue::is_postgres_url(opt->db)) throw InputError("<arguments>", 0, "--db", "worker needs a PostgreSQL URL (postgresql://…)");
    if (opt->heartbeat * 2 > opt->lease) {
      throw InputError("<arguments>", 0, "--heartbeat", "must be at most half of --lease, so one late beat does not lose the job");
    }
    if (opt->slots + opt->express == 0) throw InputError("<arguments>", 0, "--slots", "a worker needs at least one slot");
    scaleout::WorkerOptions w;
    w.db_url = opt->db;
    w.slots = opt->slots;
    w.express = opt->express;
    w.lease = std::chrono::seconds(static_cast<long>(opt->lease));
    w.heartbeat = std::chrono::seconds(std::max(1L, static_cast<long>(opt->heartbeat)));
    w.exit_when_idle = opt->exit_when_idle;
    w.out_dir = opt->out;
    w.name = opt->name;
    w.rules_root = data_dir() / "rules";
    w.fetch = to_fetch_options(opt->fetch);
    w.unit_budget = unit_budget_of(opt->fetch);
    if (w.fetch.cache_dir.empty()) w.fetch.cache_dir = (std::filesystem::path(opt->out) / "cache").string();
    auto log_lock = std::make_shared<std::mutex>();
    w.log = [log_lock](const std::string& line) {
      const std::lock_guard lock(*log_lock);
      std::cerr << "oitscan worker " << printable(line) << "\n";
    };
    std::signal(SIGTERM, request_stop);
    std::signal(SIGINT, request_stop);
    scaleout::WorkerCounts counts;
    scaleout::run_worker(w, stop_requested, counts);
    std::cerr << "oitscan worker: " << counts.jobs_done << " job(s) done, " << counts.items_committed << " item(s) committed, "
              << counts.jobs_failed << " failed, " << counts.leases_lost << " lease(s) lost, " << counts.handed_back
              << " handed back\n";
    return 0;
  };
}

}  // namespace oitscan::cli
