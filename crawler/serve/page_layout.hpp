#pragma once
// The frame every page shares: Thai first (?lang=en for English), the service's own stylesheet
// and script (no inline script or style: the CSP forbids them), and the visitor's login state.
#include <string>
#include <string_view>

#include "report/html_escape.hpp"
#include "serve/service.hpp"

namespace oitscan::serve {

// Thai or English by the caller's language.
inline std::string_view tr(const Caller& c, std::string_view th, std::string_view en) { return c.lang == "en" ? en : th; }
inline std::string esc(std::string_view text) { return report::escape_html(text); }
// "?lang=en" to keep English on a link, "" for Thai.
inline std::string lang_query(const Caller& c) { return c.lang == "en" ? "?lang=en" : ""; }

// A whole page around `body` (already escaped HTML). `csrf` is the token of the logout form.
std::string page(const Caller& caller, std::string_view title, const std::string& body, std::string_view path_for_toggle,
                 const std::string& csrf);

}  // namespace oitscan::serve
