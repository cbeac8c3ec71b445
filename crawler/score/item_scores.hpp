#pragma once
// The scoring core fed directly with a unit's item verdicts (the check pipeline's input): the OIT
// score with unverified items counted as failed (`oit`, the score the unit would get) and as passed
// (`oit_max`, what it could get once we can look).
#include <optional>
#include <vector>

#include "evaluate/evaluator.hpp"
#include "score/engine.hpp"
#include "score/framework.hpp"

namespace oitscan::score {

struct OitScore {
  ScoreResult with_unverified_failed;
  ScoreResult with_unverified_passed;
};

OitScore score_item_verdicts(const Framework& framework, const std::vector<evaluate::ItemVerdict>& items);

// The value of the framework's OIT tool in a result, if computed.
std::optional<Exact> oit_of(const Framework& framework, const ScoreResult& result);

}  // namespace oitscan::score
