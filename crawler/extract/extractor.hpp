#pragma once
// One extractor per format, registered by name (Envoy-style): rules/formats.yaml says which
// extractor reads a format, the registry maps that name to the code.
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "extract/document.hpp"
#include "extract/limits.hpp"

namespace oitscan::extract {

struct ExtractContext {
  const Limits& limits;
  Budget& budget;
  std::string base_url;      // where the bytes came from, for resolving relative links
  std::string content_type;  // as declared by the server (charset label for text formats)
  Format format;             // sniffed format (one extractor may serve several)
};

class Extractor {
 public:
  virtual ~Extractor() = default;
  // Fills `doc` (parts, links, title, ...). Throws LimitExceeded past a limit; anything already
  // added to `doc` is kept. Other exceptions mean the input is malformed.
  virtual void extract(std::string_view bytes, const ExtractContext& ctx, Document& doc) const = 0;
};

class ExtractorRegistry {
 public:
  void add(std::string name, std::shared_ptr<const Extractor> extractor);
  const Extractor* find(std::string_view name) const;
  std::vector<std::string> names() const;

 private:
  std::map<std::string, std::shared_ptr<const Extractor>, std::less<>> by_name_;
};

// html, pdf, docx, xlsx, odt, ods, csv, text, image.
const ExtractorRegistry& builtin_extractors();

// Factories of the built-in extractors (one file each).
std::shared_ptr<const Extractor> make_html_extractor();
std::shared_ptr<const Extractor> make_pdf_extractor();
std::shared_ptr<const Extractor> make_docx_extractor();
std::shared_ptr<const Extractor> make_xlsx_extractor();
std::shared_ptr<const Extractor> make_odf_extractor();
std::shared_ptr<const Extractor> make_csv_extractor();
std::shared_ptr<const Extractor> make_text_extractor();
std::shared_ptr<const Extractor> make_image_extractor();

}  // namespace oitscan::extract
