#pragma once
// Thai date grammar: finds typed dates in normalised display text and returns them with source
// spans. Kinds follow contracts.md (day | month | year | fiscal-year | range); quarters and
// half-years are ranges with a `detail`. Years are converted to CE (BE = CE + 543).
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace oitscan::thai {

enum class DateKind { Day, Month, Year, FiscalYear, Range };
std::string_view to_string(DateKind kind);

struct CivilDate {
  int year = 0;  // CE
  int month = 0;
  int day = 0;
  bool operator<=(const CivilDate& o) const {
    return year != o.year ? year < o.year : month != o.month ? month < o.month : day <= o.day;
  }
};

struct DateMention {
  DateKind kind = DateKind::Day;
  // "" or, for ranges: "days" | "months" | "years" | "fiscal-years" | "quarter" | "half-year".
  std::string detail;
  CivilDate first;  // first day covered (inclusive)
  CivilDate last;   // last day covered (inclusive)
  std::string iso;      // 2025-03-31 | 2025-03 | 2025 | 2024-10-01/2025-09-30
  std::string matched;  // the source text as displayed
  std::size_t begin = 0;  // byte span in the text given to find_dates
  std::size_t end = 0;
  bool two_digit_year = false;  // ๖๘ -> 2568: worth a second look
  bool year_from_context = false;  // quarter/half-year whose fiscal year came from elsewhere
  bool from_ocr = false;  // OCR'd Thai digits are unreliable: needs review
};

struct DateOptions {
  bool from_ocr = false;
  // Fiscal year (BE, e.g. 2568) for quarters/half-years when the text names none.
  std::optional<int> context_fiscal_year_be;
};

std::vector<DateMention> find_dates(std::string_view text, const DateOptions& options = {});

int days_in_month(int year, int month);
std::string iso_date(const CivilDate& d);

}  // namespace oitscan::thai
