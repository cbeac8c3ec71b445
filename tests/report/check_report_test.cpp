// report.html shows text from district sites: every piece of it is escaped, links are only
// http(s), and the page loads nothing from the network.
#include <catch2/catch.hpp>

#include "report/check_report.hpp"
#include "report/html_escape.hpp"

using nlohmann::ordered_json;
using oitscan::report::escape_html;
using oitscan::report::render_check_report;
using oitscan::report::safe_href;

namespace {

ordered_json hostile_results() {
  ordered_json evidence = {{"url", "javascript:alert(document.cookie)"}, {"final_url", "javascript:alert(document.cookie)"},
                           {"http_status", 200}, {"fetched_at", "2026-11-21T01:00:00Z"}, {"sha256", "ab"},
                           {"warc_record_id", "<urn:uuid:1>"}, {"format", "html"}, {"text_source", "markup"},
                           {"snippet", "<script>alert('x')</script> ประกาศ \" onmouseover=\"alert(2)"}, {"location", "page"}};
  ordered_json req = {{"id", "r1"}, {"verdict", "fail"}, {"reason", "not-found"}, {"message_th", "<b>ไม่พบ</b>"},
                      {"message_en", "not <i>found</i>"}, {"title_th", "ข้อ <img src=x onerror=alert(3)>"}, {"title_en", "t"},
                      {"fix_th", "แก้ไข & ส่งใหม่"}, {"fix_en", "fix"}, {"mandatory", true}, {"needs_review", true},
                      {"evidence", ordered_json::array({evidence})}};
  ordered_json item = {{"id", "O1"}, {"verdict", "fail"}, {"title_th", "</title><script>x</script>"}, {"title_en", "e"},
                       {"requirements", ordered_json::array({req})}};
  return {{"schema", "oitscan.results/1"},
          {"tool", {{"name", "oitscan"}, {"version", "0.1.0"}}},
          {"unit", {{"id", "x"}, {"name_th", "เขต<script>alert(1)</script>"}, {"website", "https://e.example/\"><script>"}}},
          {"framework", "bma-district-2568"}, {"rules_version", "r"}, {"started_at", "s"}, {"finished_at", "f"}, {"as_of", "2025-04-30"},
          {"items", ordered_json::array({item})},
          {"score", {{"oit", 0.0}, {"oit_min", 0.0}, {"oit_max", 0.0}}}};
}

}  // namespace

TEST_CASE("escape_html and safe_href", "[report]") {
  CHECK(escape_html("<a href=\"x\">'&'</a>") == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  CHECK(escape_html("ประกาศ") == "ประกาศ");
  CHECK(safe_href("javascript:alert(1)").empty());
  CHECK(safe_href("JavaScript:alert(1)").empty());
  CHECK(safe_href("data:text/html,<script>").empty());
  CHECK(safe_href("https://www.example.go.th/a?b=1&c=\"") == "https://www.example.go.th/a?b=1&amp;c=&quot;");
}

TEST_CASE("the report escapes everything a district site could put in it", "[report]") {
  const std::string html = render_check_report(hostile_results(), std::filesystem::path(OITSCAN_TEST_SOURCE_DIR) / "reports");
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("<img") == std::string::npos);
  CHECK(html.find("href=\"javascript:") == std::string::npos);
  CHECK(html.find("onmouseover=\"") == std::string::npos);
  CHECK(html.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
  CHECK(html.find("แก้ไข &amp; ส่งใหม่") != std::string::npos);
  // Self-contained: nothing is loaded from elsewhere, and the CSP says so.
  CHECK(html.find("<link") == std::string::npos);
  CHECK(html.find("<iframe") == std::string::npos);
  CHECK(html.find("Content-Security-Policy") != std::string::npos);
}
