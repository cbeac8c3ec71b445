// `oitscan status --db URL [--run NAME] [--json]` (contracts.md "Scale-out"): jobs per lane and
// state, how long the oldest ready job has waited, rescues and failures.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/help_text.hpp"
#include "cli/terminal.hpp"
#include "common/input_error.hpp"
#include "queue/job_queue.hpp"
#include "queue/queue_schema.hpp"

namespace oitscan::cli {

Runner add_status_command(CLI::App& app) {
  struct Options {
    std::string db;
    std::string run;
    bool json = false;
  };
  auto opt = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("status", "Show the PostgreSQL queue: jobs per lane and state, waits, rescues, failures");
  cmd->add_option("--db", opt->db, "PostgreSQL URL (postgresql://…)")->required();
  cmd->add_option("--run", opt->run, "one run (default: every run)");
  cmd->add_flag("--json", opt->json, "print schema oitscan.status/1");
  describe_command(*cmd, {"oitscan status --db postgresql:///oitscan --run night-2026-12-01 --json"});
  return [opt]() {
    if (!queue::is_postgres_url(opt->db)) throw InputError("<arguments>", 0, "--db", "status needs a PostgreSQL URL (postgresql://…)");
    queue::PgConnection db(opt->db);
    queue::prepare_queue_schema(db);
    queue::JobQueue q(db);
    const auto s = q.status(opt->run);
    const char* states[] = {"ready", "running", "done", "failed"};
    if (opt->json) {
      nlohmann::ordered_json jobs, lanes = nlohmann::ordered_json::object(), failures = nlohmann::ordered_json::array();
      for (const char* st : states) jobs[st] = s.count(st);
      for (const auto& [lane, counts] : s.jobs) {
        for (const char* st : states) lanes[lane][st] = counts.count(st) ? counts.at(st) : 0;
      }
      for (const auto& f : s.failures) failures.push_back({{"unit", f.unit_id}, {"lane", f.lane}, {"error", f.error}});
      nlohmann::ordered_json out{{"schema", "oitscan.status/1"}, {"run", opt->run}, {"jobs", jobs}, {"rescued", s.rescued},
                                 {"lanes", lanes}, {"failures", failures}};
      out["oldest_ready_seconds"] = s.oldest_ready_seconds ? nlohmann::ordered_json(*s.oldest_ready_seconds) : nlohmann::ordered_json();
      std::cout << out.dump() << "\n";
    } else {
      std::cout << "lane\tready\trunning\tdone\tfailed\n";
      for (const auto& [lane, counts] : s.jobs) {
        std::cout << lane;
        for (const char* st : states) std::cout << "\t" << (counts.count(st) ? counts.at(st) : 0);
        std::cout << "\n";
      }
      std::cout << "rescued: " << s.rescued << "\n";
      if (s.oldest_ready_seconds) std::printf("oldest ready job waiting: %.0f s\n", *s.oldest_ready_seconds);
      for (const auto& f : s.failures) std::cout << "failed: " << f.unit_id << " (" << f.lane << "): " << printable(f.error) << "\n";
    }
    return s.count("failed") > 0 ? 1 : 0;
  };
}

}  // namespace oitscan::cli
