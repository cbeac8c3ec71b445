#pragma once
// Which language a stretch of text is in, from its letters alone: Thai letters (Thai block
// U+0E01-U+0E4F, digits excluded) against Latin letters (A-Z, a-z, Latin-1 and Latin Extended-A
// letters). Enough to tell a Thai announcement from its English version; not a language detector.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace oitscan::extract {

struct LetterCount {
  std::size_t thai = 0;
  std::size_t latin = 0;
  std::size_t total() const { return thai + latin; }
};

LetterCount count_letters(std::string_view utf8);

// "th" or "en" when that script has at least `share` of the letters, "mixed" otherwise, "" when
// the text has no letters.
std::string language_of(const LetterCount& c, double share = 0.7);

// Byte offsets (into `text`) where a substantial run of one language begins and a different one
// follows: lines are classified by their majority script, and a run shorter than `min_letters`
// letters (a quoted English name in Thai, a Thai date in English) is absorbed by its neighbours.
std::vector<std::size_t> language_breaks(std::string_view text, std::size_t min_letters = 150);

}  // namespace oitscan::extract
