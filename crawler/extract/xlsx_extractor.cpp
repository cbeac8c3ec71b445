// XLSX (libzip + libxml2 xmlReader): every sheet as a part, cells tab-separated row by row with
// "sheet NAME!B7" spans, shared and inline strings, dates rendered from serials through the
// styles' number formats (Buddhist-era formats as d/m/BE), cell hyperlinks.
#include <cstdlib>
#include <set>
#include <vector>

#include "extract/extractor.hpp"
#include "extract/ooxml_common.hpp"
#include "extract/spreadsheet_dates.hpp"
#include "extract/xml_reader.hpp"
#include "thai/normalize.hpp"

namespace oitscan::extract {
namespace {

std::string member_path(const std::string& target) {
  if (!target.empty() && target[0] == '/') return target.substr(1);
  return "xl/" + target;
}

std::string rels_path_of(const std::string& member) {
  const std::size_t slash = member.rfind('/');
  return member.substr(0, slash + 1) + "_rels/" + member.substr(slash + 1) + ".rels";
}

std::vector<std::string> shared_strings(ZipReader& zip, const ExtractContext& ctx) {
  std::vector<std::string> out;
  const auto xml = zip.read("xl/sharedStrings.xml");
  if (!xml) return out;
  XmlReader r(*xml);
  bool in_t = false;
  int phonetic = 0;
  std::string cur;
  std::size_t total = 0;
  while (r.next()) {
    const auto name = r.local_name();
    if (r.node() == XmlReader::Node::Element) {
      if (name == "si") cur.clear();
      if (name == "t") in_t = !r.is_empty_element();
      if (name == "rPh" && !r.is_empty_element()) ++phonetic;
    } else if (r.node() == XmlReader::Node::EndElement) {
      if (name == "t") in_t = false;
      if (name == "rPh") --phonetic;
      if (name == "si") {
        total += cur.size();
        if (total > ctx.limits.max_text_bytes) throw LimitExceeded("shared strings larger than the text limit");
        out.push_back(std::move(cur));
        cur.clear();
        if (out.size() > 10'000'000) throw LimitExceeded("more than 10 million shared strings");
      }
    } else if (r.node() == XmlReader::Node::Text && in_t && phonetic == 0) {
      cur.append(r.value());
    }
  }
  return out;
}

// Style index -> number-format kind.
std::vector<NumberFormatKind> cell_formats(ZipReader& zip) {
  std::vector<NumberFormatKind> out;
  const auto xml = zip.read("xl/styles.xml");
  if (!xml) return out;
  std::map<int, std::string> codes;
  XmlReader r(*xml);
  bool in_cell_xfs = false;
  while (r.next() && out.size() < 100'000) {
    const auto name = r.local_name();
    if (r.node() == XmlReader::Node::Element) {
      if (name == "numFmt") codes[std::atoi(r.attr("numFmtId").c_str())] = r.attr("formatCode");
      if (name == "cellXfs") in_cell_xfs = !r.is_empty_element();
      if (name == "xf" && in_cell_xfs) {
        const int id = std::atoi(r.attr("numFmtId").c_str());
        auto it = codes.find(id);
        out.push_back(classify_number_format(id, it == codes.end() ? std::string() : it->second));
      }
    } else if (r.node() == XmlReader::Node::EndElement && name == "cellXfs") {
      in_cell_xfs = false;
    }
  }
  return out;
}

class XlsxExtractor final : public Extractor {
 public:
  void extract(std::string_view bytes, const ExtractContext& ctx, Document& doc) const override {
    auto zip = ZipReader::open(bytes, ctx.limits);
    if (!zip) throw std::runtime_error("not a readable zip container");
    const auto workbook = zip->read("xl/workbook.xml");
    if (!workbook) throw std::runtime_error("xl/workbook.xml is missing");
    read_core_properties(*zip, "docProps/core.xml", doc);
    std::map<std::string, Relationship> rels;
    if (auto r = zip->read("xl/_rels/workbook.xml.rels")) rels = read_relationships(*r);

    struct Sheet {
      std::string name, member;
    };
    std::vector<Sheet> sheets;
    bool date1904 = false;
    {
      XmlReader r(*workbook);
      while (r.next() && sheets.size() < 1000) {
        if (r.node() != XmlReader::Node::Element) continue;
        if (r.local_name() == "workbookPr") date1904 = r.attr("date1904") == "1" || r.attr("date1904") == "true";
        if (r.local_name() == "sheet") {
          auto it = rels.find(r.attr("id"));
          if (it != rels.end()) sheets.push_back({r.attr("name"), member_path(it->second.target)});
        }
      }
    }
    const std::vector<std::string> strings = shared_strings(*zip, ctx);
    const std::vector<NumberFormatKind> formats = cell_formats(*zip);
    std::size_t cells = 0;  // of all sheets together, as the text (ctx's budget): limits are per document
    std::set<std::string> members;
    for (const auto& sheet : sheets) {
      ctx.budget.check("reading XLSX sheets");
      // Excel never lets two sheets share one worksheet part; a workbook whose 300 sheets all
      // point at one 18 MB part is an amplification attack, not 300 sheets.
      if (!members.insert(sheet.member).second) {
        doc.warnings.push_back("sheet " + sheet.name + " points at " + sheet.member + ", already read for another sheet: skipped");
        continue;
      }
      const auto xml = zip->read(sheet.member);
      if (!xml) {
        doc.warnings.push_back("sheet " + sheet.name + " (" + sheet.member + ") is missing");
        continue;
      }
      read_sheet(*xml, sheet.name, strings, formats, date1904, ctx, doc, cells);
      // Cell hyperlinks.
      if (auto srels = zip->read(rels_path_of(sheet.member))) {
        const auto links = read_relationships(*srels);
        XmlReader r(*xml);
        while (r.next() && doc.links.size() < ctx.limits.max_links) {
          if (r.node() == XmlReader::Node::Element && r.local_name() == "hyperlink") {
            auto it = links.find(r.attr("id"));
            if (it == links.end()) continue;
            doc.links.push_back({it->second.target, thai::normalize(r.attr("display")),
                                 "sheet " + sheet.name + "!" + r.attr("ref")});
          }
        }
      }
    }
  }

 private:
  static void read_sheet(const std::string& xml, const std::string& name, const std::vector<std::string>& strings,
                         const std::vector<NumberFormatKind>& formats, bool date1904, const ExtractContext& ctx,
                         Document& doc, std::size_t& cells) {
    PartBuilder b("sheet " + name, ctx);
    try {
      read_cells(xml, name, strings, formats, date1904, ctx, doc, cells, b);
    } catch (const LimitExceeded&) {
      doc.parts.push_back(b.finish());  // keep the sheets so far and this one up to here
      throw;
    }
    doc.parts.push_back(b.finish());
  }

  static void read_cells(const std::string& xml, const std::string& name, const std::vector<std::string>& strings,
                         const std::vector<NumberFormatKind>& formats, bool date1904, const ExtractContext& ctx,
                         Document& doc, std::size_t& cells, PartBuilder& b) {
    XmlReader r(xml);
    std::string ref, type, value;
    int style = 0;
    bool in_value = false, in_inline = false, row_has_cell = false;
    while (r.next()) {
      const auto n = r.local_name();
      if (r.node() == XmlReader::Node::Element) {
        if (n == "row") row_has_cell = false;
        if (n == "c") {
          ref = r.attr("r");
          type = r.attr("t");
          style = std::atoi(r.attr("s").c_str());
          value.clear();
          if (++cells > ctx.limits.max_cells) {
            throw LimitExceeded("more cells than the cell limit (" + std::to_string(ctx.limits.max_cells) + ")");
          }
          if ((cells & 4095) == 0) ctx.budget.check("reading XLSX cells");
        }
        if (n == "v") in_value = !r.is_empty_element();
        if (n == "is") in_inline = true;
        if (n == "t" && in_inline) in_value = !r.is_empty_element();
      } else if (r.node() == XmlReader::Node::Text && in_value) {
        value.append(r.value());
        if (value.size() > ctx.limits.max_text_bytes) throw LimitExceeded("cell larger than the text limit");
      } else if (r.node() == XmlReader::Node::EndElement) {
        if (n == "v" || n == "t") in_value = false;
        if (n == "is") in_inline = false;
        if (n == "c") {
          const std::string shown = cell_text(type, value, style, strings, formats, date1904);
          if (shown.size() + 1 > ctx.text_left()) {
            throw LimitExceeded(ctx.text_limit_message() + ", stopped at sheet " + name + "!" + ref);
          }
          if (!shown.empty()) {
            if (row_has_cell) b.append("\t");
            const std::size_t start = b.mark();
            b.append(shown);
            b.span(start, "sheet " + name + "!" + ref);
            row_has_cell = true;
          }
        }
        if (n == "row" && row_has_cell) b.append("\n");
      }
    }
    if (r.failed()) doc.warnings.push_back("sheet " + name + " is not well-formed; read up to the error");
  }

  static std::string cell_text(const std::string& type, const std::string& value, int style,
                               const std::vector<std::string>& strings, const std::vector<NumberFormatKind>& formats,
                               bool date1904) {
    if (type == "s") {
      const long i = std::strtol(value.c_str(), nullptr, 10);
      return i >= 0 && static_cast<std::size_t>(i) < strings.size() ? strings[static_cast<std::size_t>(i)]
                                                                     : std::string();
    }
    if (type == "b") return value == "1" ? "TRUE" : "FALSE";
    if ((type.empty() || type == "n") && !value.empty() && style >= 0 &&
        static_cast<std::size_t>(style) < formats.size() && formats[static_cast<std::size_t>(style)].is_date) {
      char* end = nullptr;
      const double serial = std::strtod(value.c_str(), &end);
      if (end != value.c_str()) {
        if (auto d = excel_serial_to_date(serial, date1904)) {
          return render_cell_date(*d, formats[static_cast<std::size_t>(style)].buddhist_era);
        }
      }
    }
    return value;
  }
};

}  // namespace

std::shared_ptr<const Extractor> make_xlsx_extractor() { return std::make_shared<XlsxExtractor>(); }

}  // namespace oitscan::extract
