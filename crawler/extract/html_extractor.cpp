// HTML: visible text in reading order (never script/style/noscript/template content), title,
// headings, links with anchor text resolved against <base href>, iframes and embedded viewers,
// and the dates pages declare in <meta>. Site chrome (menus, sidebars, header, footer; see
// rules/html-chrome.yaml and html_regions.hpp) goes into "chrome: <kind>" parts after the page's
// own "page" part, so a page without chrome reads exactly as before. gumbo-parser builds the
// HTML5 tree; charset resolution happens first because gumbo only takes UTF-8.
#include <gumbo.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>

#include "extract/extractor.hpp"
#include "extract/html_regions.hpp"
#include "extract/structure.hpp"
#include "extract/url_util.hpp"
#include "extract/viewer.hpp"
#include "thai/charset.hpp"
#include "thai/normalize.hpp"

#include "common/text.hpp"

namespace oitscan::extract {
namespace {

bool is_skipped(GumboTag t) {
  return t == GUMBO_TAG_SCRIPT || t == GUMBO_TAG_STYLE || t == GUMBO_TAG_NOSCRIPT || t == GUMBO_TAG_TEMPLATE ||
         t == GUMBO_TAG_HEAD;
}

bool is_block(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_P: case GUMBO_TAG_DIV: case GUMBO_TAG_BR: case GUMBO_TAG_LI: case GUMBO_TAG_UL:
    case GUMBO_TAG_OL: case GUMBO_TAG_TABLE: case GUMBO_TAG_TR: case GUMBO_TAG_H1: case GUMBO_TAG_H2:
    case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_SECTION:
    case GUMBO_TAG_ARTICLE: case GUMBO_TAG_HEADER: case GUMBO_TAG_FOOTER: case GUMBO_TAG_NAV:
    case GUMBO_TAG_ASIDE: case GUMBO_TAG_MAIN: case GUMBO_TAG_FORM: case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_PRE: case GUMBO_TAG_HR: case GUMBO_TAG_DL: case GUMBO_TAG_DT: case GUMBO_TAG_DD:
    case GUMBO_TAG_FIGURE: case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_ADDRESS: case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_BODY: case GUMBO_TAG_CENTER:
      return true;
    default:
      return false;
  }
}

bool is_heading(GumboTag t) { return t >= GUMBO_TAG_H1 && t <= GUMBO_TAG_H6; }

const char* attr(const GumboNode* n, const char* name) {
  const GumboAttribute* a = gumbo_get_attribute(&n->v.element.attributes, name);
  return a == nullptr ? nullptr : a->value;
}

// Upper bound of the element nesting depth, from the tags alone: gumbo frees its tree
// recursively, so a page of 10^6 nested <div>s must be refused before parsing.
std::size_t estimated_depth(std::string_view html) {
  static constexpr std::array<std::string_view, 14> kVoid = {"br", "img", "meta", "link", "input", "hr", "area",
                                                             "base", "col", "embed", "param", "source", "track", "wbr"};
  std::size_t depth = 0, max_depth = 0;
  for (std::size_t i = 0; i + 1 < html.size(); ++i) {
    if (html[i] != '<') continue;
    if (html[i + 1] == '/') {
      if (depth > 0) --depth;
      continue;
    }
    if (std::isalpha(static_cast<unsigned char>(html[i + 1])) == 0) continue;
    std::size_t e = i + 1;
    while (e < html.size() && std::isalnum(static_cast<unsigned char>(html[e])) != 0) ++e;
    const std::string name = ascii_lower((html.substr(i + 1, e - i - 1)));
    if (std::find(kVoid.begin(), kVoid.end(), name) != kVoid.end()) continue;
    max_depth = std::max(max_depth, ++depth);
  }
  return max_depth;
}

// Where text goes while walking the tree: the page's own content (sink 0) or one chrome part
// per kind, in order of first appearance.
struct Sink {
  std::string label;  // "page" | "chrome: nav" | ...
  std::string text;   // raw text (collapsed whitespace, newlines between blocks)
  std::vector<std::string> headings;
  std::size_t counted = 0, lines = 0;  // line count of text[0, counted): link locations
};

// Line number (0-based) of a raw offset: only called with offsets that never decrease per sink.
std::size_t line_at(Sink& s, std::size_t offset) {
  for (; s.counted < offset && s.counted < s.text.size(); ++s.counted) {
    if (s.text[s.counted] == '\n' && s.counted > 0 && s.text[s.counted - 1] != '\n') ++s.lines;
  }
  return s.lines;
}

// The context of a link: at most ~300 bytes of its enclosing block around the anchor, cut at
// character boundaries. Only a bounded window of the block is read, so a <div> holding
// thousands of links costs the same per link as a list item.
std::string bounded_context(std::string_view block, std::size_t anchor_at) {
  constexpr std::size_t kMax = 300;
  if (block.size() <= 2 * kMax) {
    std::string c = collapse_spaces(block);
    if (c.size() <= kMax) return c;
  }
  anchor_at = std::min(anchor_at, block.size());
  std::size_t b = anchor_at > kMax / 2 ? anchor_at - kMax / 2 : 0;
  const std::size_t e = std::min(block.size(), b + kMax);
  if (e - b < kMax) b = e > kMax ? e - kMax : 0;
  auto continuation = [&](std::size_t i) { return i < block.size() && (static_cast<unsigned char>(block[i]) & 0xC0) == 0x80; };
  std::size_t cb = b, ce = e;
  while (cb > 0 && continuation(cb)) --cb;
  while (ce > cb && continuation(ce)) --ce;
  return collapse_spaces(block.substr(cb, ce - cb));
}

bool is_context_block(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_LI: case GUMBO_TAG_TR: case GUMBO_TAG_P: case GUMBO_TAG_DT: case GUMBO_TAG_DD:
    case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5:
    case GUMBO_TAG_H6: case GUMBO_TAG_CAPTION: case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_DIV:
      return true;
    default:
      return false;
  }
}

class HtmlExtractor final : public Extractor {
 public:
  void extract(std::string_view bytes, const ExtractContext& ctx, Document& doc) const override {
    const thai::DecodedText decoded = thai::decode_to_utf8(bytes, ctx.content_type);
    doc.charset = decoded.encoding_used;
    doc.charset_how = decoded.how_decided;
    const std::string& html = decoded.text;
    if (estimated_depth(html) > 20'000) throw LimitExceeded("HTML nesting deeper than 20000 elements");

    GumboOptions opts = kGumboDefaultOptions;
    opts.max_errors = 1000;
    GumboOutput* out = gumbo_parse_with_options(&opts, html.data(), html.size());
    struct Free {
      const GumboOptions* o;
      GumboOutput* g;
      ~Free() { gumbo_destroy_output(o, g); }
    } guard{&opts, out};

    const ChromeRules& rules = ChromeRules::default_rules();
    const HtmlRegions regions = find_regions(out->root, rules);
    std::string base = ctx.base_url;
    std::vector<Sink> sinks(1);
    sinks[0].label = "page";
    auto sink_for = [&](const std::string& kind) {
      const std::string label = "chrome: " + kind;
      for (std::size_t i = 1; i < sinks.size(); ++i) {
        if (sinks[i].label == label) return i;
      }
      sinks.push_back(Sink{label, {}, {}, 0, 0});
      return sinks.size() - 1;
    };
    struct Open {
      const GumboNode* node;
      unsigned child;
      std::size_t text_start;  // in this element's sink
      std::size_t sink;
      bool sticky;      // declared chrome: everything inside stays in its sink
      bool in_main;     // inside the main content
      bool sectioning;  // inside main, <article> or <section>: header/footer are the article's
    };
    struct PendingLink {
      std::string href;
      std::size_t text_start;
      std::string alt;
      std::size_t sink;
      std::string title;
      std::size_t line;
    };
    struct ContextBlock {  // an open <li>/<tr>/<p>/... and the links that closed inside it
      std::size_t sink, start;
      std::vector<std::size_t> links;
    };
    struct Table {  // an open <table> of the page's content: is it an empty list?
      std::size_t start;
      std::size_t rows_with_text = 0, first_row_cells = 0, rows = 0;
      bool nested = false;
    };
    struct Found {
      Link link;
      std::size_t sink, line, offset;
    };
    std::vector<Open> stack;
    std::vector<PendingLink> anchors;
    std::vector<ContextBlock> blocks;
    std::vector<Table> tables;
    std::vector<Found> links;
    std::vector<std::string> empty_tables;
    auto newline = [&](std::size_t sink) {
      std::string& t = sinks[sink].text;
      if (!t.empty() && t.back() != '\n') t.push_back('\n');
    };
    auto add_frame = [&](const char* kind, const char* url, bool chrome) {
      if (url == nullptr) return;
      Frame f;
      f.kind = kind;
      f.url = resolve_url(base, url);
      if (f.url.empty()) return;
      recognise_viewer(f);
      f.in_chrome = chrome;
      if (doc.frames.size() < ctx.limits.max_links) doc.frames.push_back(std::move(f));
    };

    stack.push_back({out->root, 0, 0, 0, false, false, false});
    std::size_t visited = 0;
    while (!stack.empty()) {
      Open& top = stack.back();
      const GumboNode* n = top.node;
      if (top.child == 0) {
        // Entering the node.
        if ((++visited & 1023) == 0) ctx.budget.check("reading HTML");
        std::string& text = sinks[top.sink].text;
        if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_CDATA) {
          const std::string t = collapse_spaces(n->v.text.text);
          if (!t.empty()) {
            const std::size_t before = text.size();
            const char first = n->v.text.text[0];
            if (!text.empty() && text.back() != '\n' && text.back() != ' ' && text.back() != '\t' &&
                std::isspace(static_cast<unsigned char>(first)) != 0) {
              text.push_back(' ');
            }
            text += t;
            const std::string_view raw = n->v.text.text;
            if (!raw.empty() && std::isspace(static_cast<unsigned char>(raw.back())) != 0) text.push_back(' ');
            ctx.spend_text(text.size() - before);  // all sinks (page, chrome) share the document's budget
          }
          stack.pop_back();
          continue;
        }
        if (n->type == GUMBO_NODE_WHITESPACE) {
          if (!text.empty() && text.back() != '\n' && text.back() != ' ') text.push_back(' ');
          stack.pop_back();
          continue;
        }
        if (n->type != GUMBO_NODE_ELEMENT && n->type != GUMBO_NODE_DOCUMENT && n->type != GUMBO_NODE_TEMPLATE) {
          stack.pop_back();
          continue;
        }
        if (n->type == GUMBO_NODE_ELEMENT || n->type == GUMBO_NODE_TEMPLATE) {
          const GumboTag tag = n->v.element.tag;
          route(top, regions, rules, sink_for);
          std::string& own = sinks[top.sink].text;
          read_head_element(n, tag, base, ctx, doc);
          if (tag == GUMBO_TAG_HEAD) {
            // <head> holds no visible text: read its <base>, <title> and <meta> and skip it.
            const GumboVector& kids = n->v.element.children;
            for (unsigned k = 0; k < kids.length; ++k) {
              const auto* c = static_cast<const GumboNode*>(kids.data[k]);
              if (c->type == GUMBO_NODE_ELEMENT) read_head_element(c, c->v.element.tag, base, ctx, doc);
            }
          }
          const bool chrome = top.sink != 0;
          if (tag == GUMBO_TAG_IFRAME || tag == GUMBO_TAG_FRAME) {
            add_frame(tag == GUMBO_TAG_IFRAME ? "iframe" : "frame", attr(n, "src"), chrome);
          }
          if (tag == GUMBO_TAG_EMBED) add_frame("embed", attr(n, "src"), chrome);
          if (tag == GUMBO_TAG_OBJECT) add_frame("object", attr(n, "data"), chrome);
          if (tag == GUMBO_TAG_IMG && !anchors.empty()) {
            if (const char* alt = attr(n, "alt")) anchors.back().alt += alt;
          }
          if (is_skipped(tag) || n->type == GUMBO_NODE_TEMPLATE || stack.size() > ctx.limits.max_html_depth) {
            if (stack.size() > ctx.limits.max_html_depth && !is_skipped(tag)) {
              doc.warnings.push_back("HTML nested deeper than " + std::to_string(ctx.limits.max_html_depth) +
                                     " elements: deeper content skipped");
            }
            stack.pop_back();
            continue;
          }
          if (tag == GUMBO_TAG_TD || tag == GUMBO_TAG_TH) {
            if (!own.empty() && own.back() != '\n') own.push_back('\t');
            if (!tables.empty() && tables.back().rows == 1) ++tables.back().first_row_cells;
          }
          if (is_block(tag)) newline(top.sink);
          if (tag == GUMBO_TAG_TABLE && top.sink == 0) {
            if (!tables.empty()) tables.back().nested = true;
            tables.push_back(Table{own.size()});
          }
          if (tag == GUMBO_TAG_TR && top.sink == 0 && !tables.empty()) ++tables.back().rows;
          if (is_context_block(tag)) blocks.push_back({top.sink, own.size(), {}});
          if (tag == GUMBO_TAG_A) {
            const char* href = attr(n, "href");
            const char* title = attr(n, "title");
            anchors.push_back({href == nullptr ? "" : href, own.size(), "", top.sink,
                               title == nullptr ? "" : thai::normalize(collapse_spaces(title)),
                               line_at(sinks[top.sink], own.size())});
          }
        }
        top.text_start = sinks[top.sink].text.size();
      }
      const GumboVector* children =
          n->type == GUMBO_NODE_DOCUMENT ? &n->v.document.children : &n->v.element.children;
      if (top.child < children->length) {
        const auto* child = static_cast<const GumboNode*>(children->data[top.child]);
        ++top.child;
        // The child starts in its parent's sink and region; route() refines it on entry.
        stack.push_back({child, 0, 0, top.sink, top.sticky, top.in_main, top.sectioning});
        continue;
      }
      // Leaving the node: every child has been visited (child index past the end).
      if (n->type == GUMBO_NODE_ELEMENT) {
        const GumboTag tag = n->v.element.tag;
        Sink& sink = sinks[top.sink];
        const std::string_view own = std::string_view(sink.text).substr(std::min(top.text_start, sink.text.size()));
        if (is_heading(tag)) {
          std::string h = collapse_spaces(own);
          if (!h.empty() && sink.headings.size() < 1000) sink.headings.push_back(thai::normalize(h));
        }
        if (tag == GUMBO_TAG_A && !anchors.empty()) {
          PendingLink a = std::move(anchors.back());
          anchors.pop_back();
          const std::string& at = sinks[a.sink].text;
          std::string anchor = collapse_spaces(std::string_view(at).substr(std::min(a.text_start, at.size())));
          if (anchor.empty()) anchor = collapse_spaces(a.alt);
          const std::string url = resolve_url(base, a.href);
          if (!url.empty() && links.size() < ctx.limits.max_links) {
            Link l{url, thai::normalize(anchor), ""};
            l.in_chrome = a.sink != 0;
            l.title = std::move(a.title);
            // The nearest open context block of the same sink receives the link.
            for (auto b = blocks.rbegin(); b != blocks.rend(); ++b) {
              if (b->sink == a.sink) {
                b->links.push_back(links.size());
                break;
              }
            }
            links.push_back({std::move(l), a.sink, a.line, a.text_start});
          }
        }
        if (tag == GUMBO_TAG_TR && top.sink == 0 && !tables.empty() && own.find_first_not_of(" \t\n") != std::string_view::npos) {
          ++tables.back().rows_with_text;
        }
        if (tag == GUMBO_TAG_TABLE && top.sink == 0 && !tables.empty()) {
          const Table t = tables.back();
          tables.pop_back();
          // A header row and nothing else: a list that was never filled in. One row of a single
          // cell, or a layout table holding others, is no list.
          const std::string_view whole = std::string_view(sink.text).substr(std::min(t.start, sink.text.size()));
          if (t.rows_with_text == 1 && t.first_row_cells >= 2 && !t.nested && whole.size() <= 1200) {
            empty_tables.push_back(thai::normalize(collapse_spaces(whole)));
          }
        }
        if (is_context_block(tag) && !blocks.empty()) {
          ContextBlock b = std::move(blocks.back());
          blocks.pop_back();
          const std::string_view block = std::string_view(sinks[b.sink].text).substr(std::min(b.start, sinks[b.sink].text.size()));
          for (std::size_t i : b.links) {
            if (links[i].link.context.empty()) {
              links[i].link.context = thai::normalize(bounded_context(block, links[i].offset - std::min(links[i].offset, b.start)));
            }
          }
        }
        if (is_block(tag)) newline(top.sink);
      }
      stack.pop_back();
    }

    // Parts: the page first (always, as before), then the chrome parts that have text.
    StructureHints hints;
    for (std::size_t s = 0; s < sinks.size(); ++s) {
      Part part;
      part.label = sinks[s].label;
      part.source = TextSource::Markup;
      part.chrome = s != 0;
      part.text = thai::normalize(sinks[s].text);
      if (part.chrome && part.text.find_first_not_of(" \t\n") == std::string::npos) continue;
      // One span per non-empty line ("paragraph N"; "chrome: nav, paragraph N" in chrome parts):
      // newlines survive normalisation, so raw-text line numbers also locate the links.
      const std::string prefix = part.chrome ? part.label + ", paragraph " : "paragraph ";
      std::size_t line_start = 0, paragraph = 0;
      for (std::size_t i = 0; i <= part.text.size(); ++i) {
        if (i == part.text.size() || part.text[i] == '\n') {
          if (i > line_start) part.spans.push_back({line_start, i, prefix + std::to_string(++paragraph)});
          line_start = i + 1;
        }
      }
      std::size_t from = 0, misses = 0;
      for (const std::string& h : sinks[s].headings) {
        if (s == 0 && doc.headings.size() < 1000) doc.headings.push_back(h);
        // A miss scans to the end of the text: after a few, stop looking (hostile pages).
        const std::size_t at = misses < kMaxHeadingMisses ? find_heading(part.text, h, from) : std::string::npos;
        if (at == std::string::npos) {
          ++misses;
          continue;
        }
        hints.headings.push_back({doc.parts.size(), at, h});
        from = at + 1;
      }
      doc.parts.push_back(std::move(part));
    }
    // Links in document order within each sink (by anchor start, up to nesting); the page's
    // first, located as before, then the chrome's, located in their part.
    std::stable_sort(links.begin(), links.end(), [](const Found& a, const Found& b) {
      return a.sink != b.sink ? a.sink < b.sink : a.offset < b.offset;
    });
    for (Found& f : links) {
      f.link.location = "paragraph " + std::to_string(f.line + 1);
      if (f.sink != 0) f.link.location = sinks[f.sink].label + ", " + f.link.location;
      doc.links.push_back(std::move(f.link));
    }
    hints.empty_tables = std::move(empty_tables);
    Frame self;
    self.url = ctx.base_url;
    recognise_viewer(self);
    hints.viewer_page = !self.document_url.empty();
    finish_structure(doc, hints);
  }

 private:
  // Decides an element's sink when it is entered; `e` starts with its parent's state.
  template <class SinkFor>
  static void route(auto& e, const HtmlRegions& regions, const ChromeRules& rules, SinkFor&& sink_for) {
    const GumboNode* n = e.node;
    if (n->type != GUMBO_NODE_ELEMENT) return;
    const bool is_main = regions.main.count(n) != 0;
    e.in_main = e.in_main || is_main;
    const GumboTag tag = n->v.element.tag;
    if (e.sticky) return;  // nested chrome stays with the outermost chrome element
    if (!is_main) {
      const std::string kind =
          rules.chrome_kind(marks_of(n), e.in_main || e.sectioning, regions.holds_table.count(n) != 0);
      if (!kind.empty()) {
        e.sink = sink_for(kind);
        e.sticky = true;
        return;
      }
    }
    e.sectioning = e.sectioning || e.in_main || tag == GUMBO_TAG_ARTICLE || tag == GUMBO_TAG_SECTION;
    // With a main region on the page, the rest is chrome, but a main region inside it is not.
    e.sink = !regions.main.empty() && !e.in_main ? sink_for("outside-main") : 0;
  }

  static void read_head_element(const GumboNode* n, GumboTag tag, std::string& base, const ExtractContext& ctx,
                                Document& doc) {
    if (tag == GUMBO_TAG_BASE) {
      if (const char* href = attr(n, "href")) {
        const std::string b = resolve_url(ctx.base_url, href);
        if (!b.empty()) base = b;
      }
    } else if (tag == GUMBO_TAG_TITLE && doc.title.empty() && n->v.element.children.length > 0) {
      const auto* c = static_cast<const GumboNode*>(n->v.element.children.data[0]);
      if (c->type == GUMBO_NODE_TEXT) doc.title = thai::normalize(collapse_spaces(c->v.text.text));
    } else if (tag == GUMBO_TAG_META) {
      const char* key = attr(n, "property");
      if (key == nullptr) key = attr(n, "name");
      if (key == nullptr) key = attr(n, "http-equiv");
      const char* content = attr(n, "content");
      if (key == nullptr || content == nullptr) return;
      const std::string k = ascii_lower(key);
      static constexpr std::array<std::string_view, 12> kDateKeys = {
          "article:published_time", "article:modified_time", "og:updated_time", "date", "dc.date",
          "dc.date.issued", "dcterms.created", "dcterms.modified", "last-modified", "pubdate", "publish-date",
          "datepublished"};
      if (std::find(kDateKeys.begin(), kDateKeys.end(), k) != kDateKeys.end() && doc.metadata_dates.size() < 50) {
        doc.metadata_dates.push_back({k, collapse_spaces(content)});
      }
    } else if (tag == GUMBO_TAG_TIME) {
      if (const char* dt = attr(n, "datetime"); dt != nullptr && doc.metadata_dates.size() < 50) {
        doc.metadata_dates.push_back({"time", collapse_spaces(dt)});
      }
    }
  }
};

}  // namespace

std::shared_ptr<const Extractor> make_html_extractor() { return std::make_shared<HtmlExtractor>(); }

}  // namespace oitscan::extract
