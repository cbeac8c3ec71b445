#include "check/pipeline.hpp"

#include <boost/url/parse.hpp>

#include <algorithm>

#include "common/cpu_pool.hpp"
#include "common/time.hpp"

namespace oitscan::check {
namespace {

gather::GatherPlan plan_for(const Submission& submission, const evaluate::RuleSet& rules) {
  gather::GatherPlan plan;
  plan.items = submission.items;
  plan.website = submission.website;
  plan.follow = rules.follow;
  for (const auto& [item, rule] : rules.items) {
    plan.follow_depth[item] = rule.follow_links;
    auto& cues = plan.item_cues[item];
    for (const auto& req : rule.requirements) {
      for (const auto& cond : req.conditions) {
        for (auto& p : cond.predicate->phrases()) cues.push_back(std::move(p));
      }
    }
  }
  return plan;
}

}  // namespace

bool CheckRun::all_passed() const {
  return std::all_of(items.begin(), items.end(), [](const evaluate::ItemVerdict& i) { return i.verdict == evaluate::Verdict::Pass; });
}

std::unique_ptr<CheckRun> run_check(const Submission& submission, gather::DocumentSource& source, const evaluate::RuleSet& rules,
                                    const score::Framework& framework, const CheckOptions& options) {
  auto run = std::make_unique<CheckRun>();
  run->submission = submission;
  run->rules_version = rules.id;
  run->rules_version.append("@").append(rules.version);  // (GCC 12 -Wrestrict false positive on a + "@" + b)
  run->started_at = iso8601_utc_now();
  run->as_of = options.as_of.value_or(rules.assessment_date);

  gather::GatherOptions gather_options = options.gather;
  gather_options.context_fiscal_year_be = rules.fiscal_year_be;
  gather::EvidenceGatherer gatherer(source, gather_options);
  run->evidence = gatherer.gather(plan_for(submission, rules));

  // "On the unit's main website": host and path of unit.website.
  std::string host, path;
  if (auto site = boost::urls::parse_uri(submission.website)) {
    host = std::string(site->encoded_host());
    path = std::string(site->encoded_path());
    if (path.empty()) path.push_back('/');
  }
  // Items are judged on the process's CPU pool, each with its own text index (an item's documents
  // are its own), which is freed as soon as the item is judged.
  std::vector<const score::Node*> item_nodes;
  for (const auto& node : framework.nodes) {
    if (node.kind == score::NodeKind::Item) item_nodes.push_back(&node);
  }
  run->items.resize(item_nodes.size());
  cpu::for_each_index(item_nodes.size(), [&](std::size_t i) {
    const auto& node = *item_nodes[i];
    auto rule = rules.items.find(node.id);
    if (rule == rules.items.end()) {
      evaluate::ItemVerdict v;
      v.item = node.id;
      v.title = {node.name_th, node.name_en};
      v.verdict = evaluate::Verdict::Unverified;
      run->items[i] = std::move(v);
      return;
    }
    static const std::vector<evaluate::EvidenceDoc> none;
    auto docs = run->evidence.find(node.id);
    evaluate::TextIndexCache text;
    const evaluate::Context ctx{rules, host, path, run->as_of, text};
    run->items[i] = evaluate::evaluate_item(rule->second, docs == run->evidence.end() ? none : docs->second, ctx);
  });
  run->framework_id = framework.id;
  run->score = score::score_item_verdicts(framework, run->items);
  run->records = gatherer.take_records();
  run->finished_at = iso8601_utc_now();
  return run;
}

std::vector<gather::JudgedItem> judged_items(const CheckRun& run) {
  std::vector<gather::JudgedItem> out;
  for (const auto& item : run.items) {
    gather::JudgedItem j;
    j.item = item.item;
    j.verdict = std::string(evaluate::to_string(item.verdict));
    for (const auto& r : item.requirements) {
      j.requirements.push_back({r.id, std::string(evaluate::to_string(r.verdict)), r.reason});
      for (const auto& e : r.evidence) {
        if (e.doc == nullptr || !e.doc->fetched || e.doc->fetched->warc_record_id.empty()) continue;
        const auto& id = e.doc->fetched->warc_record_id;
        if (std::find(j.judged_records.begin(), j.judged_records.end(), id) == j.judged_records.end()) j.judged_records.push_back(id);
      }
    }
    out.push_back(std::move(j));
  }
  return out;
}

}  // namespace oitscan::check
