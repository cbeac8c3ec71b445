#pragma once
// The rows of `oitscan export` (contracts.md): one per unit × item × requirement of a run, from
// the run's stored results document (auditor decisions included, as the run shows them).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace oitscan::store {

class HistoryStore;

// Column names, in contract order (the first 18), then the extensions.
const std::vector<std::string>& export_columns();

struct ExportRow {
  std::vector<std::string> values;  // one per export_columns(), as text
};

struct ExportRun {
  std::int64_t run_id = 0;
  std::string unit_id;
  std::string unit_name_th;
  std::string framework;
  std::string checked_at;
  std::optional<double> oit;
  std::vector<std::pair<std::string, std::string>> item_verdicts;  // item -> verdict, in results order
  std::vector<ExportRow> rows;
};

// The runs to export: `runs` when given, else the latest finished run of each of `units` (every
// unit when empty). Throws InputError naming --unit or --run when one does not exist.
std::vector<ExportRun> export_runs(HistoryStore& store, const std::vector<std::string>& units,
                                   const std::vector<std::int64_t>& runs);

}  // namespace oitscan::store
