#include "check/rule_catalog.hpp"

#include "common/input_error.hpp"
#include "score/framework_loader.hpp"

namespace oitscan::check {

RuleCatalog::RuleCatalog(std::filesystem::path rules_root, std::optional<std::filesystem::path> rules_dir)
    : rules_root_(std::move(rules_root)), rules_dir_(std::move(rules_dir)) {}

namespace {

// Item ids are checked here, not when the submission is read: only the framework knows its items
// (O1 … O22 in 2568; another year may have more). An item it does not have used to be dropped
// silently, so a typo (O23 for O22) lost a whole item's evidence.
void check_items_in_framework(const Submission& submission, const score::Framework& framework) {
  std::string known;
  for (const auto& node : framework.nodes) {
    if (node.kind == score::NodeKind::Item) known += (known.empty() ? "" : ", ") + node.id;
  }
  for (const auto& [id, urls] : submission.items) {
    const int at = framework.find(id);
    if (at >= 0 && framework.node(at).kind == score::NodeKind::Item) continue;
    const auto line = submission.item_lines.find(id);
    throw InputError(submission.file.string(), line == submission.item_lines.end() ? 0 : line->second, "items." + id,
                     "not an item of " + framework.id + " (" + known + ")");
  }
}

}  // namespace

const RuleBook& RuleCatalog::for_unit(const Submission& submission) {
  const RuleBook& book = load_book(submission);
  check_items_in_framework(submission, book.framework);
  return book;
}

const RuleBook& RuleCatalog::load_book(const Submission& submission) {
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
