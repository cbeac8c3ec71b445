#pragma once
// Exact arithmetic for scores. Published ITA figures are rounded half-up to 2 decimals at each
// level; binary floating point would turn 98.545 into 98.54499… and round the wrong way, so every
// score is an exact rational from input to output.
#include <boost/multiprecision/cpp_int.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace oitscan::score {

using Exact = boost::multiprecision::cpp_rational;

// Parses "97.94", "-1.5e2", "100/3", "42". Returns nullopt for anything else.
std::optional<Exact> parse_exact(std::string_view text);

// The exact decimal a double was written as: the shortest text that round-trips (97.94 -> 97.94).
Exact exact_from_double(double value);

// Rounds half away from zero to `decimals` places (scores are never negative, so this is half-up).
Exact round_half_up(const Exact& value, int decimals);

// Fixed-point text with exactly `decimals` places, e.g. "98.55", "100.00".
std::string to_fixed(const Exact& value, int decimals);

// For JSON output: the double nearest to the (already rounded) value.
double to_double(const Exact& value);

}  // namespace oitscan::score
