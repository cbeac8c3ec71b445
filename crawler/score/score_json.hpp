#pragma once
// ScoreResult -> the JSON document of contracts.md (schema oitscan.score/1).
#include <nlohmann/json.hpp>

#include "score/engine.hpp"

namespace oitscan::score {

// Contract fields: schema, framework, tools, indicators (with sub- and sub-sub-indicators),
// questions (with sub-items), total, level. Extensions: items (OIT item scores),
// weighted_tools (the "weighted" column of published tables), grades (7-grade years grade every
// figure), missing (why a tool or the total could not be computed).
nlohmann::ordered_json score_to_json(const Framework& fw, const ScoreResult& result);

nlohmann::ordered_json level_to_json(const RatingLevel& level);

}  // namespace oitscan::score
