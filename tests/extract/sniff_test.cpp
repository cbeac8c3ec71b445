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
