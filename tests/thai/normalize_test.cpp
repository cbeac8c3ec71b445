#include <catch2/catch.hpp>

#include "thai/normalize.hpp"

using oitscan::thai::make_matching_view;
using oitscan::thai::normalize;
using oitscan::thai::NormalizeOptions;
using oitscan::thai::NormalizeStats;

TEST_CASE("SARA AM split into NIKHAHIT + SARA AA is recomposed, also around a tone mark", "[thai][normalize]") {
  NormalizeStats st;
  CHECK(normalize("ส\u0E4D\u0E32นักงาน", {}, &st) == "สำนักงาน");
  CHECK(normalize("น\u0E4D\u0E49\u0E32", {}, &st) == "น\u0E49\u0E33");  // น ํ ้ า -> น้ำ
  CHECK(st.sara_am_recomposed == 2);
}

TEST_CASE("tone mark typed before an upper vowel is reordered", "[thai][normalize]") {
  CHECK(normalize("ท\u0E48\u0E35") == "ที่");
  CHECK(normalize("ที่") == "ที่");
}

TEST_CASE("zero-width characters dropped, odd spaces made plain, PUA variants mapped", "[thai][normalize]") {
  CHECK(normalize("สำนัก\u200Bงาน\u00A0เขต\uFEFF") == "สำนักงาน เขต");
  NormalizeStats st;
  CHECK(normalize("ท\uF70A", {}, &st) == "ท\u0E48");
  CHECK(st.pua_mapped == 1);
}

TEST_CASE("PDF space repair removes only spaces that cannot be word gaps", "[thai][normalize]") {
  NormalizeOptions pdf;
  pdf.repair_pdf_spaces = true;
  // Samples of debian-deps.md §3: ฝ่␠าย, เผยแพร␠่, ศักด␠ิ์, and a leading vowel before a space.
  CHECK(normalize("ฝ่ าย เผยแพร ่ ศักด ิ์ เ ขต", pdf) == "ฝ่าย เผยแพร่ ศักดิ์ เขต");
  // Real word gaps survive.
  CHECK(normalize("สำนักงาน เขต บางนา", pdf) == "สำนักงาน เขต บางนา");
  // Without the option nothing is removed.
  CHECK(normalize("ฝ่ าย") == "ฝ่ าย");
}

TEST_CASE("matching view: Thai digits to ASCII with a map back to the display text", "[thai][normalize]") {
  const std::string display = "ที่ ๖๙๗  /๒๕๖๗";
  const auto v = make_matching_view(display);
  CHECK(v.text == "ที่ 697 /2567");
  const auto pos = v.text.find("2567");
  const auto [b, e] = v.to_display(pos, pos + 4);
  CHECK(display.substr(b, e - b) == "๒๕๖๗");
}

TEST_CASE("matching view joins Thai words split by line wraps when asked", "[thai][normalize]") {
  CHECK(make_matching_view("ประจำ\nปี งบ ABC  def", true).text == "ประจำปีงบ ABC def");
  CHECK(make_matching_view("ประจำ\nปี", false).text == "ประจำ ปี");
}
