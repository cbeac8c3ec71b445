#include "report/scan_index.hpp"

#include <algorithm>
#include <set>
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

// Sorting by a click on a column header; our own code, allowed by its hash in the page's CSP.
constexpr const char* kSortScript =
    "document.querySelectorAll('table.sortable th[data-sort]').forEach(function(th){"
    "th.addEventListener('click',function(){"
    "var b=th.closest('table').tBodies[0],i=Array.prototype.indexOf.call(th.parentNode.children,th),"
    "num=th.dataset.sort==='num',dir=th.dataset.dir==='asc'?-1:1;th.dataset.dir=dir===1?'asc':'desc';"
    "var key=function(r){var c=r.cells[i];if(!c)return num?-1e9:'';var v=c.dataset.value||c.textContent;"
    "if(!num)return v;v=parseFloat(v);return isNaN(v)?-1e9:v;};"
    "Array.prototype.slice.call(b.rows).sort(function(a,c){var x=key(a),y=key(c);"
    "return (num?x-y:x.localeCompare(y,'th'))*dir;}).forEach(function(r){b.appendChild(r);});});});";

// `unit` is already escaped; the prefix and suffix are our own text.
std::string unit_href(const ScanIndexLinks& links, const std::string& unit) { return links.unit_prefix + unit + links.unit_suffix; }

const char* mark(const std::string& verdict) {
  if (verdict == "pass") return "✓";
  if (verdict == "fail") return "✗";
  if (verdict == "unverified") return "?";
  return "·";
}

// The hover text of a grid cell: the verdict and, when not passing, the reasons and the message.
std::string cell_title(const json& item, int failing_nights) {
  const std::string verdict = json_text(item, "verdict");
  std::string t = json_text(item, "id") + " " + verdict_th(verdict) + " / " + verdict;
  if (item.contains("override") && item["override"].is_object()) {
    t += "\n(ผู้ตรวจกำหนด / set by " + json_text(item["override"], "by") + ": " + json_text(item["override"], "why") + ")";
  }
  if (failing_nights >= 2) t += "\nไม่ผ่านติดต่อกัน " + std::to_string(failing_nights) + " คืน / failing for " +
                                std::to_string(failing_nights) + " nights";
  for (const auto& r : item.value("requirements", json::array())) {
    if (json_text(r, "verdict") == "pass") continue;
    t += "\n• " + json_text(r, "id") + ": " + json_text(r, "reason");
    if (!json_text(r, "message_th").empty()) t += " — " + json_text(r, "message_th");
  }
  return t;
}

struct UnitView {
  const ScanRow* row;
  std::vector<ChangeLine> lines;
  std::map<std::string, int> streaks;  // failing 2+ nights
  bool has_regression = false;
  std::optional<double> oit;
  std::optional<double> previous_oit;
};

std::string delta_cell(const UnitView& u) {
  if (!u.oit || !u.previous_oit) return "<td class=\"delta\" data-value=\"0\">–</td>";
  const double d = *u.oit - *u.previous_oit;
  const std::string cls = d < -0.005 ? "down" : d > 0.005 ? "up" : "same";
  std::string shown = two_decimals(d < 0 ? -d : d);
  shown = (d < -0.005 ? "−" : d > 0.005 ? "+" : "±") + shown;
  return "<td class=\"delta " + cls + "\" data-value=\"" + two_decimals(d) + "\">" + shown + "</td>";
}

std::string trend_cell(const ScanRow& row) {
  std::vector<std::optional<double>> values;
  for (auto it = row.runs.rbegin(); it != row.runs.rend(); ++it) values.push_back(it->oit);
  const std::string label = "แนวโน้ม OIT " + std::to_string(values.size()) + " คืนล่าสุด / OIT trend, last " +
                            std::to_string(values.size()) + " nights";
  return "<td class=\"trend-cell\">" + trend_svg(values, label) + "</td>";
}

void totals_section(std::ostringstream& b, const std::vector<UnitView>& units, const std::vector<std::string>& items) {
  int pass = 0;
  int fail = 0;
  int unverified = 0;
  int failed_units = 0;
  std::map<std::string, int> by_rating;
  std::vector<std::string> rating_order;
  for (const auto& u : units) {
    if (!u.row->results.is_object()) {
      ++failed_units;
      continue;
    }
    for (const auto& i : u.row->results["items"]) {
      const std::string v = json_text(i, "verdict");
      pass += v == "pass";
      fail += v == "fail";
      unverified += v == "unverified";
    }
    const json& score = u.row->results["score"];
    const std::string rating = score.is_object() && score.contains("level") ? json_text(score["level"], "th") : "";
    const std::string key = rating.empty() ? "–" : rating;
    if (by_rating[key]++ == 0) rating_order.push_back(key);
  }
  b << "<section id=\"totals\" class=\"totals\"><div class=\"card\"><b>" << units.size() << "</b> หน่วยงาน / units";
  if (failed_units > 0) b << " (<span class=\"fail\">" << failed_units << " ตรวจไม่สำเร็จ / could not be checked</span>)";
  b << "</div><div class=\"card\"><b>" << items.size() << "</b> ข้อ / items</div>"
    << "<div class=\"card pass\"><b id=\"total-pass\">" << pass << "</b> ผ่าน / pass</div>"
    << "<div class=\"card fail\"><b id=\"total-fail\">" << fail << "</b> ไม่ผ่าน / fail</div>"
    << "<div class=\"card unverified\"><b id=\"total-unverified\">" << unverified << "</b> ตรวจสอบไม่ได้ / unverified</div>"
    << "<div class=\"card\">ระดับ OIT / units by rating: ";
  for (const auto& r : rating_order) b << "<span class=\"rating\">" << escape_html(r) << " <b>" << by_rating[r] << "</b></span> ";
  b << "</div></section>\n";
}

void regressions_section(std::ostringstream& b, const std::vector<UnitView>& units, const ScanIndexLinks& links) {
  std::ostringstream list;
  int n = 0;
  for (const auto& u : units) {
    const std::string unit = escape_html(u.row->unit_id);
    for (const auto& l : u.lines) {
      if (!l.regression) continue;
      ++n;
      list << "<li class=\"regression\"><a href=\"" << unit_href(links, unit) << (l.item.empty() ? "" : "#" + escape_html(l.item))
           << "\">" << unit << "</a> " << escape_html(l.text_th) << " <span class=\"en\">" << escape_html(l.text_en) << "</span></li>\n";
    }
  }
  for (const auto& u : units) {
    const std::string unit = escape_html(u.row->unit_id);
    for (const auto& [item, nights] : u.streaks) {
      ++n;
      list << "<li class=\"streak\"><a href=\"" << unit_href(links, unit) << "#" << escape_html(item) << "\">" << unit << "</a> "
           << escape_html(item) << " ไม่ผ่านติดต่อกัน " << nights << " คืน <span class=\"en\">" << escape_html(item)
           << ": failing for " << nights << " nights</span></li>\n";
    }
  }
  b << "<section id=\"regressions\"><h2>แย่ลงและไม่ผ่านต่อเนื่อง / Regressions and persistent failures</h2>\n";
  if (n == 0) b << "<p class=\"meta\">ไม่มี / none</p>\n";
  else b << "<ol class=\"regressions\">\n" << list.str() << "</ol>\n";
  b << "</section>\n";
}

void grid_section(std::ostringstream& b, const std::vector<UnitView>& units, const std::vector<std::string>& items,
                  const ScanIndexLinks& links) {
  b << "<section id=\"grid\"><h2>ทุกหน่วยงาน × ทุกข้อ / All units × items</h2>\n"
    << "<p class=\"meta\">คลิกหัวคอลัมน์เพื่อเรียง · ชี้ที่ช่องเพื่อดูเหตุผล · คลิกเพื่อเปิดรายงาน / click a header to sort, "
       "hover a cell for the reason, click it for the report</p>\n"
    << "<table id=\"units\" class=\"sortable grid\"><thead><tr><th data-sort=\"text\">หน่วยงาน / unit</th>"
    << "<th data-sort=\"num\">OIT</th><th data-sort=\"num\" title=\"เทียบกับคืนก่อน / since the previous night\">±</th>"
    << "<th>แนวโน้ม / trend</th><th data-sort=\"text\">ระดับ</th>";
  for (const auto& i : items) b << "<th data-sort=\"text\" class=\"item-col\">" << escape_html(i) << "</th>";
  b << "<th data-sort=\"num\">เปลี่ยน<br>changes</th></tr></thead>\n<tbody>\n";
  for (const auto& u : units) {
    const ScanRow& r = *u.row;
    const std::string unit = escape_html(r.unit_id);
    b << "<tr id=\"unit-" << unit << "\"" << (u.has_regression ? " class=\"has-regression\"" : "") << "><td data-value=\"" << unit
      << "\"><a href=\"" << unit_href(links, unit) << "\">" << unit << "</a>";
    if (r.results.is_object()) b << "<br><span class=\"meta\">" << escape_html(json_text(r.results["unit"], "name_th")) << "</span>";
    b << "</td>";
    if (!r.results.is_object()) {
      b << "<td colspan=\"" << items.size() + 5 << "\" class=\"fail\">ตรวจไม่สำเร็จ / could not be checked: " << escape_html(r.error)
        << "</td></tr>\n";
      continue;
    }
    b << "<td class=\"oit\" data-value=\"" << two_decimals(u.oit) << "\">" << two_decimals(u.oit) << "</td>" << delta_cell(u)
      << trend_cell(r);
    const json& score = r.results["score"];
    b << "<td class=\"rating\">" << escape_html(score.is_object() && score.contains("level") ? json_text(score["level"], "th") : "")
      << "</td>";
    for (const auto& id : items) {
      const json* found = nullptr;
      for (const auto& i : r.results["items"]) {
        if (json_text(i, "id") == id) found = &i;
      }
      if (!found) {
        b << "<td class=\"cell none\">·</td>";
        continue;
      }
      const std::string verdict = json_text(*found, "verdict");
      const auto streak = u.streaks.find(id);
      const int nights = streak == u.streaks.end() ? 0 : streak->second;
      const bool overridden = found->contains("override");
      b << "<td class=\"cell " << escape_html(verdict) << (overridden ? " overridden" : "") << "\" data-value=\"" << escape_html(verdict)
        << "\"><a href=\"" << unit_href(links, unit) << "#" << escape_html(id) << "\" title=\"" << escape_html(cell_title(*found, nights))
        << "\">" << mark(verdict) << (nights >= 2 ? "<sup>" + std::to_string(nights) + "</sup>" : "") << "</a></td>";
    }
    b << "<td data-value=\"" << u.lines.size() << "\"><a href=\"#changes-" << unit << "\">" << u.lines.size() << "</a></td></tr>\n";
  }
  b << "</tbody></table>\n<p class=\"meta legend\">✓ ผ่าน / pass · ✗ ไม่ผ่าน / fail · ? ตรวจสอบไม่ได้ / unverified · "
       "ตัวเลขยก = ไม่ผ่านติดต่อกันกี่คืน / superscript = nights failing in a row · กรอบหนา = ผู้ตรวจกำหนด / bold frame = auditor decision</p>\n"
    << "</section>\n";
}

void changes_section(std::ostringstream& b, const std::vector<UnitView>& units) {
  b << "<section id=\"changes\"><h2>การเปลี่ยนแปลงจากคืนก่อน / Changes since the previous night</h2>\n";
  for (const auto& u : units) {
    const ScanRow& r = *u.row;
    const std::string unit = escape_html(r.unit_id);
    b << "<div class=\"unit-changes\" id=\"changes-" << unit << "\"><h3>" << unit << "</h3>";
    if (!r.results.is_object()) {
      b << "<p class=\"fail\">" << escape_html(r.error) << "</p></div>\n";
      continue;
    }
    if (!r.changes.previous_run) {
      b << "<p class=\"meta\">ตรวจครั้งแรก / first run</p></div>\n";
      continue;
    }
    if (u.lines.empty()) {
      b << "<p class=\"meta\">ไม่เปลี่ยนแปลง / no change</p></div>\n";
      continue;
    }
    b << "<ul>";
    for (const auto& l : u.lines) {
      b << "<li class=\"change" << (l.regression ? " regression" : "") << "\">" << escape_html(l.text_th) << " <span class=\"en\">"
        << escape_html(l.text_en) << "</span></li>";
    }
    b << "</ul></div>\n";
  }
  b << "</section>\n";
}

}  // namespace

std::string render_scan_index(const std::vector<ScanRow>& rows, const std::filesystem::path& templates_dir,
                              const std::string& scanned_at, const ScanIndexLinks& links) {
  // Item columns: every item any unit has, in first-seen order (the framework's: O1 … O22).
  std::vector<std::string> items;
  std::set<std::string> seen;
  for (const auto& r : rows) {
    if (!r.results.is_object()) continue;
    for (const auto& i : r.results["items"]) {
      const std::string id = json_text(i, "id");
      if (seen.insert(id).second) items.push_back(id);
    }
  }
  std::vector<UnitView> units;
  for (const auto& r : rows) {
    UnitView u;
    u.row = &r;
    u.lines = change_lines(r.changes);
    u.streaks = failing_streaks(r.item_history, 2);
    u.has_regression = std::any_of(u.lines.begin(), u.lines.end(), [](const ChangeLine& l) { return l.regression; });
    if (r.results.is_object()) u.oit = json_number(r.results["score"], "oit");
    if (r.runs.size() > 1) u.previous_oit = r.runs[1].oit;
    units.push_back(std::move(u));
  }
  // Units with a regression first, then the lowest OIT: what needs a look comes first.
  std::stable_sort(units.begin(), units.end(), [](const UnitView& a, const UnitView& b) {
    if (a.has_regression != b.has_regression) return a.has_regression;
    return a.oit.value_or(-1) < b.oit.value_or(-1);
  });

  std::ostringstream b;
  b << "<div class=\"dashboard\">\n<h1>ผลการตรวจ OIT ทุกหน่วยงาน / OIT nightly dashboard</h1>\n"
    << "<p class=\"scan-date\" id=\"scan-date\">ตรวจเมื่อ " << escape_html(thai_datetime(scanned_at))
    << " (เวลากรุงเทพฯ) <span class=\"en\">scanned " << escape_html(scanned_at) << "</span></p>\n";
  totals_section(b, units, items);
  regressions_section(b, units, links);
  grid_section(b, units, items, links);
  changes_section(b, units);
  b << "</div>\n";
  return render_page(templates_dir, "oitscan: OIT ทุกหน่วยงาน " + escape_html(thai_date_short(scanned_at)), b.str(), kSortScript);
}

}  // namespace oitscan::report
