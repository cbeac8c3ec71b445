#pragma once
// Values of HTTP headers the fetch stage interprets: Retry-After, Last-Modified, the charset label.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "fetch/response.hpp"

namespace oitscan::fetch {

// Retry-After is either delta-seconds or an HTTP-date; returns the wait from `now`, clamped at 0.
std::optional<std::chrono::milliseconds> parse_retry_after(std::string_view value,
                                                           std::chrono::system_clock::time_point now);

// An HTTP-date in any of the three RFC 9110 forms (Last-Modified, Date); nullopt when unreadable.
std::optional<std::chrono::sys_seconds> parse_http_date(std::string_view value);

// The `charset=` parameter of a Content-Type value, verbatim (quotes removed), or empty.
std::string charset_label(std::string_view content_type);

// The file name a Content-Disposition value gives (RFC 6266), for any disposition type:
// `filename*=UTF-8''%E0%B8%A3...` (RFC 8187: percent-decoded; UTF-8 or ISO-8859-1, the latter
// converted to UTF-8) wins over `filename="x.pdf"`. A plain filename that is percent-encoded UTF-8
// (as PHP download scripts send Thai names) is decoded as browsers do; any other plain filename is
// kept byte for byte. Directory parts ("../", "C:\") are dropped. Empty when there is none.
std::string content_disposition_filename(std::string_view value);

// Sets the fields read from the final response's headers: content_type, charset, last_modified,
// attachment_filename.
void read_entity_headers(Response& r);

}  // namespace oitscan::fetch
