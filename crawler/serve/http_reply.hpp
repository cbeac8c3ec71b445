#pragma once
// What a handler answers: a whole response, or (for Server-Sent Events) a head and a body
// written piece by piece until the stream function returns. Every reply carries the service's
// security headers; pages carry the strict Content-Security-Policy (scripts and styles only from
// the service itself, no inline script, nothing from third parties).
#include <boost/beast/http.hpp>

#include <functional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace oitscan::serve {

namespace http = boost::beast::http;
using Request = http::request<http::string_body>;
using Response = http::response<http::string_body>;

// Writes one piece of a streamed body; false when the client went away.
using StreamWriter = std::function<bool(std::string_view)>;

struct Reply {
  Response response;
  std::function<void(const StreamWriter&)> stream;  // set for streamed replies
};

inline constexpr std::string_view kPageCsp =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

Reply html_reply(http::status status, std::string body);
Reply json_reply(http::status status, const nlohmann::ordered_json& body);
Reply text_reply(http::status status, std::string body, std::string_view content_type = "text/plain; charset=utf-8");
Reply redirect_reply(std::string_view location, http::status status = http::status::see_other);
// {"schema": "oitscan.error/1", "error": {...}} with the given status.
Reply error_reply(http::status status, int line, std::string_view field, std::string_view message_en, std::string_view message_th);

// The headers every reply gets (nosniff, no framing, no referrer); html_reply adds the CSP.
void add_security_headers(Response& response);

// A cookie the browser sends back only to this site, never to scripts.
std::string cookie(std::string_view name, std::string_view value, bool secure, long max_age_seconds = -1);
// The value of cookie `name` in a Cookie header, "" when absent.
std::string cookie_value(std::string_view header, std::string_view name);

}  // namespace oitscan::serve
