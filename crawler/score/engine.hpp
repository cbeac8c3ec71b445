#pragma once
// The scoring engine: aggregates the lowest level given upward, exactly as the framework says.
#include <optional>
#include <string>
#include <vector>

#include "score/framework.hpp"
#include "score/score_input.hpp"

namespace oitscan::score {

struct ScoreResult {
  // Per framework node (same indexing as Framework::nodes): the score, rounded for output;
  // nullopt where neither given nor computable from what was given.
  std::vector<std::optional<Exact>> values;
  std::optional<Exact> total;            // needs every tool
  const RatingLevel* level = nullptr;    // rating of the total, with the per-tool conditions
  std::vector<std::string> missing;      // why a tool could not be computed, e.g. "OIT: no score for O5"
};

ScoreResult compute_scores(const Framework& fw, const ScoreInput& input);

// The rating level for a total and tool scores (2-decimal values), best level whose conditions hold.
const RatingLevel& rate(const Framework& fw, const Exact& total, const std::vector<Exact>& tool_scores);

// The grade of a single figure by the rating table's total ranges alone (7-grade years grade
// indicators and questions this way).
const RatingLevel& grade(const Framework& fw, const Exact& score);

}  // namespace oitscan::score
