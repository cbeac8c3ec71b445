#include "score/exact.hpp"

#include <charconv>
#include <cstdlib>

namespace oitscan::score {
namespace {

using boost::multiprecision::cpp_int;

cpp_int pow10(int n) {
  cpp_int p = 1;
  for (int i = 0; i < n; ++i) p *= 10;
  return p;
}

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

std::optional<Exact> parse_decimal(std::string_view s) {
  bool negative = false;
  if (!s.empty() && (s.front() == '-' || s.front() == '+')) {
    negative = s.front() == '-';
    s.remove_prefix(1);
  }
  int exponent = 0;
  if (auto e = s.find_first_of("eE"); e != std::string_view::npos) {
    std::string_view exp_text = s.substr(e + 1);
    bool exp_negative = false;
    if (!exp_text.empty() && (exp_text.front() == '-' || exp_text.front() == '+')) {
      exp_negative = exp_text.front() == '-';
      exp_text.remove_prefix(1);
    }
    if (!all_digits(exp_text) || exp_text.size() > 4) return std::nullopt;
    exponent = std::atoi(std::string(exp_text).c_str());
    if (exp_negative) exponent = -exponent;
    s = s.substr(0, e);
  }
  std::string_view int_part = s;
  std::string_view frac_part;
  if (auto dot = s.find('.'); dot != std::string_view::npos) {
    int_part = s.substr(0, dot);
    frac_part = s.substr(dot + 1);
    if (!frac_part.empty() && !all_digits(frac_part)) return std::nullopt;
  }
  if (int_part.empty() && frac_part.empty()) return std::nullopt;
  if (!int_part.empty() && !all_digits(int_part)) return std::nullopt;
  cpp_int numerator(std::string(int_part.empty() ? "0" : int_part) + std::string(frac_part));
  int scale = static_cast<int>(frac_part.size()) - exponent;
  Exact value = scale >= 0 ? Exact(numerator, pow10(scale)) : Exact(numerator * pow10(-scale));
  return negative ? Exact(-value) : value;
}

}  // namespace

std::optional<Exact> parse_exact(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  if (auto slash = text.find('/'); slash != std::string_view::npos) {
    auto num = parse_decimal(text.substr(0, slash));
    auto den = parse_decimal(text.substr(slash + 1));
    if (!num || !den || *den == 0) return std::nullopt;
    return Exact(*num / *den);
  }
  return parse_decimal(text);
}

Exact exact_from_double(double value) {
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
  if (ec != std::errc()) return Exact(0);
  auto parsed = parse_decimal(std::string_view(buf, static_cast<std::size_t>(end - buf)));
  return parsed ? *parsed : Exact(0);
}

Exact round_half_up(const Exact& value, int decimals) {
  const cpp_int scale = pow10(decimals);
  const Exact scaled = value * Exact(scale);
  const cpp_int num = boost::multiprecision::numerator(scaled);
  const cpp_int den = boost::multiprecision::denominator(scaled);
  // |scaled| + 1/2, floored, with the sign put back: half away from zero.
  cpp_int magnitude = num < 0 ? cpp_int(-num) : num;
  cpp_int rounded = (2 * magnitude + den) / (2 * den);
  if (num < 0) rounded = -rounded;
  return Exact(rounded, scale);
}

std::string to_fixed(const Exact& value, int decimals) {
  const Exact rounded = round_half_up(value, decimals);
  const cpp_int scaled = boost::multiprecision::numerator(rounded * Exact(pow10(decimals)));
  const bool negative = scaled < 0;
  std::string digits = (negative ? cpp_int(-scaled) : scaled).str();
  const auto places = static_cast<std::size_t>(decimals);
  if (digits.size() <= places) digits.insert(0, places + 1 - digits.size(), '0');
  std::string out = negative ? "-" : "";
  out += digits.substr(0, digits.size() - places);
  if (decimals > 0) out += "." + digits.substr(digits.size() - places);
  return out;
}

double to_double(const Exact& value) {
  // 17 significant digits are enough to pick the nearest double; strtod rounds correctly.
  const std::string text = to_fixed(value, 17);
  return std::strtod(text.c_str(), nullptr);
}

}  // namespace oitscan::score
