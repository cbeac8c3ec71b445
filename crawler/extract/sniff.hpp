#pragma once
// Format detection from the bytes alone: libmagic first, then the members of zip containers
// (OOXML [Content_Types].xml/word/xl/ppt, ODF mimetype), then text heuristics for HTML, JSON,
// XML and CSV. URL extensions and Content-Type are never trusted for this, with one exception
// that still needs the bytes to agree: text declared as CSV is CSV when at least two lines split
// into the same fields (undeclared text must be mostly table, see csv_shape.hpp).
#include <optional>
#include <string>
#include <string_view>

#include "extract/format.hpp"
#include "extract/limits.hpp"

namespace oitscan::extract {

struct Sniffed {
  Format format = Format::unknown;
  std::string mime;    // libmagic's MIME type
  std::string how;     // signature (certain from the first bytes, libmagic not asked) | magic | container | text-heuristic
};

// `declared`: the format the server's Content-Type names, if any (only Format::csv matters).
Sniffed sniff(std::string_view bytes, const Limits& limits = {}, std::optional<Format> declared = std::nullopt);

}  // namespace oitscan::extract
