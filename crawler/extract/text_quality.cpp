#include "extract/text_quality.hpp"

#include <algorithm>
#include <array>

#include "thai/charset.hpp"
#include "thai/utf8.hpp"

namespace oitscan::extract {

TextQuality assess_text_layer(std::string_view utf8) {
  TextQuality q;
  char32_t prev = U' ';
  for (std::size_t i = 0; i < utf8.size();) {
    const char32_t c = thai::next_code_point(utf8, i);
    const bool space = c == U' ' || c == U'\n' || c == U'\t' || c == U'\r' || c == U'\f';
    if (!space) ++q.chars;
    if (c >= 0xE000 && c <= 0xF8FF) ++q.private_use;
    if (c == thai::kReplacement) ++q.replacement;
    if ((c < 0x20 && !space) || (c >= 0x7F && c <= 0x9F)) ++q.control;
    if (c >= 0xA1 && c <= 0xFF) ++q.latin1_garble;
    if (c == 0x0E32 && prev == 0x0E4D) ++q.split_sara_am;
    // A following vowel or mark right after a non-Thai letter has no base to sit on.
    if (thai::is_thai_non_initial(c) && c != 0x0E30 && c != 0x0E32 && c != 0x0E33 && c != 0x0E45 &&
        !(thai::is_thai_letter(prev) || space || prev == U' ')) {
      ++q.orphan_marks;
    }
    prev = c;
  }
  if (q.chars < 10) {
    q.score = 0;
    q.notes.emplace_back("no text layer (" + std::to_string(q.chars) + " characters)");
    return q;
  }
  const double bad = static_cast<double>(q.replacement + q.control + q.latin1_garble + q.orphan_marks) +
                     0.25 * static_cast<double>(q.private_use);
  q.score = std::max(0.0, 1.0 - 3.0 * bad / static_cast<double>(q.chars));
  q.needs_ocr = q.score < 0.85;
  if (q.private_use > 0) q.notes.push_back(std::to_string(q.private_use) + " private-use glyphs");
  if (q.replacement > 0) q.notes.push_back(std::to_string(q.replacement) + " replacement characters");
  if (q.latin1_garble > 0) q.notes.push_back(std::to_string(q.latin1_garble) + " Latin-1 characters (mis-encoded Thai?)");
  if (q.control > 0) q.notes.push_back(std::to_string(q.control) + " control characters");
  if (q.orphan_marks > 0) q.notes.push_back(std::to_string(q.orphan_marks) + " Thai marks without a base letter");
  if (q.split_sara_am > 0) q.notes.push_back(std::to_string(q.split_sara_am) + " SARA AM split (repaired)");
  return q;
}

std::optional<std::string> redecode_latin1_as_thai(std::string_view utf8) {
  // windows-874 decoding of the bytes 0xA1..0xFF, computed once with ICU.
  static const std::array<std::string, 256> kThai = [] {
    std::array<std::string, 256> t;
    for (int b = 0xA1; b <= 0xFF; ++b) {
      const std::string byte(1, static_cast<char>(b));
      t[static_cast<std::size_t>(b)] = thai::decode_to_utf8(byte, "text/plain; charset=windows-874").text;
    }
    return t;
  }();
  std::size_t latin = 0, other = 0;
  std::string out;
  out.reserve(utf8.size() * 2);
  for (std::size_t i = 0; i < utf8.size();) {
    const std::size_t b = i;
    const char32_t c = thai::next_code_point(utf8, i);
    if (c >= 0xA1 && c <= 0xFF) {
      ++latin;
      const std::string& mapped = kThai[c];
      // Unassigned bytes in windows-874 (0xDB..0xDE, 0xFC..0xFF) keep the original character.
      if (mapped.empty() || mapped == "\uFFFD") {
        out.append(utf8.substr(b, i - b));
      } else {
        out += mapped;
      }
    } else {
      if (c > 0x7F) ++other;
      out.append(utf8.substr(b, i - b));
    }
  }
  if (latin < 10 || latin < 4 * other) return std::nullopt;
  return out;
}

}  // namespace oitscan::extract
