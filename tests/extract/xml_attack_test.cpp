// OOXML containers built in the test with libzip: XML attacks (entity expansion "billion laughs",
// external entities / XXE) must neither blow up nor leak local files; a two-sheet workbook checks
// that a quarter finds the fiscal year named in an earlier part.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "support/format_compare.hpp"
#include "extract/extract.hpp"
#include "extract/fixtures.hpp"

namespace {

std::string docx_with_body(const std::string& prolog, const std::string& body_text) {
  const std::string types =
      "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>";
  const std::string doc = "<?xml version=\"1.0\"?>" + prolog +
                          "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
                          "<w:body><w:p><w:r><w:t>ก่อน " +
                          body_text + " หลัง</w:t></w:r></w:p></w:body></w:document>";
  return oitscan::test::zip_bytes({{"[Content_Types].xml", types}, {"word/document.xml", doc}});
}

}  // namespace

TEST_CASE("billion laughs in document.xml is not expanded", "[extract][hostile][xml]") {
  std::string prolog = "<!DOCTYPE w:document [<!ENTITY a0 \"ฮ่าฮ่าฮ่าฮ่าฮ่า\">";
  for (int i = 1; i <= 10; ++i) {
    prolog += "<!ENTITY a" + std::to_string(i) + " \"";
    for (int k = 0; k < 10; ++k) prolog += "&a" + std::to_string(i - 1) + ";";
    prolog += "\">";
  }
  prolog += "]>";
  const auto doc = oitscan::extract::extract_document(docx_with_body(prolog, "&a10;"));
  CHECK(doc.format == "docx");
  const std::string text = doc.full_text();
  CHECK(text.size() < 10'000);
  // libxml2 stops at the amplification; the reader reports the document as cut short.
  REQUIRE_FALSE(doc.warnings.empty());
  CHECK(doc.warnings[0].find("not well-formed") != std::string::npos);
}

TEST_CASE("external entities (XXE) are never loaded", "[extract][hostile][xml]") {
  const std::string prolog = "<!DOCTYPE w:document [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>";
  const auto doc = oitscan::extract::extract_document(docx_with_body(prolog, "&xxe;"));
  CHECK(doc.format == "docx");
  CHECK(doc.full_text().find("root:") == std::string::npos);
}

TEST_CASE("a quarter takes the fiscal year named in an earlier part (sheet)", "[extract][dates]") {
  const std::string ns = "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
                         "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"";
  auto sheet = [&](const std::string& text) {
    return "<worksheet " + ns + "><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>" + text +
           "</t></is></c></row></sheetData></worksheet>";
  };
  const std::string xlsx = oitscan::test::zip_bytes({
      {"[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"},
      {"xl/workbook.xml", "<workbook " + ns + "><sheets><sheet name=\"สรุป\" sheetId=\"1\" r:id=\"rId1\"/>"
                          "<sheet name=\"ไตรมาส\" sheetId=\"2\" r:id=\"rId2\"/></sheets></workbook>"},
      {"xl/_rels/workbook.xml.rels",
       "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
       "<Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\" Type=\"x\"/>"
       "<Relationship Id=\"rId2\" Target=\"worksheets/sheet2.xml\" Type=\"x\"/></Relationships>"},
      {"xl/worksheets/sheet1.xml", sheet("แผนการใช้จ่ายงบประมาณ ประจำปีงบประมาณ พ.ศ. ๒๕๖๘")},
      {"xl/worksheets/sheet2.xml", sheet("ผลการดำเนินงานไตรมาสที่ ๒")},
  });
  const auto doc = oitscan::extract::extract_document(xlsx);
  CHECK(doc.format == "xlsx");
  REQUIRE(doc.parts.size() == 2);
  REQUIRE(doc.dates.size() == 2);
  CHECK(doc.dates[1].location == "sheet ไตรมาส!A1");
  CHECK(doc.dates[1].date.detail == "quarter");
  CHECK(doc.dates[1].date.iso == "2025-01-01/2025-03-31");
  CHECK(doc.dates[1].date.year_from_context);
}
