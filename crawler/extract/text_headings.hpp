#pragma once
// Headings of text without markup (PDF text layers, OCR): only the numbered divisions that Thai
// official documents and their English versions use, on a short line of their own
// ("ส่วนที่ ๑ ...", "หมวด ๒ ...", "บทที่ 3", "ภาคผนวก", "Part 1", "Chapter 2", "Annex").
// Font sizes would find more, but the raw-order text poppler gives us carries none.
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace oitscan::extract {

// (byte offset of the line, the line trimmed) for each heading line of `text`.
std::vector<std::pair<std::size_t, std::string>> text_headings(const std::string& text);

}  // namespace oitscan::extract
