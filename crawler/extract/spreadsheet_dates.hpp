#pragma once
// Excel stores dates as serial numbers and says "this is a date" only through the cell's number
// format (xl/styles.xml). Thai workbooks often use Buddhist-era formats: the Thai calendar in
// the locale tag ([$-D07041E], [$-1070000]), the bbbb / e year tokens, or Excel's Thai built-in
// formats 71-81 (ว/ด/ปปปป).
#include <optional>
#include <string>
#include <string_view>

#include "thai/dates.hpp"

namespace oitscan::extract {

struct NumberFormatKind {
  bool is_date = false;
  bool buddhist_era = false;
};

NumberFormatKind classify_number_format(int builtin_id, std::string_view format_code);

// The day of an Excel serial (1900 system with its 1900-02-29 bug, or the 1904 system).
std::optional<thai::CivilDate> excel_serial_to_date(double serial, bool date1904);

// What the cell shows, for text search: "2025-03-31", or "31/3/2568" for Buddhist-era formats.
std::string render_cell_date(const thai::CivilDate& d, bool buddhist_era);

}  // namespace oitscan::extract
