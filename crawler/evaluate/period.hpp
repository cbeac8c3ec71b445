#pragma once
// Periods the rules speak of ("fiscal-year", "first-half", …), resolved per rule set so that
// next year's rules are a data change: rules/<set>/ruleset.yaml names them with dates.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "thai/dates.hpp"

namespace oitscan::evaluate {

using Day = thai::CivilDate;

struct Period {
  Day first;
  Day last;  // inclusive
  bool contains(const Day& d) const { return first <= d && d <= last; }
  bool overlaps(const Day& a, const Day& b) const { return a <= last && first <= b; }
};

// "2024-10-01/2025-03-31" or "2024-10-01"; nullopt when malformed.
std::optional<Period> parse_period(std::string_view text);
std::optional<Day> parse_day(std::string_view text);

// Months (year, month) a period touches, in order.
std::vector<Day> months_of(const Period& p);  // day = 1

// Quarters of a fiscal-year-aligned period: (first, last) of each 3-month block from its start.
std::vector<Period> quarters_of(const Period& p);

// Days between two dates (b - a).
long days_between(const Day& a, const Day& b);

std::string to_iso(const Day& d);

}  // namespace oitscan::evaluate
