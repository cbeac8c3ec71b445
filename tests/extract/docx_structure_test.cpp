// DOCX headings become sections: English and Thai style ids, and localised ids whose style name
// or outline level in word/styles.xml says "heading".
#include <catch2/catch.hpp>

#include "extract/extract.hpp"
#include "extract/fixtures.hpp"

namespace {

std::string para(const std::string& style, const std::string& text) {
  const std::string ppr = style.empty() ? "" : "<w:pPr><w:pStyle w:val=\"" + style + "\"/></w:pPr>";
  return "<w:p>" + ppr + "<w:r><w:t>" + text + "</w:t></w:r></w:p>";
}

}  // namespace

TEST_CASE("DOCX heading styles split sections; styles.xml names localised ids", "[extract][office][structure]") {
  const std::string ns = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";
  const std::string body = para("Title", "แผนปฏิบัติราชการ ประจำปี ๒๕๖๘") + para("", "บทนำของแผน") +
                           para("หัวเรื่อง1", "ส่วนที่ ๑ ยุทธศาสตร์") + para("", "เนื้อหายุทธศาสตร์") +
                           para("a1", "ส่วนที่ ๒ โครงการ") + para("", "รายการโครงการ");
  const std::string styles = "<w:styles " + ns +
                             "><w:style w:type=\"paragraph\" w:styleId=\"a1\"><w:name w:val=\"heading 2\"/></w:style>"
                             "<w:style w:type=\"paragraph\" w:styleId=\"a2\"><w:name w:val=\"Normal\"/></w:style></w:styles>";
  const std::string docx = oitscan::test::zip_bytes({{"[Content_Types].xml", "<Types/>"},
                                   {"word/document.xml", "<w:document " + ns + "><w:body>" + body + "</w:body></w:document>"},
                                   {"word/styles.xml", styles}});
  const auto doc = oitscan::extract::extract_document(docx);
  REQUIRE(doc.outcome == "ok");
  REQUIRE(doc.headings.size() == 3);
  REQUIRE(doc.sections.size() == 3);
  CHECK(doc.sections[0].heading == "แผนปฏิบัติราชการ ประจำปี ๒๕๖๘");
  CHECK(doc.sections[1].heading == "ส่วนที่ ๑ ยุทธศาสตร์");
  CHECK(doc.sections[2].heading == "ส่วนที่ ๒ โครงการ");
  CHECK(doc.sections[2].end == doc.parts[0].text.size());
  const std::string second = doc.parts[0].text.substr(doc.sections[1].begin, doc.sections[1].end - doc.sections[1].begin);
  CHECK(second.find("เนื้อหายุทธศาสตร์") != std::string::npos);
  CHECK(second.find("รายการโครงการ") == std::string::npos);
  CHECK(doc.sections[0].language == "th");
}
