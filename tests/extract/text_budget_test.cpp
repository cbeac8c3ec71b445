// The text limit is one budget per document: many parts (sheets, tables), each well under the
// limit, cannot add up past it. The document ends limit-exceeded with what was read kept.
#include <catch2/catch.hpp>

#include "extract/fixtures.hpp"

using namespace oitscan;

namespace {

constexpr std::size_t kLimit = 20'000;
constexpr int kParts = 40;

// About 1,800 bytes of Thai per part: each part is far below kLimit, all of them together not.
std::string part_text(int i) {
  std::string s;
  for (int k = 0; k < 20; ++k) s += "งบประมาณรายจ่ายประจำปี แผ่นที่ " + std::to_string(i) + " ";
  return s;
}

std::string many_sheet_ods() {
  std::string body;
  for (int i = 0; i < kParts; ++i) {
    body += "<table:table table:name=\"T" + std::to_string(i) + "\"><table:table-row><table:table-cell><text:p>" +
            part_text(i) + "</text:p></table:table-cell></table:table-row></table:table>";
  }
  const std::string content =
      "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
      "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" "
      "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"><office:body><office:spreadsheet>" +
      body + "</office:spreadsheet></office:body></office:document-content>";
  return test::zip_bytes({{"mimetype", "application/vnd.oasis.opendocument.spreadsheet"}, {"content.xml", content}});
}

std::string many_sheet_xlsx() {
  const std::string ns = "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
                         "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"";
  std::string sheets, rels;
  std::vector<std::pair<std::string, std::string>> members;
  for (int i = 1; i <= kParts; ++i) {
    const std::string n = std::to_string(i);
    sheets += "<sheet name=\"S" + n + "\" sheetId=\"" + n + "\" r:id=\"rId" + n + "\"/>";
    rels += "<Relationship Id=\"rId" + n + "\" Target=\"worksheets/sheet" + n + ".xml\" Type=\"x\"/>";
    members.emplace_back("xl/worksheets/sheet" + n + ".xml",
                         "<worksheet " + ns + "><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>" + part_text(i) +
                             "</t></is></c></row></sheetData></worksheet>");
  }
  members.emplace_back("[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>");
  members.emplace_back("xl/workbook.xml", "<workbook " + ns + "><sheets>" + sheets + "</sheets></workbook>");
  members.emplace_back("xl/_rels/workbook.xml.rels",
                       "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" + rels +
                           "</Relationships>");
  return test::zip_bytes(members);
}

std::string long_docx() {
  std::string paragraphs;
  for (int i = 0; i < kParts; ++i) paragraphs += "<w:p><w:r><w:t>" + part_text(i) + "</w:t></w:r></w:p>";
  const std::string doc = "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>" +
                          paragraphs + "</w:body></w:document>";
  return test::zip_bytes({{"[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"},
                          {"word/document.xml", doc}});
}

std::size_t text_bytes(const extract::Document& doc) {
  std::size_t n = 0;
  for (const auto& p : doc.parts) n += p.text.size();
  return n;
}

extract::Document extract_with_limit(const std::string& bytes) {
  extract::ExtractOptions o;
  o.limits.max_text_bytes = kLimit;
  return extract::extract_document(bytes, o);
}

}  // namespace

TEST_CASE("text budget: many sheets each under the limit stop at the document's limit", "[extract][limits][text-budget]") {
  for (const auto& [format, bytes] : {std::pair{"ods", many_sheet_ods()}, std::pair{"xlsx", many_sheet_xlsx()}}) {
    INFO(format);
    // Without a tight limit, every sheet is read: the input really is many parts.
    const auto whole = extract::extract_document(bytes);
    CHECK(whole.outcome == "ok");
    CHECK(whole.parts.size() == static_cast<std::size_t>(kParts));
    CHECK(text_bytes(whole) > 3 * kLimit);

    const auto doc = extract_with_limit(bytes);
    CHECK(std::string(extract::to_string(doc.format)) == format);
    CHECK(doc.outcome == "limit-exceeded");
    CHECK(text_bytes(doc) <= kLimit);
    CHECK(text_bytes(doc) > kLimit / 2);  // what was read before the limit is kept
    CHECK(doc.parts.size() > 1);
    CHECK(doc.parts.size() < static_cast<std::size_t>(kParts));
    REQUIRE_FALSE(doc.warnings.empty());
    CHECK(doc.warnings.back().find("for all parts together") != std::string::npos);
  }
}

TEST_CASE("text budget: one long part is kept up to the limit", "[extract][limits][text-budget]") {
  const auto doc = extract_with_limit(long_docx());
  CHECK(std::string(extract::to_string(doc.format)) == "docx");
  CHECK(doc.outcome == "limit-exceeded");
  REQUIRE(doc.parts.size() == 1);
  CHECK(doc.parts[0].text.size() <= kLimit);
  CHECK(doc.parts[0].text.size() > kLimit / 2);
  CHECK(doc.parts[0].text.find("แผ่นที่ 0") != std::string::npos);

  // A table of plain text: the rows up to the limit.
  std::string csv;
  for (int i = 0; i < kParts; ++i) csv += "แผ่นที่," + part_text(i) + "\n";
  const auto table = extract_with_limit(csv);
  CHECK(table.outcome == "limit-exceeded");
  CHECK(text_bytes(table) <= kLimit);
  CHECK(text_bytes(table) > kLimit / 2);
}

// The workbook of docs/benchmarks.md (scripts/bench/make_sheet_bomb.py, smaller): many sheets that
// all point at one large worksheet part. With the default limits its text stops at the document's
// budget, which is what bounds `oitscan extract --json` (benchmark: 123 MB peak RSS, was 1.7 GB).
TEST_CASE("text budget: the shared-sheet workbook stops at the default budget", "[extract][limits][text-budget]") {
  const std::string ns = "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
                         "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"";
  std::string rows;
  for (int r = 1; r <= 5000; ++r) {
    rows += "<row r=\"" + std::to_string(r) + "\">";
    for (char c = 'A'; c <= 'J'; ++c) rows += std::string("<c r=\"") + c + std::to_string(r) + "\" t=\"s\"><v>0</v></c>";
    rows += "</row>";
  }
  std::string sheets, rels;
  for (int i = 1; i <= 300; ++i) {
    const std::string n = std::to_string(i);
    sheets += "<sheet name=\"S" + n + "\" sheetId=\"" + n + "\" r:id=\"rId" + n + "\"/>";
    rels += "<Relationship Id=\"rId" + n + "\" Target=\"worksheets/sheet1.xml\" Type=\"x\"/>";
  }
  const std::string xlsx = test::zip_bytes({
      {"[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"},
      {"xl/workbook.xml", "<workbook " + ns + "><sheets>" + sheets + "</sheets></workbook>"},
      {"xl/_rels/workbook.xml.rels",
       "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" + rels + "</Relationships>"},
      {"xl/sharedStrings.xml", "<sst " + ns + "><si><t>งบประมาณรายจ่ายประจำปี พ.ศ. ๒๕๖๘ สำนักงานเขต</t></si></sst>"},
      {"xl/worksheets/sheet1.xml", "<worksheet " + ns + "><sheetData>" + rows + "</sheetData></worksheet>"},
  });
  const extract::Limits defaults;
  const auto doc = extract::extract_document(xlsx);
  CHECK(doc.outcome == "limit-exceeded");
  CHECK(text_bytes(doc) <= defaults.max_text_bytes);
  CHECK(text_bytes(doc) > defaults.max_text_bytes - 1000);
  CHECK(doc.parts.size() == 1);  // the shared part is read once, up to the budget
  CHECK(doc.dates.size() < 40'000);
  REQUIRE_FALSE(doc.warnings.empty());
  CHECK(doc.warnings.front().find("for all parts together), stopped at sheet S1!") != std::string::npos);
}
