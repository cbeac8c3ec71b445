#pragma once
// Minimal UTF-8 helpers. Invalid bytes decode to U+FFFD and advance by one byte, so every loop
// over hostile input terminates and never reads past the end.
#include <cstddef>
#include <string>
#include <string_view>

namespace oitscan::thai {

constexpr char32_t kReplacement = 0xFFFD;

// Decodes the code point starting at `i` and advances `i` past it.
char32_t next_code_point(std::string_view s, std::size_t& i);

void append_utf8(std::string& out, char32_t c);

bool is_valid_utf8(std::string_view s);

// Thai block letters, vowels and marks (U+0E01..U+0E4F), digits excluded.
inline bool is_thai_letter(char32_t c) { return c >= 0x0E01 && c <= 0x0E4F; }
inline bool is_thai_digit(char32_t c) { return c >= 0x0E50 && c <= 0x0E59; }

// Characters that can never start a Thai word: following vowels and combining marks.
inline bool is_thai_non_initial(char32_t c) {
  return (c >= 0x0E30 && c <= 0x0E3A) || c == 0x0E45 || (c >= 0x0E47 && c <= 0x0E4E);
}
// Leading vowels (เ แ โ ใ ไ) can never end a Thai word.
inline bool is_thai_leading_vowel(char32_t c) { return c >= 0x0E40 && c <= 0x0E44; }

std::size_t count_code_points(std::string_view s);

}  // namespace oitscan::thai
