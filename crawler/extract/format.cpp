#include "extract/format.hpp"

#include <array>
#include <utility>

namespace oitscan::extract {
namespace {

// In enum order: to_string() indexes it directly.
constexpr std::array<std::pair<Format, std::string_view>, 20> kNames{{
    {Format::pdf, "pdf"},   {Format::html, "html"}, {Format::docx, "docx"}, {Format::odt, "odt"},   {Format::doc, "doc"},
    {Format::rtf, "rtf"},   {Format::xlsx, "xlsx"}, {Format::ods, "ods"},   {Format::xls, "xls"},   {Format::csv, "csv"},
    {Format::json, "json"}, {Format::xml, "xml"},   {Format::text, "text"}, {Format::pptx, "pptx"}, {Format::png, "png"},
    {Format::jpeg, "jpeg"}, {Format::tiff, "tiff"}, {Format::gif, "gif"},   {Format::zip, "zip"},   {Format::unknown, "unknown"},
}};

}  // namespace

std::string_view to_string(Format f) { return kNames.at(static_cast<std::size_t>(f)).second; }

std::optional<Format> format_from_string(std::string_view name) {
  for (const auto& [format, spelling] : kNames) {
    if (spelling == name) return format;
  }
  return std::nullopt;
}

}  // namespace oitscan::extract
