#include <catch2/catch.hpp>

#include "support/format_compare.hpp"
#include "extract/fixtures.hpp"
#include "extract/formats.hpp"
#include "extract/sniff.hpp"

using namespace oitscan;

TEST_CASE("formats are sniffed from the bytes of every fixture", "[extract][sniff]") {
  const std::pair<const char*, const char*> cases[] = {
      {"thai-order.pdf", "pdf"},       {"thai-order-scanned.pdf", "pdf"}, {"thai-order.docx", "docx"},
      {"thai-order.odt", "odt"},       {"budget.xlsx", "xlsx"}, {"budget-be.xlsx", "xlsx"},           {"budget.ods", "ods"},
      {"budget.csv", "csv"},           {"budget-874.csv", "csv"},         {"ita-page-874.html", "html"},
      {"thai-order-strip.png", "png"}, {"thai-order.txt", "text"},
  };
  for (const auto& [file, format] : cases) {
    INFO(file);
    CHECK(extract::sniff(test::read_fixture(file)).format == format);
  }
  CHECK(extract::sniff("{\"items\": [1, 2, {\"ชื่อ\": \"เขตบางนา\"}]}").format == "json");
  CHECK(extract::sniff("<?xml version=\"1.0\"?><rss><channel/></rss>").format == "xml");
  CHECK(extract::sniff("").format == "unknown");
}

TEST_CASE("declared Content-Type is kept and a mismatch flagged, never trusted", "[extract][sniff]") {
  extract::ExtractOptions o;
  o.limits.ocr = false;
  o.declared_type = "application/pdf";
  // A login wall / interstitial served as the PDF.
  const auto wall = extract::extract_document("<html><body><form>เข้าสู่ระบบ</form></body></html>", o);
  CHECK(wall.format == "html");
  CHECK(wall.declared_format == "pdf");
  CHECK(wall.format_mismatch);
  o.declared_type = "application/octet-stream";
  const auto pdf = test::extract_fixture("thai-order.pdf", o);
  CHECK(pdf.format == "pdf");
  CHECK_FALSE(pdf.format_mismatch);
  o.declared_type = "text/plain";
  CHECK_FALSE(test::extract_fixture("budget.csv", o).format_mismatch);
  o.declared_type = "application/vnd.ms-excel";
  CHECK(test::extract_fixture("budget.csv", o).format_mismatch);
}

TEST_CASE("format table: loaded from rules/formats.yaml, policy as data", "[extract][formats]") {
  const auto& t = extract::FormatTable::default_table();
  for (const char* f : {"csv", "xlsx", "xls", "ods", "json", "xml"}) {
    INFO(f);
    REQUIRE(t.find(f) != nullptr);
    CHECK(t.find(f)->machine_readable);
  }
  CHECK(t.find("docx")->editable);
  CHECK_FALSE(t.find("docx")->machine_readable);
  CHECK_FALSE(t.find("pdf")->machine_readable);
  CHECK(t.format_for_content_type("Text/HTML; charset=TIS-620") == "html");
  CHECK(t.format_for_content_type("application/octet-stream") == std::nullopt);
}

namespace {

// The text of the span labelled `label` in the first part, "" when there is none.
std::string cell_text(const extract::Document& doc, const std::string& label) {
  if (doc.parts.empty()) return {};
  for (const auto& s : doc.parts[0].spans) {
    if (s.label == label) return doc.parts[0].text.substr(s.begin, s.end - s.begin);
  }
  return {};
}

}  // namespace

TEST_CASE("CSV with a title block, a UTF-8 BOM or windows-874 Thai is still CSV", "[extract][sniff][csv]") {
  // Both fixtures start with two title lines without any delimiter, as district exports do.
  for (const char* file : {"subsidy-bom.csv", "subsidy-874.csv"}) {
    INFO(file);
    CHECK(extract::sniff(test::read_fixture(file)).format == "csv");
    extract::ExtractOptions o;
    o.declared_type = "text/csv";
    const auto doc = test::extract_fixture(file, o);
    CHECK(doc.format == "csv");
    CHECK(doc.machine_readable);
    CHECK_FALSE(doc.format_mismatch);
    // The delimiter is read from the table, not from the title line (';' in the cp874 file).
    CHECK(cell_text(doc, "cell B4") == "ชุมชนริมคลองประเวศ");
    CHECK(cell_text(doc, "cell C6") == "52000");
  }
  CHECK(test::extract_fixture("subsidy-bom.csv").charset_how == "bom");
  CHECK(test::extract_fixture("subsidy-874.csv").charset == "windows-874");
}

TEST_CASE("a declared text/csv needs consistent delimiters; undeclared text must be mostly table",
          "[extract][sniff][csv]") {
  // Two rows of one shape, then notes: enough when the server says CSV, not from the bytes alone.
  const std::string short_table =
      "รายชื่อผู้ผ่านการคัดเลือก\nชื่อ,คะแนน\nนายสมชาย ใจดี,85\nหมายเหตุ ข้อมูลเบื้องต้น\nจัดทำโดย ฝ่ายปกครอง\n";
  CHECK(extract::sniff(short_table).format == "text");
  CHECK(extract::sniff(short_table, {}, extract::Format::csv).format == "csv");
  // Prose with commas here and there is text whatever the server says.
  const std::string prose =
      "The district office, as announced, opens at 8:30.\nPlease bring your ID card.\n"
      "Fees, if any, are paid at counter 3, next to the entrance.\nThank you.\n";
  CHECK(extract::sniff(prose).format == "text");
  CHECK(extract::sniff(prose, {}, extract::Format::csv).format == "text");
  CHECK(extract::sniff(test::read_fixture("thai-order.txt"), {}, extract::Format::csv).format == "text");
  // HTML stays HTML even when declared as CSV (an error page served for the file).
  CHECK(extract::sniff("<html><body>ไม่พบไฟล์,กรุณาลองใหม่</body></html>", {}, extract::Format::csv).format == "html");
}

TEST_CASE("UTF-16 tab-separated text (Excel's Unicode text export) is CSV, not binary", "[extract][sniff][csv]") {
  const std::u16string table = u"ชื่อชุมชน\tงบประมาณ\nชุมชนวัดใหม่\t1000\nชุมชนคลองเตย\t2000\n";
  std::string bytes = "\xFF\xFE";
  for (char16_t c : table) {
    bytes.push_back(static_cast<char>(c & 0xFF));
    bytes.push_back(static_cast<char>(c >> 8));
  }
  CHECK(extract::sniff(bytes).format == "csv");
  const auto doc = extract::extract_document(bytes);
  CHECK(cell_text(doc, "cell A3") == "ชุมชนคลองเตย");
}
