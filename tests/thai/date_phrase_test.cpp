// Thai and English phrasing of dates for user messages (date_phrase.hpp).
#include <catch2/catch.hpp>

#include "thai/date_phrase.hpp"
#include "thai/dates.hpp"
#include "thai/months.hpp"

using oitscan::thai::CivilDate;

TEST_CASE("Thai phrasing: abbreviated month, Buddhist era, Thai digits", "[thai][phrase]") {
  using namespace oitscan::thai;
  CHECK(format_month_th(2025, 3) == "มี.ค. ๒๕๖๘");
  CHECK(format_month_th(2024, 10) == "ต.ค. ๒๕๖๗");
  CHECK(format_day_th(CivilDate{2025, 3, 5}) == "๕ มี.ค. ๒๕๖๘");
  CHECK(format_day_th(CivilDate{2025, 3, 31}) == "๓๑ มี.ค. ๒๕๖๘");
  CHECK(format_fiscal_year_th(2568) == "ปีงบประมาณ พ.ศ. ๒๕๖๘");
  CHECK(format_month_th(2025, 13).empty());
}

TEST_CASE("Thai ranges: whole months as months, otherwise days", "[thai][phrase]") {
  using namespace oitscan::thai;
  CHECK(format_range_th(CivilDate{2024, 10, 1}, CivilDate{2025, 2, 28}) == "ต.ค. ๒๕๖๗ – ก.พ. ๒๕๖๘");
  CHECK(format_range_th(CivilDate{2025, 3, 1}, CivilDate{2025, 3, 31}) == "มี.ค. ๒๕๖๘");
  CHECK(format_range_th(CivilDate{2024, 10, 1}, CivilDate{2024, 10, 15}) == "๑ ต.ค. ๒๕๖๗ – ๑๕ ต.ค. ๒๕๖๗");
  CHECK(format_range_th(CivilDate{2025, 3, 5}, CivilDate{2025, 3, 5}) == "๕ มี.ค. ๒๕๖๘");
  // A leap February ends on the 29th.
  CHECK(format_range_th(CivilDate{2024, 2, 1}, CivilDate{2024, 2, 29}) == "ก.พ. ๒๕๖๗");
}

TEST_CASE("month runs: sorted, de-duplicated, consecutive months joined", "[thai][phrase]") {
  using namespace oitscan::thai;
  const std::vector<CivilDate> months = {{2025, 4, 1}, {2024, 10, 1}, {2024, 11, 1}, {2024, 12, 1},
                                         {2025, 1, 1}, {2025, 2, 1},  {2024, 11, 15}};
  CHECK(format_month_runs_th(months) == "ต.ค. ๒๕๖๗ – ก.พ. ๒๕๖๘, เม.ย. ๒๕๖๘");
  CHECK(format_month_runs_en(months) == "Oct 2024 – Feb 2025, Apr 2025 (BE 2567–2568)");
  CHECK(format_month_runs_th({{2025, 3, 1}}) == "มี.ค. ๒๕๖๘");
  CHECK(format_month_runs_th({}).empty());
  CHECK(format_month_runs_en({}).empty());
  // December to January is consecutive across the year.
  CHECK(format_month_runs_th({{2024, 12, 1}, {2025, 1, 1}}) == "ธ.ค. ๒๕๖๗ – ม.ค. ๒๕๖๘");
}

TEST_CASE("the message the evaluator will write", "[thai][phrase]") {
  using namespace oitscan::thai;
  const std::string msg = "พบสรุปผลฯ เดือน " + format_month_runs_th({{2024, 10, 1}, {2024, 11, 1}, {2024, 12, 1},
                                                                     {2025, 1, 1}, {2025, 2, 1}}) +
                          " ไม่พบเดือน " + format_month_th(2025, 3);
  CHECK(msg == "พบสรุปผลฯ เดือน ต.ค. ๒๕๖๗ – ก.พ. ๒๕๖๘ ไม่พบเดือน มี.ค. ๒๕๖๘");
}

TEST_CASE("English phrasing: CE dates, BE years once in parentheses", "[thai][phrase]") {
  using namespace oitscan::thai;
  CHECK(format_month_en(2025, 3) == "Mar 2025 (BE 2568)");
  CHECK(format_day_en(CivilDate{2025, 3, 5}) == "5 Mar 2025 (BE 2568)");
  CHECK(format_range_en(CivilDate{2024, 10, 1}, CivilDate{2025, 2, 28}) == "Oct 2024 – Feb 2025 (BE 2567–2568)");
  CHECK(format_range_en(CivilDate{2025, 1, 1}, CivilDate{2025, 3, 31}) == "Jan 2025 – Mar 2025 (BE 2568)");
  CHECK(format_range_en(CivilDate{2024, 10, 1}, CivilDate{2024, 10, 15}) == "1 Oct 2024 – 15 Oct 2024 (BE 2567)");
  CHECK(format_fiscal_year_en(2568) == "FY 2568 (Oct 2024 – Sep 2025)");
}

TEST_CASE("phrases read back through the date grammar", "[thai][phrase]") {
  // What we write, find_dates must read as the same dates.
  using namespace oitscan::thai;
  const auto d = find_dates(format_day_th(CivilDate{2025, 3, 5}));
  REQUIRE(d.size() == 1);
  CHECK(d[0].iso == "2025-03-05");
  const auto r = find_dates(format_range_th(CivilDate{2024, 10, 1}, CivilDate{2025, 2, 28}));
  REQUIRE(r.size() == 1);
  CHECK(r[0].iso == "2024-10-01/2025-02-28");
  const auto f = find_dates(format_fiscal_year_th(2568));
  REQUIRE(f.size() == 1);
  CHECK(f[0].iso == "2024-10-01/2025-09-30");
}

TEST_CASE("month vocabulary: one table for reading and writing", "[thai][phrase]") {
  using namespace oitscan::thai;
  for (int m = 1; m <= 12; ++m) {
    CHECK(month_from_word(month_full_th(m)) == m);
    CHECK(month_from_word(month_abbr_th(m)) == m);
  }
  CHECK(month_from_word("กรกฏาคม") == 7);
  CHECK(month_full_th(7) == "กรกฎาคม");
  CHECK(!month_from_word("เดือน"));
  // Undotted abbreviations, with or without the final dot, as whole words only.
  CHECK(month_from_word("ตค") == 10);
  CHECK(month_from_word("มีค.") == 3);
  CHECK(month_from_word("พย.") == 11);
  CHECK(!month_from_word("มีคน"));
  CHECK(!month_from_word("กยศ."));
  CHECK(ascii_digits_to_thai("2568-03") == "๒๕๖๘-๐๓");
}
