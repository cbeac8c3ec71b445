#include "evaluate/text_index.hpp"

#include <algorithm>
#include <iterator>

#include "thai/normalize.hpp"

namespace oitscan::evaluate {
namespace {

bool is_ascii_alnum(unsigned char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_space(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
char fold(unsigned char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c); }

bool is_utf8_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

}  // namespace

std::string compact_key(std::string_view phrase) {
  const auto view = thai::make_matching_view(phrase, true);
  std::string key;
  key.reserve(view.text.size());
  for (char c : view.text) {
    if (!is_space(static_cast<unsigned char>(c))) key.push_back(fold(static_cast<unsigned char>(c)));
  }
  return key;
}

DocTextIndex::DocTextIndex(const EvidenceDoc& doc) {
  parts_.reserve(doc.parts.size());
  for (const auto& part : doc.parts) {
    if (part.chrome) {  // site chrome is never evidence of what a document says: an empty slot
      parts_.emplace_back();
      continue;
    }
    add_part(part.text);
  }
}

DocTextIndex::DocTextIndex(const std::string& text) { add_part(text); }

void DocTextIndex::add_part(std::string_view text) {
  Part p;
  p.display = text;
  {
    // The matching view (with its per-byte map) lives only while the key is built.
    const auto view = thai::make_matching_view(text, true);
    p.key.reserve(view.text.size());
    p.space_before.reserve(view.text.size());
    bool space = false;
    std::size_t next_checkpoint = 0;
    for (std::size_t vi = 0; vi < view.text.size(); ++vi) {
      const auto c = static_cast<unsigned char>(view.text[vi]);
      if (is_space(c)) {
        space = true;
        continue;
      }
      const bool char_start = vi == 0 || view.display_begin[vi] != view.display_begin[vi - 1];
      if (char_start && p.key.size() >= next_checkpoint) {
        p.checkpoints.push_back({p.key.size(), view.display_begin[vi]});
        next_checkpoint = p.key.size() + kCheckpointEvery;
      }
      p.key.push_back(fold(c));
      p.space_before.push_back(space);
      space = false;
    }
  }
  p.key.shrink_to_fit();
  p.space_before.shrink_to_fit();
  p.checkpoints.shrink_to_fit();
  parts_.push_back(std::move(p));
  // Letters by script: Thai consonants and vowels (U+0E01-U+0E4E), ASCII letters.
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) ++latin_letters_;
    else if (c == 0xE0 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) >= 0xB8 &&
             static_cast<unsigned char>(text[i + 1]) <= 0xB9) {
      ++thai_letters_;
      i += 2;
    }
  }
}

// The matching view maps each character on its own (only whitespace depends on its neighbours, and
// whitespace is not in the key), so the view of the display text from a checkpoint to the next one
// yields exactly the key bytes between them, with their display ranges.
std::pair<std::size_t, std::size_t> DocTextIndex::display_of(const Part& p, std::size_t k) const {
  auto next = std::upper_bound(p.checkpoints.begin(), p.checkpoints.end(), k,
                               [](std::size_t key, const Checkpoint& c) { return key < c.key; });
  const Checkpoint& at = *std::prev(next);  // the first checkpoint is at key byte 0
  const std::size_t window_end = next == p.checkpoints.end() ? p.display.size() : next->display;
  const auto view = thai::make_matching_view(p.display.substr(at.display, window_end - at.display), true);
  std::size_t key = at.key;
  for (std::size_t vi = 0; vi < view.text.size(); ++vi) {
    if (is_space(static_cast<unsigned char>(view.text[vi]))) continue;
    if (key == k) return {at.display + view.display_begin[vi], at.display + view.display_end[vi]};
    ++key;
  }
  return {window_end, window_end};  // not reached: every key byte comes from its window
}

std::optional<TextMatch> DocTextIndex::find(std::string_view phrase) const {
  if (phrase.empty()) return std::nullopt;
  const bool ascii_start = is_ascii_alnum(static_cast<unsigned char>(phrase.front()));
  const bool ascii_end = is_ascii_alnum(static_cast<unsigned char>(phrase.back()));
  for (std::size_t pi = 0; pi < parts_.size(); ++pi) {
    const Part& p = parts_[pi];
    for (std::size_t pos = p.key.find(phrase); pos != std::string::npos; pos = p.key.find(phrase, pos + 1)) {
      const std::size_t after = pos + phrase.size();
      // Whole-word check for ASCII edges: in the matching view, the byte before (after) the match
      // is either a space or the previous (next) key byte.
      if (ascii_start && pos > 0 && !p.space_before[pos] && is_ascii_alnum(static_cast<unsigned char>(p.key[pos - 1]))) continue;
      if (ascii_end && after < p.key.size() && !p.space_before[after] &&
          is_ascii_alnum(static_cast<unsigned char>(p.key[after]))) {
        continue;
      }
      // A phrase must not start in the middle of a UTF-8 character.
      if (is_utf8_continuation(p.key[pos])) continue;
      return TextMatch{pi, display_of(p, pos).first, display_of(p, after - 1).second};
    }
  }
  return std::nullopt;
}

std::size_t DocTextIndex::memory_bytes() const {
  std::size_t bytes = parts_.capacity() * sizeof(Part);
  for (const Part& p : parts_) {
    if (p.key.capacity() > 15) bytes += p.key.capacity() + 1;  // (short keys live inside the string)
    bytes += (p.space_before.capacity() + 7) / 8;
    bytes += p.checkpoints.capacity() * sizeof(Checkpoint);
  }
  return bytes;
}

namespace {

// The index of one text about a document (its link's text, its head), built once.
const DocTextIndex& index_of_text(std::map<const EvidenceDoc*, DocTextIndex>& cache, const EvidenceDoc& doc,
                                  const std::string& text) {
  auto it = cache.find(&doc);
  if (it != cache.end()) return it->second;
  return cache.emplace(&doc, DocTextIndex(text)).first->second;
}

}  // namespace

const DocTextIndex& TextIndexCache::of_link(const EvidenceDoc& doc) { return index_of_text(link_cache_, doc, doc.link_context); }

const DocTextIndex& TextIndexCache::of_head(const EvidenceDoc& doc) { return index_of_text(head_cache_, doc, doc.head); }

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
