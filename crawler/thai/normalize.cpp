#include "thai/normalize.hpp"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <array>

#include "thai/utf8.hpp"

namespace oitscan::thai {
namespace {

// Glyph variants that Thai fonts (TH SarabunPSK and the like) put in the Private Use Area and
// some PDF producers emit instead of the real characters (shifted/lowered marks, tail-less letters).
constexpr std::array<char32_t, 27> kPuaMap = {
    0x0E10, 0x0E34, 0x0E35, 0x0E36, 0x0E37, 0x0E48, 0x0E49, 0x0E4A, 0x0E4B,  // F700..F708
    0x0E4C, 0x0E48, 0x0E49, 0x0E4A, 0x0E4B, 0x0E4C, 0x0E0D, 0x0E31, 0x0E4D,  // F709..F711
    0x0E47, 0x0E48, 0x0E49, 0x0E4A, 0x0E4B, 0x0E4C, 0x0E38, 0x0E39, 0x0E3A,  // F712..F71A
};

bool is_tone(char32_t c) { return (c >= 0x0E48 && c <= 0x0E4C); }
// Upper and lower vowels that must precede a tone mark in canonical Thai order.
bool is_above_below_vowel(char32_t c) {
  return c == 0x0E31 || (c >= 0x0E34 && c <= 0x0E3A) || c == 0x0E47;
}
bool is_zero_width(char32_t c) {
  return c == 0x200B || c == 0x200C || c == 0x200D || c == 0x2060 || c == 0xFEFF || c == 0x00AD;
}
bool is_odd_space(char32_t c) {
  return c == 0x00A0 || c == 0x202F || c == 0x3000 || (c >= 0x2000 && c <= 0x200A);
}

std::u32string to_u32(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) out.push_back(next_code_point(s, i));
  return out;
}

}  // namespace

std::string normalize(std::string_view utf8, const NormalizeOptions& options, NormalizeStats* stats) {
  NormalizeStats local;
  NormalizeStats& st = stats != nullptr ? *stats : local;

  // 1. Map PUA variants, drop zero-width characters, plain spaces (before NFC so it composes them).
  std::u32string cps;
  cps.reserve(utf8.size());
  for (char32_t c : to_u32(utf8)) {
    if (c >= 0xF700 && c <= 0xF71A) {
      c = kPuaMap[c - 0xF700];
      ++st.pua_mapped;
    }
    if (is_zero_width(c)) continue;
    if (is_odd_space(c)) c = U' ';
    cps.push_back(c);
  }

  // 2. NFC (ICU). NFC does not fold NIKHAHIT + SARA AA, done below.
  std::string tmp;
  for (char32_t c : cps) append_utf8(tmp, c);
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_SUCCESS(status)) {
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(tmp.data(), static_cast<int32_t>(tmp.size())));
    icu::UnicodeString n = nfc->normalize(u, status);
    if (U_SUCCESS(status)) {
      tmp.clear();
      n.toUTF8String(tmp);
    }
  }
  cps = to_u32(tmp);

  // 3. Thai mark order and SARA AM.
  std::u32string out;
  out.reserve(cps.size());
  for (std::size_t i = 0; i < cps.size(); ++i) {
    const char32_t c = cps[i];
    // NIKHAHIT [tone] SARA AA  ->  [tone] SARA AM
    if (c == 0x0E4D) {
      if (i + 1 < cps.size() && cps[i + 1] == 0x0E32) {
        out.push_back(0x0E33);
        ++i;
        ++st.sara_am_recomposed;
        continue;
      }
      if (i + 2 < cps.size() && is_tone(cps[i + 1]) && cps[i + 2] == 0x0E32) {
        out.push_back(cps[i + 1]);
        out.push_back(0x0E33);
        i += 2;
        ++st.sara_am_recomposed;
        continue;
      }
    }
    // tone NIKHAHIT SARA AA -> tone SARA AM (the order OCR and some producers emit)
    // is handled by the branch above when we reach NIKHAHIT after pushing the tone.
    // tone + upper/lower vowel -> vowel + tone
    if (is_tone(c) && i + 1 < cps.size() && is_above_below_vowel(cps[i + 1])) {
      out.push_back(cps[i + 1]);
      out.push_back(c);
      ++i;
      ++st.marks_reordered;
      continue;
    }
    out.push_back(c);
  }

  // 4. PDF space repair.
  if (options.repair_pdf_spaces) {
    std::u32string repaired;
    repaired.reserve(out.size());
    for (std::size_t i = 0; i < out.size(); ++i) {
      const char32_t c = out[i];
      if (c == U' ' || c == U'\t') {
        std::size_t j = i;
        while (j < out.size() && (out[j] == U' ' || out[j] == U'\t')) ++j;
        const bool before_mark = j < out.size() && is_thai_non_initial(out[j]);
        const bool after_leading = !repaired.empty() && is_thai_leading_vowel(repaired.back());
        if (before_mark || after_leading) {
          st.spaces_repaired += j - i;
          i = j - 1;
          continue;
        }
      }
      repaired.push_back(c);
    }
    out.swap(repaired);
  }

  std::string result;
  result.reserve(out.size() * 3);
  for (char32_t c : out) append_utf8(result, c);
  return result;
}

std::pair<std::size_t, std::size_t> MatchingView::to_display(std::size_t begin, std::size_t end) const {
  if (text.empty() || begin >= text.size() || end <= begin) return {0, 0};
  if (end > text.size()) end = text.size();
  return {display_begin[begin], display_end[end - 1]};
}

MatchingView make_matching_view(std::string_view display, bool join_thai_words) {
  MatchingView v;
  v.text.reserve(display.size());
  v.display_begin.reserve(display.size());
  v.display_end.reserve(display.size());
  auto emit = [&](char32_t c, std::size_t b, std::size_t e) {
    const std::size_t before = v.text.size();
    append_utf8(v.text, c);
    for (std::size_t k = before; k < v.text.size(); ++k) {
      v.display_begin.push_back(static_cast<std::uint32_t>(b));
      v.display_end.push_back(static_cast<std::uint32_t>(e));
    }
  };
  char32_t prev = 0;
  std::size_t i = 0;
  while (i < display.size()) {
    const std::size_t b = i;
    char32_t c = next_code_point(display, i);
    if (c == U' ' || c == U'\t' || c == U'\n' || c == U'\r' || c == U'\f' || c == U'\v') {
      // Collapse the whole whitespace run.
      std::size_t j = i;
      char32_t next = 0;
      while (j < display.size()) {
        std::size_t k = j;
        next = next_code_point(display, k);
        if (next != U' ' && next != U'\t' && next != U'\n' && next != U'\r' && next != U'\f' && next != U'\v') break;
        j = k;
        next = 0;
      }
      const bool drop = prev == 0 || next == 0 || (join_thai_words && is_thai_letter(prev) && is_thai_letter(next));
      if (!drop) emit(U' ', b, j);
      i = j;
      prev = U' ';
      continue;
    }
    if (is_thai_digit(c)) c = U'0' + (c - 0x0E50);
    emit(c, b, i);
    prev = c;
  }
  return v;
}

std::string thai_digits_to_ascii(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  for (std::size_t i = 0; i < utf8.size();) {
    char32_t c = next_code_point(utf8, i);
    if (is_thai_digit(c)) c = U'0' + (c - 0x0E50);
    append_utf8(out, c);
  }
  return out;
}

}  // namespace oitscan::thai
