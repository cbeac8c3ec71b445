#include "check/outputs.hpp"

#include "check/results_json.hpp"
#include "common/atomic_file.hpp"
#include "common/data_dir.hpp"
#include "report/check_report.hpp"

namespace oitscan::check {

void check_output_targets(const std::filesystem::path& out_dir) {
  for (const char* name : {"results.json", "report.html", "evidence.warc.gz"}) check_output_target(out_dir / name);
}

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
  // Both documents are rendered and both targets checked before either file is replaced, so a
  // failure leaves the previous results.json and report.html as a matching pair.
  const std::string json = results.dump(2) + "\n";
  const std::string html = report::render_check_report(results, data_dir() / "reports");
  check_output_targets(out_dir);
  write_file_atomically(out_dir / "results.json", json);
  write_file_atomically(out_dir / "report.html", html);
  return results;
}

}  // namespace oitscan::check
