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

// Empty when the text is not an absolute http(s) URL with a host. Accepts what people paste, as
// browsers do: raw UTF-8 (Thai paths, spaces) is percent-encoded and an internationalised host
// name (e.g. กทม.ไทย) is converted to its ASCII (punycode) form first.
std::optional<ParsedUrl> parse_http_url(std::string_view text);

// The ASCII form of a URL or reference as typed: see parse_http_url. Empty if the host name is
// not a valid internationalised domain name.
std::string ascii_url(std::string_view text);

// No byte of `s` is outside ASCII (a host name that needs no IDNA conversion).
bool is_ascii(std::string_view s);

// "/path?query" of an absolute URL as it goes on the wire (for robots.txt matching).
std::string path_and_query(std::string_view url);

// Resolves a Location header value against the URL it came from; empty on failure.
std::string resolve_reference(std::string_view base, std::string_view reference);

}  // namespace oitscan::fetch
