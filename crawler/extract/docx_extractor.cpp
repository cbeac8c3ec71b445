// DOCX (libzip + libxml2 xmlReader): paragraphs in order, tables cell by cell, hyperlinks through
// the relationships part (and HYPERLINK fields), headings from paragraph styles (by id, and by
// name or outline level in word/styles.xml), core properties.
#include <algorithm>
#include <cctype>
#include <set>

#include "extract/extractor.hpp"
#include "extract/ooxml_common.hpp"
#include "extract/xml_reader.hpp"
#include "thai/normalize.hpp"

#include "common/text.hpp"

namespace oitscan::extract {
namespace {

std::string field_hyperlink(std::string_view instr) {
  const std::size_t h = instr.find("HYPERLINK");
  if (h == std::string_view::npos) return {};
  const std::size_t q1 = instr.find('"', h);
  const std::size_t q2 = q1 == std::string_view::npos ? q1 : instr.find('"', q1 + 1);
  if (q2 == std::string_view::npos) return {};
  return std::string(instr.substr(q1 + 1, q2 - q1 - 1));
}

// Heading paragraph styles by id: English Word's Heading1..9 and Title, Thai Word's
// หัวเรื่อง1..9 and ชื่อเรื่อง.
bool is_heading_style(std::string_view style) {
  for (std::string_view prefix : {"Heading", "heading", "หัวเรื่อง"}) {
    if (style.substr(0, prefix.size()) == prefix) return true;
  }
  return style == "Title" || style == "ชื่อเรื่อง";
}

// Paragraph styles of word/styles.xml that are headings whatever their id: a localised Word
// writes its own ids, but the style's name stays "heading 1"/"Title" and outline levels say
// "heading" in any language.
std::set<std::string, std::less<>> heading_style_ids(std::string_view styles_xml) {
  std::set<std::string, std::less<>> ids;
  XmlReader r(styles_xml);
  std::string current;
  while (r.next()) {
    if (r.node() != XmlReader::Node::Element) continue;
    const auto name = r.local_name();
    if (name == "style") {
      current = r.attr("type") == "paragraph" ? r.attr("styleId") : std::string();
    } else if (!current.empty() && name == "name") {
      const std::string v = ascii_lower(r.attr("val"));
      if (v.rfind("heading", 0) == 0 || v == "title" || is_heading_style(v)) ids.insert(current);
    } else if (!current.empty() && name == "outlineLvl") {
      ids.insert(current);
    }
  }
  return ids;
}

class DocxExtractor final : public Extractor {
 public:
  void extract(std::string_view bytes, const ExtractContext& ctx, Document& doc) const override {
    auto zip = ZipReader::open(bytes, ctx.limits);
    if (!zip) throw std::runtime_error("not a readable zip container");
    const auto body = zip->read("word/document.xml");
    if (!body) throw std::runtime_error("word/document.xml is missing");
    std::map<std::string, Relationship> rels;
    if (auto r = zip->read("word/_rels/document.xml.rels")) rels = read_relationships(*r);
    read_core_properties(*zip, "docProps/core.xml", doc);
    std::set<std::string, std::less<>> heading_ids;
    if (auto st = zip->read("word/styles.xml")) heading_ids = heading_style_ids(*st);

    PartBuilder b("document", ctx);
    XmlReader r(*body);
    std::size_t paragraph = 0, para_start = 0;
    bool in_text = false, in_instr = false, heading = false;
    int cell_depth = 0;  // inside w:tc, paragraphs are joined by spaces and cells by tabs
    struct OpenLink {
      std::string url;
      std::size_t start;
      int depth;
    };
    std::vector<OpenLink> open_links;
    std::size_t nodes = 0;
    try {
      while (r.next()) {
        if ((++nodes & 4095) == 0) ctx.budget.check("reading DOCX");
        const auto name = r.local_name();
        switch (r.node()) {
          case XmlReader::Node::Element:
            if (name == "p") {
              para_start = b.mark();
              heading = false;
            } else if (name == "t") {
              in_text = !r.is_empty_element();
            } else if (name == "instrText") {
              in_instr = !r.is_empty_element();
            } else if (name == "tab") {
              b.append("\t");
            } else if (name == "br" || name == "cr") {
              b.append("\n");
            } else if (name == "tc" && !r.is_empty_element()) {
              ++cell_depth;
            } else if (name == "pStyle") {
              const std::string style = r.attr("val");
              heading = is_heading_style(style) || heading_ids.count(style) != 0;
            } else if (name == "hyperlink" && !r.is_empty_element()) {
              const std::string id = r.attr("id");
              auto it = rels.find(id);
              open_links.push_back({it == rels.end() ? std::string() : it->second.target, b.mark(), r.depth()});
            }
            break;
          case XmlReader::Node::Text:
            if (in_text) b.append(r.value());
            if (in_instr) {
              if (std::string url = field_hyperlink(r.value()); !url.empty() && doc.links.size() < ctx.limits.max_links) {
                doc.links.push_back({url, "", "paragraph " + std::to_string(paragraph + 1)});
              }
            }
            break;
          case XmlReader::Node::EndElement:
            if (name == "t") in_text = false;
            if (name == "instrText") in_instr = false;
            if (name == "tc" && cell_depth > 0) {
              --cell_depth;
              while (!b.text().empty() && b.text().back() == ' ') b.drop_last();
              b.append("\t");
            }
            if (name == "tr" && !b.text().empty() && b.text().back() == '\t') b.text().back() = '\n';
            if (name == "hyperlink" && !open_links.empty()) {
              OpenLink l = std::move(open_links.back());
              open_links.pop_back();
              if (!l.url.empty() && doc.links.size() < ctx.limits.max_links) {
                const std::string anchor = thai::normalize(collapse_spaces(b.text().substr(l.start)));
                doc.links.push_back({l.url, anchor, "paragraph " + std::to_string(paragraph + 1)});
              }
            }
            if (name == "p") b.end_paragraph(para_start, paragraph, heading, cell_depth > 0, doc);
            break;
          case XmlReader::Node::Other:
            break;
        }
      }
    } catch (const LimitExceeded&) {
      doc.parts.push_back(b.finish());  // what was read before the limit is kept
      throw;
    }
    if (r.failed()) doc.warnings.emplace_back("word/document.xml is not well-formed; text read up to the error");
    doc.parts.push_back(b.finish());
  }
};

}  // namespace

std::shared_ptr<const Extractor> make_docx_extractor() { return std::make_shared<DocxExtractor>(); }

}  // namespace oitscan::extract
