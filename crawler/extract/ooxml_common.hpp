#pragma once
// Pieces shared by the OOXML and ODF readers: relationship files, core properties, and the
// bookkeeping of a part's text with labelled spans.
#include <map>
#include <string>
#include <string_view>

#include "extract/document.hpp"
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

// Accumulates text and spans for one part, enforcing the text limit.
class PartBuilder {
 public:
  PartBuilder(std::string label, const Limits& limits) : limits_(limits) { part_.label = std::move(label); }
  std::string& text() { return raw_; }
  void append(std::string_view s);
  std::size_t mark() const { return raw_.size(); }
  void span(std::size_t begin, std::string label);  // from begin to the current end
  // Normalises the text (Thai rules) and the span offsets with it.
  Part finish();

 private:
  const Limits& limits_;
  Part part_;
  std::string raw_;
};

std::string collapse_spaces(std::string_view s);

}  // namespace oitscan::extract
