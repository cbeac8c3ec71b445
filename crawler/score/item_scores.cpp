#include "score/item_scores.hpp"

namespace oitscan::score {
namespace {

ScoreResult score_with(const Framework& framework, const std::vector<evaluate::ItemVerdict>& items, bool unverified_passes) {
  ScoreInput input;
  for (const auto& item : items) {
    const int index = framework.find(item.item);
    if (index < 0 || framework.node(index).kind != NodeKind::Item) continue;  // not scored by this framework
    const bool pass = item.verdict == evaluate::Verdict::Pass ||
                      (unverified_passes && item.verdict == evaluate::Verdict::Unverified);
    input.given[index] = Exact(pass ? 100 : 0);
  }
  return compute_scores(framework, input);
}

}  // namespace

OitScore score_item_verdicts(const Framework& framework, const std::vector<evaluate::ItemVerdict>& items) {
  return {score_with(framework, items, false), score_with(framework, items, true)};
}

std::optional<Exact> oit_of(const Framework& framework, const ScoreResult& result) {
  const int index = framework.find("OIT");
  if (index < 0) return std::nullopt;
  return result.values.at(static_cast<std::size_t>(index));
}

}  // namespace oitscan::score
