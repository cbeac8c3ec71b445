#include "score/score_json.hpp"

namespace oitscan::score {

nlohmann::ordered_json level_to_json(const RatingLevel& level) {
  return {{"code", level.code}, {"th", level.th}, {"en", level.en}};
}

nlohmann::ordered_json score_to_json(const Framework& fw, const ScoreResult& result) {
  using ordered_json = nlohmann::ordered_json;
  ordered_json out = {{"schema", "oitscan.score/1"}, {"framework", fw.id}};
  ordered_json tools = ordered_json::object(), indicators = ordered_json::object(), questions = ordered_json::object(), items = ordered_json::object();
  ordered_json grades = ordered_json::object();
  for (std::size_t i = 0; i < fw.nodes.size(); ++i) {
    const auto& v = result.values[i];
    if (!v) continue;
    const Node& node = fw.nodes[i];
    const double number = to_double(*v);
    switch (node.kind) {
      case NodeKind::Tool: tools[node.id] = number; break;
      case NodeKind::Indicator:
      case NodeKind::Subindicator: indicators[node.id] = number; break;
      case NodeKind::Question:
      case NodeKind::SubItem: questions[node.id] = number; break;
      case NodeKind::Item: items[node.id] = number; break;
    }
    if (fw.grade_each_level) grades[node.id] = grade(fw, *v).code;
  }
  out["tools"] = tools;
  out["indicators"] = indicators;
  out["questions"] = questions;
  out["items"] = items;
  if (result.total) {
    ordered_json weighted = ordered_json::object();
    Exact weights = 0;
    for (int t : fw.tools) weights += fw.node(t).weight;
    for (int t : fw.tools) {
      const auto& v = result.values[static_cast<std::size_t>(t)];
      weighted[fw.node(t).id] = to_double(round_half_up(fw.node(t).weight * *v / weights, fw.decimals));
    }
    out["weighted_tools"] = weighted;
    out["total"] = to_double(*result.total);
    out["level"] = level_to_json(*result.level);
    if (fw.grade_each_level) grades["total"] = result.level->code;
  } else {
    out["total"] = nullptr;
    out["level"] = nullptr;
  }
  if (fw.grade_each_level) out["grades"] = grades;
  if (!result.missing.empty()) out["missing"] = result.missing;
  return out;
}

}  // namespace oitscan::score
