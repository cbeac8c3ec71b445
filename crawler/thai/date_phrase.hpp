#pragma once
// Dates as user messages show them: "พบสรุปผลฯ เดือน ต.ค. ๒๕๖๗ – ก.พ. ๒๕๖๘ ไม่พบเดือน มี.ค. ๒๕๖๘".
//
// Years in: Common Era (CivilDate, as find_dates returns them), except fiscal years, which are
// named by their Buddhist-era number everywhere in Thai administration (ปีงบประมาณ ๒๕๖๘).
//
// Thai: abbreviated month, Buddhist-era year, Thai digits: "๕ มี.ค. ๒๕๖๘".
// English: abbreviated month and Common-Era year, followed once per phrase by the Buddhist-era
// year(s) in parentheses, so an English reader can still match the Thai documents:
//   "5 Mar 2025 (BE 2568)", "Oct 2024 – Feb 2025 (BE 2567–2568)", "FY 2568 (Oct 2024 – Sep 2025)".
// Ranges use an en dash with spaces; a range covering whole months is written with months only.
#include <string>
#include <vector>

#include "thai/dates.hpp"

namespace oitscan::thai {

std::string format_month_th(int year_ce, int month);  // "มี.ค. ๒๕๖๘"
std::string format_day_th(const CivilDate& day);      // "๕ มี.ค. ๒๕๖๘"
// Whole months -> "ต.ค. ๒๕๖๗ – ก.พ. ๒๕๖๘" (one month -> "มี.ค. ๒๕๖๘");
// otherwise days -> "๑ ต.ค. ๒๕๖๗ – ๑๕ ต.ค. ๒๕๖๗".
std::string format_range_th(const CivilDate& first, const CivilDate& last);
std::string format_fiscal_year_th(int fiscal_year_be);  // "ปีงบประมาณ พ.ศ. ๒๕๖๘"
// Months (day ignored; any order, duplicates allowed) as runs of consecutive months:
// "ต.ค. ๒๕๖๗ – ก.พ. ๒๕๖๘, เม.ย. ๒๕๖๘". Empty input -> "".
std::string format_month_runs_th(std::vector<CivilDate> months);

std::string format_month_en(int year_ce, int month);  // "Mar 2025 (BE 2568)"
std::string format_day_en(const CivilDate& day);      // "5 Mar 2025 (BE 2568)"
std::string format_range_en(const CivilDate& first, const CivilDate& last);  // "Oct 2024 – Feb 2025 (BE 2567–2568)"
std::string format_fiscal_year_en(int fiscal_year_be);  // "FY 2568 (Oct 2024 – Sep 2025)"
std::string format_month_runs_en(std::vector<CivilDate> months);  // "Oct 2024 – Feb 2025, Apr 2025 (BE 2567–2568)"

// Arabic digits to Thai digits ("2568" -> "๒๕๖๘"), everything else unchanged; the inverse of
// thai_digits_to_ascii (normalize.hpp).
std::string ascii_digits_to_thai(std::string_view text);

}  // namespace oitscan::thai
