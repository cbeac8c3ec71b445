#include "report/check_report.hpp"

#include <sstream>

#include "report/html_escape.hpp"
#include "report/page.hpp"

namespace oitscan::report {
namespace {

using json = nlohmann::ordered_json;

std::string str(const json& j, const char* key) {
  return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string();
}

const char* verdict_th(const std::string& v) {
  if (v == "pass") return "ผ่าน";
  if (v == "fail") return "ไม่ผ่าน";
  return "ตรวจสอบไม่ได้";
}

std::string verdict_span(const std::string& v) {
  return "<span class=\"verdict " + escape_html(v) + "\">" + verdict_th(v) + " / " + escape_html(v) + "</span>";
}

std::string number(const json& j) {
  if (!j.is_number()) return "–";
  std::ostringstream os;
  os.setf(std::ios::fixed);
  os.precision(2);
  os << j.get<double>();
  return os.str();
}

}  // namespace

std::string render_check_report(const json& results, const std::filesystem::path& templates_dir) {
  const json& unit = results["unit"];
  std::ostringstream b;
  b << "<h1>ผลการตรวจ OIT: " << escape_html(str(unit, "name_th")) << " (" << escape_html(str(unit, "id")) << ")</h1>\n";
  b << "<p class=\"meta\">เว็บไซต์หลัก / main website: <code>" << escape_html(str(unit, "website")) << "</code><br>"
    << "กรอบการประเมิน / framework: " << escape_html(str(results, "framework")) << " · กฎ / rules: "
    << escape_html(str(results, "rules_version")) << " · ณ วันที่ / as of: " << escape_html(str(results, "as_of")) << "<br>"
    << "ตรวจเมื่อ / checked: " << escape_html(str(results, "started_at")) << " – " << escape_html(str(results, "finished_at"))
    << " · " << escape_html(str(results["tool"], "name")) << " " << escape_html(str(results["tool"], "version")) << "</p>\n";
  const json& score = results["score"];
  b << "<p class=\"score\">คะแนน OIT: <b>" << number(score["oit"]) << "</b> (ต่ำสุด/min " << number(score["oit_min"])
    << ", สูงสุด/max " << number(score["oit_max"]) << ")</p>\n";

  b << "<h2>สรุปรายข้อ / Summary</h2>\n<table><tr><th>ข้อ</th><th>ตัวชี้วัด</th><th>ผล</th><th>เหตุผล / reason</th></tr>\n";
  for (const auto& item : results["items"]) {
    std::string reasons;
    for (const auto& r : item["requirements"]) {
      if (str(r, "verdict") == "pass") continue;
      reasons += (reasons.empty() ? "" : ", ") + escape_html(str(r, "id")) + ": " + escape_html(str(r, "reason"));
    }
    b << "<tr><td><a href=\"#" << escape_html(str(item, "id")) << "\">" << escape_html(str(item, "id")) << "</a></td><td>"
      << escape_html(str(item, "title_th")) << "</td><td>" << verdict_span(str(item, "verdict")) << "</td><td>" << reasons
      << "</td></tr>\n";
  }
  b << "</table>\n<h2>รายละเอียดและหลักฐาน / Details and evidence</h2>\n";
  for (const auto& item : results["items"]) {
    b << "<div class=\"item\" id=\"" << escape_html(str(item, "id")) << "\"><h3>" << escape_html(str(item, "id")) << " "
      << escape_html(str(item, "title_th")) << " " << verdict_span(str(item, "verdict")) << "</h3>\n<div class=\"meta\">"
      << escape_html(str(item, "title_en")) << "</div>\n";
    for (const auto& r : item["requirements"]) {
      b << "<div class=\"req\"><b>" << escape_html(str(r, "title_th")) << "</b> " << verdict_span(str(r, "verdict"))
        << (r.value("mandatory", true) ? "" : " <i>(ไม่บังคับ / optional)</i>") << "<br>" << escape_html(str(r, "message_th"))
        << "<br><span class=\"meta\">" << escape_html(str(r, "message_en")) << " [" << escape_html(str(r, "reason")) << "]</span>";
      if (r.value("needs_review", false)) b << "<br><i>ควรตรวจทานด้วยตนเอง (OCR) / needs review (OCR)</i>";
      if (!str(r, "fix_th").empty()) {
        b << "<div class=\"fix\">วิธีแก้ไข: " << escape_html(str(r, "fix_th")) << "<br><span class=\"meta\">Fix: "
          << escape_html(str(r, "fix_en")) << "</span></div>";
      }
      for (const auto& e : r["evidence"]) {
        const std::string url = str(e, "final_url").empty() ? str(e, "url") : str(e, "final_url");
        const std::string href = safe_href(url);
        b << "<div class=\"evidence\">";
        if (!href.empty()) b << "<a href=\"" << href << "\" rel=\"noreferrer noopener\">";
        b << "<code>" << escape_html(url) << "</code>";
        if (!href.empty()) b << "</a>";
        b << " · HTTP " << (e["http_status"].is_number() ? std::to_string(e["http_status"].get<int>()) : "–") << " · "
          << escape_html(str(e, "format")) << " · " << escape_html(str(e, "text_source")) << " · "
          << escape_html(str(e, "location")) << " · " << escape_html(str(e, "fetched_at")) << "<br>sha256 <code>"
          << escape_html(str(e, "sha256")) << "</code>";
        if (!str(e, "warc_record_id").empty()) b << " · WARC <code>" << escape_html(str(e, "warc_record_id")) << "</code>";
        if (!str(e, "snippet").empty()) b << "<span class=\"snippet\">" << escape_html(str(e, "snippet")) << "</span>";
        b << "</div>";
      }
      b << "</div>\n";
    }
    b << "</div>\n";
  }
  return render_page(templates_dir, "oitscan: " + escape_html(str(unit, "name_th")) + " " + escape_html(str(unit, "id")), b.str());
}

}  // namespace oitscan::report
