#include "report/thai_time.hpp"

#include <cstdio>

#include "thai/months.hpp"

namespace oitscan::report {
namespace {

constexpr std::time_t kBangkokOffset = 7 * 3600;

int digits(std::string_view s, std::size_t pos, std::size_t n) {
  int v = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (i >= s.size() || s[i] < '0' || s[i] > '9') return -1;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

std::optional<std::tm> bangkok(std::string_view iso) {
  const auto t = parse_iso8601(iso);
  if (!t) return std::nullopt;
  const std::time_t local = *t + kBangkokOffset;
  std::tm tm{};
  if (gmtime_r(&local, &tm) == nullptr) return std::nullopt;
  return tm;
}

std::string two(int v) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d", v);
  return buf;
}

}  // namespace

std::optional<std::time_t> parse_iso8601(std::string_view s) {
  // YYYY-MM-DDTHH:MM:SS then Z or ±HH:MM (fractions of a second are ignored).
  if (s.size() < 20 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != ' ') || s[13] != ':' || s[16] != ':') {
    return std::nullopt;
  }
  std::tm tm{};
  tm.tm_year = digits(s, 0, 4) - 1900;
  tm.tm_mon = digits(s, 5, 2) - 1;
  tm.tm_mday = digits(s, 8, 2);
  tm.tm_hour = digits(s, 11, 2);
  tm.tm_min = digits(s, 14, 2);
  tm.tm_sec = digits(s, 17, 2);
  if (tm.tm_year < 0 || tm.tm_mon < 0 || tm.tm_mon > 11 || tm.tm_mday < 1 || tm.tm_mday > 31 || tm.tm_hour < 0 ||
      tm.tm_hour > 23 || tm.tm_min < 0 || tm.tm_min > 59 || tm.tm_sec < 0 || tm.tm_sec > 60) {
    return std::nullopt;
  }
  std::size_t pos = 19;
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
  }
  long offset = 0;
  if (pos < s.size() && s[pos] == 'Z') {
    ++pos;
  } else if (pos + 6 == s.size() && (s[pos] == '+' || s[pos] == '-') && s[pos + 3] == ':') {
    const int h = digits(s, pos + 1, 2);
    const int m = digits(s, pos + 4, 2);
    if (h < 0 || m < 0) return std::nullopt;
    offset = (s[pos] == '-' ? -1 : 1) * (h * 3600L + m * 60L);
    pos += 6;
  } else {
    return std::nullopt;
  }
  if (pos != s.size()) return std::nullopt;
  return timegm(&tm) - offset;
}

std::string thai_datetime(std::string_view iso) {
  const auto tm = bangkok(iso);
  if (!tm) return std::string(iso);
  return std::to_string(tm->tm_mday) + " " + std::string(thai::month_full_th(tm->tm_mon + 1)) + " " +
         std::to_string(tm->tm_year + 1900 + 543) + " เวลา " + two(tm->tm_hour) + ":" + two(tm->tm_min) + " น.";
}

std::string thai_datetime_short(std::string_view iso) {
  const auto tm = bangkok(iso);
  if (!tm) return std::string(iso);
  return std::to_string(tm->tm_mday) + " " + thai::month_abbr_th(tm->tm_mon + 1) + " " +
         std::to_string(tm->tm_year + 1900 + 543) + " " + two(tm->tm_hour) + ":" + two(tm->tm_min);
}

std::string thai_date_short(std::string_view iso) {
  const auto tm = bangkok(iso);
  if (!tm) return std::string(iso);
  return std::to_string(tm->tm_mday) + " " + thai::month_abbr_th(tm->tm_mon + 1) + " " + std::to_string(tm->tm_year + 1900 + 543);
}

}  // namespace oitscan::report
