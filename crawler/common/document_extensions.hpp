#pragma once
// Which URL path endings name which file format: the `extensions` of rules/formats.yaml, the one
// table every stage asks ("does this link point at a document?"). The format table proper
// (machine-readable, extractors, MIME types) is extract/formats.hpp, read from the same file.
#include <optional>
#include <string>
#include <string_view>

namespace oitscan {

// The format name ("pdf", "xlsx", …) a path's extension names, case-insensitively; none for a path
// without a known extension. Loaded once from data_dir()/rules/formats.yaml.
std::optional<std::string> format_named_by_path(std::string_view path);

// A path that names a file other than a web page (.pdf, .xlsx, .csv, .png, …).
bool names_a_document(std::string_view path);

}  // namespace oitscan
