#pragma once
// Untrusted text (page titles, snippets, URLs from district sites) is escaped wherever it is shown.
#include <string>
#include <string_view>

namespace oitscan::report {

// Escapes & < > " ' for element content and quoted attribute values, and replaces control
// characters, bidi overrides and invalid UTF-8 with U+FFFD (common/control_chars.hpp).
std::string escape_html(std::string_view text);

// An href that is safe to click: only http(s) URLs; anything else (javascript:, data:) becomes "".
std::string safe_href(std::string_view url);

}  // namespace oitscan::report
