#include "fetch/header_values.hpp"

#include <curl/curl.h>

#include <array>
#include <cctype>
#include <charconv>
#include <ctime>
#include <memory>
#include <stdexcept>

#include "common/text.hpp"

namespace oitscan::fetch {

std::optional<std::chrono::milliseconds> parse_retry_after(std::string_view value,
                                                           std::chrono::system_clock::time_point now) {
  value = trim(value);
  if (value.empty()) return std::nullopt;
  long long secs = 0;
  const auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), secs);
  if (ec == std::errc() && ptr == value.data() + value.size()) {
    return std::chrono::milliseconds(std::max(0LL, secs) * 1000);
  }
  // HTTP-date: libcurl's parser handles the three RFC 9110 formats.
  const auto when = parse_http_date(value);
  if (!when) return std::nullopt;
  const auto diff = *when - now;
  return std::max(std::chrono::milliseconds(0), std::chrono::duration_cast<std::chrono::milliseconds>(diff));
}

std::optional<std::chrono::sys_seconds> parse_http_date(std::string_view value) {
  // libcurl's parser handles the three RFC 9110 formats.
  const std::string copy(trim(value));
  if (copy.empty()) return std::nullopt;
  const time_t when = curl_getdate(copy.c_str(), nullptr);
  if (when < 0) return std::nullopt;
  return std::chrono::sys_seconds(std::chrono::seconds(when));
}

std::string charset_label(std::string_view content_type) {
  std::size_t pos = 0;
  while ((pos = content_type.find(';', pos)) != std::string_view::npos) {
    ++pos;
    std::string_view param = content_type.substr(pos);
    param = param.substr(0, param.find(';'));
    param = trim(param);
    const auto eq = param.find('=');
    if (eq == std::string_view::npos) continue;
    if (!iequals(trim(param.substr(0, eq)), "charset")) continue;
    std::string_view v = trim(param.substr(eq + 1));
    if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
    return std::string(v);
  }
  return {};
}

void read_entity_headers(Response& r) {
  r.content_type.clear();
  r.last_modified.reset();
  for (const auto& [name, value] : r.headers) {
    if (iequals(name, "content-type")) r.content_type = value;
    if (iequals(name, "last-modified")) r.last_modified = parse_http_date(value);
  }
  r.charset = charset_label(r.content_type);
}

}  // namespace oitscan::fetch
