#include "scaleout/history_record.hpp"

#include <nlohmann/json.hpp>

#include "scan/run_record.hpp"

namespace oitscan::scaleout {

std::int64_t record_job_run(store::HistoryStore& store, const check::Submission& unit, const std::string& rules_version,
                            const score::Framework& framework, const std::string& results_json, const std::string& out_dir,
                            std::vector<store::FetchRecord> fetches) {
  auto results = nlohmann::ordered_json::parse(results_json);
  std::int64_t run_id = 0;
  for (const auto& run : store.runs_of_unit(unit.unit_id)) {
    if (run.out_dir == out_dir) {
      run_id = run.id;
      break;
    }
  }
  if (run_id == 0) {
    run_id = store.begin_run(store::Unit{unit.unit_id, unit.name_th, unit.website}, unit.framework, rules_version, out_dir,
                             results.value("started_at", ""));
  }
  scan::apply_run_overrides(store, run_id, results, framework);
  for (auto& f : fetches) f.run_id = run_id;
  store.finish_run(run_id, results.dump(), "job " + out_dir, fetches);
  return run_id;
}

}  // namespace oitscan::scaleout
