// Roles of the dates a document carries (FoundDate::role): rules/date-roles.yaml per part, chrome
// parts always chrome, spreadsheet sheet names and header rows naming the month they hold.
#include <catch2/catch.hpp>

#include "extract/document_json.hpp"
#include "extract/fixtures.hpp"
#include "thai/date_roles.hpp"

using namespace oitscan;
using thai::DateRole;

namespace {

// The role of the first date whose ISO form is `iso`; nullopt when there is none.
std::optional<DateRole> role_of(const extract::Document& doc, const std::string& iso) {
  for (const auto& d : doc.dates) {
    if (d.date.iso == iso) return d.role;
  }
  return std::nullopt;
}

const extract::FoundDate* date_at(const extract::Document& doc, const std::string& location) {
  for (const auto& d : doc.dates) {
    if (d.location == location) return &d;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("memo: the month summarised is the subject, the memo's date the issue", "[extract][dates][roles]") {
  const std::string memo =
      "บันทึกข้อความ\n"
      "ส่วนราชการ สำนักงานเขตบางนา ฝ่ายการคลัง โทร. ๐ ๒๓๙๘ ๐๐๐๐\n"
      "ที่ กท ๕๓๐๑/๑๒๓\n"
      "วันที่ 5 เดือน มีนาคม พ.ศ. 2568\n"
      "เรื่อง รายงานสรุปผลการจัดซื้อจัดจ้าง\n"
      "เรียน ผู้อำนวยการเขตบางนา\n"
      "ฝ่ายการคลังขอรายงานสรุปผลการจัดซื้อจัดจ้าง ประจำเดือน กุมภาพันธ์ ๒๕๖๘ จำนวน ๑๒ รายการ\n"
      "จึงเรียนมาเพื่อโปรดทราบ\n";
  const auto doc = extract::extract_document(memo);
  REQUIRE(doc.format == extract::Format::text);
  CHECK(role_of(doc, "2025-02") == DateRole::Subject);
  CHECK(role_of(doc, "2025-03-05") == DateRole::Issue);
  // The role travels in `oitscan extract --json`.
  const auto j = extract::to_json(doc);
  bool subject = false, issue = false;
  for (const auto& d : j["dates"]) {
    subject = subject || (d["iso"] == "2025-02" && d["role"] == "subject");
    issue = issue || (d["iso"] == "2025-03-05" && d["role"] == "issue");
  }
  CHECK(subject);
  CHECK(issue);
}

TEST_CASE("dates in site chrome are chrome whatever their cue", "[extract][dates][roles][html]") {
  extract::ExtractOptions o;
  o.base_url = "https://bangna.example.go.th/ita/o10";
  const auto doc = test::extract_fixture("portal-landmarks.html", o);
  // "ปรับปรุงข้อมูลล่าสุด ๑๒ มีนาคม ๒๕๖๘" in the site footer.
  CHECK(role_of(doc, "2025-03-12") == DateRole::Chrome);
  // A calendar box in a sidebar has no cue at all; its part makes it chrome.
  const auto page = extract::extract_document(
      "<html><body><main><h1>O10 แผนการดำเนินงาน</h1><p>แผนการดำเนินงาน ประจำปีงบประมาณ พ.ศ. ๒๕๖๘</p></main>"
      "<aside class='widget'><p>ปฏิทินกิจกรรม</p><p>๒๐ ธันวาคม ๒๕๖๗</p></aside>"
      "<footer><p>วันที่โพสต์ 6 เม.ย. 68</p></footer></body></html>",
      o);
  CHECK(role_of(page, "2024-12-20") == DateRole::Chrome);
  CHECK(role_of(page, "2025-04-06") == DateRole::Chrome);
  CHECK(role_of(page, "2024-10-01/2025-09-30") == DateRole::Subject);
  for (const auto& d : page.dates) {
    INFO(d.date.matched);
    CHECK((d.role == DateRole::Chrome) == page.parts[d.part].chrome);
  }
}

TEST_CASE("spreadsheets: a month in a sheet name or a header row is the subject", "[extract][dates][roles][xlsx]") {
  const auto doc = test::extract_fixture("monthly-sheets.xlsx");
  REQUIRE(doc.outcome == "ok");
  // Sheets named for their month, dotted or not.
  const auto* oct = date_at(doc, "sheet ต.ค.๖๗ (name)");
  REQUIRE(oct != nullptr);
  CHECK(oct->date.iso == "2024-10");
  CHECK(oct->role == DateRole::Subject);
  CHECK(oct->date.begin == 0);
  CHECK(oct->date.end == 0);
  const auto* nov = date_at(doc, "sheet พย.67 (name)");
  REQUIRE(nov != nullptr);
  CHECK(nov->date.iso == "2024-11");
  CHECK(nov->role == DateRole::Subject);
  // "รายการ | ต.ค. 67 | พ.ย. 67": not a line of months only, but the sheet's column headers.
  const auto* header = date_at(doc, "sheet สรุป!B2");
  REQUIRE(header != nullptr);
  CHECK(header->role == DateRole::Subject);
  const auto& summary = doc.parts[header->part];
  std::vector<thai::DateMention> mentions;
  for (const auto& d : doc.dates) {
    if (d.part == header->part) mentions.push_back(d.date);
  }
  CHECK(thai::explain_roles(summary.text, mentions, thai::RoleCues::default_cues())[0].reason != "month-header");
  // Below the header rows, an explicit cue still decides: "ข้อมูล ณ วันที่" is the issue date.
  const auto* as_of = date_at(doc, "sheet สรุป!A4");
  REQUIRE(as_of != nullptr);
  CHECK(as_of->role == DateRole::Issue);
}

TEST_CASE("CSV title rows name the period of the table", "[extract][dates][roles][csv]") {
  extract::ExtractOptions o;
  o.declared_type = "text/csv";
  const auto doc = test::extract_fixture("subsidy-bom.csv", o);
  REQUIRE(doc.format == extract::Format::csv);
  // "รอบ 6 เดือนแรก (ตค. 67 - มีค. 68)" in the second title row: the half-year and the months.
  std::size_t periods = 0;
  for (const auto& d : doc.dates) {
    if (d.date.iso != "2024-10-01/2025-03-31") continue;
    ++periods;
    CHECK(d.role == DateRole::Subject);
  }
  CHECK(periods == 2);
  // A title row without any cue: its month is still the table's period.
  const auto plain = extract::extract_document(
      "การเบิกจ่ายเงินอุดหนุนชุมชน ต.ค. 67\nชุมชน,วงเงิน\nชุมชนวัดใหม่,12000\nชุมชนคลองเตย,9000\n", o);
  REQUIRE(plain.format == extract::Format::csv);
  CHECK(role_of(plain, "2024-10") == DateRole::Subject);
  // A form's title block (แบบ สขร.๑): the month summarised, then the day it was made out.
  const auto form = extract::extract_document(
      "แบบ สขร.๑\nสรุปผลการดำเนินการจัดซื้อจัดจ้างในรอบเดือน กพ. 2568\nสำนักงานเขตบางนา\nวันที่ 7 มีค. 2568\n"
      "ลำดับ,งานจัดซื้อจัดจ้าง,วงเงิน\n1,จัดซื้อวัสดุสำนักงาน,25000\n2,จ้างซ่อมเครื่องปรับอากาศ,7000\n",
      o);
  REQUIRE(form.format == extract::Format::csv);
  CHECK(role_of(form, "2025-02") == DateRole::Subject);
  CHECK(role_of(form, "2025-03-07") == DateRole::Issue);
  // In the rows below the header, a day stays what the cues make it.
  const auto rows = extract::extract_document(
      "ลำดับ,งาน,วันที่\n1,ประชุมชุมชน,วันที่ 7 มีค. 2568\n2,อบรม,8 มีค. 2568\n", o);
  CHECK(role_of(rows, "2025-03-07") == DateRole::Event);
  // Outside spreadsheets the header-row rule does not apply: a month-date in a plain text's
  // first line is left to the cues.
  const auto text = extract::extract_document("ต.ค. 67 ตรวจเยี่ยมชุมชน\nรายละเอียดตามเอกสารแนบ\n");
  REQUIRE(text.format == extract::Format::text);
  CHECK(role_of(text, "2024-10") != DateRole::Subject);
}
