#include "thai/months.hpp"

namespace oitscan::thai {

std::string_view month_full_th(int month) {
  for (const auto& m : kFullMonths) {
    if (m.month == month) return m.name;  // first entry per month is the correct spelling
  }
  return {};
}

std::string month_abbr_th(int month) {
  if (month < 1 || month > 12) return {};
  const MonthAbbr& a = kAbbrMonths[static_cast<std::size_t>(month - 1)];
  return std::string(a.first) + "." + std::string(a.second) + ".";
}

std::optional<int> month_from_word(std::string_view word) {
  for (const auto& m : kFullMonths) {
    if (word == m.name) return m.month;
  }
  for (const auto& a : kAbbrMonths) {
    if (word == a.undotted || word == std::string(a.undotted) + ".") return a.month;  // "ตค" / "ตค.
    const std::string dotted = std::string(a.first) + "." + std::string(a.second);
    if (word == dotted || word == dotted + ".") return a.month;
  }
  return std::nullopt;
}

}  // namespace oitscan::thai
