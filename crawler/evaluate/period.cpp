#include "evaluate/period.hpp"

#include <chrono>
#include <cstdio>

namespace oitscan::evaluate {

std::optional<Day> parse_day(std::string_view text) {
  int y = 0, m = 0, d = 0;
  char tail = 0;
  const std::string s(text);
  if (std::sscanf(s.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3) return std::nullopt;
  const std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
                                        std::chrono::day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return std::nullopt;
  return Day{y, m, d};
}

std::optional<Period> parse_period(std::string_view text) {
  const auto slash = text.find('/');
  if (slash == std::string_view::npos) {
    auto d = parse_day(text);
    if (!d) return std::nullopt;
    return Period{*d, *d};
  }
  auto a = parse_day(text.substr(0, slash));
  auto b = parse_day(text.substr(slash + 1));
  if (!a || !b || !(*a <= *b)) return std::nullopt;
  return Period{*a, *b};
}

std::vector<Day> months_of(const Period& p) {
  std::vector<Day> out;
  int y = p.first.year, m = p.first.month;
  while (y < p.last.year || (y == p.last.year && m <= p.last.month)) {
    out.push_back(Day{y, m, 1});
    if (++m > 12) {
      m = 1;
      ++y;
    }
  }
  return out;
}

std::vector<Period> quarters_of(const Period& p) {
  std::vector<Period> out;
  const auto months = months_of(p);
  for (std::size_t i = 0; i < months.size(); i += 3) {
    const Day& a = months[i];
    const Day& b = months[std::min(i + 2, months.size() - 1)];
    out.push_back(Period{a, Day{b.year, b.month, thai::days_in_month(b.year, b.month)}});
  }
  return out;
}

long days_between(const Day& a, const Day& b) {
  using namespace std::chrono;
  auto to_days = [](const Day& d) {
    return sys_days{year_month_day{year{d.year}, month{static_cast<unsigned>(d.month)}, day{static_cast<unsigned>(d.day)}}};
  };
  return static_cast<long>((to_days(b) - to_days(a)).count());
}

std::string to_iso(const Day& d) { return thai::iso_date(d); }

}  // namespace oitscan::evaluate
