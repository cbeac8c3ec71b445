// HTML: visible text in reading order (never script/style/noscript/template content), title,
// headings, links with anchor text resolved against <base href>, iframes and embedded viewers,
// and the dates pages declare in <meta>. gumbo-parser builds the HTML5 tree; charset resolution
// happens first because gumbo only takes UTF-8.
#include <gumbo.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>

#include "extract/extractor.hpp"
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

std::string collapse(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (std::isspace(static_cast<unsigned char>(c)) != 0) {
      space = !out.empty();
    } else {
      if (space) out.push_back(' ');
      space = false;
      out.push_back(c);
    }
  }
  return out;
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

    std::string base = ctx.base_url;
    std::string text;
    struct Open {
      const GumboNode* node;
      unsigned child;
      std::size_t text_start;
    };
    struct PendingLink {
      std::string href;
      std::size_t text_start;
      std::string alt;
    };
    std::vector<Open> stack;
    std::vector<PendingLink> anchors;
    std::vector<std::pair<Link, std::size_t>> links;  // with the raw-text offset of the anchor
    auto newline = [&] {
      if (!text.empty() && text.back() != '\n') text.push_back('\n');
    };
    auto add_frame = [&](const char* kind, const char* url) {
      if (url == nullptr) return;
      Frame f;
      f.kind = kind;
      f.url = resolve_url(base, url);
      if (f.url.empty()) return;
      recognise_viewer(f);
      if (doc.frames.size() < ctx.limits.max_links) doc.frames.push_back(std::move(f));
    };

    stack.push_back({out->root, 0, 0});
    std::size_t visited = 0;
    while (!stack.empty()) {
      Open& top = stack.back();
      const GumboNode* n = top.node;
      if (top.child == 0) {
        // Entering the node.
        if ((++visited & 1023) == 0) ctx.budget.check("reading HTML");
        if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_CDATA) {
          const std::string t = collapse(n->v.text.text);
          if (!t.empty()) {
            const char first = n->v.text.text[0];
            if (!text.empty() && text.back() != '\n' && text.back() != ' ' && text.back() != '\t' &&
                std::isspace(static_cast<unsigned char>(first)) != 0) {
              text.push_back(' ');
            }
            text += t;
            const std::string_view raw = n->v.text.text;
            if (!raw.empty() && std::isspace(static_cast<unsigned char>(raw.back())) != 0) text.push_back(' ');
          }
          if (text.size() > ctx.limits.max_text_bytes) throw LimitExceeded("HTML text larger than the text limit");
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
          read_head_element(n, tag, base, ctx, doc);
          if (tag == GUMBO_TAG_HEAD) {
            // <head> holds no visible text: read its <base>, <title> and <meta> and skip it.
            const GumboVector& kids = n->v.element.children;
            for (unsigned k = 0; k < kids.length; ++k) {
              const auto* c = static_cast<const GumboNode*>(kids.data[k]);
              if (c->type == GUMBO_NODE_ELEMENT) read_head_element(c, c->v.element.tag, base, ctx, doc);
            }
          }
          if (tag == GUMBO_TAG_IFRAME || tag == GUMBO_TAG_FRAME) add_frame(tag == GUMBO_TAG_IFRAME ? "iframe" : "frame", attr(n, "src"));
          if (tag == GUMBO_TAG_EMBED) add_frame("embed", attr(n, "src"));
          if (tag == GUMBO_TAG_OBJECT) add_frame("object", attr(n, "data"));
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
            if (!text.empty() && text.back() != '\n') text.push_back('\t');
          }
          if (is_block(tag)) newline();
          if (tag == GUMBO_TAG_A) {
            const char* href = attr(n, "href");
            anchors.push_back({href == nullptr ? "" : href, text.size(), ""});
          }
        }
        top.text_start = text.size();
      }
      const GumboVector* children =
          n->type == GUMBO_NODE_DOCUMENT ? &n->v.document.children : &n->v.element.children;
      if (top.child < children->length) {
        const auto* child = static_cast<const GumboNode*>(children->data[top.child]);
        ++top.child;
        stack.push_back({child, 0, 0});
        continue;
      }
      // Leaving the node: every child has been visited (child index past the end).
      if (n->type == GUMBO_NODE_ELEMENT) {
        const GumboTag tag = n->v.element.tag;
        if (is_heading(tag)) {
          std::string h = collapse(text.substr(std::min(top.text_start, text.size())));
          if (!h.empty() && doc.headings.size() < 1000) doc.headings.push_back(thai::normalize(h));
        }
        if (tag == GUMBO_TAG_A && !anchors.empty()) {
          PendingLink a = std::move(anchors.back());
          anchors.pop_back();
          std::string anchor = collapse(text.substr(std::min(a.text_start, text.size())));
          if (anchor.empty()) anchor = collapse(a.alt);
          const std::string url = resolve_url(base, a.href);
          if (!url.empty() && links.size() < ctx.limits.max_links) {
            links.push_back({Link{url, thai::normalize(anchor), ""}, a.text_start});
          }
        }
        if (is_block(tag)) newline();
      }
      stack.pop_back();
    }

    Part part;
    part.label = "page";
    part.source = TextSource::Markup;
    part.text = thai::normalize(text);
    // One span per non-empty line ("paragraph N"): newlines survive normalisation, so raw-text
    // line numbers also locate the links.
    std::size_t line_start = 0, paragraph = 0;
    for (std::size_t i = 0; i <= part.text.size(); ++i) {
      if (i == part.text.size() || part.text[i] == '\n') {
        if (i > line_start) part.spans.push_back({line_start, i, "paragraph " + std::to_string(++paragraph)});
        line_start = i + 1;
      }
    }
    // Links are in document order (by anchor start, up to nesting): one pass counts the lines.
    std::stable_sort(links.begin(), links.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
    std::size_t lines = 0, scanned = 0;
    for (auto& [link, offset] : links) {
      for (; scanned < offset && scanned < text.size(); ++scanned) {
        if (text[scanned] == '\n' && scanned > 0 && text[scanned - 1] != '\n') ++lines;
      }
      link.location = "paragraph " + std::to_string(lines + 1);
      doc.links.push_back(std::move(link));
    }
    doc.parts.push_back(std::move(part));
  }

 private:
  static void read_head_element(const GumboNode* n, GumboTag tag, std::string& base, const ExtractContext& ctx,
                                Document& doc) {
    if (tag == GUMBO_TAG_BASE) {
      if (const char* href = attr(n, "href")) {
        const std::string b = resolve_url(ctx.base_url, href);
        if (!b.empty()) base = b;
      }
    } else if (tag == GUMBO_TAG_TITLE && doc.title.empty() && n->v.element.children.length > 0) {
      const auto* c = static_cast<const GumboNode*>(n->v.element.children.data[0]);
      if (c->type == GUMBO_NODE_TEXT) doc.title = thai::normalize(collapse(c->v.text.text));
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
        doc.metadata_dates.push_back({k, collapse(content)});
      }
    } else if (tag == GUMBO_TAG_TIME) {
      if (const char* dt = attr(n, "datetime"); dt != nullptr && doc.metadata_dates.size() < 50) {
        doc.metadata_dates.push_back({"time", collapse(dt)});
      }
    }
  }
};

}  // namespace

std::shared_ptr<const Extractor> make_html_extractor() { return std::make_shared<HtmlExtractor>(); }

}  // namespace oitscan::extract
