#include "extract/extractor.hpp"

namespace oitscan::extract {

void ExtractorRegistry::add(std::string name, std::shared_ptr<const Extractor> extractor) {
  by_name_[std::move(name)] = std::move(extractor);
}

const Extractor* ExtractorRegistry::find(std::string_view name) const {
  auto it = by_name_.find(name);
  return it == by_name_.end() ? nullptr : it->second.get();
}

std::vector<std::string> ExtractorRegistry::names() const {
  std::vector<std::string> out;
  for (const auto& [name, _] : by_name_) out.push_back(name);
  return out;
}

const ExtractorRegistry& builtin_extractors() {
  // Explicit registration: static-initialiser self-registration is dropped by the linker when
  // extractors live in a static library.
  static const ExtractorRegistry registry = [] {
    ExtractorRegistry r;
    r.add("html", make_html_extractor());
    r.add("pdf", make_pdf_extractor());
    r.add("docx", make_docx_extractor());
    r.add("xlsx", make_xlsx_extractor());
    auto odf = make_odf_extractor();
    r.add("odt", odf);
    r.add("ods", odf);
    r.add("csv", make_csv_extractor());
    r.add("text", make_text_extractor());
    r.add("image", make_image_extractor());
    return r;
  }();
  return registry;
}

}  // namespace oitscan::extract
