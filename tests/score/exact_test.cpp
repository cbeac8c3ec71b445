#include <catch2/catch.hpp>

#include "score/exact.hpp"

using oitscan::score::Exact;
using oitscan::score::parse_exact;
using oitscan::score::round_half_up;
using oitscan::score::to_fixed;

TEST_CASE("decimal text parses exactly", "[score][exact]") {
  CHECK(*parse_exact("97.94") == Exact(9794, 100));
  CHECK(*parse_exact("100/3") == Exact(100, 3));
  CHECK(*parse_exact("-1.5e2") == Exact(-150));
  CHECK(*parse_exact("  42 ") == Exact(42));
  CHECK_FALSE(parse_exact("abc"));
  CHECK_FALSE(parse_exact("1/0"));
  CHECK_FALSE(parse_exact(""));
  CHECK_FALSE(parse_exact("1.2.3"));
}

TEST_CASE("rounding is half-up, never banker's", "[score][exact]") {
  // seeds/003 by-unit table: 92.125 -> 92.13 and 95.125 -> 95.13
  CHECK(to_fixed(*parse_exact("92.125"), 2) == "92.13");
  CHECK(to_fixed(*parse_exact("95.125"), 2) == "95.13");
  // 002 total: 0.3*99.34 + 0.3*95.81 + 0.4*100 = 98.545 -> 98.55 (a double would give 98.54)
  const Exact total = Exact(3, 10) * *parse_exact("99.34") + Exact(3, 10) * *parse_exact("95.81") + Exact(40);
  CHECK(to_fixed(total, 2) == "98.55");
  CHECK(to_fixed(*parse_exact("94.995"), 2) == "95.00");
  CHECK(to_fixed(*parse_exact("94.99499"), 2) == "94.99");
  CHECK(round_half_up(Exact(100, 3), 2) == Exact(3333, 100));
  CHECK(to_fixed(Exact(0), 2) == "0.00");
  CHECK(to_fixed(Exact(5, 1000), 2) == "0.01");
}

TEST_CASE("doubles convert through their shortest decimal text", "[score][exact]") {
  CHECK(oitscan::score::exact_from_double(97.94) == Exact(9794, 100));
  CHECK(oitscan::score::to_double(Exact(9855, 100)) == 98.55);
}
