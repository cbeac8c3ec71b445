// Control characters never reach a terminal or a page: the shared sanitiser and escape_html.
#include <catch2/catch.hpp>

#include <sstream>
#include <string>

#include "common/control_chars.hpp"
#include "report/html_escape.hpp"

using oitscan::replace_control_chars;

namespace {
const std::string kFffd = "\xEF\xBF\xBD";
}

TEST_CASE("C0 (but TAB, LF, CR), DEL, C1, bidi overrides and invalid UTF-8 become U+FFFD") {
  CHECK(replace_control_chars("bangna\x1b[31m\a") == "bangna" + kFffd + "[31m" + kFffd);
  CHECK(replace_control_chars("a\tb\nc\r") == "a\tb\nc\r");
  CHECK(replace_control_chars(std::string("x\0y", 3)) == "x" + kFffd + "y");
  CHECK(replace_control_chars("\x7f") == kFffd);
  CHECK(replace_control_chars("\xC2\x9B" "2J") == kFffd + "2J");         // U+009B, C1 CSI
  CHECK(replace_control_chars("\x9B" "2J") == kFffd + "2J");             // a raw 8-bit CSI byte
  CHECK(replace_control_chars("abc\xE2\x80\xAEgnp.exe") == "abc" + kFffd + "gnp.exe");  // U+202E RLO
  CHECK(replace_control_chars("\xE2\x81\xA6x\xE2\x81\xA9") == kFffd + "x" + kFffd);   // isolates
  CHECK(replace_control_chars("\xED\xA0\x80") != "\xED\xA0\x80");                    // a surrogate
  CHECK(replace_control_chars("\xE0\xB8") == kFffd);                                  // cut sequence
  // Thai, emoji and other text pass untouched.
  const std::string thai = "สำนักงานเขตบางนา 2568 🙂 «é»";
  CHECK(replace_control_chars(thai) == thai);
}

TEST_CASE("the stream filter holds a UTF-8 sequence split across writes") {
  std::stringbuf sink;
  {
    oitscan::ControlCharFilterBuf filter(&sink);
    std::ostream out(&filter);
    out << "เข";
    out << "\xE0";
    out.flush();
    out << "\xB8\x95" << "\x1b]0;pwned\a" << "\n";
  }
  CHECK(sink.str() == "เขต" + kFffd + "]0;pwned" + kFffd + "\n");
}

TEST_CASE("escape_html replaces control characters as well as markup") {
  CHECK(oitscan::report::escape_html("<b>\x1b\x07สำนักงาน\xE2\x80\xAE</b>") ==
        "&lt;b&gt;" + kFffd + kFffd + "สำนักงาน" + kFffd + "&lt;/b&gt;");
}
