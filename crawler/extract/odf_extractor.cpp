// ODF (ODT and ODS, libzip + libxml2 xmlReader): content.xml paragraphs, headings and links for
// text documents; for spreadsheets one part per table with "sheet NAME!B7" spans, honouring the
// repeat counts ODF uses for runs of equal cells and rows (without expanding them).
#include <cstdlib>

#include "common/text.hpp"
#include "extract/extractor.hpp"
#include "extract/ooxml_common.hpp"
#include "extract/xml_reader.hpp"
#include "thai/normalize.hpp"

namespace oitscan::extract {
namespace {

std::string column_letters(std::size_t col) {  // 0 -> A, 26 -> AA
  std::string s;
  ++col;
  while (col > 0) {
    const std::size_t rem = (col - 1) % 26;
    s.insert(s.begin(), static_cast<char>('A' + rem));
    col = (col - 1) / 26;
  }
  return s;
}

std::size_t repeat(const XmlReader& r, std::string_view attr) {
  const long n = std::strtol(r.attr(attr).c_str(), nullptr, 10);
  return n > 1 ? static_cast<std::size_t>(n) : 1u;
}

class OdfExtractor final : public Extractor {
 public:
  void extract(std::string_view bytes, const ExtractContext& ctx, Document& doc) const override {
    auto zip = ZipReader::open(bytes, ctx.limits);
    if (!zip) throw std::runtime_error("not a readable zip container");
    const auto content = zip->read("content.xml");
    if (!content) throw std::runtime_error("content.xml is missing");
    read_core_properties(*zip, "meta.xml", doc);
    if (ctx.format == Format::ods) {
      read_spreadsheet(*content, ctx, doc);
    } else {
      read_text(*content, ctx, doc);
    }
  }

 private:
  static void read_text(const std::string& xml, const ExtractContext& ctx, Document& doc) {
    PartBuilder b("document", ctx);
    XmlReader r(xml);
    std::size_t paragraph = 0, para_start = 0, nodes = 0;
    int para_depth = 0, cell_depth = 0;  // inside a table cell, paragraphs join with spaces, cells with tabs
    bool heading = false;
    struct OpenLink {
      std::string url;
      std::size_t start;
    };
    std::vector<OpenLink> links;
    try {
      while (r.next()) {
        if ((++nodes & 4095) == 0) ctx.budget.check("reading ODT");
        const auto n = r.local_name();
        if (r.node() == XmlReader::Node::Element) {
          if ((n == "p" || n == "h") && !r.is_empty_element()) {
            if (para_depth++ == 0) {
              para_start = b.mark();
              heading = n == "h";
            }
          } else if (n == "s") {
            b.append(std::string(std::min<std::size_t>(repeat(r, "c"), 100), ' '));
          } else if (n == "tab") {
            b.append("\t");
          } else if (n == "line-break") {
            b.append("\n");
          } else if (n == "a" && !r.is_empty_element()) {
            links.push_back({r.attr("href"), b.mark()});
          } else if (n == "table-cell" && !r.is_empty_element()) {
            ++cell_depth;
          } else if ((n == "p" || n == "h") && r.is_empty_element()) {
            b.append("\n");
          }
        } else if (r.node() == XmlReader::Node::Text && para_depth > 0) {
          b.append(r.value());
        } else if (r.node() == XmlReader::Node::EndElement) {
          if (n == "a" && !links.empty()) {
            OpenLink l = std::move(links.back());
            links.pop_back();
            if (!l.url.empty() && doc.links.size() < ctx.limits.max_links) {
              doc.links.push_back({l.url, thai::normalize(collapse_spaces(b.text().substr(l.start))),
                                   "paragraph " + std::to_string(paragraph + 1)});
            }
          }
          if (n == "table-cell" && cell_depth > 0) {
            --cell_depth;
            while (!b.text().empty() && b.text().back() == ' ') b.drop_last();
            b.append("\t");
          }
          if (n == "table-row" && !b.text().empty() && b.text().back() == '\t') b.text().back() = '\n';
          if ((n == "p" || n == "h") && para_depth > 0 && --para_depth == 0) {
            b.end_paragraph(para_start, paragraph, heading, cell_depth > 0, doc);
          }
        }
      }
    } catch (const LimitExceeded&) {
      doc.parts.push_back(b.finish());  // what was read before the limit is kept
      throw;
    }
    if (r.failed()) doc.warnings.emplace_back("content.xml is not well-formed; text read up to the error");
    doc.parts.push_back(b.finish());
  }

  static void read_spreadsheet(const std::string& xml, const ExtractContext& ctx, Document& doc) {
    XmlReader r(xml);
    std::optional<PartBuilder> b;
    std::string sheet;
    std::size_t row = 0, col = 0, cells = 0, cell_start = 0, rows_rep = 1, cols_rep = 1;
    bool in_cell = false, row_has_cell = false;
    std::string date_value;
    try {
      while (r.next()) {
        const auto n = r.local_name();
        if (r.node() == XmlReader::Node::Element) {
          if (n == "table") {
            sheet = r.attr("name");
            b.emplace("sheet " + sheet, ctx);
            row = 0;
          } else if (n == "table-row" && b) {
            rows_rep = repeat(r, "number-rows-repeated");
            col = 0;
            row_has_cell = false;
            if (r.is_empty_element()) row += rows_rep;
          } else if ((n == "table-cell" || n == "covered-table-cell") && b) {
            cols_rep = repeat(r, "number-columns-repeated");
            date_value = r.attr("date-value");
            if (r.is_empty_element()) {
              col += cols_rep;
              continue;
            }
            in_cell = true;
            if (++cells > ctx.limits.max_cells) {
              throw LimitExceeded("more cells than the cell limit (" + std::to_string(ctx.limits.max_cells) + ")");
            }
            if ((cells & 4095) == 0) ctx.budget.check("reading ODS cells");
            if (row_has_cell) b->append("\t");
            cell_start = b->mark();
          } else if (n == "p" && in_cell && b && b->mark() > cell_start) {
            b->append("\n");
          } else if (n == "s" && in_cell && b) {
            b->append(" ");
          }
        } else if (r.node() == XmlReader::Node::Text && in_cell && b) {
          b->append(r.value());
        } else if (r.node() == XmlReader::Node::EndElement && b) {
          if ((n == "table-cell" || n == "covered-table-cell") && in_cell) {
            in_cell = false;
            if (b->mark() == cell_start && !date_value.empty()) b->append(date_value.substr(0, 10));
            if (b->mark() > cell_start) {
              b->span(cell_start, "sheet " + sheet + "!" + column_letters(col) + std::to_string(row + 1));
              row_has_cell = true;
            } else if (row_has_cell) {
              b->drop_last();  // the tab added for an empty cell
            }
            col += cols_rep;
          } else if (n == "table-row") {
            if (row_has_cell) b->append("\n");
            row += rows_rep;
          } else if (n == "table") {
            doc.parts.push_back(b->finish());
            b.reset();
          }
        }
      }
    } catch (const LimitExceeded&) {
      if (b) doc.parts.push_back(b->finish());  // what was read before the limit is kept
      throw;
    }
    if (b) doc.parts.push_back(b->finish());
    if (r.failed()) doc.warnings.emplace_back("content.xml is not well-formed; cells read up to the error");
  }
};

}  // namespace

std::shared_ptr<const Extractor> make_odf_extractor() { return std::make_shared<OdfExtractor>(); }

}  // namespace oitscan::extract
