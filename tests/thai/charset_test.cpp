#include <catch2/catch.hpp>

#include <string>

#include "thai/charset.hpp"

using oitscan::thai::decode_to_utf8;

namespace {
// "สำนักงานเขต" in windows-874 / TIS-620 bytes.
const std::string kThai874 = "\xCA\xD3\xB9\xD1\xA1\xA7\xD2\xB9\xE0\xA2\xB5";
}  // namespace

TEST_CASE("BOM wins over everything", "[thai][charset]") {
  const auto r = decode_to_utf8("\xEF\xBB\xBFสวัสดี", "text/html; charset=windows-874");
  CHECK(r.text == "สวัสดี");
  CHECK(r.how_decided == "bom");
}

TEST_CASE("Content-Type label: tis-620 and iso-8859-11 decode as windows-874", "[thai][charset]") {
  for (const char* label : {"tis-620", "TIS620", "iso-8859-11", "windows-874"}) {
    const auto r = decode_to_utf8(kThai874, std::string("text/html; charset=\"") + label + "\"");
    CHECK(r.text == "สำนักงานเขต");
    CHECK(r.encoding_used == "windows-874");
    CHECK(r.how_decided == "content-type");
  }
}

TEST_CASE("meta prescan finds both meta forms", "[thai][charset]") {
  const std::string a = "<html><head><meta charset=\"tis-620\"></head><body>" + kThai874;
  CHECK(decode_to_utf8(a, "").how_decided == "meta");
  CHECK(decode_to_utf8(a, "").text.find("สำนักงานเขต") != std::string::npos);
  const std::string b =
      "<html><head><META http-equiv=\"Content-Type\" content=\"text/html; charset=windows-874\"></head>" + kThai874;
  CHECK(decode_to_utf8(b, "text/html").encoding_used == "windows-874");
  CHECK(decode_to_utf8(b, "", {false}).how_decided != "meta");
}

TEST_CASE("valid UTF-8 is kept before any guess, invalid Thai bytes are guessed", "[thai][charset]") {
  CHECK(decode_to_utf8("สำนักงาน", "").how_decided == "utf8-valid");
  const auto g = decode_to_utf8(kThai874, "");
  CHECK(g.how_decided == "guess-thai");
  CHECK(g.text == "สำนักงานเขต");
  CHECK(decode_to_utf8("caf\xE9", "").how_decided == "guess-latin");
}

TEST_CASE("an unknown label falls through to the next rule", "[thai][charset]") {
  CHECK(decode_to_utf8("abc", "text/html; charset=no-such-charset").how_decided == "utf8-valid");
}
