// Rating boundaries: the total and tools are compared as published (2 decimals, half-up), the
// best level whose conditions hold wins, and per-tool conditions apply only where the year has them.
#include <catch2/catch.hpp>

#include "score/score_fixture.hpp"

using nlohmann::json;
using oitscan::test::score;

namespace {

std::string level_of(const std::string& framework, double iit, double eit, double oit) {
  const auto out = score(framework, {{"tools", {{"IIT", iit}, {"EIT", eit}, {"OIT", oit}}}});
  return out["level"]["code"].get<std::string>();
}

// A total of exactly `total` with every tool equal to it.
std::string level_flat(const std::string& framework, double total) { return level_of(framework, total, total, total); }

}  // namespace

TEST_CASE("five-level years: each level and its lower bound", "[score][rating]") {
  for (const char* fw : {"bma-district-2567", "bma-district-2568"}) {
    INFO(fw);
    CHECK(level_flat(fw, 100) == "pass-excellent");
    CHECK(level_flat(fw, 95) == "pass-excellent");
    CHECK(level_flat(fw, 94.99) == "pass-good");
    CHECK(level_flat(fw, 85) == "pass-good");
    CHECK(level_flat(fw, 84.99) == "improve");
    CHECK(level_flat(fw, 70) == "improve");
    CHECK(level_flat(fw, 69.99) == "improve-urgently");
    CHECK(level_flat(fw, 0) == "improve-urgently");
  }
}

TEST_CASE("five-level years: figures are rounded before they are rated (94.995 -> 95.00)", "[score][rating]") {
  // A total of 94.997 rounds to 95.00, yet IIT 94.99 < 95 fails the per-tool condition.
  auto out = score("bma-district-2567", {{"tools", {{"IIT", 94.99}, {"EIT", 95.0}, {"OIT", 95.0}}}});
  CHECK(out["total"].get<double>() == 95.0);
  CHECK(out["level"]["code"] == "pass-good");
  // A tool of 94.995 is 95.00 as published, so it meets ">= 95".
  out = score("bma-district-2567", {{"tools", {{"IIT", 95.0}, {"EIT", 95.0}, {"OIT", 94.995}}}});
  CHECK(out["tools"]["OIT"].get<double>() == 95.0);
  CHECK(out["total"].get<double>() == 95.0);
  CHECK(out["level"]["code"] == "pass-excellent");
  // 94.9949 stays 94.99.
  out = score("bma-district-2567", {{"tools", {{"IIT", 95.0}, {"EIT", 95.0}, {"OIT", 94.9949}}}});
  CHECK(out["tools"]["OIT"].get<double>() == 94.99);
  CHECK(out["level"]["code"] == "pass-good");
  // A total of exactly 94.995: 0.3*94.98 + 0.3*94.99 + 0.4*95.01 = 94.995 -> 95.00.
  out = score("bma-district-2567", {{"tools", {{"IIT", 94.98}, {"EIT", 94.99}, {"OIT", 95.01}}}});
  CHECK(out["total"].get<double>() == 95.0);
  CHECK(out["level"]["code"] == "pass-good");  // IIT and EIT < 95
  // Without per-tool conditions (the 7-grade years) the same total is AA; one hundredth less is A.
  out = score("bma-district-2565", {{"tools", {{"IIT", 94.98}, {"EIT", 94.99}, {"OIT", 95.01}}}});
  CHECK(out["total"].get<double>() == 95.0);
  CHECK(out["level"]["code"] == "AA");
  out = score("bma-district-2565", {{"tools", {{"IIT", 94.98}, {"EIT", 94.98}, {"OIT", 95.01}}}});
  CHECK(out["total"].get<double>() == 94.99);  // 94.992
  CHECK(out["level"]["code"] == "A");
}

TEST_CASE("five-level years: per-tool conditions", "[score][rating]") {
  const char* fw = "bma-district-2568";
  CHECK(level_of(fw, 99, 94.99, 100) == "pass-good");      // ITA 98.2 but EIT < 95
  CHECK(level_of(fw, 100, 84.99, 100) == "pass");          // ITA 95.5 but EIT < 85
  CHECK(level_of(fw, 84.99, 100, 100) == "pass");
  CHECK(level_of(fw, 100, 100, 80) == "pass");             // ITA 92.00 but OIT < 85
}

TEST_CASE("seven-grade years: AA to F on the total alone", "[score][rating]") {
  for (const char* fw : {"bma-district-2564", "bma-district-2565"}) {
    INFO(fw);
    CHECK(level_flat(fw, 95) == "AA");
    CHECK(level_flat(fw, 94.99) == "A");
    CHECK(level_flat(fw, 85) == "A");
    CHECK(level_flat(fw, 84.99) == "B");
    CHECK(level_flat(fw, 75) == "B");
    CHECK(level_flat(fw, 74.99) == "C");
    CHECK(level_flat(fw, 65) == "C");
    CHECK(level_flat(fw, 64.99) == "D");
    CHECK(level_flat(fw, 55) == "D");
    CHECK(level_flat(fw, 54.99) == "E");
    CHECK(level_flat(fw, 50) == "E");
    CHECK(level_flat(fw, 49.99) == "F");
    // No per-tool condition: a weak tool does not cap the grade.
    CHECK(level_of(fw, 100, 100, 88.5) == "AA");  // 30 + 30 + 35.4 = 95.40
  }
}
