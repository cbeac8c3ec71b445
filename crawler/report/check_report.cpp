#include "report/check_report.hpp"

#include <sstream>

#include "report/change_lines.hpp"
#include "report/charts.hpp"
#include "report/html_escape.hpp"
#include "report/json_fields.hpp"
#include "report/page.hpp"
#include "report/thai_time.hpp"

namespace oitscan::report {
namespace {

using json = nlohmann::ordered_json;

std::string verdict_span(const std::string& v) {
  return "<span class=\"verdict " + escape_html(v) + "\">" + verdict_th(v) + " / " + escape_html(v) + "</span>";
}

// "ผ่าน / pass (ผู้ตรวจกำหนด; เครื่องตรวจได้: ไม่ผ่าน)" for an auditor's decision.
std::string verdict_with_override(const json& entry) {
  std::string out = verdict_span(json_text(entry, "verdict"));
  if (entry.contains("machine_verdict")) {
    out += " <span class=\"meta\">(เครื่องตรวจได้ / machine: " + escape_html(json_text(entry, "machine_verdict")) + ")</span>";
  }
  return out;
}

std::string override_note(const json& entry) {
  if (!entry.contains("override") || !entry["override"].is_object()) return "";
  const json& o = entry["override"];
  return "<div class=\"override\">ผู้ตรวจกำหนดผลเป็น / auditor decision: <b>" + escape_html(json_text(o, "verdict")) + "</b> โดย / by " +
         escape_html(json_text(o, "by")) + " · " + escape_html(thai_datetime(json_text(o, "at"))) + "<br>เหตุผล / why: " +
         escape_html(json_text(o, "why")) + "</div>";
}

bool obtained(const json& e) {
  const std::string outcome = json_text(e, "fetch_outcome");
  if (outcome.empty()) return e["http_status"].is_number() && e["http_status"].get<int>() >= 200 && e["http_status"].get<int>() < 400;
  return outcome == "ok" || outcome == "not-modified";
}

void evidence_html(std::ostringstream& b, const json& e, const ReportContext& context) {
  const std::string url = json_text(e, "final_url").empty() ? json_text(e, "url") : json_text(e, "final_url");
  const std::string href = safe_href(url);
  b << "<div class=\"evidence\">";
  if (!href.empty()) b << "<a href=\"" << href << "\" rel=\"noreferrer noopener\">";
  b << "<code>" << escape_html(url) << "</code>";
  if (!href.empty()) b << "</a>";
  if (!obtained(e)) {
    // Nothing was obtained: no status to show and no digest (an empty body's SHA-256 is not evidence).
    b << " · <span class=\"fetch-failed\">ดึงเอกสารไม่สำเร็จ / fetch failed: " << escape_html(json_text(e, "fetch_outcome"));
    if (e["http_status"].is_number() && e["http_status"].get<int>() > 0) b << " (HTTP " << e["http_status"].get<int>() << ")";
    b << "</span> · " << escape_html(thai_datetime_short(json_text(e, "fetched_at"))) << "</div>";
    return;
  }
  b << " · HTTP " << (e["http_status"].is_number() ? std::to_string(e["http_status"].get<int>()) : "–") << " · "
    << escape_html(json_text(e, "format")) << " · " << escape_html(json_text(e, "text_source")) << " · " << escape_html(json_text(e, "location"))
    << " · " << escape_html(thai_datetime_short(json_text(e, "fetched_at")));
  const std::string capture = capture_file_name(json_text(e, "sha256"), json_text(e, "format"));
  if (!capture.empty()) {
    b << " · <a class=\"capture\" href=\"" << escape_html(context.captures_href + capture)
      << "\">สำเนาที่เก็บไว้ / archived copy</a>";
  }
  b << "<br>sha256 <code>" << escape_html(json_text(e, "sha256")) << "</code>";
  if (!json_text(e, "warc_record_id").empty()) b << " · WARC <code>" << escape_html(json_text(e, "warc_record_id")) << "</code>";
  if (!json_text(e, "snippet").empty()) b << "<span class=\"snippet\">" << escape_html(json_text(e, "snippet")) << "</span>";
  b << "</div>";
}

std::string history_strip(const std::vector<ItemHistoryPoint>& points) {
  if (points.empty()) return "";
  std::string out = "<span class=\"history\" title=\"ผลย้อนหลัง (ล่าสุดอยู่ซ้าย) / recent runs, newest first\">";
  for (const auto& p : points) {
    out += "<i class=\"" + escape_html(p.verdict) + "\" title=\"" + escape_html(thai_date_short(p.at)) + ": " + verdict_th(p.verdict) +
           "\"></i>";
  }
  return out + "</span>";
}

// "ไม่ผ่านมาตั้งแต่ 3 คืนก่อน": since when the current verdict has held.
std::string held_since(const std::vector<ItemHistoryPoint>& points) {
  if (points.size() < 2) return "";
  std::size_t n = 1;
  while (n < points.size() && points[n].verdict == points[0].verdict) ++n;
  const std::string since = thai_date_short(points[n - 1].at);
  if (n == points.size()) return " <span class=\"meta\">(" + std::string(verdict_th(points[0].verdict)) + "ทุกครั้งที่ตรวจ " +
                                 std::to_string(n) + " ครั้ง / all " + std::to_string(n) + " runs)</span>";
  return " <span class=\"meta\">(" + std::string(verdict_th(points[0].verdict)) + "ตั้งแต่ " + escape_html(since) + ", " +
         std::to_string(n) + " ครั้งล่าสุด / since " + escape_html(since) + ", last " + std::to_string(n) + " runs)</span>";
}

void summary_top(std::ostringstream& b, const json& results) {
  int pass = 0;
  int fail = 0;
  int unverified = 0;
  for (const auto& item : results["items"]) {
    const std::string v = json_text(item, "verdict");
    pass += v == "pass";
    fail += v == "fail";
    unverified += v == "unverified";
  }
  const json& score = results["score"];
  const std::string rating = score.is_object() && score.contains("level") ? json_text(score["level"], "th") : "";
  b << "<div class=\"summary-top\">" << gauge_svg(json_number(score, "oit"), escape_html(rating)) << "<div>"
    << "<p class=\"score\">คะแนน OIT: <b id=\"oit\">" << two_decimals(json_number(score, "oit")) << "</b>"
    << (rating.empty() ? "" : " · ระดับ " + escape_html(rating)) << "<br><span class=\"meta\">ต่ำสุด/min "
    << two_decimals(json_number(score, "oit_min")) << " (นับข้อที่ตรวจสอบไม่ได้เป็นไม่ผ่าน), สูงสุด/max " << two_decimals(json_number(score, "oit_max"))
    << " (นับเป็นผ่าน)</span></p>"
    << "<p class=\"counts\"><span class=\"pass\">ผ่าน / pass <b id=\"count-pass\">" << pass << "</b></span>"
    << "<span class=\"fail\">ไม่ผ่าน / fail <b id=\"count-fail\">" << fail << "</b></span>"
    << "<span class=\"unverified\">ตรวจสอบไม่ได้ / unverified <b id=\"count-unverified\">" << unverified << "</b></span></p>"
    << "</div></div>\n";
}

}  // namespace

std::string capture_file_name(const std::string& sha256, const std::string& format) {
  if (sha256.size() != 64) return "";
  for (char c : sha256) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return "";
  }
  static const char* const kKeepExtension[] = {"pdf", "docx", "odt", "doc", "rtf", "xlsx", "ods", "xls", "pptx",
                                               "png", "jpeg", "tiff", "gif", "zip"};
  for (const char* ext : kKeepExtension) {
    if (format == ext) return sha256 + "." + ext;
  }
  return sha256 + ".txt";
}

std::string render_check_report(const json& results, const std::filesystem::path& templates_dir, const ReportContext& context) {
  const json& unit = results["unit"];
  std::ostringstream b;
  b << "<h1>ผลการตรวจ OIT: " << escape_html(json_text(unit, "name_th")) << " (" << escape_html(json_text(unit, "id")) << ")</h1>\n";
  b << "<p class=\"meta\">เว็บไซต์หลัก / main website: <code>" << escape_html(json_text(unit, "website")) << "</code><br>"
    << "กรอบการประเมิน / framework: " << escape_html(json_text(results, "framework")) << " · กฎ / rules: "
    << escape_html(json_text(results, "rules_version")) << " · ณ วันที่ / as of: " << escape_html(json_text(results, "as_of")) << "<br>"
    << "ตรวจเมื่อ / checked: <span id=\"checked-at\">" << escape_html(thai_datetime(json_text(results, "started_at"))) << "</span> – "
    << escape_html(thai_datetime_short(json_text(results, "finished_at"))) << " (เวลากรุงเทพฯ / Bangkok time) · "
    << escape_html(json_text(results["tool"], "name")) << " " << escape_html(json_text(results["tool"], "version")) << "</p>\n";
  summary_top(b, results);
  // The switch comes before the body so the CSS sibling selector can hide passing items.
  b << "<input type=\"checkbox\" id=\"only-failing\"><label for=\"only-failing\"> แสดงเฉพาะข้อที่ไม่ผ่านหรือตรวจสอบไม่ได้ / "
       "failing items only</label>\n<div class=\"report-body\">\n";

  b << "<h2>สรุปรายข้อ / Summary</h2>\n<table><tr><th>ข้อ</th><th>ตัวชี้วัด</th><th>ผล</th>";
  if (!context.item_history.empty()) b << "<th>ย้อนหลัง / history</th>";
  b << "<th>เหตุผล / reason</th></tr>\n";
  for (const auto& item : results["items"]) {
    const std::string id = json_text(item, "id");
    std::string reasons;
    for (const auto& r : item["requirements"]) {
      if (json_text(r, "verdict") == "pass") continue;
      reasons += (reasons.empty() ? "" : ", ") + escape_html(json_text(r, "id")) + ": " + escape_html(json_text(r, "reason"));
    }
    b << "<tr class=\"" << escape_html(json_text(item, "verdict")) << "\"><td><a href=\"#" << escape_html(id) << "\">" << escape_html(id)
      << "</a></td><td>" << escape_html(json_text(item, "title_th")) << "</td><td>" << verdict_with_override(item) << "</td>";
    if (!context.item_history.empty()) {
      const auto h = context.item_history.find(id);
      b << "<td>" << (h == context.item_history.end() ? "" : history_strip(h->second)) << "</td>";
    }
    b << "<td>" << reasons << "</td></tr>\n";
  }
  b << "</table>\n<h2>รายละเอียดและหลักฐาน / Details and evidence</h2>\n";
  for (const auto& item : results["items"]) {
    const std::string id = json_text(item, "id");
    b << "<div class=\"item " << escape_html(json_text(item, "verdict")) << "\" id=\"" << escape_html(id) << "\"><h3>" << escape_html(id)
      << " " << escape_html(json_text(item, "title_th")) << " " << verdict_with_override(item) << "</h3>\n<div class=\"meta\">"
      << escape_html(json_text(item, "title_en")) << "</div>\n" << override_note(item);
    if (const auto h = context.item_history.find(id); h != context.item_history.end()) {
      b << "<div class=\"meta\">ผลย้อนหลัง / history: " << history_strip(h->second) << held_since(h->second) << "</div>\n";
    }
    for (const auto& r : item["requirements"]) {
      b << "<div class=\"req\"><b>" << escape_html(json_text(r, "title_th")) << "</b> " << verdict_with_override(r)
        << (r.value("mandatory", true) ? "" : " <i>(ไม่บังคับ / optional)</i>") << override_note(r) << "<br>"
        << escape_html(json_text(r, "message_th")) << "<br><span class=\"meta\">" << escape_html(json_text(r, "message_en")) << " ["
        << escape_html(json_text(r, "reason")) << "]</span>";
      if (r.value("needs_review", false)) b << "<br><i>ควรตรวจทานด้วยตนเอง (OCR) / needs review (OCR)</i>";
      if (!json_text(r, "fix_th").empty()) {
        b << "<div class=\"fix\">วิธีแก้ไข: " << escape_html(json_text(r, "fix_th")) << "<br><span class=\"meta\">Fix: "
          << escape_html(json_text(r, "fix_en")) << "</span></div>";
      }
      for (const auto& e : r["evidence"]) evidence_html(b, e, context);
      b << "</div>\n";
    }
    b << "</div>\n";
  }
  b << "</div>\n";
  return render_page(templates_dir, "oitscan: " + escape_html(json_text(unit, "name_th")) + " " + escape_html(json_text(unit, "id")), b.str());
}

}  // namespace oitscan::report
