#pragma once
// The terminal summary of a check: one line per item with verdict, and for each failing
// requirement the reason and the fix, in Thai, English or both (--lang), coloured on a terminal.
#include <nlohmann/json.hpp>

#include <ostream>

#include "cli/terminal.hpp"

namespace oitscan::cli {

void print_summary(std::ostream& out, const nlohmann::ordered_json& results, const Terminal& term = Terminal{});

}  // namespace oitscan::cli
