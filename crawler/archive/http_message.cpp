#include "archive/http_message.hpp"

#include "archive/warc_fields.hpp"

#include "common/text.hpp"

namespace oitscan::archive {

namespace {

// Calls fn(line_without_eol, line_with_eol) for every line of the head.
template <typename Fn>
void for_each_line(std::string_view head, Fn fn) {
  while (!head.empty()) {
    const std::size_t nl = head.find('\n');
    const std::size_t len = nl == std::string_view::npos ? head.size() : nl + 1;
    std::string_view with_eol = head.substr(0, len);
    std::string_view line = with_eol;
    if (!line.empty() && line.back() == '\n') line.remove_suffix(1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    fn(line, with_eol);
    head.remove_prefix(len);
  }
}

std::string with_blank_line(std::string head) {
  // Normalise the ending only; header lines stay byte for byte as received.
  while (!head.empty() && (head.back() == '\n' || head.back() == '\r')) head.pop_back();
  head += "\r\n\r\n";
  return head;
}

}  // namespace

HttpParts split_http(std::string_view message) {
  const std::size_t crlf = message.find("\r\n\r\n");
  const std::size_t lf = message.find("\n\n");
  if (crlf == std::string_view::npos && lf == std::string_view::npos) return {message, {}};
  const std::size_t end = (lf != std::string_view::npos && (crlf == std::string_view::npos || lf < crlf))
                              ? lf + 2
                              : crlf + 4;
  return {message.substr(0, end), message.substr(end)};
}

std::optional<int> status_code(std::string_view head) {
  if (head.substr(0, 5) != "HTTP/") return std::nullopt;
  const std::size_t sp = head.find(' ');
  if (sp == std::string_view::npos || sp + 4 > head.size()) return std::nullopt;
  int code = 0;
  for (std::size_t i = sp + 1; i < sp + 4; ++i) {
    if (head[i] < '0' || head[i] > '9') return std::nullopt;
    code = code * 10 + (head[i] - '0');
  }
  return code;
}

std::vector<std::pair<std::string, std::string>> header_fields(std::string_view head) {
  std::vector<std::pair<std::string, std::string>> out;
  bool first = true;
  for_each_line(head, [&](std::string_view line, std::string_view) {
    if (first) {
      first = false;
      return;
    }
    const std::size_t colon = line.find(':');
    if (colon != std::string_view::npos) out.emplace_back(trim(line.substr(0, colon)), trim(line.substr(colon + 1)));
  });
  return out;
}

std::optional<std::string> header_value(std::string_view head, std::string_view name) {
  for (auto& [n, v] : header_fields(head)) {
    if (iequals(n, name)) return std::move(v);
  }
  return std::nullopt;
}

std::string archived_response_head(std::string_view raw_head) {
  std::string out;
  out.reserve(raw_head.size() + 32);
  bool first = true;
  for_each_line(raw_head, [&](std::string_view line, std::string_view with_eol) {
    const std::size_t colon = line.find(':');
    if (!first && colon != std::string_view::npos && iequals(trim(line.substr(0, colon)), "Transfer-Encoding")) {
      out += "X-Oitscan-Original-Transfer-Encoding";
      out += with_eol.substr(colon);
    } else {
      out += with_eol;
    }
    first = false;
  });
  return with_blank_line(std::move(out));
}

std::string archived_request_head(std::string_view raw_head) { return with_blank_line(std::string(raw_head)); }

}  // namespace oitscan::archive
