#include "scan/run_record.hpp"

#include "check/results_json.hpp"
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
  return {doc.url, doc.final_url(), static_cast<int>(f.http_status), f.fetched_at, f.sha256, f.warc_record_id};
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

}  // namespace oitscan::scan
