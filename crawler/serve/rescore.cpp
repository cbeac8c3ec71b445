#include "serve/rescore.hpp"

#include "evaluate/evaluator.hpp"
#include "score/exact.hpp"
#include "score/item_scores.hpp"
#include "score/score_json.hpp"

namespace oitscan::serve {

void rescore(nlohmann::ordered_json& results, const score::Framework& framework) {
  if (!results.contains("items") || !results["items"].is_array()) return;
  std::vector<evaluate::ItemVerdict> items;
  for (const auto& i : results["items"]) {
    if (!i.contains("id") || !i["id"].is_string() || !i.contains("verdict") || !i["verdict"].is_string()) continue;
    evaluate::ItemVerdict v;
    v.item = i["id"].get<std::string>();
    const std::string verdict = i["verdict"].get<std::string>();
    v.verdict = verdict == "pass" ? evaluate::Verdict::Pass : verdict == "fail" ? evaluate::Verdict::Fail : evaluate::Verdict::Unverified;
    items.push_back(std::move(v));
  }
  const auto score = score::score_item_verdicts(framework, items);
  auto oit = [&](const score::ScoreResult& r) {
    const auto v = score::oit_of(framework, r);
    return v ? nlohmann::ordered_json(score::to_double(*v)) : nlohmann::ordered_json();
  };
  auto& s = results["score"];
  s["oit"] = oit(score.with_unverified_failed);
  s["oit_min"] = s["oit"];
  s["oit_max"] = oit(score.with_unverified_passed);
  s["indicators"] = score::score_to_json(framework, score.with_unverified_failed)["indicators"];
}

}  // namespace oitscan::serve
