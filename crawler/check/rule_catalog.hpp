#pragma once
// The rule sets and scoring frameworks units are judged with, loaded once per process and shared
// by every unit that names the same framework (a nightly scan of 50 districts loads them once).
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "check/submission.hpp"
#include "evaluate/rules.hpp"
#include "score/framework.hpp"

namespace oitscan::check {

struct RuleBook {
  std::unique_ptr<evaluate::RuleSet> rules;
  score::Framework framework;
};

class RuleCatalog {
 public:
  // rules_root holds one folder per rule set and frameworks/; `rules_dir` (check --rules) replaces
  // the rule set folder for every unit.
  explicit RuleCatalog(std::filesystem::path rules_root, std::optional<std::filesystem::path> rules_dir = std::nullopt);

  // The rule book for the submission's framework. Throws InputError naming the submission file and
  // its `framework` field when there is no such rule set, or naming the item when the submission
  // has an item the framework does not.
  const RuleBook& for_unit(const Submission& submission);

 private:
  const RuleBook& load_book(const Submission& submission);

  std::filesystem::path rules_root_;
  std::optional<std::filesystem::path> rules_dir_;
  std::mutex mutex_;
  std::map<std::string, std::unique_ptr<RuleBook>> books_;  // by framework name
};

}  // namespace oitscan::check
