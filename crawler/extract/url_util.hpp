#pragma once
// URL resolution for links found in documents (Boost.URL), tolerant of what district pages
// actually contain: Thai characters and spaces in hrefs are percent-encoded first.
#include <string>
#include <string_view>

namespace oitscan::extract {

// Absolute URL of `ref` against `base`; `ref` as given (encoded) when base is empty or the
// result cannot be formed; "" for javascript:, data: and empty references.
std::string resolve_url(std::string_view base, std::string_view ref);

// Percent-encodes bytes that may not appear in a URI (non-ASCII, space, quotes, <>, ...).
std::string encode_href(std::string_view ref);

// Value of query parameter `key` (percent-decoded), or "".
std::string query_param(std::string_view url, std::string_view key);

}  // namespace oitscan::extract
