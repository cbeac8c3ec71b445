#pragma once
// The closed set of file formats the sniffer can recognise. Inside the engine a format is this
// enum; its spelling ("pdf", "xlsx", …) appears only at the edges: rules/formats.yaml, rule files,
// results.json, WARC fields, the CLI.
#include <optional>
#include <string_view>

namespace oitscan::extract {

enum class Format { pdf, html, docx, odt, doc, rtf, xlsx, ods, xls, csv, json, xml, text, pptx, png, jpeg, tiff, gif, zip, unknown };

std::string_view to_string(Format f);
std::optional<Format> format_from_string(std::string_view name);

}  // namespace oitscan::extract
