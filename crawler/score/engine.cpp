#include "score/engine.hpp"

#include <algorithm>
#include <functional>

namespace oitscan::score {
namespace {

class Engine {
 public:
  Engine(const Framework& fw, const ScoreInput& input)
      : fw_(fw), input_(input), raw_(fw.nodes.size()), done_(fw.nodes.size(), false) {}

  ScoreResult run() {
    ScoreResult result;
    result.values.resize(fw_.nodes.size());
    for (std::size_t i = 0; i < fw_.nodes.size(); ++i) {
      if (auto v = value(static_cast<int>(i))) result.values[i] = round_half_up(*v, fw_.decimals);
    }
    std::vector<Exact> tools;
    Exact weighted = 0;
    Exact weights = 0;
    for (int t : fw_.tools) {
      const auto& v = result.values[static_cast<std::size_t>(t)];
      if (!v) {
        result.missing.push_back(fw_.node(t).id + ": " + describe_missing(t));
        continue;
      }
      // The total is computed from the tool scores as published (2 decimals), not from the
      // rounded weighted parts (002: 29.80 + 28.74 + 40.00 = 98.54, yet the total is 98.55).
      tools.push_back(*v);
      weighted += fw_.node(t).weight * *v;
      weights += fw_.node(t).weight;
    }
    if (result.missing.empty()) {
      result.total = round_half_up(weighted / weights, fw_.decimals);
      result.level = &rate(fw_, *result.total, tools);
    }
    return result;
  }

 private:
  // The score of a node, rounded per level when the framework says so; nullopt when missing.
  std::optional<Exact> value(int index) {
    const auto i = static_cast<std::size_t>(index);
    if (done_[i]) return raw_[i];
    done_[i] = true;
    raw_[i] = compute(index);
    return raw_[i];
  }

  std::optional<Exact> compute(int index) {
    if (auto it = input_.given.find(index); it != input_.given.end()) return it->second;
    const Node& node = fw_.node(index);
    if (auto it = input_.counts.find(index); it != input_.counts.end()) {
      return level_round(from_counts(fw_.scales[static_cast<std::size_t>(node.scale)], it->second));
    }
    std::vector<int> parts = parts_of(index);
    if (parts.empty()) return std::nullopt;  // a leaf nobody gave a score for
    Exact sum = 0;
    for (int p : parts) {
      auto v = value(p);
      if (!v) return std::nullopt;
      sum += *v;
    }
    return level_round(sum / Exact(static_cast<long long>(parts.size())));
  }

  Exact level_round(const Exact& v) const { return fw_.round_each_level ? round_half_up(v, fw_.decimals) : v; }

  static Exact from_counts(const Scale& scale, const std::vector<Exact>& counts) {
    Exact weighted = 0;
    Exact n = 0;
    for (std::size_t k = 0; k < counts.size(); ++k) {
      weighted += counts[k] * scale.scores[k];
      n += counts[k];
    }
    return weighted / n;
  }

  // The nodes whose mean a node is: its children, or all questions / items below it.
  std::vector<int> parts_of(int index) const {
    const Node& node = fw_.node(index);
    if (node.aggregate == Aggregate::Children) return node.children;
    const NodeKind wanted = node.aggregate == Aggregate::Questions ? NodeKind::Question : NodeKind::Item;
    std::vector<int> out;
    std::function<void(int)> walk = [&](int n) {
      for (int c : fw_.node(n).children) {
        if (fw_.node(c).kind == wanted) out.push_back(c);
        else walk(c);
      }
    };
    walk(index);
    return out;
  }

  // Names the leaves whose absence keeps a node from being computed (at most a few).
  std::string describe_missing(int index) {
    std::vector<std::string> leaves;
    std::function<void(int)> walk = [&](int n) {
      if (value(n)) return;
      auto parts = parts_of(n);
      if (parts.empty()) {
        leaves.push_back(fw_.node(n).id);
        return;
      }
      for (int p : parts) walk(p);
    };
    walk(index);
    std::string out = "no score for ";
    const std::size_t shown = std::min<std::size_t>(leaves.size(), 8);
    for (std::size_t k = 0; k < shown; ++k) out += (k ? ", " : "") + leaves[k];
    if (leaves.size() > shown) out += " and " + std::to_string(leaves.size() - shown) + " more";
    return out;
  }

  const Framework& fw_;
  const ScoreInput& input_;
  std::vector<std::optional<Exact>> raw_;
  std::vector<bool> done_;
};

}  // namespace

ScoreResult compute_scores(const Framework& fw, const ScoreInput& input) { return Engine(fw, input).run(); }

const RatingLevel& rate(const Framework& fw, const Exact& total, const std::vector<Exact>& tool_scores) {
  for (const auto& level : fw.rating) {
    if (total < level.min_total) continue;
    if (level.min_each_tool &&
        std::any_of(tool_scores.begin(), tool_scores.end(), [&](const Exact& t) { return t < *level.min_each_tool; })) {
      continue;
    }
    return level;
  }
  return fw.rating.back();  // the loader guarantees the last level accepts every score
}

const RatingLevel& grade(const Framework& fw, const Exact& score) {
  for (const auto& level : fw.rating) {
    if (score >= level.min_total) return level;
  }
  return fw.rating.back();
}

}  // namespace oitscan::score
