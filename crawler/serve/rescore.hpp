#pragma once
// The OIT score of a results document whose verdicts auditors changed: the scoring core applied to
// the effective item verdicts (contracts.md: "The score uses the overriding verdict").
#include <nlohmann/json.hpp>

#include "score/framework.hpp"

namespace oitscan::serve {

// Replaces results["score"] oit, oit_min, oit_max and indicators from results["items"][*]["verdict"].
void rescore(nlohmann::ordered_json& results, const score::Framework& framework);

}  // namespace oitscan::serve
