#include "thai/date_phrase.hpp"

#include <algorithm>

#include "thai/months.hpp"
#include "thai/utf8.hpp"

namespace oitscan::thai {
namespace {

constexpr int kBuddhistOffset = 543;
constexpr std::string_view kDash = " – ";

std::string be_th(int year_ce) { return ascii_digits_to_thai(std::to_string(year_ce + kBuddhistOffset)); }

std::string month_en_bare(int year_ce, int month) {
  if (month < 1 || month > 12) return {};
  return std::string(kEnglishAbbr[static_cast<std::size_t>(month - 1)]) + " " + std::to_string(year_ce);
}

// "(BE 2568)" or "(BE 2567–2568)" for the CE years a phrase spans.
std::string be_note(int first_ce, int last_ce) {
  std::string s = "(BE " + std::to_string(first_ce + kBuddhistOffset);
  if (last_ce != first_ce) s += "–" + std::to_string(last_ce + kBuddhistOffset);
  return s + ")";
}

bool whole_months(const CivilDate& first, const CivilDate& last) {
  return first.day == 1 && last.day == days_in_month(last.year, last.month);
}

int month_index(const CivilDate& d) { return d.year * 12 + (d.month - 1); }

// Sorted, de-duplicated runs of consecutive months: (first, last) month indices.
std::vector<std::pair<int, int>> runs_of(std::vector<CivilDate> months) {
  std::vector<int> idx;
  for (const auto& m : months) {
    if (m.month >= 1 && m.month <= 12) idx.push_back(month_index(m));
  }
  std::sort(idx.begin(), idx.end());
  idx.erase(std::unique(idx.begin(), idx.end()), idx.end());
  std::vector<std::pair<int, int>> runs;
  for (int i : idx) {
    if (!runs.empty() && runs.back().second + 1 == i) {
      runs.back().second = i;
    } else {
      runs.emplace_back(i, i);
    }
  }
  return runs;
}

int year_of(int index) { return index / 12; }
int month_of(int index) { return index % 12 + 1; }

}  // namespace

std::string ascii_digits_to_thai(std::string_view text) {
  std::string out;
  out.reserve(text.size() * 3);
  for (char c : text) {
    if (c >= '0' && c <= '9') {
      append_utf8(out, static_cast<char32_t>(0x0E50 + (c - '0')));
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string format_month_th(int year_ce, int month) {
  if (month < 1 || month > 12) return {};
  return month_abbr_th(month) + " " + be_th(year_ce);
}

std::string format_day_th(const CivilDate& day) {
  return ascii_digits_to_thai(std::to_string(day.day)) + " " + format_month_th(day.year, day.month);
}

std::string format_range_th(const CivilDate& first, const CivilDate& last) {
  if (whole_months(first, last)) {
    const std::string a = format_month_th(first.year, first.month);
    const std::string b = format_month_th(last.year, last.month);
    return a == b ? a : a + std::string(kDash) + b;
  }
  if (first.year == last.year && first.month == last.month && first.day == last.day) return format_day_th(first);
  return format_day_th(first) + std::string(kDash) + format_day_th(last);
}

std::string format_fiscal_year_th(int fiscal_year_be) {
  return "ปีงบประมาณ พ.ศ. " + ascii_digits_to_thai(std::to_string(fiscal_year_be));
}

std::string format_month_runs_th(std::vector<CivilDate> months) {
  std::string out;
  for (const auto& [a, b] : runs_of(std::move(months))) {
    if (!out.empty()) out += ", ";
    out += format_month_th(year_of(a), month_of(a));
    if (b != a) out += std::string(kDash) + format_month_th(year_of(b), month_of(b));
  }
  return out;
}

std::string format_month_en(int year_ce, int month) {
  if (month < 1 || month > 12) return {};
  return month_en_bare(year_ce, month) + " " + be_note(year_ce, year_ce);
}

std::string format_day_en(const CivilDate& day) {
  if (day.month < 1 || day.month > 12) return {};
  return std::to_string(day.day) + " " + month_en_bare(day.year, day.month) + " " + be_note(day.year, day.year);
}

std::string format_range_en(const CivilDate& first, const CivilDate& last) {
  if (first.month < 1 || first.month > 12 || last.month < 1 || last.month > 12) return {};
  std::string a;
  std::string b;
  if (whole_months(first, last)) {
    a = month_en_bare(first.year, first.month);
    b = month_en_bare(last.year, last.month);
  } else {
    a = std::to_string(first.day) + " " + month_en_bare(first.year, first.month);
    b = std::to_string(last.day) + " " + month_en_bare(last.year, last.month);
  }
  return (a == b ? a : a + std::string(kDash) + b) + " " + be_note(first.year, last.year);
}

std::string format_fiscal_year_en(int fiscal_year_be) {
  const int ce = fiscal_year_be - kBuddhistOffset;
  return "FY " + std::to_string(fiscal_year_be) + " (" + month_en_bare(ce - 1, 10) + std::string(kDash) +
         month_en_bare(ce, 9) + ")";
}

std::string format_month_runs_en(std::vector<CivilDate> months) {
  const auto runs = runs_of(std::move(months));
  if (runs.empty()) return {};
  std::string out;
  for (const auto& [a, b] : runs) {
    if (!out.empty()) out += ", ";
    out += month_en_bare(year_of(a), month_of(a));
    if (b != a) out += std::string(kDash) + month_en_bare(year_of(b), month_of(b));
  }
  return out + " " + be_note(year_of(runs.front().first), year_of(runs.back().second));
}

}  // namespace oitscan::thai
