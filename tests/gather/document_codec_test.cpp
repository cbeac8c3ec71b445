// The extraction cache's codec: real documents of every kind survive the round trip field for
// field, and damaged or foreign bytes are refused rather than half-read.
#include <catch2/catch.hpp>

#include "extract/document_json.hpp"
#include "extract/extract.hpp"
#include "gather/document_codec.hpp"
#include "support/test_support.hpp"

using namespace oitscan;

namespace {

extract::Document read_fixture(const std::string& name) {
  const std::string bytes = test::read_file(std::filesystem::path(OITSCAN_TEST_SOURCE_DIR) / "tests/fixtures/docs" / name);
  extract::ExtractOptions o;
  o.base_url = "https://www.example.go.th/bangna/" + name;
  o.limits.ocr = false;  // the codec is under test here, not tesseract
  return extract::extract_document(bytes, o);
}

// Everything to_json shows plus what it does not (spans, date offsets and flags).
void require_same(const extract::Document& a, const extract::Document& b) {
  REQUIRE(extract::to_json(a) == extract::to_json(b));
  REQUIRE(a.parts.size() == b.parts.size());
  for (std::size_t i = 0; i < a.parts.size(); ++i) {
    REQUIRE(a.parts[i].spans.size() == b.parts[i].spans.size());
    for (std::size_t s = 0; s < a.parts[i].spans.size(); ++s) {
      CHECK(a.parts[i].spans[s].begin == b.parts[i].spans[s].begin);
      CHECK(a.parts[i].spans[s].end == b.parts[i].spans[s].end);
      CHECK(a.parts[i].spans[s].label == b.parts[i].spans[s].label);
    }
  }
  REQUIRE(a.dates.size() == b.dates.size());
  for (std::size_t i = 0; i < a.dates.size(); ++i) {
    CHECK(a.dates[i].date.begin == b.dates[i].date.begin);
    CHECK(a.dates[i].date.end == b.dates[i].date.end);
    CHECK(a.dates[i].date.first <= b.dates[i].date.first);
    CHECK(b.dates[i].date.first <= a.dates[i].date.first);
    CHECK(a.dates[i].role == b.dates[i].role);
    CHECK(a.dates[i].part == b.dates[i].part);
    CHECK(a.dates[i].date.two_digit_year == b.dates[i].date.two_digit_year);
  }
  CHECK(a.mime == b.mime);
  CHECK(a.declared_format == b.declared_format);
  CHECK(a.charset_how == b.charset_how);
  CHECK(a.placeholder_reason == b.placeholder_reason);
}

}  // namespace

TEST_CASE("document codec: real documents round-trip field for field", "[gather][codec]") {
  for (const char* name : {"thai-order.pdf", "thai-order.docx", "thai-order.odt", "budget.xlsx", "monthly-sheets.xlsx",
                           "budget-874.csv", "portal-landmarks.html", "ita-page-874.html", "pdfjs-viewer.html"}) {
    INFO(name);
    const auto doc = read_fixture(name);
    REQUIRE_FALSE(doc.parts.empty());
    const auto decoded = gather::decode_document(gather::encode_document(doc));
    REQUIRE(decoded.has_value());
    require_same(doc, *decoded);
  }
}

TEST_CASE("document codec: damaged, foreign or out-of-range bytes are refused", "[gather][codec]") {
  const std::string good = gather::encode_document(read_fixture("thai-order.pdf"));
  CHECK_FALSE(gather::decode_document("").has_value());
  CHECK_FALSE(gather::decode_document("not cbor at all").has_value());
  CHECK_FALSE(gather::decode_document(good.substr(0, good.size() / 2)).has_value());
  // Every single-byte change either decodes to something in bounds or is refused; none throws.
  for (std::size_t i = 0; i < good.size(); i += std::max<std::size_t>(1, good.size() / 400)) {
    std::string bad = good;
    bad[i] = static_cast<char>(bad[i] ^ 0x5a);
    const auto d = gather::decode_document(bad);
    if (d) {
      for (const auto& s : d->sections) CHECK(s.end <= d->parts.at(s.part).text.size());
    }
  }
  // Another codec version is not this one.
  auto j = nlohmann::json::from_cbor(good);
  j[0] = gather::kDocumentCodecVersion + 1;
  const auto other = nlohmann::json::to_cbor(j);
  CHECK_FALSE(gather::decode_document(std::string(other.begin(), other.end())).has_value());
}
