#include "extract/xml_reader.hpp"

#include <libxml/xmlreader.h>

#include <climits>

namespace oitscan::extract {
namespace {

void ignore_errors(void*, const char*, xmlParserSeverities, xmlTextReaderLocatorPtr) {}

std::string_view view(const xmlChar* s) {
  return s == nullptr ? std::string_view() : std::string_view(reinterpret_cast<const char*>(s));
}

}  // namespace

XmlReader::XmlReader(std::string_view xml) {
  if (xml.size() > INT_MAX) {
    failed_ = true;
    return;
  }
  reader_ = xmlReaderForMemory(xml.data(), static_cast<int>(xml.size()), nullptr, nullptr, XML_PARSE_NONET);
  if (reader_ == nullptr) {
    failed_ = true;
    return;
  }
  xmlTextReaderSetErrorHandler(reader_, ignore_errors, nullptr);
}

XmlReader::~XmlReader() {
  if (reader_ != nullptr) xmlFreeTextReader(reader_);
}

bool XmlReader::next() {
  if (reader_ == nullptr) return false;
  const int r = xmlTextReaderRead(reader_);
  if (r < 0) failed_ = true;
  return r == 1;
}

XmlReader::Node XmlReader::node() const {
  switch (xmlTextReaderNodeType(reader_)) {
    case XML_READER_TYPE_ELEMENT: return Node::Element;
    case XML_READER_TYPE_END_ELEMENT: return Node::EndElement;
    case XML_READER_TYPE_TEXT:
    case XML_READER_TYPE_CDATA:
    case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
    case XML_READER_TYPE_WHITESPACE: return Node::Text;
    default: return Node::Other;
  }
}

std::string_view XmlReader::local_name() const { return view(xmlTextReaderConstLocalName(reader_)); }
std::string_view XmlReader::value() const { return view(xmlTextReaderConstValue(reader_)); }
bool XmlReader::is_empty_element() const { return xmlTextReaderIsEmptyElement(reader_) == 1; }
int XmlReader::depth() const { return xmlTextReaderDepth(reader_); }

std::string XmlReader::attr(std::string_view local) const {
  std::string out;
  if (xmlTextReaderMoveToFirstAttribute(reader_) != 1) return out;
  do {
    if (view(xmlTextReaderConstLocalName(reader_)) == local) {
      out = std::string(view(xmlTextReaderConstValue(reader_)));
      break;
    }
  } while (xmlTextReaderMoveToNextAttribute(reader_) == 1);
  xmlTextReaderMoveToElement(reader_);
  return out;
}

}  // namespace oitscan::extract
