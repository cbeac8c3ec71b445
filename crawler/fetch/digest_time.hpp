#pragma once
// Small helpers shared by the fetch stage: digests, timestamps, header values.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace oitscan::fetch {

std::string sha256_hex(std::string_view bytes);  // OpenSSL EVP

std::string iso8601_utc(std::chrono::system_clock::time_point t);  // 2026-11-21T01:00:00Z

// Retry-After is either delta-seconds or an HTTP-date; returns the wait from `now`, clamped at 0.
std::optional<std::chrono::milliseconds> parse_retry_after(std::string_view value,
                                                           std::chrono::system_clock::time_point now);

// The `charset=` parameter of a Content-Type value, verbatim (quotes removed), or empty.
std::string charset_label(std::string_view content_type);

bool iequals(std::string_view a, std::string_view b);
std::string_view trim(std::string_view s);

}  // namespace oitscan::fetch
