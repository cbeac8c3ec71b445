#include "check/results_json.hpp"

#include "common/data_dir.hpp"
#include "gather/source.hpp"
#include "score/engine.hpp"
#include "score/score_json.hpp"

namespace oitscan::check {
namespace {

using json = nlohmann::ordered_json;

// ocr when any part was OCR'd, else the last part's source; "" when nothing was read.
std::string text_source_of(const evaluate::EvidenceDoc& d) {
  if (d.parts.empty()) return "";
  return std::string(extract::to_string(d.any_ocr() ? extract::TextSource::Ocr : d.parts.back().source));
}

json score_json(const std::string& framework_id, const score::Framework& framework, const score::OitScore& scores) {
  auto oit = [&](const score::ScoreResult& r) {
    const auto v = score::oit_of(framework, r);
    return v ? json(score::to_double(*v)) : json();
  };
  json out;
  out["framework"] = framework_id;
  out["oit"] = oit(scores.with_unverified_failed);
  out["oit_min"] = out["oit"];
  out["oit_max"] = oit(scores.with_unverified_passed);
  out["indicators"] = score::score_to_json(framework, scores.with_unverified_failed)["indicators"];
  // Extension: the rating the OIT figure alone would get in the framework's table (the report's
  // gauge and the dashboard's "units by rating").
  if (const auto v = score::oit_of(framework, scores.with_unverified_failed)) {
    out["level"] = score::level_to_json(score::grade(framework, *v));
  }
  return out;
}

}  // namespace

json evidence_to_json(const evaluate::EvidenceRef& ref) {
  const evaluate::EvidenceDoc& d = *ref.doc;
  static const fetch::Response kNone;
  const fetch::Response& f = d.fetched ? *d.fetched : kNone;
  json e;
  e["url"] = d.url;
  e["final_url"] = d.final_url();
  e["http_status"] = f.http_status;
  e["fetched_at"] = f.fetched_at;
  // A fetch that obtained nothing has no digest (the SHA-256 of an empty body is not evidence).
  const bool obtained = gather::body_obtained(f);  // the body itself is dropped once read
  e["sha256"] = obtained ? f.sha256 : std::string();
  e["warc_record_id"] = f.warc_record_id;
  e["format"] = std::string(extract::to_string(d.format));
  e["machine_readable"] = d.machine_readable;
  e["text_source"] = text_source_of(d);
  e["snippet"] = ref.snippet;
  e["location"] = ref.location;
  e["dates"] = ref.dates;
  e["fetch_outcome"] = std::string(fetch::to_string(d.outcome()));
  e["depth"] = d.depth;
  if (!d.linked_from.empty()) e["linked_from"] = d.linked_from;
  if (!d.link_context.empty()) e["link_text"] = d.link_context;  // what the linking page calls it
  if (d.placeholder) e["placeholder"] = true;
  e["ocr"] = ref.from_ocr;
  return e;
}

json results_to_json(const CheckRun& run, const score::Framework& framework) {
  json out;
  out["schema"] = "oitscan.results/1";
  out["tool"] = {{"name", "oitscan"}, {"version", tool_version()}};
  out["unit"] = {{"id", run.submission.unit_id}, {"name_th", run.submission.name_th}, {"website", run.submission.website}};
  out["framework"] = run.submission.framework;
  out["rules_version"] = run.rules_version;
  out["started_at"] = run.started_at;
  out["finished_at"] = run.finished_at;
  out["as_of"] = evaluate::to_iso(run.as_of);
  json items = json::array();
  for (const auto& item : run.items) {
    json i;
    i["id"] = item.item;
    i["verdict"] = std::string(evaluate::to_string(item.verdict));
    i["title_th"] = item.title.th;
    i["title_en"] = item.title.en;
    json reqs = json::array();
    for (const auto& r : item.requirements) {
      json q;
      q["id"] = r.id;
      q["verdict"] = std::string(evaluate::to_string(r.verdict));
      q["reason"] = r.reason;
      q["message_th"] = r.message.th;
      q["message_en"] = r.message.en;
      q["mandatory"] = r.mandatory;
      q["title_th"] = r.title.th;
      q["title_en"] = r.title.en;
      if (r.verdict != evaluate::Verdict::Pass) {
        q["fix_th"] = r.fix.th;
        q["fix_en"] = r.fix.en;
      }
      q["needs_review"] = r.needs_review;
      json ev = json::array();
      for (const auto& ref : r.evidence) ev.push_back(evidence_to_json(ref));
      q["evidence"] = ev;
      reqs.push_back(q);
    }
    i["requirements"] = reqs;
    items.push_back(i);
  }
  out["items"] = items;
  out["score"] = score_json(run.framework_id, framework, run.score);
  return out;
}

void rescore_results(json& results, const score::Framework& framework) {
  std::vector<evaluate::ItemVerdict> verdicts;
  for (const auto& item : results.value("items", json::array())) {
    evaluate::ItemVerdict v;
    v.item = item.value("id", "");
    const std::string verdict = item.value("verdict", "");
    v.verdict = verdict == "pass" ? evaluate::Verdict::Pass
                : verdict == "unverified" ? evaluate::Verdict::Unverified
                                          : evaluate::Verdict::Fail;
    verdicts.push_back(std::move(v));
  }
  const std::string framework_id =
      results.contains("score") && results["score"].is_object() ? results["score"].value("framework", framework.id) : framework.id;
  results["score"] = score_json(framework_id, framework, score::score_item_verdicts(framework, verdicts));
}

}  // namespace oitscan::check
