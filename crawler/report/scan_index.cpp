#include "report/scan_index.hpp"

#include <set>
#include <sstream>

#include "report/html_escape.hpp"
#include "report/page.hpp"

namespace oitscan::report {
namespace {

std::string cell(const std::string& verdict) {
  const char* mark = verdict == "pass" ? "✓" : verdict == "fail" ? "✗" : "?";
  return "<td class=\"verdict " + escape_html(verdict) + "\" title=\"" + escape_html(verdict) + "\">" + mark + "</td>";
}

}  // namespace

std::string render_scan_index(const std::vector<ScanRow>& rows, const std::filesystem::path& templates_dir) {
  // Item columns: every item any unit has, in first-seen order (O1 … O22).
  std::vector<std::string> items;
  std::set<std::string> seen;
  for (const auto& r : rows) {
    if (!r.results.is_object()) continue;
    for (const auto& i : r.results["items"]) {
      const std::string id = i.value("id", "");
      if (seen.insert(id).second) items.push_back(id);
    }
  }
  std::ostringstream b;
  b << "<h1>ผลการตรวจ OIT ทุกหน่วยงาน / All units</h1>\n<table><tr><th>หน่วยงาน / unit</th><th>OIT</th>";
  for (const auto& i : items) b << "<th>" << escape_html(i) << "</th>";
  b << "<th>เปลี่ยนแปลงจากครั้งก่อน / changes since the previous run</th></tr>\n";
  for (const auto& r : rows) {
    b << "<tr><td><a href=\"" << escape_html(r.unit_id) << "/report.html\">" << escape_html(r.unit_id) << "</a>";
    if (r.results.is_object()) b << "<br><span class=\"meta\">" << escape_html(r.results["unit"].value("name_th", "")) << "</span>";
    b << "</td>";
    if (!r.results.is_object()) {
      b << "<td colspan=\"" << items.size() + 2 << "\" class=\"fail\">" << escape_html(r.error) << "</td></tr>\n";
      continue;
    }
    const auto& oit = r.results["score"]["oit"];
    std::ostringstream score;
    score.setf(std::ios::fixed);
    score.precision(2);
    if (oit.is_number()) score << oit.get<double>(); else score << "–";
    b << "<td>" << score.str() << "</td>";
    for (const auto& id : items) {
      std::string verdict = "unverified";
      for (const auto& i : r.results["items"]) {
        if (i.value("id", "") == id) verdict = i.value("verdict", "unverified");
      }
      b << cell(verdict);
    }
    b << "<td>";
    if (!r.has_previous) b << "<i>ครั้งแรก / first run</i>";
    else if (r.changes.empty()) b << "ไม่เปลี่ยนแปลง / no change";
    for (const auto& c : r.changes) b << escape_html(c) << "<br>";
    b << "</td></tr>\n";
  }
  b << "</table>\n";
  return render_page(templates_dir, "oitscan scan", b.str());
}

}  // namespace oitscan::report
