#include "extract/extract.hpp"

#include <algorithm>
#include <exception>

#include "extract/extractor.hpp"
#include "extract/sniff.hpp"
#include "extract/structure.hpp"
#include "extract/text_headings.hpp"
#include "extract/viewer.hpp"
#include "thai/date_roles.hpp"

namespace oitscan::extract {
namespace {

// Declared and detected formats that are the same thing for a reader.
bool compatible(Format declared, Format detected) {
  if (declared == detected) return true;
  if (declared == Format::text) return detected == Format::csv || detected == Format::json || detected == Format::xml;
  if (declared == Format::xml) return detected == Format::html;  // XHTML
  return false;
}

// ---------------------------------------------------------------- dates and their roles
bool is_spreadsheet(Format f) {
  return f == Format::xlsx || f == Format::ods || f == Format::xls || f == Format::csv;
}

bool names_month(const thai::DateMention& d) {
  return d.kind == thai::DateKind::Month || (d.kind == thai::DateKind::Range && d.detail == "months");
}

// End of a sheet's header rows: its title rows (one cell each) and the first row of several
// cells (the column headers), at most kMaxHeaderRows rows. A month named there is the period
// the sheet holds ("รายงานประจำเดือน" / "ต.ค. ๖๗ | พ.ย. ๖๗ | …"), whatever cue stands before it.
constexpr std::size_t kMaxHeaderRows = 5;
std::size_t header_rows_end(std::string_view text) {
  std::size_t at = 0;
  for (std::size_t row = 0; row < kMaxHeaderRows && at < text.size(); ++row) {
    const std::size_t nl = text.find('\n', at);
    const std::size_t end = nl == std::string_view::npos ? text.size() : nl;
    const bool several_cells = text.substr(at, end - at).find('\t') != std::string_view::npos;
    at = nl == std::string_view::npos ? text.size() : nl + 1;
    if (several_cells) break;
  }
  return at;
}

// A title row that reads only "วันที่ <day>" (the header line cues of rules/date-roles.yaml):
// the date a form such as สขร.1 was made out, as in a memo header.
bool dated_title_row(std::string_view text, const thai::DateMention& d, const thai::RoleCues& cues) {
  if (d.kind != thai::DateKind::Day) return false;
  const std::size_t row_begin = text.rfind('\n', d.begin == 0 ? 0 : d.begin - 1);
  const std::size_t from = d.begin == 0 || row_begin == std::string_view::npos ? 0 : row_begin + 1;
  const std::size_t row_end = std::min(text.find('\n', d.end), text.size());
  if (!thai::cue_key(text.substr(d.end, row_end - d.end)).empty()) return false;
  const std::string before = thai::cue_key(text.substr(from, d.begin - from));
  return std::find(cues.header.line_cues.begin(), cues.header.line_cues.end(), before) != cues.header.line_cues.end();
}

// Roles for one part's dates: chrome is chrome whatever its cue says (a footer's
// "ปรับปรุงข้อมูลล่าสุด" or a sidebar calendar). In a spreadsheet's header rows, where no cue
// decides, a month is the period the sheet holds and "วันที่ <day>" the day it was made out.
// Everything else: rules/date-roles.yaml.
std::vector<thai::DateRole> part_roles(const Document& doc, const Part& part, const std::vector<thai::DateMention>& dates) {
  if (part.chrome) return std::vector<thai::DateRole>(dates.size(), thai::DateRole::Chrome);
  const thai::RoleCues& cues = thai::RoleCues::default_cues();
  const auto assigned = thai::explain_roles(part.text, dates, cues);
  std::vector<thai::DateRole> roles;
  roles.reserve(dates.size());
  const std::size_t header_end = is_spreadsheet(doc.format) ? header_rows_end(part.text) : 0;
  for (std::size_t k = 0; k < dates.size(); ++k) {
    const thai::DateMention& d = dates[k];
    const bool header_position = d.begin < header_end && assigned[k].reason.rfind("cue:", 0) != 0;
    if (header_position && names_month(d)) {
      roles.push_back(thai::DateRole::Subject);
    } else if (header_position && dated_title_row(part.text, d, cues)) {
      roles.push_back(thai::DateRole::Issue);
    } else {
      roles.push_back(assigned[k].role);
    }
  }
  return roles;
}

// A sheet named for its month ("ต.ค.๖๗"): the name is not in the part's text, so its dates are
// found in the label and located at the start of the sheet (begin == end == 0).
void add_sheet_name_dates(Document& doc, std::size_t i, const thai::DateOptions& o) {
  constexpr std::string_view kSheet = "sheet ";
  const std::string& label = doc.parts[i].label;
  if (!is_spreadsheet(doc.format) || label.rfind(kSheet, 0) != 0) return;
  for (auto& d : thai::find_dates(std::string_view(label).substr(kSheet.size()), o)) {
    d.begin = d.end = 0;
    FoundDate f;
    f.location = label + " (name)";
    f.date = std::move(d);
    f.part = i;
    f.role = thai::DateRole::Subject;
    doc.dates.push_back(std::move(f));
  }
}

void find_dates_in_parts(Document& doc, const ExtractOptions& options) {
  // A quarter on page 4 belongs to the fiscal year named on page 1: carry the last fiscal year
  // seen in earlier parts as context (the caller's context wins when given).
  std::optional<int> carried = options.context_fiscal_year_be;
  for (std::size_t i = 0; i < doc.parts.size(); ++i) {
    thai::DateOptions o;
    o.from_ocr = doc.parts[i].source == TextSource::Ocr;
    o.context_fiscal_year_be = carried;
    add_sheet_name_dates(doc, i, o);
    std::vector<thai::DateMention> found = thai::find_dates(doc.parts[i].text, o);
    const std::vector<thai::DateRole> roles = part_roles(doc, doc.parts[i], found);
    for (std::size_t k = 0; k < found.size(); ++k) {
      thai::DateMention& d = found[k];
      if (!options.context_fiscal_year_be && d.kind == thai::DateKind::FiscalYear && d.detail.empty()) {
        carried = d.last.year + 543;
      }
      FoundDate f;
      f.location = doc.location_of(i, d.begin);
      f.date = std::move(d);
      f.part = i;
      f.role = roles[k];
      doc.dates.push_back(std::move(f));
    }
  }
}

// Sections and placeholder for the formats whose extractor leaves them (all but HTML): the
// headings an extractor found (DOCX styles) are looked up in the parts in order.
void add_structure(Document& doc) {
  StructureHints hints;
  std::size_t part = 0, from = 0, misses = 0;
  for (const auto& h : doc.headings) {
    if (misses >= kMaxHeadingMisses) break;  // each miss scans the rest of the text
    ++misses;
    for (std::size_t p = part; p < doc.parts.size(); ++p) {
      const std::size_t at = find_heading(doc.parts[p].text, h, p == part ? from : 0);
      if (at == std::string::npos) continue;
      hints.headings.push_back({p, at, h});
      --misses;
      part = p;
      from = at + 1;
      break;
    }
  }
  // Text without markup (PDF, scans): the numbered divisions of official documents.
  if (doc.format == Format::pdf || doc.extractor == "image") {
    for (std::size_t p = 0; p < doc.parts.size(); ++p) {
      for (auto& [at, line] : text_headings(doc.parts[p].text)) hints.headings.push_back({p, at, std::move(line)});
    }
  }
  finish_structure(doc, hints);
}

}  // namespace

Document extract_document(std::string_view bytes, const ExtractOptions& options) {
  Document doc;
  doc.declared_type = options.declared_type;
  const FormatTable& table = options.formats != nullptr ? *options.formats : FormatTable::default_table();
  doc.declared_format = table.format_for_content_type(options.declared_type);
  if (bytes.size() > options.limits.max_input_bytes) {
    doc.outcome = "limit-exceeded";
    doc.warnings.push_back("input of " + std::to_string(bytes.size()) + " bytes exceeds the input limit");
    return doc;
  }
  Budget budget(options.limits.seconds_per_document);
  const Sniffed s = sniff(bytes, options.limits, doc.declared_format);
  doc.format = s.format;
  doc.mime = s.mime;
  doc.format_mismatch = doc.declared_format && !compatible(*doc.declared_format, doc.format);
  if (doc.format_mismatch) {
    doc.warnings.push_back("declared " + std::string(to_string(*doc.declared_format)) + " (" + options.declared_type +
                           ") but the bytes are " + std::string(to_string(doc.format)));
  }
  const FormatInfo* info = table.find(doc.format);
  if (info == nullptr) info = table.find(Format::unknown);
  if (info != nullptr) {
    doc.machine_readable = info->machine_readable;
    doc.editable = info->editable;
    doc.extractor = info->extractor;
  }
  const Extractor* ex = doc.extractor.empty() ? nullptr : builtin_extractors().find(doc.extractor);
  if (ex == nullptr) {
    doc.outcome = "unsupported";
    doc.warnings.push_back("no text extractor for format " + std::string(to_string(doc.format)));
    return doc;
  }
  ExtractContext ctx{options.limits, budget, options.base_url, options.declared_type, doc.format};
  ctx.cancel = options.cancel.get();
  try {
    ex->extract(bytes, ctx, doc);
  } catch (const LimitExceeded& e) {
    doc.outcome = "limit-exceeded";
    doc.warnings.emplace_back(e.what());
  } catch (const std::exception& e) {
    doc.outcome = "malformed";
    doc.warnings.push_back("could not read the " + std::string(to_string(doc.format)) + ": " + e.what());
  }
  // Every extractor's links, in one place: a viewer link stands for the document it shows.
  for (Link& l : doc.links) recognise_viewer(l);
  if (doc.page_count == 0) doc.page_count = doc.parts.size();
  if (doc.sections.empty()) add_structure(doc);
  find_dates_in_parts(doc, options);
  return doc;
}

}  // namespace oitscan::extract
