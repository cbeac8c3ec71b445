#pragma once
// The terminal summary of a check: one line per item with verdict, and for each failing
// requirement the reason and the fix, in Thai and English.
#include <nlohmann/json.hpp>

#include <ostream>

namespace oitscan::cli {

void print_summary(std::ostream& out, const nlohmann::ordered_json& results);

}  // namespace oitscan::cli
