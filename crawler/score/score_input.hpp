#pragma once
// The input of `oitscan score`: scores at any level, validated against a framework.
#include <map>
#include <string>
#include <vector>

#include "score/framework.hpp"

namespace oitscan::score {

struct ScoreInput {
  std::map<int, Exact> given;                // node index -> score used as given (0-100)
  std::map<int, std::vector<Exact>> counts;  // leaf question/sub-item -> answer counts, scale order
};

// Parses the JSON of contracts.md ("questions", "oit_items", "subindicators", "indicators",
// "tools"). Throws InputError naming `file_name`, the line, and the field.
ScoreInput parse_score_input(const Framework& fw, const std::string& json_text, const std::string& file_name);

}  // namespace oitscan::score
