#pragma once
// URL normalisation (Boost.URL) for de-duplication and the per-host key of the frontier.
#include <optional>
#include <string>
#include <string_view>

namespace oitscan::fetch {

struct ParsedUrl {
  std::string normalized;  // scheme and host lower-cased, dot segments removed, fragment dropped
  std::string host_key;    // scheme://host:port, the politeness unit
  std::string origin;      // same as host_key but with the default port omitted, for building probe URLs
};

// Empty when the text is not an absolute http(s) URL with a host.
std::optional<ParsedUrl> parse_http_url(std::string_view text);

// "/path?query" of an absolute URL as it goes on the wire (for robots.txt matching).
std::string path_and_query(std::string_view url);

// Resolves a Location header value against the URL it came from; empty on failure.
std::string resolve_reference(std::string_view base, std::string_view reference);

}  // namespace oitscan::fetch
