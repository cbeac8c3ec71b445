#include "extract/document.hpp"

#include <algorithm>

#include "extract/language.hpp"

namespace oitscan::extract {

std::string_view to_string(TextSource s) {
  switch (s) {
    case TextSource::TextLayer: return "text-layer";
    case TextSource::Ocr: return "ocr";
    case TextSource::Markup: return "markup";
  }
  return "markup";
}

TextSource Document::overall_source() const {
  if (parts.empty()) {  // nothing read (encrypted, limit): say what the source would have been
    if (format == Format::pdf) return TextSource::TextLayer;
    if (format == Format::png || format == Format::jpeg || format == Format::tiff) return TextSource::Ocr;
    return TextSource::Markup;
  }
  bool any_layer = false;
  for (const auto& p : parts) {
    if (p.source == TextSource::Ocr) return TextSource::Ocr;
    any_layer = any_layer || p.source == TextSource::TextLayer;
  }
  return any_layer ? TextSource::TextLayer : TextSource::Markup;
}

std::string Document::full_text() const {
  std::string out;
  for (const auto& p : parts) {
    if (!out.empty()) out += "\n\n";
    out += p.text;
  }
  return out;
}

std::string Document::content_text() const {
  std::string out;
  for (const auto& p : parts) {
    if (p.chrome) continue;
    if (!out.empty()) out += "\n\n";
    out += p.text;
  }
  return out;
}

std::size_t Document::language_share(std::string_view language) const {
  std::size_t letters = 0;
  for (const auto& s : sections) {
    if (s.language != language || s.part >= parts.size() || parts[s.part].chrome) continue;
    const std::string& t = parts[s.part].text;
    if (s.begin >= s.end || s.end > t.size()) continue;
    letters += count_letters(std::string_view(t).substr(s.begin, s.end - s.begin)).total();
  }
  return letters;
}

std::string Document::location_of(std::size_t part, std::size_t offset) const {
  if (part >= parts.size()) return {};
  const Part& p = parts[part];
  // Spans are appended in text order: binary search (a sheet can have a million cells).
  auto it = std::upper_bound(p.spans.begin(), p.spans.end(), offset,
                             [](std::size_t off, const Span& s) { return off < s.begin; });
  if (it != p.spans.begin()) {
    --it;
    if (offset >= it->begin && offset < it->end) return it->label;
  }
  return p.label;
}

}  // namespace oitscan::extract
