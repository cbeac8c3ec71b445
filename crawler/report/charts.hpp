#pragma once
// Inline SVG charts (no script, no network): the 30-night OIT trend of the dashboard and the score
// gauge of the unit report.
#include <optional>
#include <string>
#include <vector>

namespace oitscan::report {

// A sparkline of OIT values, oldest first (absent values leave a gap). `label` becomes the SVG
// title (already escaped by the caller).
std::string trend_svg(const std::vector<std::optional<double>>& oldest_first, const std::string& label);

// A half-circle gauge 0–100 with the value and the rating label underneath (label escaped by the caller).
std::string gauge_svg(std::optional<double> value, const std::string& rating_label);

// "95.45", or "–" when absent.
std::string two_decimals(std::optional<double> value);

}  // namespace oitscan::report
