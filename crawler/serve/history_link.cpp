#include "serve/history_link.hpp"

namespace oitscan::serve {

HistoryLink::HistoryLink(const std::filesystem::path& db) : store_(store::HistoryStore::open(db)) {}

std::int64_t HistoryLink::record_check(const check::Submission& submission, const std::string& framework, const std::string& rules_version,
                                       const std::string& results_json, const std::string& out_dir, const std::string& started_at) {
  std::lock_guard lock(mutex_);
  const auto run = store_.begin_run({submission.unit_id, submission.name_th, submission.website}, framework, rules_version, out_dir, started_at);
  store_.finish_run(run, results_json, "serve");
  return run;
}

store::Override HistoryLink::record_override(const store::OverrideRequest& request) {
  std::lock_guard lock(mutex_);
  return store_.record_override(request);
}

int HistoryLink::apply(nlohmann::ordered_json& results, std::int64_t run_id) {
  std::lock_guard lock(mutex_);
  return store::apply_overrides(results, store_.overrides_for_run(run_id));
}

}  // namespace oitscan::serve
