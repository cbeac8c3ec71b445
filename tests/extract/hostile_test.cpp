// Hostile documents end as explained outcomes, never crashes or hangs.
#include <catch2/catch.hpp>

#include "support/format_compare.hpp"
#include "extract/fixtures.hpp"

using namespace oitscan;

TEST_CASE("zip bomb dressed as DOCX is refused by the decompression limits", "[extract][hostile]") {
  const auto doc = test::extract_fixture("bomb.docx");
  CHECK(doc.format == "docx");
  CHECK(doc.outcome == "limit-exceeded");
  REQUIRE_FALSE(doc.warnings.empty());
  // With a generous ratio limit, the size cap still stops it.
  extract::ExtractOptions o;
  o.limits.max_compression_ratio = 1'000'000;
  o.limits.max_member_bytes = 8u << 20;
  const auto capped = test::extract_fixture("bomb.docx", o);
  CHECK(capped.outcome == "limit-exceeded");
  CHECK(capped.warnings[0].find("limit") != std::string::npos);
}

TEST_CASE("truncated and garbage inputs", "[extract][hostile]") {
  CHECK(test::extract_fixture("truncated.pdf").outcome == "malformed");
  const std::string garbage("\x01\x02\x03\xFF\xFE\x00\x00garbage\x00", 16);
  CHECK(extract::extract_document(garbage).outcome == "unsupported");
  // A DOCX whose document part is cut in the middle: text up to the break, with a warning.
  const std::string docx = test::read_fixture("thai-order.docx");
  const auto cut = extract::extract_document(docx.substr(0, docx.size() / 2));
  CHECK(cut.outcome != "ok");
}

TEST_CASE("cell, input-size and time limits", "[extract][hostile][limits]") {
  extract::ExtractOptions o;
  o.limits.max_cells = 5;
  const auto x = test::extract_fixture("budget.xlsx", o);
  CHECK(x.outcome == "limit-exceeded");
  CHECK_FALSE(x.parts.empty());  // what was read before the limit is kept
  CHECK(test::extract_fixture("budget.csv", o).outcome == "limit-exceeded");
  CHECK(test::extract_fixture("budget.ods", o).outcome == "limit-exceeded");

  extract::ExtractOptions small;
  small.limits.max_input_bytes = 100;
  CHECK(test::extract_fixture("thai-order.pdf", small).outcome == "limit-exceeded");

  extract::ExtractOptions no_time;
  no_time.limits.seconds_per_document = -1;
  no_time.limits.ocr = false;
  CHECK(test::extract_fixture("thai-order.pdf", no_time).outcome == "limit-exceeded");
}


TEST_CASE("password-protected PDF is an explained outcome", "[extract][hostile][pdf]") {
  const auto doc = test::extract_fixture("thai-order-encrypted.pdf");
  CHECK(doc.format == "pdf");
  CHECK(doc.outcome == "encrypted");
  CHECK(doc.text_source() == "text-layer");
  CHECK(doc.parts.empty());
}

TEST_CASE("an image declaring a huge canvas is refused before OCR", "[extract][hostile][image]") {
  std::string png = test::read_fixture("thai-order-strip.png");
  // Rewrite the IHDR width and height to 100000 x 100000 (the CRC is not checked by the guard).
  for (std::size_t i : {16u, 20u}) {
    png[i] = 0;
    png[i + 1] = static_cast<char>(0x01);
    png[i + 2] = static_cast<char>(0x86);
    png[i + 3] = static_cast<char>(0xA0);
  }
  const auto doc = extract::extract_document(png);
  CHECK(doc.format == "png");
  CHECK(doc.outcome == "limit-exceeded");
  CHECK(doc.text_source() == "ocr");
}
