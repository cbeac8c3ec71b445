#pragma once
// Timestamps as oitscan writes them everywhere (results.json, WARC-Date, SQLite): ISO 8601 UTC
// to the second, "2026-11-21T01:00:00Z".
#include <chrono>
#include <ctime>
#include <string>

namespace oitscan {

std::string iso8601_utc(std::chrono::system_clock::time_point t);
std::string iso8601_utc(std::time_t t);
std::string iso8601_utc_now();

}  // namespace oitscan
