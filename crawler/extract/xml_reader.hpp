#pragma once
// A thin RAII wrapper over libxml2's streaming xmlTextReader, used for OOXML and ODF parts.
// No network, no DTD loading, no entity expansion; parse errors end the stream quietly and are
// reported through failed().
#include <memory>
#include <string>
#include <string_view>

struct _xmlTextReader;

namespace oitscan::extract {

class XmlReader {
 public:
  enum class Node { Element, EndElement, Text, Other };

  explicit XmlReader(std::string_view xml);
  ~XmlReader();
  XmlReader(const XmlReader&) = delete;
  XmlReader& operator=(const XmlReader&) = delete;

  bool next();  // false at the end or on a parse error
  Node node() const;
  std::string_view local_name() const;
  std::string_view value() const;  // text of a Text node
  bool is_empty_element() const;
  int depth() const;
  // An attribute by local name, ignoring its namespace prefix ("" when absent).
  std::string attr(std::string_view local) const;
  bool failed() const { return failed_; }

 private:
  _xmlTextReader* reader_ = nullptr;
  bool failed_ = false;
};

}  // namespace oitscan::extract
