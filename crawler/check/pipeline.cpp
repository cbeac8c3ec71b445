#include "check/pipeline.hpp"

#include <boost/url/parse.hpp>

#include <chrono>

#include "fetch/digest_time.hpp"
#include "score/engine.hpp"
#include "score/score_input.hpp"
#include "score/score_json.hpp"

namespace oitscan::check {

bool CheckRun::all_passed() const {
  return std::all_of(items.begin(), items.end(), [](const evaluate::ItemVerdict& i) { return i.verdict == evaluate::Verdict::Pass; });
}

nlohmann::ordered_json score_items(const score::Framework& framework, const std::vector<evaluate::ItemVerdict>& items) {
  auto oit_with = [&](bool unverified_passes) {
    nlohmann::json input = {{"oit_items", nlohmann::json::object()}};
    for (const auto& item : items) {
      const bool pass = item.verdict == evaluate::Verdict::Pass || (unverified_passes && item.verdict == evaluate::Verdict::Unverified);
      input["oit_items"][item.item] = pass ? "pass" : "fail";
    }
    const auto parsed = score::parse_score_input(framework, input.dump(), "<item verdicts>");
    return score::score_to_json(framework, score::compute_scores(framework, parsed));
  };
  const auto low = oit_with(false);
  const auto high = oit_with(true);
  nlohmann::ordered_json out;
  out["framework"] = framework.id;
  out["oit"] = low["tools"].contains("OIT") ? low["tools"]["OIT"] : nlohmann::ordered_json();
  out["oit_min"] = out["oit"];
  out["oit_max"] = high["tools"].contains("OIT") ? high["tools"]["OIT"] : nlohmann::ordered_json();
  out["indicators"] = low["indicators"];
  return out;
}

std::unique_ptr<CheckRun> run_check(const Submission& submission, DocumentSource& source, const evaluate::RuleSet& rules,
                                    const score::Framework& framework, const CheckOptions& options) {
  auto run = std::make_unique<CheckRun>();
  run->submission = submission;
  run->rules_version = rules.id;
  run->rules_version.append("@").append(rules.version);  // (GCC 12 -Wrestrict false positive on a + "@" + b)
  run->started_at = fetch::iso8601_utc(std::chrono::system_clock::now());
  run->as_of = options.as_of.value_or(rules.assessment_date);

  GatherOptions gather_options = options.gather;
  gather_options.context_fiscal_year_be = rules.fiscal_year_be;
  EvidenceGatherer gatherer(source, gather_options);
  run->evidence = gatherer.gather(submission, rules);

  // "On the unit's main website": host and path of unit.website.
  std::string host, path;
  if (auto site = boost::urls::parse_uri(submission.website)) {
    host = std::string(site->encoded_host());
    path = std::string(site->encoded_path());
    if (path.empty()) path.push_back('/');
  }
  evaluate::TextIndexCache text;
  const evaluate::Context ctx{rules, host, path, run->as_of, text};
  for (const auto& node : framework.nodes) {
    if (node.kind != score::NodeKind::Item) continue;
    auto rule = rules.items.find(node.id);
    if (rule == rules.items.end()) {
      evaluate::ItemVerdict v;
      v.item = node.id;
      v.title = {node.name_th, node.name_en};
      v.verdict = evaluate::Verdict::Unverified;
      run->items.push_back(std::move(v));
      continue;
    }
    static const std::vector<evaluate::EvidenceDoc> none;
    auto docs = run->evidence.find(node.id);
    run->items.push_back(evaluate::evaluate_item(rule->second, docs == run->evidence.end() ? none : docs->second, ctx));
  }
  run->score = score_items(framework, run->items);
  run->records = gatherer.take_records();
  run->finished_at = fetch::iso8601_utc(std::chrono::system_clock::now());
  return run;
}

}  // namespace oitscan::check
