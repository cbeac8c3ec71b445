// `oitscan override --db FILE|URL UNIT ITEM [REQUIREMENT] --verdict pass|fail --by NAME --why TEXT
// [--withdraw]` (contracts.md "Overrides"): records or withdraws an auditor's decision, then lays
// the decisions over the unit's latest run at once (its stored verdicts, score and files).
#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/history_db.hpp"
#include "common/input_error.hpp"
#include "scan/run_record.hpp"
#include "score/framework_loader.hpp"

namespace oitscan::cli {

Runner add_override_command(CLI::App& app) {
  struct Options {
    std::string db;
    std::string unit;
    std::string item;
    std::string requirement;
    std::string verdict;
    std::string by;
    std::string why;
    bool withdraw = false;
  };
  auto opt = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("override", "Record (or withdraw) an auditor's verdict for an item or requirement of a unit");
  cmd->add_option("--db", opt->db, "history store written by scan: an SQLite file or a PostgreSQL URL")->required();
  cmd->add_option("UNIT", opt->unit, "unit id")->required();
  cmd->add_option("ITEM", opt->item, "item id, e.g. O15")->required();
  cmd->add_option("REQUIREMENT", opt->requirement, "requirement id (default: the whole item)");
  cmd->add_option("--verdict", opt->verdict, "pass or fail");
  cmd->add_option("--by", opt->by, "who decides (auditor name)")->required();
  cmd->add_option("--why", opt->why, "the reason, kept with the decision");
  cmd->add_flag("--withdraw", opt->withdraw, "withdraw the decision in force (from the latest run on)");
  cmd->footer(
      "Examples:\n"
      "  oitscan override --db history.sqlite bangna O15 --verdict pass --by auditor-a --why \"ตรวจเอกสารฉบับจริงแล้ว\"\n"
      "  oitscan override --db history.sqlite bangna O15 monthly-summary --verdict fail --by auditor-a --why \"...\"\n"
      "  oitscan override --db history.sqlite bangna O15 --withdraw --by auditor-a\n"
      "Exit codes: 0 recorded, 2 could not (no such unit, item or requirement; bad verdict; empty --why).");
  return [opt]() {
    auto store = open_history_db(opt->db);
    const auto latest = store.previous_run(opt->unit, 0);
    if (!latest) throw InputError(opt->db, 0, "UNIT", "no finished run of unit \"" + opt->unit + "\"");
    if (opt->withdraw) {
      if (!opt->verdict.empty()) throw InputError("", 0, "--verdict", "not with --withdraw");
      const auto withdrawn = store.withdraw_override(opt->unit, opt->item, opt->requirement, opt->by);
      if (!withdrawn) {
        throw InputError(opt->db, 0, "ITEM", "no decision in force on " + opt->unit + " " + opt->item +
                                                (opt->requirement.empty() ? "" : " " + opt->requirement));
      }
      scan::refresh_run_overrides(store, latest->id, score::default_frameworks_dir());
      std::cout << "withdrawn: " << opt->unit << " " << opt->item << (opt->requirement.empty() ? "" : " " + opt->requirement)
                << " (decision " << withdrawn->id << ", from run " << latest->id << " on)\n";
      return 0;
    }
    if (opt->verdict.empty()) throw InputError("", 0, "--verdict", "required (pass or fail), unless --withdraw");
    if (opt->why.empty()) throw InputError("", 0, "--why", "required: a decision without a reason cannot be audited");
    const store::Override o =
        store.record_override({opt->unit, opt->item, opt->requirement, opt->verdict, opt->by, opt->why});
    scan::refresh_run_overrides(store, latest->id, score::default_frameworks_dir());
    std::cout << "recorded: " << o.unit_id << " " << o.item_id << (o.requirement_id.empty() ? "" : " " + o.requirement_id)
              << " " << o.machine_verdict << " → " << o.verdict << " by " << o.by << " at " << o.at << " (run " << o.from_run
              << " on)\n";
    return 0;
  };
}

}  // namespace oitscan::cli
