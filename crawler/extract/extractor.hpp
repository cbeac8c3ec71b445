#pragma once
// One extractor per format, registered by name (Envoy-style): rules/formats.yaml says which
// extractor reads a format, the registry maps that name to the code.
#include <atomic>
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
  // Text of all parts so far (pages, sheets, paragraphs, table cells): the text limit is one budget
  // for the whole document, so no extractor can exceed it with many parts each under it.
  mutable std::size_t text_bytes = 0;
  const std::atomic<bool>* cancel = nullptr;  // ExtractOptions::cancel

  bool cancelled() const { return cancel != nullptr && cancel->load(); }

  std::size_t text_left() const { return text_bytes < limits.max_text_bytes ? limits.max_text_bytes - text_bytes : 0; }
  // Counts `bytes` more text; past the limit throws LimitExceeded (the caller keeps what it has).
  void spend_text(std::size_t bytes) const {
    if (bytes > text_left()) throw LimitExceeded(text_limit_message());
    text_bytes += bytes;
  }
  std::string text_limit_message() const {
    return "document text larger than the text limit (" + std::to_string(limits.max_text_bytes) +
           " bytes for all parts together)";
  }
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
