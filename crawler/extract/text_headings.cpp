#include "extract/text_headings.hpp"

#include <array>
#include <string_view>

namespace oitscan::extract {
namespace {

struct Division {
  std::string_view prefix;
  bool needs_number;  // "หมวด ๑" is a heading, "หมวดหมู่สินค้า" is not
};

// A line longer than this (about 60 Thai characters) is a sentence, not a heading.
constexpr std::size_t kMaxHeadingBytes = 180;

constexpr std::array<Division, 11> kDivisions = {{{"ส่วนที่", true},
                                                  {"หมวดที่", true},
                                                  {"หมวด", true},
                                                  {"บทที่", true},
                                                  {"ภาคผนวก", false},
                                                  {"Part", true},
                                                  {"PART", true},
                                                  {"Chapter", true},
                                                  {"Section", true},
                                                  {"Annex", false},
                                                  {"Appendix", false}}};

bool starts_with_number(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  if (s.empty()) return false;
  if (s.front() >= '0' && s.front() <= '9') return true;
  // Thai digits U+0E50-U+0E59: E0 B9 90-99.
  return s.size() >= 3 && static_cast<unsigned char>(s[0]) == 0xE0 && static_cast<unsigned char>(s[1]) == 0xB9 &&
         static_cast<unsigned char>(s[2]) >= 0x90 && static_cast<unsigned char>(s[2]) <= 0x99;
}

}  // namespace

std::vector<std::pair<std::size_t, std::string>> text_headings(const std::string& text) {
  std::vector<std::pair<std::size_t, std::string>> out;
  for (std::size_t start = 0; start < text.size();) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::size_t b = start, e = end;
    while (b < e && (text[b] == ' ' || text[b] == '\t')) ++b;
    while (e > b && (text[e - 1] == ' ' || text[e - 1] == '\t' || text[e - 1] == '\r')) --e;
    const std::string_view line(text.data() + b, e - b);
    if (!line.empty() && line.size() <= kMaxHeadingBytes) {
      for (const Division& d : kDivisions) {
        if (line.substr(0, d.prefix.size()) != d.prefix) continue;
        const std::string_view rest = line.substr(d.prefix.size());
        if (d.needs_number ? starts_with_number(rest) : rest.empty() || rest.front() == ' ') {
          out.emplace_back(b, std::string(line));
        }
        break;
      }
    }
    start = end + 1;
  }
  return out;
}

}  // namespace oitscan::extract
