// GET /dashboard: the morning dashboard `oitscan scan` writes as index.html, rendered live from
// the history store with the same code (scan::dashboard_row, report::render_scan_index). Its
// links lead to the service's unit pages instead of files next to it.
#include "common/time.hpp"
#include "report/page.hpp"
#include "serve/service.hpp"

namespace oitscan::serve {

namespace {

// The text between the first `open` and the following `close` ("" when absent).
std::string between(const std::string& html, const std::string& open, const std::string& close, bool last) {
  const auto start = last ? html.rfind(open) : html.find(open);
  if (start == std::string::npos) return "";
  const auto from = start + open.size();
  const auto end = html.find(close, from);
  return end == std::string::npos ? "" : html.substr(from, end - from);
}

std::string dashboard_csp(const std::string& html) {
  // The page is self-contained: its stylesheet inlined in <head> and the sort script (our own code)
  // at the end of <body>. Both are allowed by their SHA-256, nothing else runs or loads. Untrusted
  // text in the page is escaped, so it can hold no "<style>" or "<script>" of its own.
  std::string csp = "default-src 'none'; img-src data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
  if (const auto style = between(html, "<style>", "</style>", false); !style.empty()) {
    csp += "; style-src " + report::csp_script_hash(style);
  }
  if (const auto script = between(html, "<script>", "</script>", true); !script.empty()) {
    csp += "; script-src " + report::csp_script_hash(script);
  }
  return csp;
}

}  // namespace

Reply Service::dashboard_page() {
  const auto rows = history_.dashboard_rows();
  report::ScanIndexLinks links;
  links.unit_prefix = "/units/";
  links.unit_suffix = "";
  // "Checked at": when the newest of the runs shown finished (scan's file says when the scan ran).
  std::string newest;
  for (const auto& row : rows) {
    if (!row.runs.empty() && row.runs.front().finished_at > newest) newest = row.runs.front().finished_at;
  }
  Reply r = html_reply(http::status::ok,
                       report::render_scan_index(rows, options_.reports_dir, newest.empty() ? iso8601_utc_now() : newest, links));
  r.response.set("Content-Security-Policy", dashboard_csp(r.response.body()));
  return r;
}

}  // namespace oitscan::serve
