#include "check/results_json.hpp"

#include "common/data_dir.hpp"

namespace oitscan::check {
namespace {

using json = nlohmann::ordered_json;

std::string text_source_of(const evaluate::EvidenceDoc& d) {
  std::string source;
  for (const auto& p : d.parts) {
    if (p.text_source == "ocr") return "ocr";
    source = p.text_source;
  }
  return source;
}

json evidence_json(const evaluate::EvidenceRef& ref) {
  const evaluate::EvidenceDoc& d = *ref.doc;
  json e;
  e["url"] = d.url;
  e["final_url"] = d.final_url;
  e["http_status"] = d.http_status;
  e["fetched_at"] = d.fetched_at;
  e["sha256"] = d.sha256;
  e["warc_record_id"] = d.warc_record_id;
  e["format"] = d.format;
  e["machine_readable"] = d.machine_readable;
  e["text_source"] = text_source_of(d);
  e["snippet"] = ref.snippet;
  e["location"] = ref.location;
  e["dates"] = ref.dates;
  e["fetch_outcome"] = d.fetch_outcome;
  e["depth"] = d.depth;
  if (!d.linked_from.empty()) e["linked_from"] = d.linked_from;
  e["ocr"] = ref.from_ocr;
  return e;
}

}  // namespace

json results_to_json(const CheckRun& run) {
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
      for (const auto& ref : r.evidence) ev.push_back(evidence_json(ref));
      q["evidence"] = ev;
      reqs.push_back(q);
    }
    i["requirements"] = reqs;
    items.push_back(i);
  }
  out["items"] = items;
  out["score"] = run.score;
  return out;
}

}  // namespace oitscan::check
