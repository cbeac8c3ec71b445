#include "serve/http_reply.hpp"

#include "common/text.hpp"

namespace oitscan::serve {

void add_security_headers(Response& response) {
  response.set(http::field::server, "oitscan");
  response.set("X-Content-Type-Options", "nosniff");
  response.set("X-Frame-Options", "DENY");
  response.set("Referrer-Policy", "no-referrer");
  if (response.find(http::field::cache_control) == response.end()) response.set(http::field::cache_control, "no-store");
}

Reply html_reply(http::status status, std::string body) {
  Reply r;
  r.response.result(status);
  r.response.set(http::field::content_type, "text/html; charset=utf-8");
  r.response.set("Content-Security-Policy", kPageCsp);
  r.response.body() = std::move(body);
  add_security_headers(r.response);
  return r;
}

Reply json_reply(http::status status, const nlohmann::ordered_json& body) {
  return text_reply(status, body.dump(), "application/json");
}

Reply text_reply(http::status status, std::string body, std::string_view content_type) {
  Reply r;
  r.response.result(status);
  r.response.set(http::field::content_type, content_type);
  r.response.set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'; sandbox");
  r.response.body() = std::move(body);
  add_security_headers(r.response);
  return r;
}

Reply redirect_reply(std::string_view location, http::status status) {
  Reply r = text_reply(status, "");
  r.response.set(http::field::location, location);
  return r;
}

Reply error_reply(http::status status, int line, std::string_view field, std::string_view message_en, std::string_view message_th) {
  nlohmann::ordered_json error;
  if (line > 0) error["line"] = line;
  error["field"] = field;
  error["message_th"] = message_th;
  error["message_en"] = message_en;
  return json_reply(status, {{"schema", "oitscan.error/1"}, {"error", error}});
}

std::string cookie(std::string_view name, std::string_view value, bool secure, long max_age_seconds) {
  std::string c = std::string(name) + "=" + std::string(value) + "; Path=/; HttpOnly; SameSite=Strict";
  if (secure) c += "; Secure";
  if (max_age_seconds >= 0) c += "; Max-Age=" + std::to_string(max_age_seconds);
  return c;
}

std::string cookie_value(std::string_view header, std::string_view name) {
  while (!header.empty()) {
    const auto semi = header.find(';');
    std::string_view pair = trim(header.substr(0, semi));
    header = semi == std::string_view::npos ? std::string_view{} : header.substr(semi + 1);
    const auto eq = pair.find('=');
    if (eq != std::string_view::npos && trim(pair.substr(0, eq)) == name) return std::string(trim(pair.substr(eq + 1)));
  }
  return "";
}

}  // namespace oitscan::serve
