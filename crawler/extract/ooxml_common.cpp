#include "extract/ooxml_common.hpp"

#include <cctype>

#include "common/text.hpp"
#include "extract/xml_reader.hpp"
#include "thai/normalize.hpp"

namespace oitscan::extract {

std::map<std::string, Relationship> read_relationships(std::string_view xml) {
  std::map<std::string, Relationship> rels;
  XmlReader r(xml);
  while (r.next() && rels.size() < 100'000) {
    if (r.node() == XmlReader::Node::Element && r.local_name() == "Relationship") {
      rels[r.attr("Id")] = Relationship{r.attr("Target"), r.attr("TargetMode") == "External"};
    }
  }
  return rels;
}

void read_core_properties(ZipReader& zip, const std::string& member, Document& doc) {
  const auto xml = zip.read(member);
  if (!xml) return;
  XmlReader r(*xml);
  std::string current;
  while (r.next()) {
    if (r.node() == XmlReader::Node::Element) {
      current = std::string(r.local_name());
    } else if (r.node() == XmlReader::Node::EndElement) {
      current.clear();
    } else if (r.node() == XmlReader::Node::Text) {
      const std::string v = collapse_spaces(r.value());
      if (v.empty()) continue;
      if (current == "title" && doc.title.empty()) doc.title = thai::normalize(v);
      if (current == "created" || current == "creation-date") doc.metadata_dates.push_back({"creation", v});
      if (current == "modified" || (current == "date" && member == "meta.xml")) {
        doc.metadata_dates.push_back({"modification", v});
      }
    }
  }
}

void PartBuilder::append(std::string_view s) {
  ctx_.spend_text(s.size());
  raw_.append(s);
}

void PartBuilder::drop_last() {
  if (raw_.empty()) return;
  raw_.pop_back();
  --ctx_.text_bytes;
}

void PartBuilder::span(std::size_t begin, std::string label) {
  if (raw_.size() > begin) part_.spans.push_back({begin, raw_.size(), std::move(label)});
}

void PartBuilder::end_paragraph(std::size_t start, std::size_t& paragraph, bool heading, bool in_cell, Document& doc) {
  if (mark() > start) {
    ++paragraph;
    if (heading && doc.headings.size() < 1000) doc.headings.push_back(thai::normalize(collapse_spaces(raw_.substr(start))));
    span(start, "paragraph " + std::to_string(paragraph));
  }
  append(in_cell ? " " : "\n");
}

Part PartBuilder::finish() {
  // Normalise span by span so offsets stay exact (normalisation changes byte lengths).
  std::string out;
  std::size_t pos = 0;
  for (auto& s : part_.spans) {
    if (s.begin < pos) s.begin = pos;  // overlapping spans: keep order, clip
    if (s.end < s.begin) s.end = s.begin;
    out += thai::normalize(std::string_view(raw_).substr(pos, s.begin - pos));
    const std::size_t b = out.size();
    out += thai::normalize(std::string_view(raw_).substr(s.begin, s.end - s.begin));
    s.begin = b;
    pos = s.end;
    s.end = out.size();
  }
  out += thai::normalize(std::string_view(raw_).substr(pos));
  part_.text = std::move(out);
  part_.source = TextSource::Markup;
  return std::move(part_);
}

}  // namespace oitscan::extract
