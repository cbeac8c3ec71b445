#include "report/html_escape.hpp"

#include <cctype>

#include "common/control_chars.hpp"
#include "common/text.hpp"

namespace oitscan::report {

std::string escape_html(std::string_view raw) {
  // Control characters, bidi overrides and invalid UTF-8 never reach the page (U+FFFD instead).
  const std::string text = replace_control_chars(raw);
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

std::string safe_href(std::string_view url) {
  const std::string lower = ascii_lower(url.substr(0, 8));
  if (lower.rfind("http://", 0) == 0 || lower.rfind("https://", 0) == 0) return escape_html(url);
  return "";
}

}  // namespace oitscan::report
