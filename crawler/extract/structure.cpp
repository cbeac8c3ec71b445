#include "extract/structure.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <functional>
#include <map>
#include <set>
#include <string_view>

#include "extract/language.hpp"

#include "common/text.hpp"

namespace oitscan::extract {
namespace {

// Sections of one part: split at the given heading offsets, then at language changes.
void add_part_sections(Document& doc, std::size_t part, std::vector<std::pair<std::size_t, std::string>> starts) {
  const std::string& text = doc.parts[part].text;
  std::erase_if(starts, [&](const auto& s) { return s.first >= text.size() && !text.empty(); });
  std::stable_sort(starts.begin(), starts.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  if (starts.empty() || starts.front().first > 0) starts.insert(starts.begin(), {0, ""});
  for (std::size_t i = 0; i < starts.size(); ++i) {
    const std::size_t begin = starts[i].first;
    const std::size_t end = i + 1 < starts.size() ? starts[i + 1].first : text.size();
    if (end <= begin && !(text.empty() && i == 0)) continue;
    std::vector<std::size_t> cuts{begin};
    for (std::size_t b : language_breaks(std::string_view(text).substr(begin, end - begin))) cuts.push_back(begin + b);
    cuts.push_back(end);
    for (std::size_t k = 0; k + 1 < cuts.size(); ++k) {
      Section s;
      s.part = part;
      s.begin = cuts[k];
      s.end = cuts[k + 1];
      s.heading = starts[i].second;
      s.language = language_of(count_letters(std::string_view(text).substr(s.begin, s.end - s.begin)));
      doc.sections.push_back(std::move(s));
    }
  }
}

// Removes every occurrence of `needle` from `hay`; true when there was one.
bool erase_all(std::string& hay, const std::string& needle) {
  if (needle.empty()) return false;
  bool found = false;
  for (std::size_t at = hay.find(needle); at != std::string::npos; at = hay.find(needle, at)) {
    hay.erase(at, needle.size());
    found = true;
  }
  return found;
}

void erase_once(std::string& hay, const std::string& needle) {
  if (needle.empty()) return;
  if (const std::size_t at = hay.find(needle); at != std::string::npos) hay.erase(at, needle.size());
}

// Lines of the main content that say something besides a heading, the title or a placeholder
// phrase: a table's data rows, a paragraph of text. A placeholder has none or one or two (the
// item's name written as a paragraph); a short table whose status column says "in progress"
// has a line per row.
std::size_t other_lines(const Document& doc, const PlaceholderRules& rules) {
  std::vector<std::string> names{compact_text(doc.title)};
  for (const auto& h : doc.headings) names.push_back(compact_text(h));
  std::size_t count = 0;
  for (const Part& p : doc.parts) {
    if (p.chrome) continue;
    for (std::size_t start = 0; start < p.text.size();) {
      std::size_t end = p.text.find('\n', start);
      if (end == std::string::npos) end = p.text.size();
      std::string line = compact_text(std::string_view(p.text).substr(start, end - start));
      start = end + 1;
      if (std::find(names.begin(), names.end(), line) != names.end()) continue;
      for (const auto& phrase : rules.phrases) erase_all(line, phrase);
      if (count_letters(line).total() > 0) ++count;
    }
  }
  return count;
}

}  // namespace

std::size_t find_heading(const std::string& text, const std::string& heading, std::size_t from) {
  const std::string want = compact_text(heading);
  if (want.empty()) return std::string::npos;
  auto folded = [&](std::size_t i) {
    return ascii_lower(text[i]);
  };
  // Compare whitespace-free: the heading was collapsed on its own, the part text as a whole.
  for (std::size_t at = from; at < text.size(); ++at) {
    if (folded(at) != want[0]) continue;
    std::size_t i = at, k = 0;
    while (i < text.size() && k < want.size()) {
      if (std::isspace(static_cast<unsigned char>(text[i])) != 0) {
        ++i;
        continue;
      }
      if (folded(i) != want[k]) break;
      ++i;
      ++k;
    }
    if (k == want.size()) return at;
  }
  return std::string::npos;
}

void finish_structure(Document& doc, const StructureHints& hints, const PlaceholderRules& rules) {
  doc.sections.clear();
  for (std::size_t p = 0; p < doc.parts.size(); ++p) {
    std::vector<std::pair<std::size_t, std::string>> starts;
    for (const auto& h : hints.headings) {
      if (h.part == p) starts.emplace_back(h.offset, h.text);
    }
    add_part_sections(doc, p, std::move(starts));
  }
  assess_placeholder(doc, hints.empty_tables, rules, hints.viewer_page);
}

void assess_placeholder(Document& doc, const std::vector<std::string>& empty_tables, const PlaceholderRules& rules,
                        bool viewer_page) {
  doc.placeholder = false;
  doc.placeholder_reason.clear();
  if (doc.outcome != "ok") return;
  std::string rest = compact_text(doc.content_text());
  // The title and headings name the item; a placeholder page has them and nothing else.
  // Headings first: a <title> is often a prefix of the page's heading.
  for (const auto& h : doc.headings) erase_once(rest, compact_text(h));
  erase_once(rest, compact_text(doc.title));
  bool had_empty_table = false;
  for (const auto& t : empty_tables) {
    const std::string c = compact_text(t);
    had_empty_table = had_empty_table || rest.find(c) != std::string::npos;
    erase_once(rest, c);
  }
  std::string phrase;
  for (const auto& p : rules.phrases) {
    if (erase_all(rest, p) && phrase.empty()) phrase = p;
  }
  const std::size_t letters = count_letters(rest).total();
  if (!phrase.empty() && letters <= rules.max_letters_with_phrase &&
      other_lines(doc, rules) <= rules.max_other_lines_with_phrase) {
    doc.placeholder = true;
    doc.placeholder_reason = "phrase: " + phrase;
  } else if (doc.format == Format::html && letters <= rules.max_letters_without_phrase && !viewer_page &&
             std::none_of(doc.links.begin(), doc.links.end(), [](const Link& l) { return !l.in_chrome; }) &&
             std::none_of(doc.frames.begin(), doc.frames.end(), [](const Frame& f) { return !f.in_chrome; })) {
    // Only a web page's emptiness means "nothing published" (an empty PDF text layer is a scan),
    // and not when the page links or embeds what it publishes, or is a document viewer itself.
    doc.placeholder = true;
    doc.placeholder_reason = had_empty_table ? "empty table" : "empty";
  }
}

std::size_t mark_repeated_blocks(std::vector<Document*>& docs, double min_share) {
  auto lines_of = [](const std::string& text, const std::function<void(std::size_t, std::size_t)>& f) {
    for (std::size_t start = 0; start < text.size();) {
      std::size_t end = text.find('\n', start);
      end = end == std::string::npos ? text.size() : end + 1;
      f(start, end);
      start = end;
    }
  };
  // Pages with the same content (one page fetched under two URLs) would repeat everything.
  std::set<std::string> contents;
  std::map<std::string, std::size_t> pages_with;  // block key -> distinct pages holding it
  for (Document* d : docs) {
    if (d == nullptr || !contents.insert(compact_text(d->content_text())).second) continue;
    std::set<std::string> keys;
    for (const Part& p : d->parts) {
      if (p.chrome) continue;
      lines_of(p.text, [&](std::size_t b, std::size_t e) {
        std::string key = compact_text(std::string_view(p.text).substr(b, e - b));
        if (count_letters(key).total() > 0) keys.insert(std::move(key));
      });
    }
    for (const auto& k : keys) ++pages_with[k];
  }
  const std::size_t pages = contents.size();
  if (pages < 2) return 0;
  const auto needed = std::max<std::size_t>(2, static_cast<std::size_t>(std::ceil(min_share * static_cast<double>(pages))));
  std::size_t moved = 0;
  for (Document* d : docs) {
    if (d == nullptr) continue;
    const std::size_t original_parts = d->parts.size();
    for (std::size_t pi = 0; pi < original_parts; ++pi) {
      if (d->parts[pi].chrome) continue;
      // Line segments of the old text and where each goes: kept (new offset in the part) or
      // moved (offset in the new chrome part).
      struct Segment {
        std::size_t begin, end, to;
        bool move;
      };
      std::vector<Segment> segs;
      std::string kept, chrome;
      const std::string& text = d->parts[pi].text;
      lines_of(text, [&](std::size_t b, std::size_t e) {
        auto it = pages_with.find(compact_text(std::string_view(text).substr(b, e - b)));
        const bool move = it != pages_with.end() && it->second >= needed;
        std::string& dest = move ? chrome : kept;
        segs.push_back({b, e, dest.size(), move});
        dest.append(text, b, e - b);
      });
      const auto n_moved = static_cast<std::size_t>(std::count_if(segs.begin(), segs.end(), [](const Segment& s) { return s.move; }));
      if (n_moved == 0) continue;
      moved += n_moved;
      const std::size_t ci = d->parts.size();
      // Maps an old offset to (moved?, new offset); an end offset maps with the segment before it.
      auto map = [&](std::size_t off, bool is_end) -> std::pair<bool, std::size_t> {
        for (const Segment& s : segs) {
          if ((off >= s.begin && off < s.end) || (is_end && off == s.end && off > s.begin)) return {s.move, s.to + off - s.begin};
        }
        return {false, kept.size()};
      };
      Part cp;
      cp.label = "chrome: repeated";
      cp.source = d->parts[pi].source;
      cp.chrome = true;
      cp.text = chrome;
      std::vector<Span> spans;
      std::set<std::string> moved_labels;
      for (const Span& s : d->parts[pi].spans) {
        const auto [mb, b] = map(s.begin, false);
        const auto [me, e] = map(s.end, true);
        if (mb != me) continue;
        if (mb) moved_labels.insert(s.label);
        if (mb) cp.spans.push_back({b, e, cp.label + ", " + s.label});
        else spans.push_back({b, e, s.label});
      }
      for (FoundDate& f : d->dates) {
        if (f.part != pi) continue;
        const auto [mb, b] = map(f.date.begin, false);
        const auto [me, e] = map(f.date.end, true);
        if (mb != me) continue;
        f.part = mb ? ci : pi;
        if (mb) f.role = thai::DateRole::Chrome;  // a block repeated across the site is furniture
        f.date.begin = b;
        f.date.end = e;
      }
      std::vector<std::pair<std::size_t, std::string>> starts;
      std::vector<Section> others;
      for (const Section& s : d->sections) {
        if (s.part != pi) {
          others.push_back(s);
          continue;
        }
        if (const auto [mv, b] = map(s.begin, false); !mv && !s.heading.empty()) starts.emplace_back(b, s.heading);
      }
      d->parts[pi].text = std::move(kept);
      d->parts[pi].spans = std::move(spans);
      d->parts.push_back(std::move(cp));
      d->sections = std::move(others);
      add_part_sections(*d, pi, std::move(starts));
      add_part_sections(*d, ci, {});
      std::stable_sort(d->sections.begin(), d->sections.end(), [](const Section& a, const Section& b) {
        return a.part != b.part ? a.part < b.part : a.begin < b.begin;
      });
      for (Link& l : d->links) {
        if (!l.in_chrome && moved_labels.count(l.location) != 0) {
          l.in_chrome = true;
          l.location = "chrome: repeated, " + l.location;
        }
      }
      for (FoundDate& f : d->dates) f.location = d->location_of(f.part, f.date.begin);
    }
    // Less content can make a page a placeholder; never the other way round.
    if (!d->placeholder) assess_placeholder(*d, {}, PlaceholderRules::default_rules(), false);
  }
  return moved;
}

}  // namespace oitscan::extract
