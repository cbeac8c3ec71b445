#include "extract/language.hpp"

namespace oitscan::extract {
namespace {

// Decodes one UTF-8 code point at s[i] and advances i; malformed bytes count as U+FFFD.
char32_t next_code_point(std::string_view s, std::size_t& i) {
  const auto b = static_cast<unsigned char>(s[i]);
  const std::size_t len = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
  if (len == 0 || i + len > s.size()) {
    ++i;
    return 0xFFFD;
  }
  char32_t cp = len == 1 ? b : len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
  for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3Fu);
  i += len;
  return cp;
}

bool is_latin_letter(char32_t c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7);
}

// Thai consonants, vowels and marks; not the Thai digits (U+0E50-0E59) nor the currency sign.
bool is_thai_letter(char32_t c) { return c >= 0x0E01 && c <= 0x0E4F && c != 0x0E3F; }

enum class Script { None, Thai, Latin };

}  // namespace

LetterCount count_letters(std::string_view utf8) {
  LetterCount c;
  for (std::size_t i = 0; i < utf8.size();) {
    const char32_t cp = next_code_point(utf8, i);
    if (is_thai_letter(cp)) ++c.thai;
    else if (is_latin_letter(cp)) ++c.latin;
  }
  return c;
}

std::string language_of(const LetterCount& c, double share) {
  const std::size_t total = c.total();
  if (total == 0) return {};
  if (static_cast<double>(c.thai) >= share * static_cast<double>(total)) return "th";
  if (static_cast<double>(c.latin) >= share * static_cast<double>(total)) return "en";
  return "mixed";
}

std::vector<std::size_t> language_breaks(std::string_view text, std::size_t min_letters) {
  // Runs of consecutive lines of one majority script: begin offset, script, letters.
  struct Run {
    std::size_t begin;
    Script script;
    std::size_t letters;
  };
  std::vector<Run> runs;
  for (std::size_t start = 0; start < text.size();) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const LetterCount c = count_letters(text.substr(start, end - start));
    if (c.total() > 0) {
      const Script s = c.thai >= c.latin ? Script::Thai : Script::Latin;
      if (!runs.empty() && runs.back().script == s) runs.back().letters += c.total();
      else runs.push_back({start, s, c.total()});
    }
    start = end + 1;
  }
  // Absorb short runs into the run before them (leading ones into the first long run), then
  // merge neighbours of the same script. One linear pass each: after it every run is long.
  std::vector<Run> kept;
  std::size_t carried = 0, carried_begin = 0;
  for (const Run& r : runs) {
    if (r.letters < min_letters) {
      if (!kept.empty()) {
        kept.back().letters += r.letters;
      } else {
        if (carried == 0) carried_begin = r.begin;
        carried += r.letters;
      }
      continue;
    }
    if (!kept.empty() && kept.back().script == r.script) {
      kept.back().letters += r.letters;
      continue;
    }
    kept.push_back(r);
    if (kept.size() == 1 && carried > 0) {
      kept[0].begin = carried_begin;
      kept[0].letters += carried;
    }
  }
  std::vector<std::size_t> breaks;
  for (std::size_t i = 1; i < kept.size(); ++i) breaks.push_back(kept[i].begin);
  return breaks;
}

}  // namespace oitscan::extract
