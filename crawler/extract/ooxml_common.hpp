#pragma once
// Pieces shared by the OOXML and ODF readers: relationship files, core properties, and the
// bookkeeping of a part's text with labelled spans.
#include <map>
#include <string>
#include <string_view>

#include "extract/document.hpp"
#include "extract/extractor.hpp"
#include "extract/limits.hpp"
#include "extract/zip_reader.hpp"

namespace oitscan::extract {

struct Relationship {
  std::string target;
  bool external = false;
};
// Id -> target of an OOXML .rels part ("" parts give an empty map).
std::map<std::string, Relationship> read_relationships(std::string_view xml);

// docProps/core.xml: dc:title, dcterms:created, dcterms:modified; ODF meta.xml likewise.
void read_core_properties(ZipReader& zip, const std::string& member, Document& doc);

// Accumulates text and spans for one part, spending the document's text budget (shared by all
// its parts). A piece that does not fit is not appended: append throws LimitExceeded, and the
// extractor keeps the part read so far (finish() it, then rethrow).
class PartBuilder {
 public:
  PartBuilder(std::string label, const ExtractContext& ctx) : ctx_(ctx) { part_.label = std::move(label); }
  std::string& text() { return raw_; }
  void append(std::string_view s);
  // Removes the last byte (an unused separator), giving it back to the budget.
  void drop_last();
  std::size_t mark() const { return raw_.size(); }
  void span(std::size_t begin, std::string label);  // from begin to the current end
  // Ends the paragraph begun at `start`: a non-empty one is counted in `paragraph`, labelled
  // "paragraph N" and, when it is a heading, kept in doc.headings (at most 1000); then the
  // separator: a space inside a table cell, a line break elsewhere.
  void end_paragraph(std::size_t start, std::size_t& paragraph, bool heading, bool in_cell, Document& doc);
  // Normalises the text (Thai rules) and the span offsets with it.
  Part finish();

 private:
  const ExtractContext& ctx_;
  Part part_;
  std::string raw_;
};


}  // namespace oitscan::extract
