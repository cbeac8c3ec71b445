#include "serve/forms.hpp"

#include "common/text.hpp"

namespace oitscan::serve {

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// A parameter of a header value: name="value" or name=value.
std::string header_param(std::string_view header, std::string_view name) {
  const std::string key = std::string(name) + "=";
  std::size_t pos = 0;
  while ((pos = header.find(key, pos)) != std::string_view::npos) {
    const bool starts_word = pos == 0 || header[pos - 1] == ';' || header[pos - 1] == ' ';
    pos += key.size();
    if (!starts_word) continue;
    if (pos < header.size() && header[pos] == '"') {
      const auto end = header.find('"', pos + 1);
      return std::string(header.substr(pos + 1, end == std::string_view::npos ? std::string_view::npos : end - pos - 1));
    }
    const auto end = header.find(';', pos);
    return std::string(trim(header.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos)));
  }
  return "";
}

}  // namespace

std::optional<std::string> percent_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '+') {
      out += ' ';
    } else if (text[i] == '%') {
      if (i + 2 >= text.size()) return std::nullopt;
      const int hi = hex_value(text[i + 1]), lo = hex_value(text[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

Form parse_urlencoded(std::string_view body) {
  Form form;
  while (!body.empty()) {
    const auto amp = body.find('&');
    const std::string_view pair = body.substr(0, amp);
    body = amp == std::string_view::npos ? std::string_view{} : body.substr(amp + 1);
    const auto eq = pair.find('=');
    auto name = percent_decode(pair.substr(0, eq));
    auto value = percent_decode(eq == std::string_view::npos ? std::string_view{} : pair.substr(eq + 1));
    if (name && value && !name->empty()) form.emplace(*name, FormField{*value, ""});
  }
  return form;
}

std::optional<Form> parse_multipart(std::string_view body, std::string_view content_type) {
  const std::string boundary = header_param(content_type, "boundary");
  if (boundary.empty() || boundary.size() > 200) return std::nullopt;
  const std::string delimiter = "--" + boundary;
  Form form;
  std::size_t pos = body.find(delimiter);
  if (pos == std::string_view::npos) return std::nullopt;
  for (;;) {
    pos += delimiter.size();
    if (body.substr(pos, 2) == "--") return form;  // the closing delimiter
    if (body.substr(pos, 2) != "\r\n") return std::nullopt;
    pos += 2;
    const auto head_end = body.find("\r\n\r\n", pos);
    if (head_end == std::string_view::npos) return std::nullopt;
    const std::string_view head = body.substr(pos, head_end - pos);
    const auto next = body.find("\r\n" + delimiter, head_end + 4);
    if (next == std::string_view::npos) return std::nullopt;
    const std::string_view content = body.substr(head_end + 4, next - head_end - 4);
    std::string disposition;
    std::string_view lines = head;
    while (!lines.empty()) {
      const auto eol = lines.find("\r\n");
      const std::string_view line = lines.substr(0, eol);
      lines = eol == std::string_view::npos ? std::string_view{} : lines.substr(eol + 2);
      const auto colon = line.find(':');
      if (colon != std::string_view::npos && ascii_lower(trim(line.substr(0, colon))) == "content-disposition") {
        disposition = std::string(trim(line.substr(colon + 1)));
      }
    }
    const std::string name = header_param(disposition, "name");
    if (!name.empty()) form.emplace(name, FormField{std::string(content), header_param(disposition, "filename")});
    pos = next + 2;
  }
}

std::optional<Form> parse_form(std::string_view body, std::string_view content_type) {
  const std::string type = ascii_lower(trim(content_type.substr(0, content_type.find(';'))));
  if (type == "application/x-www-form-urlencoded") return parse_urlencoded(body);
  if (type == "multipart/form-data") return parse_multipart(body, content_type);
  return std::nullopt;
}

std::pair<std::string, Form> split_target(std::string_view target) {
  const auto q = target.find('?');
  const std::string path(target.substr(0, q));
  return {path, q == std::string_view::npos ? Form{} : parse_urlencoded(target.substr(q + 1))};
}

}  // namespace oitscan::serve
