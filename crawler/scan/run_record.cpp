#include "scan/run_record.hpp"

#include <fstream>

#include "check/outputs.hpp"
#include "check/results_json.hpp"
#include "common/input_error.hpp"
#include "common/text.hpp"
#include "common/time.hpp"
#include "gather/source.hpp"
#include "score/framework_loader.hpp"
#include "score/score_json.hpp"

namespace oitscan::scan {
namespace {

std::optional<double> oit_value(const score::Framework& framework, const score::ScoreResult& result) {
  const auto v = score::oit_of(framework, result);
  return v ? std::optional<double>(score::to_double(*v)) : std::nullopt;
}

store::EvidenceEntry evidence_entry(const evaluate::EvidenceDoc& doc) {
  static const fetch::Response kNone;
  const fetch::Response& f = doc.fetched ? *doc.fetched : kNone;
  const bool obtained = gather::body_obtained(f);  // the body itself is dropped once read
  std::optional<std::string> sha256;
  if (obtained && !f.sha256.empty()) sha256 = f.sha256;  // nothing obtained: no digest to compare across nights
  return {doc.url, doc.final_url(), static_cast<int>(f.http_status), f.fetched_at, sha256, f.warc_record_id};
}

}  // namespace

store::RunResults run_record(const check::CheckRun& run, const score::Framework& framework) {
  store::RunResults out;
  out.unit_id = run.submission.unit_id;
  out.unit_name_th = run.submission.name_th;
  out.unit_website = run.submission.website;
  out.framework = run.submission.framework;
  out.rules_version = run.rules_version;
  out.started_at = run.started_at;
  out.finished_at = run.finished_at;
  for (const auto& item : run.items) {
    store::ItemResult i;
    i.id = item.item;
    i.verdict = std::string(evaluate::to_string(item.verdict));
    for (const auto& r : item.requirements) {
      store::RequirementResult req;
      req.id = r.id;
      req.verdict = std::string(evaluate::to_string(r.verdict));
      req.reason = r.reason;
      req.message_th = r.message.th;
      req.message_en = r.message.en;
      auto evidence = nlohmann::ordered_json::array();
      for (const auto& ref : r.evidence) {
        evidence.push_back(check::evidence_to_json(ref));
        req.evidence.push_back(evidence_entry(*ref.doc));
      }
      req.evidence_json = evidence.dump();
      i.requirements.push_back(std::move(req));
    }
    out.items.push_back(std::move(i));
  }
  store::ScoreResult score;
  score.framework = run.framework_id;
  score.oit = oit_value(framework, run.score.with_unverified_failed);
  score.oit_min = score.oit;
  score.oit_max = oit_value(framework, run.score.with_unverified_passed);
  score.indicators_json = score::score_to_json(framework, run.score.with_unverified_failed)["indicators"].dump();
  out.score = std::move(score);
  return out;
}

int apply_run_overrides(store::HistoryStore& store, std::int64_t run_id, nlohmann::ordered_json& results,
                        const score::Framework& framework) {
  const auto decisions = store.overrides_for_run(run_id);
  bool had_any = false;  // an earlier application must be undone even when nothing holds now
  for (const auto& item : results.value("items", nlohmann::ordered_json::array())) {
    had_any = had_any || item.contains("machine_verdict");
    for (const auto& r : item.value("requirements", nlohmann::ordered_json::array())) {
      had_any = had_any || r.contains("machine_verdict");
    }
  }
  if (decisions.empty() && !had_any) return 0;
  const int applied = store::apply_overrides(results, decisions);
  check::rescore_results(results, framework);
  return applied;
}

nlohmann::ordered_json refresh_run_overrides(store::HistoryStore& store, std::int64_t run_id,
                                             const std::filesystem::path& frameworks_dir) {
  const auto info = store.run(run_id);
  const auto text = store.results_json(run_id);
  if (!info || !text || text->empty()) {
    throw InputError("", 0, "run", "run " + std::to_string(run_id) + " has no stored results");
  }
  auto results = nlohmann::ordered_json::parse(*text);
  const std::string framework_id = results.contains("score") && results["score"].is_object()
                                       ? results["score"].value("framework", info->framework)
                                       : info->framework;
  const score::Framework framework = score::load_framework(framework_id, frameworks_dir);
  apply_run_overrides(store, run_id, results, framework);
  const std::string dumped = results.dump();
  store.finish_run(run_id, dumped, "run " + std::to_string(run_id));

  // The output folder holds the latest run of the unit: rewrite its files only if they are this
  // run's (a later run may have replaced them since).
  if (!info->out_dir.empty()) {
    const std::filesystem::path out(info->out_dir);
    std::ifstream in(out / "results.json");
    if (in) {
      try {
        const auto on_disk = nlohmann::json::parse(in);
        if (on_disk.value("started_at", "") == results.value("started_at", "")) check::write_results_outputs(results, out);
      } catch (const nlohmann::json::exception&) {
        // Not a results document we wrote: leave it alone.
      }
    }
  }
  return results;
}

store::FetchRecord fetch_record(const fetch::Response& f, std::optional<std::int64_t> run_id, const std::string& warc_file) {
  store::FetchRecord r;
  r.run_id = run_id;
  r.url = f.url;
  r.final_url = f.final_url;
  r.outcome = std::string(fetch::to_string(f.outcome));
  if (f.http_status > 0) r.http_status = static_cast<int>(f.http_status);
  if (!f.sha256.empty()) r.sha256 = f.sha256;
  for (const auto& [name, value] : f.headers) {
    if (iequals(name, "etag")) r.etag = value;
    if (iequals(name, "last-modified")) r.last_modified = value;
  }
  r.fetched_at = f.fetched_at.empty() ? iso8601_utc_now() : f.fetched_at;
  if (!f.warc_revisit_record_id.empty()) {
    // This run's file holds the revisit; it names the original capture (WARC-Refers-To).
    r.warc_file = warc_file;
    r.warc_record_id = f.warc_revisit_record_id;
  } else if (!f.warc_record_id.empty()) {
    r.warc_file = warc_file;
    r.warc_record_id = f.warc_record_id;
  }
  return r;
}

}  // namespace oitscan::scan
