#pragma once
// Thai month vocabulary, in one place: the date grammar (dates.cpp) reads month names with it,
// date_phrase.cpp writes them, date_roles.cpp recognises table header lines of month names.
#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace oitscan::thai {

struct MonthName {
  int month;
  std::string_view name;
};
// Full names; July appears twice because กรกฏาคม (ฏ for ฎ) is a common misspelling in district
// documents. The first entry of each month is the correct spelling, used for writing.
inline constexpr std::array<MonthName, 13> kFullMonths = {{
    {1, "มกราคม"}, {2, "กุมภาพันธ์"}, {3, "มีนาคม"}, {4, "เมษายน"}, {5, "พฤษภาคม"}, {6, "มิถุนายน"},
    {7, "กรกฎาคม"}, {7, "กรกฏาคม"},
    {8, "สิงหาคม"}, {9, "กันยายน"}, {10, "ตุลาคม"}, {11, "พฤศจิกายน"}, {12, "ธันวาคม"},
}};

// Abbreviations as the tokenizer sees them: "มี.ค." is `first` "." `second` "."; some writers
// drop the inner dot or both ("มีค.", "มีค"). The undotted forms are read only as whole words.
struct MonthAbbr {
  int month;
  std::string_view first;
  std::string_view second;
  std::string_view undotted;
};
inline constexpr std::array<MonthAbbr, 12> kAbbrMonths = {{
    {1, "ม", "ค", "มค"}, {2, "ก", "พ", "กพ"}, {3, "มี", "ค", "มีค"}, {4, "เม", "ย", "เมย"},
    {5, "พ", "ค", "พค"}, {6, "มิ", "ย", "มิย"}, {7, "ก", "ค", "กค"}, {8, "ส", "ค", "สค"},
    {9, "ก", "ย", "กย"}, {10, "ต", "ค", "ตค"}, {11, "พ", "ย", "พย"}, {12, "ธ", "ค", "ธค"},
}};

inline constexpr std::array<std::string_view, 12> kEnglishAbbr = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// 1..12 -> "มีนาคม" / "มี.ค."; "" outside 1..12.
std::string_view month_full_th(int month);
std::string month_abbr_th(int month);

// One whole word -> 1..12: a full name, a dotted ("มี.ค." / "มี.ค") or undotted ("มีค" /
// "มีค.") abbreviation. Anything else (including a month glued to other letters) -> nullopt.
std::optional<int> month_from_word(std::string_view word);

}  // namespace oitscan::thai
