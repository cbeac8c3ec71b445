#include "check/outputs.hpp"

#include <sys/stat.h>

#include <ctime>

#include "check/results_json.hpp"
#include "common/atomic_file.hpp"
#include "common/data_dir.hpp"
#include "report/check_report.hpp"

namespace oitscan::check {

void check_output_targets(const std::filesystem::path& out_dir) {
  for (const char* name : {"results.json", "report.html", "evidence.warc.gz"}) check_output_target(out_dir / name);
}

std::string compact_utc_stamp(std::time_t t) {
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%SZ", &tm);
  return buf;
}

void keep_previous_evidence(const std::filesystem::path& out_dir) {
  const auto evidence = out_dir / "evidence.warc.gz";
  if (!std::filesystem::exists(evidence)) return;
  std::filesystem::create_directories(out_dir / "archive");
  // Named by the UTC time it was last written (when that run ended), so archive/ sorts oldest
  // first and a person can tell the nights apart; a second run in the same second gets -2, -3.
  struct stat st {};
  const std::time_t written = ::stat(evidence.c_str(), &st) == 0 ? st.st_mtime : std::time(nullptr);
  const std::string stem = "evidence-" + compact_utc_stamp(written);
  auto target = out_dir / "archive" / (stem + ".warc.gz");
  for (int n = 2; std::filesystem::exists(target); ++n) target = out_dir / "archive" / (stem + "-" + std::to_string(n) + ".warc.gz");
  std::filesystem::rename(evidence, target);
}

void write_capture(const std::filesystem::path& out_dir, const fetch::Response& f, extract::Format format) {
  if (f.body.empty()) return;
  if (f.outcome != fetch::Outcome::ok && f.outcome != fetch::Outcome::not_modified) return;
  const auto dir = out_dir / "captures";
  // Like every output, never through a link someone else put there.
  if (std::filesystem::is_symlink(dir)) throw OutputError(dir.string() + ": is a symbolic link; refusing to write captures through it");
  const std::string name = report::capture_file_name(f.sha256, std::string(extract::to_string(format)));
  if (name.empty()) return;
  std::filesystem::create_directories(dir);
  // Content-addressed: an unchanged document from an earlier night is already there.
  if (std::filesystem::is_regular_file(dir / name)) return;
  write_file_atomically(dir / name, f.body);
}

void write_captures(const CheckRun& run, const std::filesystem::path& out_dir) {
  for (const auto& [item, docs] : run.evidence) {
    for (const auto& d : docs) {
      if (d.fetched) write_capture(out_dir, *d.fetched, d.format);
    }
  }
}

void write_results_outputs(const nlohmann::ordered_json& results, const std::filesystem::path& out_dir) {
  std::filesystem::create_directories(out_dir);
  // Both documents are rendered and both targets checked before either file is replaced, so a
  // failure leaves the previous results.json and report.html as a matching pair.
  const std::string json = results.dump(2) + "\n";
  const std::string html = report::render_check_report(results, data_dir() / "reports");
  check_output_targets(out_dir);
  write_file_atomically(out_dir / "results.json", json);
  write_file_atomically(out_dir / "report.html", html);
}

nlohmann::ordered_json write_outputs(const CheckRun& run, const score::Framework& framework, const std::filesystem::path& out_dir) {
  auto results = results_to_json(run, framework);
  write_captures(run, out_dir);
  write_results_outputs(results, out_dir);
  return results;
}

}  // namespace oitscan::check
