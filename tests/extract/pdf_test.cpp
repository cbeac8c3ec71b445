// The text-layer PDF and its scanned twin, both rendered from seed 003 by make_fixtures.sh.
#include <catch2/catch.hpp>

#include <iostream>

#include "support/format_compare.hpp"
#include "extract/fixtures.hpp"
#include "extract/text_quality.hpp"
#include "thai/normalize.hpp"

using namespace oitscan;

namespace {

extract::ExtractOptions no_ocr() {
  extract::ExtractOptions o;
  o.limits.ocr = false;
  return o;
}

bool has_date(const extract::Document& d, const std::string& iso, const std::string& location = "") {
  for (const auto& f : d.dates) {
    if (f.date.iso == iso && (location.empty() || f.location == location)) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("text-layer PDF: page by page, near-lossless Thai after normalisation", "[extract][pdf]") {
  const auto doc = test::extract_fixture("thai-order.pdf", no_ocr());
  CHECK(doc.format == "pdf");
  CHECK(doc.outcome == "ok");
  CHECK_FALSE(doc.machine_readable);
  CHECK(doc.text_source() == "text-layer");
  REQUIRE(doc.parts.size() == 4);
  CHECK(doc.parts[0].label == "page 1");
  CHECK(doc.parts[3].label == "page 4");
  for (const auto& p : doc.parts) {
    CHECK(p.source == extract::TextSource::TextLayer);
    CHECK(p.quality > 0.95);
  }
  const std::string reference = thai::normalize(test::read_fixture("thai-order.txt"));
  const double cer = test::character_error_rate(reference, doc.full_text());
  std::cout << "CER text-layer PDF (4 pages, " << reference.size() << " bytes): " << cer * 100 << " %\n";
  CHECK(cer < 0.005);
  // SARA AM survived as one character and Thai digits were kept for display.
  CHECK(doc.full_text().find("สำนักงานเขตลาดกระบัง") != std::string::npos);
  CHECK(doc.full_text().find("๖๙๗") != std::string::npos);
  CHECK(doc.title == "คำสั่งแต่งตั้งคณะทำงาน ITA");
  bool has_creation = false;
  for (const auto& m : doc.metadata_dates) has_creation = has_creation || m.name == "creation";
  CHECK(has_creation);
}

TEST_CASE("text-layer PDF: link annotation and dates with their pages", "[extract][pdf]") {
  const auto doc = test::extract_fixture("thai-order.pdf", no_ocr());
  bool link = false;
  for (const auto& l : doc.links) link = link || l.url == "https://www.example.go.th/latkrabang/ita/order-697.pdf";
  CHECK(link);
  CHECK(has_date(doc, "2022-01-04", "page 1"));             // ๔ มกราคม ๒๕๖๕
  CHECK(has_date(doc, "2024-10-01/2025-09-30", "page 1"));  // ปีงบประมาณ พ.ศ. 2568
  CHECK(has_date(doc, "2021-10-01/2027-09-30"));            // ปีงบประมาณ พ.ศ.๒๕๖๕ - ๒๕๗๐
  CHECK(has_date(doc, "2025-04-15", "page 4"));             // ๑๕ เม.ย. ๖๘
  CHECK(has_date(doc, "2024-10-01/2025-03-31", "page 4"));  // รอบ ๖ เดือนแรก / ตุลาคม ๒๕๖๗ – มีนาคม ๒๕๖๘
  CHECK(has_date(doc, "2024-10-01/2024-12-31", "page 4"));  // ไตรมาสที่ ๑ (fiscal year from context)
  for (const auto& d : doc.dates) CHECK_FALSE(d.date.from_ocr);
}

TEST_CASE("page limit: a long PDF is read up to the limit and says so", "[extract][pdf][limits]") {
  auto o = no_ocr();
  o.limits.max_pages = 2;
  const auto doc = test::extract_fixture("thai-order.pdf", o);
  CHECK(doc.parts.size() == 2);
  CHECK(doc.page_count == 4);
  REQUIRE_FALSE(doc.warnings.empty());
  CHECK(doc.warnings[0].find("page limit") != std::string::npos);
}

TEST_CASE("scanned PDF without OCR: flagged as needing OCR, no text invented", "[extract][pdf]") {
  const auto doc = test::extract_fixture("thai-order-scanned.pdf", no_ocr());
  REQUIRE(doc.parts.size() == 1);
  CHECK(doc.parts[0].quality == 0.0);
  CHECK(doc.parts[0].text.empty());
  bool noted = false;
  for (const auto& n : doc.parts[0].notes) noted = noted || n.find("OCR needed") != std::string::npos;
  CHECK(noted);
}

TEST_CASE("scanned PDF: OCR recovers the page within the CER bound, dates marked as OCR", "[extract][pdf][ocr]") {
  const auto doc = test::extract_fixture("thai-order-scanned.pdf");
  REQUIRE(doc.parts.size() == 1);
  CHECK(doc.text_source() == "ocr");
  CHECK(doc.parts[0].source == extract::TextSource::Ocr);
  const std::string reference = thai::normalize(test::read_fixture("thai-order-page1.txt"));
  const double cer = test::character_error_rate(reference, doc.parts[0].text);
  std::cout << "CER OCR of scanned page 1 (tesseract tha+eng, 150 dpi scan): " << cer * 100 << " %\n";
  CHECK(cer < 0.15);
  // OCR output decomposes SARA AM; normalisation recomposed it.
  CHECK(doc.parts[0].text.find("\u0E4D\u0E32") == std::string::npos);
  CHECK(doc.parts[0].text.find("สำนักงานเขตลาดกระบัง") != std::string::npos);
  REQUIRE_FALSE(doc.dates.empty());
  for (const auto& d : doc.dates) CHECK(d.date.from_ocr);
}

TEST_CASE("image: OCR of a PNG strip of the order's letterhead", "[extract][image][ocr]") {
  const auto doc = test::extract_fixture("thai-order-strip.png");
  CHECK(doc.format == "png");
  REQUIRE(doc.parts.size() == 1);
  CHECK(doc.parts[0].source == extract::TextSource::Ocr);
  const std::string reference = thai::normalize(test::read_fixture("thai-order-strip.txt"));
  const double cer = test::character_error_rate(reference, doc.parts[0].text);
  std::cout << "CER OCR of PNG strip: " << cer * 100 << " %\n";
  CHECK(cer < 0.15);
}

TEST_CASE("text-quality score: clean Thai passes, garbled layers fail", "[extract][pdf][quality]") {
  CHECK_FALSE(extract::assess_text_layer("สำนักงานเขตลาดกระบัง ประจำปีงบประมาณ พ.ศ. ๒๕๖๘").needs_ocr);
  CHECK(extract::assess_text_layer("").needs_ocr);
  // Thai read as Latin-1 (no ToUnicode map): "สำนักงานเขต" in windows-874 bytes shown as Latin-1.
  CHECK(extract::assess_text_layer("ÊÓ¹Ñ¡§Ò¹à¢µ ÅÒ´¡ÃÐºÑ§ »ÃÐ¨Ó»Õ§º»ÃÐÁÒ³").needs_ocr);
  CHECK(extract::assess_text_layer("\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD abc \uFFFD\uFFFD\uFFFD\uFFFD").needs_ocr);
  const auto pua = extract::assess_text_layer("ส\uF70Aา\uF70Bน\uF70Aก\uF70Bง\uF70Aา\uF70Bน\uF70A");
  CHECK(pua.private_use == 7);
  CHECK(pua.needs_ocr);
}

TEST_CASE("PDF with compressed object streams: the link annotation is still found", "[extract][pdf]") {
  // The raw bytes do not contain the URL: it is inside a Flate-compressed /ObjStm.
  const std::string bytes = test::read_fixture("thai-order-objstm.pdf");
  REQUIRE(bytes.find("/ObjStm") != std::string::npos);
  REQUIRE(bytes.find("order-697.pdf") == std::string::npos);
  extract::ExtractOptions o;
  o.limits.ocr = false;
  const auto doc = extract::extract_document(bytes, o);
  CHECK(doc.outcome == "ok");
  bool link = false;
  for (const auto& l : doc.links) link = link || l.url == "https://www.example.go.th/latkrabang/ita/order-697.pdf";
  CHECK(link);
  CHECK(doc.parts.size() == 4);
}

TEST_CASE("PDF whose text layer is TIS-620 read as Latin-1: re-decoded to Thai without OCR", "[extract][pdf][quality]") {
  extract::ExtractOptions o;
  o.limits.ocr = false;
  const auto doc = test::extract_fixture("garbled-text-layer.pdf", o);
  REQUIRE(doc.parts.size() == 1);
  const auto& p = doc.parts[0];
  CHECK(p.source == extract::TextSource::TextLayer);
  CHECK(p.quality > 0.95);
  CHECK(p.text.find("สำนักงานเขตลาดกระบัง") != std::string::npos);
  CHECK(p.text.find("ที่ ๖๙๗ /๒๕๖๗") != std::string::npos);
  bool noted = false;
  for (const auto& n : p.notes) noted = noted || n.find("re-decoded") != std::string::npos;
  CHECK(noted);
  bool fiscal = false;
  for (const auto& d : doc.dates) fiscal = fiscal || d.date.iso == "2024-10-01/2025-09-30";
  CHECK(fiscal);
  // The raw poppler text is what the score rejected.
  CHECK(extract::assess_text_layer("ÊÓ¹Ñ¡§Ò¹à¢µÅÒ´¡ÃÐºÑ§").needs_ocr);
  CHECK(extract::redecode_latin1_as_thai("ÊÓ¹Ñ¡§Ò¹à¢µÅÒ´¡ÃÐºÑ§").value_or("") == "สำนักงานเขตลาดกระบัง");
  CHECK_FALSE(extract::redecode_latin1_as_thai("Café au lait, crème brûlée"));
}
