#pragma once
// Document: what the extract stage hands to the rule evaluator and the report. A plain data type:
// the sniffed format and what the format table says about it, the text of each page or part with
// where it came from (text layer, OCR, markup), links, embedded viewers, and typed dates.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "extract/format.hpp"
#include "thai/date_roles.hpp"
#include "thai/dates.hpp"

namespace oitscan::extract {

enum class TextSource { TextLayer, Ocr, Markup };
std::string_view to_string(TextSource s);

// A labelled byte range of a part's text: a cell, a paragraph, a CSV row.
struct Span {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::string label;  // "sheet งบประมาณ!B7", "paragraph 12", "cell C3"
};

struct Part {
  std::string label;  // "page 3", "sheet งบประมาณ", "document"
  TextSource source = TextSource::Markup;
  std::string text;  // normalised display text (Thai digits kept)
  std::vector<Span> spans;  // finer locations inside `text`, sorted by begin
  double quality = 1.0;  // text-layer quality 0..1 (PDF); 1 for other sources
  std::vector<std::string> notes;  // why a page was OCR'd, what failed
  // Site chrome (menus, sidebars, header, footer, breadcrumbs, or blocks repeated on most pages
  // of the site) rather than the document's own content. Chrome parts are labelled
  // "chrome: <kind>" (nav, sidebar, header, footer, breadcrumb, social, counter, search,
  // outside-main, repeated); a page's own content stays in its "page" part.
  bool chrome = false;
};

struct Link {
  std::string url;  // absolute when a base was known
  std::string anchor_text;
  std::string location;  // where the link was found ("page 2", "paragraph 4", "html")
  bool in_chrome = false;  // the anchor is in site chrome (a menu, sidebar, footer): not evidence
  // Text of the nearest enclosing list item, table row, paragraph or block (HTML), normalised
  // and at most ~300 bytes around the anchor: "ประกาศ ... ลงวันที่ ๑ ต.ค. ๖๗ [ดาวน์โหลด]".
  std::string context{};  // {} keeps brace-initialised Links warning-free
  std::string title{};  // the title attribute ("" when none)
  // For a link to a known online viewer (pdf.js viewer.html?file=…, Google Docs viewer, Google
  // Drive /file/d/…, Office Online, Google Docs), the document it shows, resolved like `url`
  // (absolute when a base was known); "" for any other link. Follow this rather than the viewer.
  std::string document_url{};
};

// A stretch of one part under one heading and in one language. Every part is covered by its
// sections without gaps, in order; a part is split where a heading starts (HTML h1-h6, DOCX
// Heading/Title styles) and where the language changes substantially (a Thai announcement
// followed by its English version).
struct Section {
  std::size_t part = 0;
  std::size_t begin = 0;  // byte range in parts[part].text
  std::size_t end = 0;
  std::string heading;   // the heading that opens it (normalised), "" before the first heading
  std::string language;  // th | en | mixed (by letters, language.hpp) | "" (no letters)
};

// An iframe/embed/object, and for known online viewers (Google Docs/Drive, Office Online,
// pdf.js) the document it shows.
struct Frame {
  std::string kind;  // iframe | embed | object | frame
  std::string url;
  std::string document_url;  // "" when not a known viewer
  std::string viewer;        // google-docs-viewer | google-drive | office-online | pdfjs | ""
  bool in_chrome = false;    // in site chrome (a sidebar's Facebook box), not the page's content
};

struct MetaDate {
  std::string name;   // creation | modification | article:published_time | ...
  std::string value;  // as found (ISO 8601 when the source gives a timestamp)
};

struct FoundDate {
  // Span offsets are within parts[part].text; for a date in a sheet's name (location
  // "sheet NAME (name)") begin == end == 0, the start of that sheet.
  thai::DateMention date;
  std::size_t part = 0;
  std::string location;
  // What the date is to the document (thai/date_roles.hpp): subject (the period reported on),
  // issue, cited, event, chrome or unknown. Decided per part by rules/date-roles.yaml, except:
  // every date in a chrome part is Chrome; in a spreadsheet (xlsx, ods, xls, csv) a date in a
  // sheet's name, or a month named in its header rows without an explicit cue, is Subject, and
  // a header row reading only "วันที่ <day>" is Issue.
  thai::DateRole role = thai::DateRole::Unknown;
};

struct Document {
  Format format = Format::unknown;  // sniffed from the bytes
  std::string mime;                // libmagic's answer
  std::string declared_type;       // the Content-Type given by the caller ("" when none)
  std::optional<Format> declared_format;  // the format that Content-Type names (none when unknown)
  bool format_mismatch = false;
  bool machine_readable = false;  // from rules/formats.yaml
  bool editable = false;
  std::string extractor;  // registry name used
  std::string charset;    // for decoded text formats
  std::string charset_how;
  std::string title;
  std::vector<std::string> headings;  // in document order; for HTML the page's own, not the chrome's
  std::vector<Part> parts;
  std::vector<Link> links;
  std::vector<Frame> frames;
  std::vector<MetaDate> metadata_dates;
  std::vector<FoundDate> dates;
  // ok | limit-exceeded | malformed | encrypted | unsupported
  std::string outcome = "ok";
  std::vector<std::string> warnings;
  std::size_t page_count = 0;  // pages in the source (PDF), parts otherwise
  std::vector<Section> sections;  // set for every part, chrome parts included
  // The main content is essentially empty, or only says "in progress"/"no data"
  // (rules/placeholders.yaml) beside a title, headings or a table with no data rows.
  bool placeholder = false;
  std::string placeholder_reason;  // "" | empty | phrase: <phrase> | empty table

  // For the whole document: ocr if any part was OCR'd, else text-layer if any part has one.
  TextSource overall_source() const;
  std::string text_source() const { return std::string(to_string(overall_source())); }  // for JSON and WARC
  std::string full_text() const;  // parts joined by blank lines (chrome parts too)
  std::string content_text() const;  // the parts that are not chrome, joined by blank lines
  // Letters (code points, language.hpp) in the sections of the given language ("th", "en",
  // "mixed") outside chrome: how much English a page really has.
  std::size_t language_share(std::string_view language) const;
  // The finest location label for a byte offset in parts[part].text.
  std::string location_of(std::size_t part, std::size_t offset) const;
};

}  // namespace oitscan::extract
