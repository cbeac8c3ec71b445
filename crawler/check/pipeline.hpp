#pragma once
// Judging one unit from a document source: gather each item's evidence, judge every item with its
// rule file, and score the OIT part with the framework. Plain data out; run_unit.hpp wires the
// sources, the archive and the output files around it.
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "check/submission.hpp"
#include "evaluate/evaluator.hpp"
#include "evaluate/rules.hpp"
#include "gather/evidence_archive.hpp"
#include "gather/gather.hpp"
#include "score/framework.hpp"
#include "score/item_scores.hpp"

namespace oitscan::check {

struct CheckOptions {
  std::optional<evaluate::Day> as_of;  // default: the rule set's assessment date
  gather::GatherOptions gather;
};

struct CheckRun {
  Submission submission;
  std::string rules_version;
  std::string started_at;
  std::string finished_at;
  evaluate::Day as_of;
  // Owned evidence: ItemVerdict evidence points into these vectors, so they never change after judging.
  std::map<std::string, std::vector<evaluate::EvidenceDoc>> evidence;
  std::vector<evaluate::ItemVerdict> items;        // in framework order
  std::map<std::string, gather::Record> records;   // every URL of the run, for the archive and the report
  std::string framework_id;
  score::OitScore score;

  bool all_passed() const;
};

std::unique_ptr<CheckRun> run_check(const Submission& submission, gather::DocumentSource& source, const evaluate::RuleSet& rules,
                                    const score::Framework& framework, const CheckOptions& options);

// What the evidence archive's metadata records say of each judged item.
std::vector<gather::JudgedItem> judged_items(const CheckRun& run);

}  // namespace oitscan::check
