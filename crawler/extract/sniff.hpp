#pragma once
// Format detection from the bytes alone: libmagic first, then the members of zip containers
// (OOXML [Content_Types].xml/word/xl/ppt, ODF mimetype), then text heuristics for HTML, JSON,
// XML and CSV. URL extensions and Content-Type are never trusted for this.
#include <string>
#include <string_view>

#include "extract/format.hpp"
#include "extract/limits.hpp"

namespace oitscan::extract {

struct Sniffed {
  Format format = Format::unknown;
  std::string mime;    // libmagic's MIME type
  std::string how;     // magic | container | text-heuristic
};

Sniffed sniff(std::string_view bytes, const Limits& limits = {});

}  // namespace oitscan::extract
