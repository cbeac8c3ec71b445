// `oitscan enqueue --db URL INPUT... [--run NAME] [--lane nightly|express]` (contracts.md
// "Scale-out"): a run and one job per unit in the PostgreSQL queue, each with its inputs frozen.
#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>
#include <set>

#include <nlohmann/json.hpp>

#include "check/rule_catalog.hpp"
#include "check/submission.hpp"
#include "cli/commands.hpp"
#include "cli/help_text.hpp"
#include "common/data_dir.hpp"
#include "common/input_error.hpp"
#include "queue/job_queue.hpp"
#include "queue/queue_schema.hpp"
#include "scaleout/job_inputs.hpp"

namespace oitscan::cli {

Runner add_enqueue_command(CLI::App& app) {
  struct Options {
    std::string db;
    std::vector<std::string> inputs;
    std::string run;
    std::string lane = queue::kNightlyLane;
    int max_failures = 3;
  };
  auto opt = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("enqueue", "Queue a run: one job per unit in PostgreSQL, for `oitscan worker` processes");
  cmd->add_option("INPUT", opt->inputs, "submission YAML files, folders of them, or bulk CSV files")->required();
  cmd->add_option("--db", opt->db, "PostgreSQL URL (postgresql://…)")->required();
  cmd->add_option("--run", opt->run, "the run's name (default: a fresh one)");
  cmd->add_option("--lane", opt->lane, "nightly (default) or express (self-checks)")->check(CLI::IsMember({"nightly", "express"}));
  cmd->add_option("--max-failures", opt->max_failures, "failed attempts before a job is failed (default 3)")->check(CLI::Range(1, 100));
  describe_command(*cmd, {
      "oitscan enqueue districts/ --db postgresql://oitscan@db.internal/oitscan --run night-2026-12-01",
  });
  return [opt]() {
    if (!queue::is_postgres_url(opt->db)) throw InputError("<arguments>", 0, "--db", "enqueue needs a PostgreSQL URL (postgresql://…)");
    check::RuleCatalog catalog(data_dir() / "rules");
    scaleout::RuleSetDigests digests(data_dir() / "rules");
    std::vector<queue::NewJob> jobs;
    std::set<std::string> ids;
    for (const auto& input : opt->inputs) {
      for (auto& s : check::load_submissions(input)) {
        if (!ids.insert(s.unit_id).second) throw InputError(s.file.string(), 0, "unit.id", "unit " + s.unit_id + " is given twice");
        catalog.for_unit(s);  // an unknown framework or item is an error now, not on a worker at night
        scaleout::JobInputs in{s, digests.of(s.framework)};
        jobs.push_back({s.unit_id, scaleout::to_json(in), opt->lane});
      }
    }
    queue::PgConnection db(opt->db);
    queue::prepare_queue_schema(db);
    queue::JobQueue q(db);
    const std::string run = q.enqueue(opt->run, jobs, opt->max_failures);
    std::cout << nlohmann::ordered_json{{"schema", "oitscan.run/1"}, {"run", run}, {"jobs", jobs.size()}}.dump() << "\n";
    return 0;
  };
}

}  // namespace oitscan::cli
