// The morning dashboard, the unit report's new parts, Thai times and the export files, rendered
// from real history stores and documents; the CSP hash checked with openssl, not with our code.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <regex>

#include "report/change_lines.hpp"
#include "report/check_report.hpp"
#include "report/export_files.hpp"
#include "report/page.hpp"
#include "report/scan_index.hpp"
#include "report/thai_time.hpp"
#include "support/test_support.hpp"

using namespace oitscan;
using json = nlohmann::ordered_json;
namespace fs = std::filesystem;

namespace {

const fs::path kTemplates = fs::path(OITSCAN_TEST_SOURCE_DIR) / "reports";

json results(const std::string& unit, const std::string& o15, double oit) {
  json items = json::array();
  for (const std::string id : {"O1", "O15"}) {
    const std::string v = id == "O15" ? o15 : "pass";
    json req = {{"id", "monthly-summary"}, {"verdict", v}, {"reason", v == "pass" ? "ok" : "missing-months"},
                {"message_th", "ไม่พบสรุปผลเดือน มี.ค. 2568 <b>"}, {"message_en", "March missing"}, {"evidence", json::array()}};
    items.push_back({{"id", id}, {"verdict", v}, {"title_th", "ข้อ " + id}, {"requirements", json::array({req})}});
  }
  return {{"schema", "oitscan.results/1"},
          {"tool", {{"name", "oitscan"}, {"version", "0.1.0"}}},
          {"unit", {{"id", unit}, {"name_th", "สำนักงานเขต<script>"}, {"website", "https://x.example/"}}},
          {"framework", "bma-district-2568"},
          {"rules_version", "r"},
          {"started_at", "2026-11-21T17:30:00Z"},
          {"finished_at", "2026-11-21T17:40:00Z"},
          {"items", items},
          {"score", {{"framework", "bma-district-2568"}, {"oit", oit}, {"oit_min", oit}, {"oit_max", 100.0},
                     {"indicators", json::object()}, {"level", {{"code", "pass"}, {"th", "ผ่าน"}, {"en", "Passed"}}}}}};
}

store::RunSummary summary(std::int64_t id, double oit, const std::string& at) {
  store::RunSummary s;
  s.id = id;
  s.oit = oit;
  s.started_at = at;
  return s;
}

}  // namespace

TEST_CASE("thai_time: Bangkok time, Buddhist era, across midnight", "[report][time]") {
  CHECK(report::thai_datetime("2026-11-21T17:30:00Z") == "22 พฤศจิกายน 2569 เวลา 00:30 น.");
  CHECK(report::thai_datetime_short("2025-04-30T09:12:00+07:00") == "30 เม.ย. 2568 09:12");
  CHECK(report::thai_date_short("2024-12-31T16:59:59Z") == "31 ธ.ค. 2567");
  CHECK(report::thai_date_short("2024-12-31T17:00:00Z") == "1 ม.ค. 2568");
  CHECK(report::parse_iso8601("2026-11-21T01:00:00Z") == 1795222800);
  CHECK_FALSE(report::parse_iso8601("2026-13-21T01:00:00Z").has_value());
  CHECK_FALSE(report::parse_iso8601("yesterday").has_value());
  CHECK(report::thai_datetime("<not a time>") == "<not a time>");  // escaped by the caller
}

TEST_CASE("dashboard: regressions first, streaks, no not-modified, trend, links, escaped hover text", "[report][dashboard]") {
  report::ScanRow steady;
  steady.unit_id = "latkrabang";
  steady.results = results("latkrabang", "fail", 50.0);
  steady.changes.current_run = 6;
  steady.changes.previous_run = 4;
  // The previous night's document answered 304: the store reports nothing, and neither may we.
  steady.runs = {summary(6, 50.0, "2026-11-21T17:30:00Z"), summary(4, 50.0, "2026-11-20T17:30:00Z"), summary(2, 50.0, "2026-11-19T17:30:00Z")};
  steady.item_history = {{"O1", {"pass", "pass", "pass"}}, {"O15", {"fail", "fail", "fail"}}};

  report::ScanRow regressed;
  regressed.unit_id = "bangna";
  regressed.results = results("bangna", "fail", 50.0);
  regressed.changes.current_run = 5;
  regressed.changes.previous_run = 3;
  store::ItemChange c;
  c.item_id = "O15";
  c.verdict_before = "pass";
  c.verdict_now = "fail";
  c.reasons_appeared = {{"monthly-summary", "missing-months"}};
  regressed.changes.items.push_back(c);
  store::DocumentChange d;
  d.url = "https://x.example/new.pdf";
  d.appeared = true;
  regressed.changes.documents.push_back(d);
  regressed.runs = {summary(5, 50.0, "2026-11-21T17:30:00Z"), summary(3, 100.0, "2026-11-20T17:30:00Z"), summary(1, 100.0, "2026-11-19T17:30:00Z")};
  regressed.item_history = {{"O1", {"pass", "pass", "pass"}}, {"O15", {"fail", "pass", "pass"}}};

  report::ScanRow broken;
  broken.unit_id = "bad";
  broken.error = "rules/x.yaml:3: framework: <no such framework>";

  const std::string html = report::render_scan_index({steady, regressed, broken}, kTemplates, "2026-11-21T17:30:00Z");
  CHECK_THAT(html, Catch::Contains("ตรวจเมื่อ 22 พฤศจิกายน 2569 เวลา 00:30 น."));
  // The regression comes before the streak, and the regressed unit leads the grid.
  const auto regression = html.find("O15 ผ่าน → ไม่ผ่าน เมื่อคืน");
  const auto streak = html.find("ไม่ผ่านติดต่อกัน 3 คืน");
  REQUIRE(regression != std::string::npos);
  REQUIRE(streak != std::string::npos);
  CHECK(regression < streak);
  CHECK(html.find("id=\"unit-bangna\"") < html.find("id=\"unit-latkrabang\""));
  CHECK_THAT(html, Catch::Contains("O15: pass → fail"));
  CHECK_THAT(html, Catch::Contains("เอกสารใหม่ที่ใช้เป็นหลักฐาน: https://x.example/new.pdf <span class=\"en\">new evidence document</span>"));
  CHECK(html.find("not-modified") == std::string::npos);
  CHECK_THAT(html, Catch::Contains("href=\"bangna/report.html#O15\""));
  CHECK_THAT(html, Catch::Contains("data-value=\"-50.00\""));  // 100 → 50
  CHECK_THAT(html, Catch::Contains("<svg class=\"trend\""));
  CHECK_THAT(html, Catch::Contains("id=\"total-fail\">2<"));
  // Untrusted text is escaped in the hover text and the error line, never markup.
  CHECK(html.find("<script>\"") == std::string::npos);
  CHECK(html.find("สำนักงานเขต<script>") == std::string::npos);
  CHECK_THAT(html, Catch::Contains("มี.ค. 2568 &lt;b&gt;"));
  CHECK_THAT(html, Catch::Contains("&lt;no such framework&gt;"));

  // Exactly one script, allowed by its hash; the hash checked by openssl, not by our code.
  const std::regex script_re("<script>([\\s\\S]*?)</script>");
  std::smatch m;
  REQUIRE(std::regex_search(html, m, script_re));
  test::ScratchDir dir("dashboard");
  test::write_file(dir / "script.js", m[1].str());
  const auto digest = test::run_command("openssl dgst -sha256 -binary " + test::shell_quote((dir / "script.js").string()) + " | base64");
  std::string b64 = digest.out;
  while (!b64.empty() && b64.back() == '\n') b64.pop_back();
  CHECK_THAT(html, Catch::Contains("script-src 'sha256-" + b64 + "'"));
  CHECK_THAT(html, Catch::Contains("default-src 'none'"));
}

TEST_CASE("change lines: only real changes, regressions first", "[report][dashboard]") {
  store::Changes changes;
  store::ItemChange better;
  better.item_id = "O1";
  better.verdict_before = "fail";
  better.verdict_now = "pass";
  store::ItemChange worse;
  worse.item_id = "O9";
  worse.verdict_before = "pass";
  worse.verdict_now = "unverified";
  store::DocumentChange broke;
  broke.url = "https://x.example/a.pdf";
  broke.outcome_before = "ok";
  broke.outcome_now = "timeout";
  changes.items = {better, worse};
  changes.documents = {broke};
  const auto lines = report::change_lines(changes);
  REQUIRE(lines.size() == 3);
  CHECK(lines[0].text_th == "O9 ผ่าน → ตรวจสอบไม่ได้ เมื่อคืน");
  CHECK(lines[0].regression);
  CHECK(lines[1].text_en == "https://x.example/a.pdf: ok → timeout");
  CHECK(lines[1].regression);
  CHECK(lines[2].text_th == "O1 ไม่ผ่าน → ผ่าน เมื่อคืน");
  CHECK_FALSE(lines[2].regression);
  CHECK(report::nights_in_a_row({"fail", "fail", "pass", "fail"}, "fail") == 2);
  CHECK(report::failing_streaks({{"O1", {"fail"}}, {"O2", {"fail", "fail"}}}, 2) == std::map<std::string, int>{{"O2", 2}});
}

TEST_CASE("unit report: gauge, counts, failing-only switch, history, captures, failed fetches", "[report][unit]") {
  json doc = results("bangna", "fail", 50.0);
  auto& evidence = doc["items"][1]["requirements"][0]["evidence"];
  evidence.push_back({{"url", "https://x.example/a.pdf"}, {"final_url", "https://x.example/a.pdf"}, {"http_status", 200},
                      {"fetched_at", "2026-11-21T17:31:00Z"}, {"sha256", std::string(64, 'a')}, {"warc_record_id", "<urn:uuid:1>"},
                      {"format", "pdf"}, {"text_source", "text-layer"}, {"fetch_outcome", "ok"}});
  evidence.push_back({{"url", "https://down.example/b.pdf"}, {"final_url", "https://down.example/b.pdf"}, {"http_status", 0},
                      {"fetched_at", "2026-11-21T17:31:00Z"}, {"sha256", ""}, {"warc_record_id", ""}, {"format", "unknown"},
                      {"fetch_outcome", "timeout"}});
  evidence.push_back({{"url", "https://x.example/page"}, {"http_status", 200}, {"sha256", std::string(64, 'b')},
                      {"format", "html"}, {"fetch_outcome", "not-modified"}});
  doc["items"][1]["requirements"][0]["machine_verdict"] = "pass";
  doc["items"][1]["requirements"][0]["override"] = {{"verdict", "fail"}, {"by", "auditor-<a>"}, {"at", "2025-04-30T09:12:00+07:00"}, {"why", "ฉบับปีก่อน"}};

  report::ReportContext ctx;
  ctx.item_history["O15"] = {{"2026-11-21T17:30:00Z", "fail"}, {"2026-11-20T17:30:00Z", "fail"}, {"2026-11-19T17:30:00Z", "pass"}};
  const std::string html = report::render_check_report(doc, kTemplates, ctx);
  CHECK_THAT(html, Catch::Contains("<svg class=\"gauge\""));
  CHECK_THAT(html, Catch::Contains("id=\"count-fail\">1<"));
  CHECK_THAT(html, Catch::Contains("id=\"only-failing\""));
  CHECK_THAT(html, Catch::Contains("22 พฤศจิกายน 2569 เวลา 00:30 น."));
  CHECK_THAT(html, Catch::Contains("ไม่ผ่านตั้งแต่ 21 พ.ย. 2569, 2 ครั้งล่าสุด"));
  CHECK_THAT(html, Catch::Contains("href=\"captures/" + std::string(64, 'a') + ".pdf\""));
  CHECK_THAT(html, Catch::Contains("href=\"captures/" + std::string(64, 'b') + ".txt\""));  // HTML shown as text
  CHECK_THAT(html, Catch::Contains("ดึงเอกสารไม่สำเร็จ / fetch failed: timeout"));
  CHECK(html.find("HTTP 0") == std::string::npos);
  CHECK_THAT(html, Catch::Contains("auditor-&lt;a&gt;"));
  CHECK_THAT(html, Catch::Contains("(เครื่องตรวจได้ / machine: pass)"));
  CHECK(html.find("<script") == std::string::npos);  // the report runs nothing
  CHECK(report::capture_file_name("../../etc/passwd", "pdf").empty());
  CHECK(report::capture_file_name(std::string(64, 'A'), "pdf").empty());
}

TEST_CASE("export files: CSV with BOM, RFC 4180 quoting, formulas defused, JSON schema id", "[report][export]") {
  store::ExportRun run;
  run.run_id = 7;
  run.unit_id = "bangna";
  run.unit_name_th = "สำนักงานเขตบางนา";
  run.item_verdicts = {{"O15", "fail"}};
  store::ExportRow row;
  row.values.assign(store::export_columns().size(), "");
  row.values[0] = "bangna";
  row.values[1] = "สำนักงานเขตบางนา";
  row.values[10] = "ขาด \"มี.ค.\", เม.ย.\nบรรทัดสอง";
  row.values[17] = "=HYPERLINK(\"http://evil\")";
  run.rows.push_back(row);
  const std::string csv = report::export_csv({run});
  CHECK(csv.rfind("\xEF\xBB\xBFunit_id,unit_name_th,framework,run_id,checked_at,item,item_verdict,requirement,verdict,reason,"
                  "message_th,message_en,fix_th,fix_en,evidence_urls,override_verdict,override_by,override_why,",
                  0) == 0);
  CHECK_THAT(csv, Catch::Contains("\"ขาด \"\"มี.ค.\"\", เม.ย.\nบรรทัดสอง\""));
  CHECK_THAT(csv, Catch::Contains("\"'=HYPERLINK(\"\"http://evil\"\")\""));
  CHECK(csv.substr(csv.size() - 2) == "\r\n");
  const json j = report::export_json({run});
  CHECK(j["schema"] == "oitscan.export/1");
  CHECK(j["rows"][0]["run_id"] == 7);
  CHECK(j["rows"][0]["override_why"] == "=HYPERLINK(\"http://evil\")");  // JSON is data: kept as is
  CHECK(j["summary"][0]["items"]["O15"] == "fail");
}
