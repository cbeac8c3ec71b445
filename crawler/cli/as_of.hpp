#pragma once
// `--as-of YYYY-MM-DD`, shared by check and scan.
#include <string>

#include "evaluate/period.hpp"

namespace oitscan::cli {

// The assessment date the user typed. Throws InputError naming --as-of unless it is a real
// Gregorian (CE) date in a sane range: a Buddhist Era year typed by habit (2567-10-01) or a slip
// (0024-10-01) would otherwise judge every period as long past or far ahead, with no error.
evaluate::Day parse_as_of(const std::string& text);

}  // namespace oitscan::cli
