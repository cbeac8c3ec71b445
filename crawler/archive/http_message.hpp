#pragma once
// Minimal HTTP/1.x message framing the archive needs: where the head ends, what the status is,
// which header a response head declares. Not an HTTP parser for the network.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace oitscan::archive {

// Splits at the first blank line ("\r\n\r\n", or a bare "\n\n"). The body may hold any bytes,
// including further blank lines. Without a blank line the whole message is the head.
struct HttpParts {
  std::string_view head;  // including the terminating blank line
  std::string_view body;
};
HttpParts split_http(std::string_view message);

// Status code of "HTTP/1.1 200 OK"; nullopt when the line is not a status line.
std::optional<int> status_code(std::string_view head);

// Value of the first header named `name` in an HTTP head (case-insensitive), trimmed.
std::optional<std::string> header_value(std::string_view head, std::string_view name);

// Every header of a head (after the start line), in order, names as sent, values trimmed.
std::vector<std::pair<std::string, std::string>> header_fields(std::string_view head);

// The response head as it goes into a WARC record: guaranteed to end with a blank line, and with
// any Transfer-Encoding header renamed to X-Oitscan-Original-Transfer-Encoding, because the body
// stored after it is already de-chunked and a reader must not try to de-chunk it again.
std::string archived_response_head(std::string_view raw_head);
// A request head guaranteed to end with a blank line.
std::string archived_request_head(std::string_view raw_head);

}  // namespace oitscan::archive
