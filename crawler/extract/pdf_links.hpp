#pragma once
// Link annotations of a PDF without an annotation API (poppler-cpp 22.12 has none): the /URI
// strings of the file, both in plain objects and inside Flate-compressed object streams
// (/Type /ObjStm, which Word and qpdf write since PDF 1.5). Page numbers are not known this way.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace oitscan::extract {

struct PdfUriScan {
  std::vector<std::string> uris;
  std::size_t object_streams = 0;  // object streams inflated
  bool truncated = false;          // a size limit stopped the scan
};

PdfUriScan pdf_uri_entries(std::string_view pdf, std::size_t max_links, std::size_t max_inflated_bytes);

}  // namespace oitscan::extract
