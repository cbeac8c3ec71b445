#include "check/outputs.hpp"

#include <fstream>

#include "check/results_json.hpp"
#include "common/data_dir.hpp"
#include "report/check_report.hpp"

namespace oitscan::check {

void keep_previous_evidence(const std::filesystem::path& out_dir) {
  const auto evidence = out_dir / "evidence.warc.gz";
  if (!std::filesystem::exists(evidence)) return;
  std::filesystem::create_directories(out_dir / "archive");
  // Named by modification time, so archive/ sorts oldest first.
  const auto stamp = std::filesystem::last_write_time(evidence).time_since_epoch().count();
  std::filesystem::rename(evidence, out_dir / "archive" / ("evidence-" + std::to_string(stamp) + ".warc.gz"));
}

nlohmann::ordered_json write_outputs(const CheckRun& run, const score::Framework& framework, const std::filesystem::path& out_dir) {
  std::filesystem::create_directories(out_dir);
  auto results = results_to_json(run, framework);
  std::ofstream(out_dir / "results.json") << results.dump(2) << "\n";
  std::ofstream(out_dir / "report.html") << report::render_check_report(results, data_dir() / "reports");
  return results;
}

}  // namespace oitscan::check
