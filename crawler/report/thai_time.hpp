#pragma once
// Times as Thai readers expect them on reports and the dashboard: Bangkok time (UTC+7, no
// daylight saving) and the Buddhist-era year. oitscan stores ISO 8601 UTC everywhere
// ("2026-11-21T01:00:00Z"); this is the only place that turns them into Thai.
#include <ctime>
#include <optional>
#include <string>
#include <string_view>

namespace oitscan::report {

// "2026-11-21T01:00:00Z" (or with an explicit ±HH:MM offset) -> seconds since the epoch.
std::optional<std::time_t> parse_iso8601(std::string_view text);

// "21 พฤศจิกายน 2569 เวลา 08:00 น." — the input when it is not an ISO 8601 time.
std::string thai_datetime(std::string_view iso);
// "21 พ.ย. 2569 08:00"
std::string thai_datetime_short(std::string_view iso);
// "21 พ.ย. 2569"
std::string thai_date_short(std::string_view iso);

}  // namespace oitscan::report
