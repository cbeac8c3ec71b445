#include "extract/spreadsheet_dates.hpp"

#include <chrono>
#include <cmath>
#include <cstdlib>

namespace oitscan::extract {

NumberFormatKind classify_number_format(int id, std::string_view code) {
  NumberFormatKind k;
  if (code.empty()) {
    // Built-in formats (ECMA-376 §18.8.30): 14-17 and 22 dates, 27-36 and 50-58 East Asian
    // dates, 71-76 and 81 Thai Buddhist-era dates (77 is a Thai date-time).
    if ((id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 36) || (id >= 50 && id <= 58)) k.is_date = true;
    if ((id >= 71 && id <= 77) || id == 81) k.is_date = k.buddhist_era = true;
    return k;
  }
  bool date_token = false, month = false, time_token = false;
  for (std::size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (c == '"') {  // literal text
      const std::size_t e = code.find('"', i + 1);
      if (e == std::string_view::npos) break;
      i = e;
      continue;
    }
    if (c == '\\' || c == '_' || c == '*') {  // escaped or padding character
      ++i;
      continue;
    }
    if (c == '[') {
      const std::size_t e = code.find(']', i + 1);
      if (e == std::string_view::npos) break;
      const std::string_view tag = code.substr(i + 1, e - i - 1);
      if (tag.substr(0, 2) == "$-") {
        // [$-XXYYLLLL]: YY is the calendar, 07 = Thai Buddhist.
        std::string_view hex = tag.substr(2);
        if (const std::size_t comma = hex.find(','); comma != std::string_view::npos) hex = hex.substr(comma + 1);
        const unsigned long v = std::strtoul(std::string(hex).c_str(), nullptr, 16);
        if (((v >> 16) & 0xFF) == 0x07 || (hex.size() <= 3 && (v & 0xFF) == 0x07)) k.buddhist_era = true;
      }
      if (tag.find("buddhist") != std::string_view::npos) k.buddhist_era = true;
      if (tag == "h" || tag == "hh" || tag == "m" || tag == "mm" || tag == "s" || tag == "ss") time_token = true;
      i = e;
      continue;
    }
    const char l = static_cast<char>(c | 0x20);
    if ((l == 'e') && i + 1 < code.size() && (code[i + 1] == '+' || code[i + 1] == '-')) {  // 0.00E+00
      ++i;
      continue;
    }
    if (l == 'd' || l == 'y') date_token = true;
    if (l == 'e' || l == 'b') {
      date_token = true;
      if (l == 'b' && i + 1 < code.size() && (code[i + 1] == '1' || code[i + 1] == '2')) {  // B1/B2 calendar switch
        ++i;
        continue;
      }
      k.buddhist_era = k.buddhist_era || l == 'b' || l == 'e';
    }
    if (l == 'm') month = true;
    if (l == 'h' || l == 's') time_token = true;
    // Thai format letters: ว (day), ด (month), ป (year, Buddhist era).
    if (code.substr(i, 3) == "ว" || code.substr(i, 3) == "ด") date_token = true;
    if (code.substr(i, 3) == "ป") date_token = k.buddhist_era = true;
  }
  if (code == "General" || code == "@") return {};
  k.is_date = date_token || (month && !time_token);
  if (!k.is_date) k.buddhist_era = false;
  return k;
}

std::optional<thai::CivilDate> excel_serial_to_date(double serial, bool date1904) {
  if (!std::isfinite(serial) || serial < 0 || serial > 2958465) return std::nullopt;  // up to 9999-12-31
  auto days = static_cast<long>(std::floor(serial));
  using namespace std::chrono;
  sys_days base = date1904 ? sys_days{year{1904} / January / 1} : sys_days{year{1899} / December / 31};
  if (!date1904) {
    if (days == 0) return std::nullopt;  // 1900-01-00
    if (days == 60) return thai::CivilDate{1900, 2, 29};  // Lotus' non-existent day, kept as shown
    if (days > 60) --days;
  }
  const year_month_day ymd{base + std::chrono::days{days}};
  return thai::CivilDate{static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
                         static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

std::string render_cell_date(const thai::CivilDate& d, bool buddhist_era) {
  if (buddhist_era) {
    return std::to_string(d.day) + "/" + std::to_string(d.month) + "/" + std::to_string(d.year + 543);
  }
  return thai::iso_date(d);
}

}  // namespace oitscan::extract
