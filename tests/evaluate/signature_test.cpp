// Signature blocks as districts print them, and prose that only names the role.
#include <catch2/catch.hpp>

#include "evaluate/signature.hpp"
#include "evaluate/text_index.hpp"

using namespace oitscan::evaluate;

namespace {
const std::vector<std::string> kDirector{compact_key("ผู้อำนวยการเขต")};
bool signed_text(const std::string& text, bool ocr = false) { return find_signature(text, kDirector, ocr).has_value(); }
}  // namespace

TEST_CASE("a signature block: the name in parentheses above the role", "[evaluate][signature]") {
  CHECK(signed_text("ประกาศ ณ วันที่ ๑ ตุลาคม ๒๕๖๗\n\n(นายสมศักดิ์ ตั้งมั่น)\nผู้อำนวยการเขตบางนา\n"));
  CHECK(signed_text("ลงชื่อ\nนายสมศักดิ์ ตั้งมั่น\nผู้อำนวยการเขตบางนา"));
  CHECK(signed_text("(นายสมศักดิ์ ตั้งมั่น) ผู้อำนวยการเขตบางนา"));  // one line, as some pages render it
  CHECK(signed_text("(นางสาวพิมพ์ใจ ดีงาม)\nตำแหน่ง ผู้อำนวยการเขตลาดกระบัง"));
}

TEST_CASE("prose that names the role is not a signature", "[evaluate][signature]") {
  CHECK_FALSE(signed_text("วันที่ ๒๒ กพ. ๒๕๖๘ นายสมเกียรติ ใจมั่น ผู้อำนวยการเขต เป็น\nประธานกิจกรรม ประกาศเจตนารมณ์"));
  CHECK_FALSE(signed_text("(นายวีระพงษ์ ศรีสุข)\nผู้ช่วยผู้อำนวยการเขตบางนา"));  // the assistant director
  CHECK_FALSE(signed_text("ผู้อำนวยการเขตบางนา\nเป็นประธานในพิธี"));              // no name above
  CHECK_FALSE(signed_text("เรียน ผู้อำนวยการเขตบางนา"));
}

TEST_CASE("OCR may drop a vowel of the role: tolerated only on OCR'd text", "[evaluate][signature]") {
  const std::string scanned = "เห็นชอบ และให้เผยแพร่ทางเว็บไซต์ของสำนักงานเขต\n\n(นายธิรพงษ์ เพชรแก้ว)\n\n๐\n\nผู้านวยการเขตลาดกระบัง\n";
  CHECK(signed_text(scanned, true));
  CHECK_FALSE(signed_text(scanned, false));
  CHECK_FALSE(signed_text("(นายธิรพงษ์ เพชรแก้ว)\nนักวิชาการเงินและบัญชี", true));
}
