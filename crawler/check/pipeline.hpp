#pragma once
// `oitscan check` for one unit: gather each item's evidence, judge every item with its rule file,
// and score the OIT part with the framework. Plain data out; writing files is results_json /
// report_html / the archive's business.
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "check/gather.hpp"
#include "check/submission.hpp"
#include "evaluate/evaluator.hpp"
#include "evaluate/rules.hpp"
#include "score/framework.hpp"

namespace oitscan::check {

struct CheckOptions {
  std::optional<evaluate::Day> as_of;  // default: the rule set's assessment date
  GatherOptions gather;
};

struct CheckRun {
  Submission submission;
  std::string rules_version;
  std::string started_at;
  std::string finished_at;
  evaluate::Day as_of;
  // Owned evidence: ItemVerdict evidence points into these vectors, so they never change after judging.
  std::map<std::string, std::vector<evaluate::EvidenceDoc>> evidence;
  std::vector<evaluate::ItemVerdict> items;  // in framework order
  std::map<std::string, Record> records;     // every URL of the run, for the archive and the report
  nlohmann::ordered_json score;              // {framework, oit, oit_min, oit_max, indicators}

  bool all_passed() const;
};

std::unique_ptr<CheckRun> run_check(const Submission& submission, DocumentSource& source, const evaluate::RuleSet& rules,
                                    const score::Framework& framework, const CheckOptions& options);

// The OIT score from item verdicts: unverified items count as failed for `oit` and `oit_min`,
// as passed for `oit_max`.
nlohmann::ordered_json score_items(const score::Framework& framework, const std::vector<evaluate::ItemVerdict>& items);

}  // namespace oitscan::check
