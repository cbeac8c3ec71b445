// Data-driven tests of the Thai date grammar: every row of data/dates.tsv and data/seed_dates.tsv
// is one case (input -> the exact list of kind/iso/detail expected). Add cases there, not here.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "thai/dates.hpp"

namespace {

std::vector<std::string> split(const std::string& s, const std::string& sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (;;) {
    const std::size_t p = s.find(sep, start);
    out.push_back(s.substr(start, p == std::string::npos ? std::string::npos : p - start));
    if (p == std::string::npos) break;
    start = p + sep.size();
  }
  return out;
}

std::string describe(const std::vector<oitscan::thai::DateMention>& dates) {
  std::string out;
  for (const auto& d : dates) {
    if (!out.empty()) out += " ; ";
    out += std::string(oitscan::thai::to_string(d.kind)) + " " + d.iso;
    if (!d.detail.empty()) out += " " + d.detail;
  }
  return out.empty() ? "-" : out;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

const std::string kData = std::string(OITSCAN_TEST_SOURCE_DIR) + "/tests/thai/data/";

}  // namespace

TEST_CASE("date table: every row parses to exactly the expected dates", "[thai][dates]") {
  std::ifstream in(kData + "dates.tsv");
  REQUIRE(in.good());
  std::string line;
  int rows = 0;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const auto cols = split(line, "\t");
    REQUIRE(cols.size() == 2);
    const std::string expected = cols[1].empty() ? "-" : cols[1];
    const auto dates = oitscan::thai::find_dates(cols[0]);
    INFO("input: " << cols[0]);
    CHECK(describe(dates) == expected);
    for (const auto& d : dates) {
      // The span quotes the source exactly.
      CHECK(cols[0].substr(d.begin, d.end - d.begin) == d.matched);
    }
    ++rows;
  }
  CHECK(rows >= 60);
}

TEST_CASE("seed table: dates as printed in the real district documents", "[thai][dates][seeds]") {
  std::ifstream in(kData + "seed_dates.tsv");
  REQUIRE(in.good());
  std::string line;
  int rows = 0;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const auto cols = split(line, "\t");
    REQUIRE(cols.size() == 3);
    const std::string seed = read_file((std::filesystem::path(OITSCAN_TEST_SHARED_DIR) / "seeds" / cols[0]).string());
    INFO("seed " << cols[0] << ": " << cols[1]);
    REQUIRE(seed.find(cols[1]) != std::string::npos);
    CHECK(describe(oitscan::thai::find_dates(cols[1])) == cols[2]);
    ++rows;
  }
  CHECK(rows >= 15);
}

TEST_CASE("quarters take the fiscal year from context when the text names none", "[thai][dates]") {
  oitscan::thai::DateOptions opt;
  opt.context_fiscal_year_be = 2568;
  const auto d = oitscan::thai::find_dates("รายงานผลไตรมาสที่ ๓", opt);
  REQUIRE(d.size() == 1);
  CHECK(d[0].iso == "2025-04-01/2025-06-30");
  CHECK(d[0].year_from_context);
  CHECK(d[0].matched == "ไตรมาสที่ ๓");
  CHECK(oitscan::thai::find_dates("รายงานผลไตรมาสที่ ๓").empty());
}

TEST_CASE("two-digit years and OCR origin are flagged for review", "[thai][dates]") {
  oitscan::thai::DateOptions opt;
  opt.from_ocr = true;
  const auto d = oitscan::thai::find_dates("ณ วันที่ ๑๕ เม.ย. ๖๘", opt);
  REQUIRE(d.size() == 1);
  CHECK(d[0].two_digit_year);
  CHECK(d[0].from_ocr);
  CHECK(d[0].matched == "๑๕ เม.ย. ๖๘");
}

TEST_CASE("dates are found across a whole seed without crashing and in order", "[thai][dates][seeds]") {
  const std::string seed = read_file((std::filesystem::path(OITSCAN_TEST_SHARED_DIR) / "seeds/004_c5eacef3c0e41a6b.txt").string());
  REQUIRE(!seed.empty());
  const auto dates = oitscan::thai::find_dates(seed);
  CHECK(dates.size() > 50);
  std::size_t last = 0;
  for (const auto& d : dates) {
    CHECK(d.begin >= last);
    last = d.end;
    CHECK(d.first <= d.last);
    CHECK(d.first.year >= 1900);  // old laws are cited: พ.ศ. ๒๕๒๘
    CHECK(d.last.year <= 2040);
  }
}
