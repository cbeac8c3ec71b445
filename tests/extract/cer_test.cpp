#include <catch2/catch.hpp>

#include "extract/fixtures.hpp"

using oitscan::test::character_error_rate;

TEST_CASE("character error rate counts code-point edits and ignores whitespace", "[extract][cer]") {
  CHECK(character_error_rate("สำนักงาน เขต", "สำนักงาน\nเขต") == 0.0);
  CHECK(character_error_rate("abcd", "abxd") == Approx(0.25));
  CHECK(character_error_rate("ที่", "ที") == Approx(1.0 / 3.0));
  CHECK(character_error_rate("abc", "") == Approx(1.0));
}
