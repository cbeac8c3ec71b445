// `oitscan export --db FILE|URL [--format csv|xlsx|json] [--output FILE] [--unit ID]... [--run ID]`
// (contracts.md): the latest finished run of each unit, or the units and run named, one row per
// unit × item × requirement.
#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/history_db.hpp"
#include "common/atomic_file.hpp"
#include "common/input_error.hpp"
#include "report/export_files.hpp"

namespace oitscan::cli {

Runner add_export_command(CLI::App& app) {
  struct Options {
    std::string db;
    std::string format = "csv";
    std::string output;
    std::vector<std::string> units;
    std::vector<std::int64_t> runs;
  };
  auto opt = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("export", "Export verdicts (unit × item × requirement) as CSV, XLSX or JSON");
  cmd->add_option("--db", opt->db, "history store written by scan: an SQLite file or a PostgreSQL URL")->required();
  cmd->add_option("--format", opt->format, "csv (UTF-8 with BOM, default), xlsx (sheets details and summary) or json")
      ->check(CLI::IsMember({"csv", "xlsx", "json"}));
  cmd->add_option("--output", opt->output, "file to write (default: standard output; required for xlsx)");
  cmd->add_option("--unit", opt->units, "only this unit (repeatable)");
  cmd->add_option("--run", opt->runs, "this run instead of the latest (repeatable)");
  cmd->footer(
      "Examples:\n"
      "  oitscan export --db history.sqlite --format csv --output oit.csv\n"
      "  oitscan export --db history.sqlite --format xlsx --output oit.xlsx --unit bangna\n"
      "Exit codes: 0 written, 2 could not (no such unit or run, unwritable output).");
  return [opt]() {
    auto store = open_history_db(opt->db);
    const auto runs = store::export_runs(store, opt->units, opt->runs);
    if (opt->format == "xlsx") {
      if (opt->output.empty()) throw InputError("", 0, "--output", "required with --format xlsx (a workbook is not text)");
      report::write_export_xlsx(runs, opt->output);
      return 0;
    }
    const std::string text = opt->format == "json" ? report::export_json(runs).dump(2) + "\n" : report::export_csv(runs);
    if (opt->output.empty()) {
      std::cout << text;
    } else {
      write_file_atomically(opt->output, text);
    }
    return 0;
  };
}

}  // namespace oitscan::cli
