#include "evaluate/text_index.hpp"

#include "thai/normalize.hpp"

namespace oitscan::evaluate {
namespace {

bool is_ascii_alnum(unsigned char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_space(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
char fold(unsigned char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c); }

// Appends the compact form of `view` to `key`, recording for each key byte its view byte.
void compact_into(const std::string& view, std::string& key, std::vector<std::size_t>* key_to_view) {
  for (std::size_t i = 0; i < view.size(); ++i) {
    const auto c = static_cast<unsigned char>(view[i]);
    if (is_space(c)) continue;
    key.push_back(fold(c));
    if (key_to_view) key_to_view->push_back(i);
  }
}

bool is_utf8_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

}  // namespace

std::string compact_key(std::string_view phrase) {
  const auto view = thai::make_matching_view(phrase, true);
  std::string key;
  compact_into(view.text, key, nullptr);
  return key;
}

DocTextIndex::DocTextIndex(const EvidenceDoc& doc) {
  for (const auto& part : doc.parts) {
    Part p;
    if (part.chrome) {  // site chrome is never evidence of what a document says: an empty slot
      parts_.push_back(std::move(p));
      continue;
    }
    const auto view = thai::make_matching_view(part.text, true);
    compact_into(view.text, p.key, &p.key_to_view);
    p.display_begin.reserve(p.key.size());
    p.display_end.reserve(p.key.size());
    for (std::size_t vi : p.key_to_view) {
      p.display_begin.push_back(view.display_begin[vi]);
      p.display_end.push_back(view.display_end[vi]);
    }
    p.view = view.text;
    parts_.push_back(std::move(p));
    // Letters by script: Thai consonants and vowels (U+0E01-U+0E4E), ASCII letters.
    const std::string& t = part.text;
    for (std::size_t i = 0; i < t.size(); ++i) {
      const auto c = static_cast<unsigned char>(t[i]);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) ++latin_letters_;
      else if (c == 0xE0 && i + 2 < t.size() && static_cast<unsigned char>(t[i + 1]) >= 0xB8 &&
               static_cast<unsigned char>(t[i + 1]) <= 0xB9) {
        ++thai_letters_;
        i += 2;
      }
    }
  }
}

std::optional<TextMatch> DocTextIndex::find(std::string_view phrase) const {
  if (phrase.empty()) return std::nullopt;
  const bool ascii_start = is_ascii_alnum(static_cast<unsigned char>(phrase.front()));
  const bool ascii_end = is_ascii_alnum(static_cast<unsigned char>(phrase.back()));
  for (std::size_t pi = 0; pi < parts_.size(); ++pi) {
    const Part& p = parts_[pi];
    for (std::size_t pos = p.key.find(phrase); pos != std::string::npos; pos = p.key.find(phrase, pos + 1)) {
      const std::size_t last = pos + phrase.size() - 1;
      // Whole-word check for ASCII edges, on the matching view where spaces still separate words.
      const std::size_t vb = p.key_to_view[pos];
      const std::size_t ve = p.key_to_view[last] + 1;
      if (ascii_start && vb > 0 && is_ascii_alnum(static_cast<unsigned char>(p.view[vb - 1]))) continue;
      if (ascii_end && ve < p.view.size() && is_ascii_alnum(static_cast<unsigned char>(p.view[ve]))) continue;
      // A phrase must not start in the middle of a UTF-8 character.
      if (is_utf8_continuation(p.key[pos])) continue;
      return TextMatch{pi, p.display_begin[pos], p.display_end[last]};
    }
  }
  return std::nullopt;
}

namespace {

// The index of one text about a document (its link's text, its head), built once.
const DocTextIndex& index_of_text(std::map<const EvidenceDoc*, DocTextIndex>& cache, const EvidenceDoc& doc,
                                  const std::string& text, const char* label) {
  auto it = cache.find(&doc);
  if (it != cache.end()) return it->second;
  EvidenceDoc one;
  one.parts.push_back(DocPart{label, text, extract::TextSource::Markup, false});
  return cache.emplace(&doc, DocTextIndex(one)).first->second;
}

}  // namespace

const DocTextIndex& TextIndexCache::of_link(const EvidenceDoc& doc) { return index_of_text(link_cache_, doc, doc.link_context, "link"); }

const DocTextIndex& TextIndexCache::of_head(const EvidenceDoc& doc) { return index_of_text(head_cache_, doc, doc.head, "head"); }

const DocTextIndex& TextIndexCache::of(const EvidenceDoc& doc) {
  auto it = cache_.find(&doc);
  if (it == cache_.end()) it = cache_.emplace(&doc, DocTextIndex(doc)).first;
  return it->second;
}

std::string snippet_around(const std::string& text, std::size_t begin, std::size_t end, std::size_t context) {
  std::size_t a = begin > context ? begin - context : 0;
  std::size_t b = std::min(text.size(), end + context);
  // Start and end on a space when one is near, so no word (or Thai syllable) is cut in half.
  if (a > 0) {
    const auto space = text.find(' ', a);
    if (space != std::string::npos && space < begin && space - a < context / 2) a = space + 1;
  }
  if (b < text.size()) {
    const auto space = text.rfind(' ', b);
    if (space != std::string::npos && space > end && b - space < context / 2) b = space;
  }
  while (a > 0 && is_utf8_continuation(text[a])) --a;
  while (b < text.size() && is_utf8_continuation(text[b])) ++b;
  std::string out = (a > 0 ? "…" : "") + text.substr(a, b - a) + (b < text.size() ? "…" : "");
  for (char& c : out) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  return out;
}

}  // namespace oitscan::evaluate
