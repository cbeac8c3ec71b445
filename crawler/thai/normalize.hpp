#pragma once
// Thai text normalisation in two views:
//  * the display text (what snippets show): NFC, PUA glyph variants mapped back, SARA AM
//    recomposed, tone marks after upper/lower vowels, zero-width characters dropped, odd spaces
//    made plain, and (for PDF text layers) the spaces poppler inserts inside Thai words removed;
//  * the matching view (what rules and the date grammar search): Thai digits as ASCII and
//    whitespace collapsed, with a byte map back to the display text so a match can be quoted.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace oitscan::thai {

struct NormalizeOptions {
  // debian-deps.md §3: delete spaces/tabs before a following vowel or combining mark and after
  // a leading vowel. Only safe for PDF text layers, where such spaces are extraction artefacts.
  bool repair_pdf_spaces = false;
};

struct NormalizeStats {
  std::size_t pua_mapped = 0;          // U+F700..U+F71A glyph variants replaced
  std::size_t sara_am_recomposed = 0;  // NIKHAHIT + SARA AA -> SARA AM
  std::size_t marks_reordered = 0;
  std::size_t spaces_repaired = 0;
};

std::string normalize(std::string_view utf8, const NormalizeOptions& options = {}, NormalizeStats* stats = nullptr);

struct MatchingView {
  std::string text;
  // For each byte of `text`, the display byte range of the character it came from.
  std::vector<std::uint32_t> display_begin;
  std::vector<std::uint32_t> display_end;

  // Display byte range [first, second) covering view bytes [begin, end).
  std::pair<std::size_t, std::size_t> to_display(std::size_t begin, std::size_t end) const;
};

// join_thai_words: also drop whitespace (including line breaks) between two Thai letters, the
// PDF line-wrap rule. Off for the date grammar, which relies on spaces around abbreviations.
MatchingView make_matching_view(std::string_view display, bool join_thai_words = false);

// Thai digits ๐..๙ to ASCII, everything else unchanged.
std::string thai_digits_to_ascii(std::string_view utf8);

}  // namespace oitscan::thai
