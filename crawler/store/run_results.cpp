#include "store/run_results.hpp"

#include <nlohmann/json.hpp>
#include <set>

#include "common/input_error.hpp"

namespace oitscan::store {

namespace {

using json = nlohmann::json;

class Validator {
 public:
  explicit Validator(std::string source) : source_(std::move(source)) {}

  [[noreturn]] void fail(const std::string& field, const std::string& message) const {
    throw InputError(source_, 0, field, message);
  }

  const json& object(const json& parent, const std::string& key, const std::string& path) const {
    if (!parent.contains(key)) fail(path, "missing");
    const json& v = parent.at(key);
    if (!v.is_object()) fail(path, "must be an object");
    return v;
  }

  const json& array(const json& parent, const std::string& key, const std::string& path) const {
    if (!parent.contains(key)) fail(path, "missing");
    const json& v = parent.at(key);
    if (!v.is_array()) fail(path, "must be an array");
    return v;
  }

  std::string text(const json& parent, const std::string& key, const std::string& path) const {
    if (!parent.contains(key)) fail(path, "missing");
    const json& v = parent.at(key);
    if (!v.is_string()) fail(path, "must be a string");
    return v.get<std::string>();
  }

  std::optional<std::string> optional_text(const json& parent, const std::string& key, const std::string& path) const {
    if (!parent.contains(key) || parent.at(key).is_null()) return std::nullopt;
    return text(parent, key, path);
  }

  std::optional<double> optional_number(const json& parent, const std::string& key, const std::string& path) const {
    if (!parent.contains(key) || parent.at(key).is_null()) return std::nullopt;
    const json& v = parent.at(key);
    if (!v.is_number()) fail(path, "must be a number or null");
    return v.get<double>();
  }

  std::optional<int> optional_int(const json& parent, const std::string& key, const std::string& path) const {
    if (!parent.contains(key) || parent.at(key).is_null()) return std::nullopt;
    const json& v = parent.at(key);
    if (!v.is_number_integer()) fail(path, "must be an integer or null");
    const auto n = v.get<std::int64_t>();
    if (n < 0 || n > 999) fail(path, "out of range");
    return static_cast<int>(n);
  }

  std::string verdict(const json& parent, const std::string& path) const {
    std::string v = text(parent, "verdict", path);
    if (!is_verdict(v)) fail(path, "must be pass, fail or unverified, not \"" + v + "\"");
    return v;
  }

 private:
  std::string source_;
};

std::vector<EvidenceEntry> parse_evidence(const Validator& v, const json& list, const std::string& path) {
  std::vector<EvidenceEntry> out;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string p = path + "[" + std::to_string(i) + "]";
    const json& e = list[i];
    if (!e.is_object()) v.fail(p, "must be an object");
    EvidenceEntry entry;
    entry.url = v.text(e, "url", p + ".url");
    entry.final_url = v.optional_text(e, "final_url", p + ".final_url");
    entry.http_status = v.optional_int(e, "http_status", p + ".http_status");
    entry.fetched_at = v.optional_text(e, "fetched_at", p + ".fetched_at");
    entry.sha256 = v.optional_text(e, "sha256", p + ".sha256");
    if (entry.sha256 && entry.sha256->empty()) entry.sha256.reset();  // nothing obtained, no digest
    entry.warc_record_id = v.optional_text(e, "warc_record_id", p + ".warc_record_id");
    out.push_back(std::move(entry));
  }
  return out;
}

RequirementResult parse_requirement(const Validator& v, const json& r, const std::string& p) {
  if (!r.is_object()) v.fail(p, "must be an object");
  RequirementResult req;
  req.id = v.text(r, "id", p + ".id");
  if (req.id.empty()) v.fail(p + ".id", "must not be empty");
  req.verdict = v.verdict(r, p + ".verdict");
  req.reason = v.text(r, "reason", p + ".reason");
  req.message_th = v.optional_text(r, "message_th", p + ".message_th").value_or("");
  req.message_en = v.optional_text(r, "message_en", p + ".message_en").value_or("");
  if (r.contains("evidence") && !r.at("evidence").is_null()) {
    const json& ev = v.array(r, "evidence", p + ".evidence");
    req.evidence = parse_evidence(v, ev, p + ".evidence");
    req.evidence_json = ev.dump();
  } else {
    req.evidence_json = "[]";
  }
  return req;
}

}  // namespace

bool is_verdict(const std::string& s) { return s == "pass" || s == "fail" || s == "unverified"; }

bool is_unit_id(const std::string& s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  }
  return true;
}


RunResults parse_run_results(const std::string& json_text, const std::string& source) {
  const Validator v(source);
  json doc;
  try {
    doc = json::parse(json_text);
  } catch (const json::parse_error& e) {
    v.fail("", std::string("not valid JSON: ") + e.what());
  }
  if (!doc.is_object()) v.fail("", "must be a JSON object");
  const std::string schema = v.text(doc, "schema", "schema");
  if (schema != "oitscan.results/1") v.fail("schema", "must be \"oitscan.results/1\", not \"" + schema + "\"");

  RunResults out;
  const json& unit = v.object(doc, "unit", "unit");
  out.unit_id = v.text(unit, "id", "unit.id");
  if (!is_unit_id(out.unit_id)) v.fail("unit.id", "must match [a-z0-9-]+");
  out.unit_name_th = v.optional_text(unit, "name_th", "unit.name_th").value_or("");
  out.unit_website = v.optional_text(unit, "website", "unit.website").value_or("");
  out.framework = v.text(doc, "framework", "framework");
  out.rules_version = v.optional_text(doc, "rules_version", "rules_version").value_or("");
  out.started_at = v.text(doc, "started_at", "started_at");
  out.finished_at = v.optional_text(doc, "finished_at", "finished_at").value_or("");

  // Item scores the scoring core reports (score.items), used as each item's OIT contribution.
  std::map<std::string, double> item_scores;
  if (doc.contains("score") && !doc.at("score").is_null()) {
    const json& s = v.object(doc, "score", "score");
    ScoreResult score;
    score.framework = v.optional_text(s, "framework", "score.framework");
    score.oit = v.optional_number(s, "oit", "score.oit");
    score.oit_min = v.optional_number(s, "oit_min", "score.oit_min");
    score.oit_max = v.optional_number(s, "oit_max", "score.oit_max");
    if (s.contains("indicators") && !s.at("indicators").is_null()) {
      score.indicators_json = v.object(s, "indicators", "score.indicators").dump();
    }
    if (s.contains("items") && s.at("items").is_object()) {
      for (const auto& [id, value] : s.at("items").items()) {
        if (value.is_number()) item_scores[id] = value.get<double>();
      }
    }
    out.score = std::move(score);
  }

  const json& items = v.array(doc, "items", "items");
  std::set<std::string> seen_items;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string p = "items[" + std::to_string(i) + "]";
    const json& it = items[i];
    if (!it.is_object()) v.fail(p, "must be an object");
    ItemResult item;
    item.id = v.text(it, "id", p + ".id");
    if (item.id.empty()) v.fail(p + ".id", "must not be empty");
    if (!seen_items.insert(item.id).second) v.fail(p + ".id", "item " + item.id + " appears twice");
    item.verdict = v.verdict(it, p + ".verdict");
    item.oit_contribution = v.optional_number(it, "oit_contribution", p + ".oit_contribution");
    if (!item.oit_contribution && item_scores.count(item.id) != 0) item.oit_contribution = item_scores[item.id];
    const json& reqs = v.array(it, "requirements", p + ".requirements");
    std::set<std::string> seen_reqs;
    for (std::size_t r = 0; r < reqs.size(); ++r) {
      const std::string rp = p + ".requirements[" + std::to_string(r) + "]";
      RequirementResult req = parse_requirement(v, reqs[r], rp);
      if (!seen_reqs.insert(req.id).second) v.fail(rp + ".id", "requirement " + req.id + " appears twice");
      item.requirements.push_back(std::move(req));
    }
    out.items.push_back(std::move(item));
  }
  return out;
}

}  // namespace oitscan::store
