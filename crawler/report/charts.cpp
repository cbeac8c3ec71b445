#include "report/charts.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace oitscan::report {
namespace {

std::string fixed(double v, int decimals) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

}  // namespace

std::string two_decimals(std::optional<double> value) { return value ? fixed(*value, 2) : "–"; }

std::string trend_svg(const std::vector<std::optional<double>>& values, const std::string& label) {
  constexpr double kWidth = 120;
  constexpr double kHeight = 28;
  constexpr double kPad = 3;
  // The y range spans the values seen (at least 5 points wide), so 95.0 → 92.5 is visible.
  double lo = 100;
  double hi = 0;
  for (const auto& v : values) {
    if (!v) continue;
    lo = std::min(lo, *v);
    hi = std::max(hi, *v);
  }
  if (lo > hi) lo = hi = 0;
  if (hi - lo < 5) {
    const double mid = (hi + lo) / 2;
    lo = std::max(0.0, mid - 2.5);
    hi = std::min(100.0, lo + 5);
    lo = hi - 5;
  }
  const std::size_t n = values.size();
  auto x = [&](std::size_t i) { return n <= 1 ? kWidth / 2 : kPad + (kWidth - 2 * kPad) * static_cast<double>(i) / static_cast<double>(n - 1); };
  auto y = [&](double v) { return kHeight - kPad - (kHeight - 2 * kPad) * (v - lo) / (hi - lo); };

  std::string out = "<svg class=\"trend\" role=\"img\" width=\"120\" height=\"28\" viewBox=\"0 0 120 28\" xmlns=\"http://www.w3.org/2000/svg\"><title>" +
                    label + "</title>";
  std::string points;
  auto flush = [&]() {
    if (!points.empty()) out += "<polyline fill=\"none\" stroke=\"#2f5d9b\" stroke-width=\"1.5\" points=\"" + points + "\"/>";
    points.clear();
  };
  for (std::size_t i = 0; i < n; ++i) {
    if (!values[i]) {
      flush();
      continue;
    }
    points += (points.empty() ? "" : " ") + fixed(x(i), 1) + "," + fixed(y(*values[i]), 1);
  }
  flush();
  if (n > 0 && values.back()) {
    out += "<circle cx=\"" + fixed(x(n - 1), 1) + "\" cy=\"" + fixed(y(*values.back()), 1) + "\" r=\"2.5\" fill=\"#2f5d9b\"/>";
  }
  return out + "</svg>";
}

std::string gauge_svg(std::optional<double> value, const std::string& rating_label) {
  // A half circle of radius 80 centred at (100, 100); the arc sweeps from the left (0) to the right (100).
  const double v = value ? std::clamp(*value, 0.0, 100.0) : 0.0;
  const double angle = M_PI * (1.0 - v / 100.0);
  const double ex = 100 + 80 * std::cos(angle);
  const double ey = 100 - 80 * std::sin(angle);
  const char* colour = v >= 85 ? "#1b6e2a" : v >= 60 ? "#c28a00" : "#b3261e";
  std::string out =
      "<svg class=\"gauge\" role=\"img\" width=\"200\" height=\"130\" viewBox=\"0 0 200 130\" xmlns=\"http://www.w3.org/2000/svg\">"
      "<title>OIT " + two_decimals(value) + " " + rating_label + "</title>"
      "<path d=\"M 20 100 A 80 80 0 0 1 180 100\" fill=\"none\" stroke=\"#e3e3e3\" stroke-width=\"16\"/>";
  if (value && v > 0) {
    out += "<path d=\"M 20 100 A 80 80 0 0 1 " + fixed(ex, 2) + " " + fixed(ey, 2) + "\" fill=\"none\" stroke=\"" + colour +
           "\" stroke-width=\"16\"/>";
  }
  out += "<text x=\"100\" y=\"92\" text-anchor=\"middle\" font-size=\"28\" font-weight=\"bold\">" + two_decimals(value) + "</text>";
  out += "<text x=\"100\" y=\"124\" text-anchor=\"middle\" font-size=\"16\">" + rating_label + "</text>";
  return out + "</svg>";
}

}  // namespace oitscan::report
