#include "check/rule_catalog.hpp"

#include "common/input_error.hpp"
#include "score/framework_loader.hpp"

namespace oitscan::check {

RuleCatalog::RuleCatalog(std::filesystem::path rules_root, std::optional<std::filesystem::path> rules_dir)
    : rules_root_(std::move(rules_root)), rules_dir_(std::move(rules_dir)) {}

const RuleBook& RuleCatalog::for_unit(const Submission& submission) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto& book = books_[submission.framework];
  if (book) return *book;
  const auto dir = rules_dir_.value_or(rules_root_ / submission.framework);
  if (!std::filesystem::exists(dir / "ruleset.yaml")) {
    throw InputError(submission.file.string(), 0, "framework",
                     "no rule set for '" + submission.framework + "' (looked in " + dir.string() + ")");
  }
  auto loaded = std::make_unique<RuleBook>();
  loaded->rules = evaluate::load_rule_set(dir);
  loaded->framework = score::load_framework(loaded->rules->framework, rules_root_ / "frameworks");
  book = std::move(loaded);
  return *book;
}

}  // namespace oitscan::check
