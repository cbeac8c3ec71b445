#pragma once
// Is a PDF page's text layer usable, or must the page be OCR'd? Scanned pages have no text;
// broken producers leave private-use glyphs, replacement characters, Thai bytes read as Latin-1,
// control characters or marks with no base letter.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace oitscan::extract {

struct TextQuality {
  double score = 0;  // 0 (unusable) .. 1 (clean)
  bool needs_ocr = true;
  std::size_t chars = 0;  // non-space code points
  std::size_t private_use = 0, replacement = 0, control = 0, latin1_garble = 0, orphan_marks = 0,
              split_sara_am = 0;
  std::vector<std::string> notes;
};

TextQuality assess_text_layer(std::string_view utf8);

// Old Thai PDFs draw TIS-620 bytes with a Latin-1/WinAnsi font and no ToUnicode map, so the text
// layer reads "ÊÓ¹Ñ¡§Ò¹". When most characters are such Latin-1 letters, mapping them back to their
// bytes and decoding as windows-874 recovers the Thai exactly. nullopt when the text does not
// look like that.
std::optional<std::string> redecode_latin1_as_thai(std::string_view utf8);

}  // namespace oitscan::extract
