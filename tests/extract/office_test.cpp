// DOCX/ODT and XLSX/ODS/CSV fixtures rendered by LibreOffice from seed excerpts.
#include <catch2/catch.hpp>

#include <iostream>

#include "support/format_compare.hpp"
#include "extract/fixtures.hpp"
#include "extract/spreadsheet_dates.hpp"
#include "thai/normalize.hpp"

using namespace oitscan;

namespace {

std::string location_of_text(const extract::Document& d, const std::string& needle) {
  for (std::size_t i = 0; i < d.parts.size(); ++i) {
    const auto p = d.parts[i].text.find(needle);
    if (p != std::string::npos) return d.location_of(i, p);
  }
  return "(not found)";
}

}  // namespace

TEST_CASE("DOCX and ODT: paragraphs lossless, hyperlink with anchor text, core properties", "[extract][docx][odt]") {
  const std::string reference = thai::normalize(test::read_fixture("thai-order.txt"));
  for (const std::string name : {"thai-order.docx", "thai-order.odt"}) {
    INFO(name);
    const auto doc = test::extract_fixture(name);
    CHECK(doc.outcome == "ok");
    CHECK(doc.editable);
    CHECK_FALSE(doc.machine_readable);
    CHECK(doc.text_source() == "markup");
    const double cer = test::character_error_rate(reference, doc.full_text());
    std::cout << "CER " << name << ": " << cer * 100 << " %\n";
    CHECK(cer == 0.0);
    REQUIRE(doc.links.size() == 1);
    CHECK(doc.links[0].url == "https://www.example.go.th/latkrabang/ita/order-697.pdf");
    CHECK(doc.links[0].anchor_text == "คำสั่งสำนักงานเขตลาดกระบัง");
    CHECK(doc.title == "คำสั่งแต่งตั้งคณะทำงาน ITA");
    CHECK(location_of_text(doc, "ที่ ๖๙๗") == "paragraph 11");
  }
}

TEST_CASE("XLSX and ODS: cells with sheet and address, date serials rendered, Thai kept", "[extract][xlsx][ods]") {
  for (const std::string name : {"budget.xlsx", "budget.ods"}) {
    INFO(name);
    const auto doc = test::extract_fixture(name);
    CHECK(doc.outcome == "ok");
    CHECK(doc.machine_readable);
    REQUIRE(doc.parts.size() == 1);
    CHECK(doc.parts[0].label == "sheet budget");
    CHECK(location_of_text(doc, "ผ่านดีเยี่ยม") == "sheet budget!A2");
    CHECK(location_of_text(doc, "ต้องปรับปรุงโดยด่วน") == "sheet budget!A6");
    CHECK(location_of_text(doc, "๙๕.๐๐ - ๑๐๐.๐๐") == "sheet budget!B2");
    // Column D was imported as real dates (serial numbers with a date format).
    CHECK(location_of_text(doc, "2025-03-31") == "sheet budget!D2");
    CHECK(location_of_text(doc, "31/03/2568") == "sheet budget!E2");
    int day_dates = 0;
    for (const auto& d : doc.dates) {
      if (d.date.kind == thai::DateKind::Day) ++day_dates;
      if (d.location == "sheet budget!D5") CHECK(d.date.iso == "2025-09-30");
      if (d.location == "sheet budget!E3") CHECK(d.date.iso == "2024-10-01");
    }
    CHECK(day_dates == 10);
  }
}

TEST_CASE("CSV in UTF-8 and windows-874: same cells, charset reported", "[extract][csv]") {
  const auto utf8 = test::extract_fixture("budget.csv");
  const auto thai = test::extract_fixture("budget-874.csv");
  CHECK(utf8.format == "csv");
  CHECK(thai.format == "csv");
  CHECK(utf8.machine_readable);
  CHECK(utf8.charset == "UTF-8");
  CHECK(thai.charset == "windows-874");
  CHECK(utf8.full_text() == thai.full_text());
  CHECK(location_of_text(utf8, "ผ่านดี\t") == "cell A3");
  CHECK(location_of_text(utf8, "12,500.00") == "cell F2");  // quoted field with a comma
  CHECK(utf8.dates.size() == 10);
}

TEST_CASE("Excel number formats: Gregorian and Buddhist-era dates", "[extract][xlsx][dates]") {
  using extract::classify_number_format;
  CHECK(classify_number_format(14, "").is_date);
  CHECK_FALSE(classify_number_format(14, "").buddhist_era);
  CHECK(classify_number_format(71, "").buddhist_era);
  CHECK_FALSE(classify_number_format(0, "").is_date);
  CHECK_FALSE(classify_number_format(20, "").is_date);  // h:mm
  CHECK(classify_number_format(165, "yyyy\\-mm\\-dd").is_date);
  CHECK_FALSE(classify_number_format(165, "yyyy\\-mm\\-dd").buddhist_era);
  CHECK(classify_number_format(166, "[$-D07041E]d/m/yyyy").buddhist_era);
  CHECK(classify_number_format(166, "[$-1070000]d/mm/yyyy;@").buddhist_era);
  CHECK(classify_number_format(166, "d mmm bbbb").buddhist_era);
  CHECK(classify_number_format(166, "ว/ด/ปปปป").buddhist_era);
  CHECK(classify_number_format(166, "[$-409]d-mmm-yy").is_date);
  CHECK_FALSE(classify_number_format(166, "[$-409]d-mmm-yy").buddhist_era);
  CHECK_FALSE(classify_number_format(167, "#,##0.00").is_date);
  CHECK_FALSE(classify_number_format(167, "0.00E+00").is_date);
  CHECK_FALSE(classify_number_format(167, "\"วันที่\" 0").is_date);
  CHECK_FALSE(classify_number_format(167, "[h]:mm:ss").is_date);
  CHECK_FALSE(classify_number_format(164, "General").is_date);

  auto d = extract::excel_serial_to_date(45747, false);
  REQUIRE(d);
  CHECK(thai::iso_date(*d) == "2025-03-31");
  CHECK(extract::render_cell_date(*d, true) == "31/3/2568");
  CHECK(thai::iso_date(*extract::excel_serial_to_date(1, false)) == "1900-01-01");
  CHECK(thai::iso_date(*extract::excel_serial_to_date(61, false)) == "1900-03-01");
  CHECK(thai::iso_date(*extract::excel_serial_to_date(0, true)) == "1904-01-01");
  CHECK_FALSE(extract::excel_serial_to_date(-5, false));
  CHECK_FALSE(extract::excel_serial_to_date(1e12, false));
}

TEST_CASE("XLSX with a Thai sheet name and Buddhist-era date format [$-107041E]", "[extract][xlsx][dates]") {
  const auto doc = test::extract_fixture("budget-be.xlsx");
  CHECK(doc.outcome == "ok");
  REQUIRE(doc.parts.size() == 1);
  CHECK(doc.parts[0].label == "sheet งบประมาณ");
  // Serial 45657 with a BE format is shown as the office sees it, and typed as a CE date.
  CHECK(location_of_text(doc, "31/12/2567") == "sheet งบประมาณ!B7");
  bool found = false;
  for (const auto& d : doc.dates) {
    if (d.location == "sheet งบประมาณ!B7") {
      found = true;
      CHECK(d.date.iso == "2024-12-31");
      CHECK(d.date.kind == thai::DateKind::Day);
    }
  }
  CHECK(found);
  CHECK(doc.dates.size() == 6);
  CHECK(location_of_text(doc, "๐๑๓ : แผนการใช้จ่ายงบประมาณประจำปี") == "sheet งบประมาณ!A2");
}

TEST_CASE("DOCX and ODT tables: cells of a row stay on one line, tab-separated", "[extract][docx][odt]") {
  for (const std::string name : {"thai-order.docx", "thai-order.odt"}) {
    INFO(name);
    const auto text = test::extract_fixture(name).full_text();
    CHECK(text.find("๒.๑ ผู้ช่วยผู้อำนวยการเขต สรรพการฝ่ายปกครอง\tประธานคณะทำงาน") != std::string::npos);
  }
}
