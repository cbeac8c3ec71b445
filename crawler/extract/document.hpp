#pragma once
// Document: what the extract stage hands to the rule evaluator and the report. A plain data type:
// the sniffed format and what the format table says about it, the text of each page or part with
// where it came from (text layer, OCR, markup), links, embedded viewers, and typed dates.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "extract/format.hpp"
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
};

struct Link {
  std::string url;  // absolute when a base was known
  std::string anchor_text;
  std::string location;  // where the link was found ("page 2", "paragraph 4", "html")
};

// An iframe/embed/object, and for known online viewers (Google Docs/Drive, Office Online,
// pdf.js) the document it shows.
struct Frame {
  std::string kind;  // iframe | embed | object | frame
  std::string url;
  std::string document_url;  // "" when not a known viewer
  std::string viewer;        // google-docs-viewer | google-drive | office-online | pdfjs | ""
};

struct MetaDate {
  std::string name;   // creation | modification | article:published_time | ...
  std::string value;  // as found (ISO 8601 when the source gives a timestamp)
};

struct FoundDate {
  thai::DateMention date;  // span offsets are within parts[part].text
  std::size_t part = 0;
  std::string location;
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
  std::vector<std::string> headings;
  std::vector<Part> parts;
  std::vector<Link> links;
  std::vector<Frame> frames;
  std::vector<MetaDate> metadata_dates;
  std::vector<FoundDate> dates;
  // ok | limit-exceeded | malformed | encrypted | unsupported
  std::string outcome = "ok";
  std::vector<std::string> warnings;
  std::size_t page_count = 0;  // pages in the source (PDF), parts otherwise

  // For the whole document: ocr if any part was OCR'd, else text-layer if any part has one.
  TextSource overall_source() const;
  std::string text_source() const { return std::string(to_string(overall_source())); }  // for JSON and WARC
  std::string full_text() const;  // parts joined by blank lines
  // The finest location label for a byte offset in parts[part].text.
  std::string location_of(std::size_t part, std::size_t offset) const;
};

}  // namespace oitscan::extract
