#include "gather/extraction_cache.hpp"

#include <fstream>
#include <iterator>

#include "common/data_dir.hpp"
#include "common/digest.hpp"
#include "extract/ocr.hpp"
#include "fetch/response_cache.hpp"
#include "gather/document_codec.hpp"

namespace oitscan::gather {
namespace {

std::string read_all(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// What extraction reads besides the body: the tool, the codec and the rule files.
std::string fixed_key() {
  std::string k = "oitscan " + tool_version() + "\ncodec " + std::to_string(kDocumentCodecVersion) + "\n";
  k += extract::tesseract_available() ? "tesseract\n" : "no-tesseract\n";
  for (const char* name : {"formats.yaml", "html-chrome.yaml", "placeholders.yaml", "date-roles.yaml"}) {
    k += std::string(name) + " " + sha256_hex(read_all(data_dir() / "rules" / name)) + "\n";
  }
  return k;
}

std::string limits_key(const extract::Limits& l) {
  std::string k;
  for (const std::size_t v : {l.max_input_bytes, l.max_member_bytes, l.max_decompressed_bytes, l.max_compression_ratio, l.max_pages,
                              l.max_cells, l.max_text_bytes, l.max_links, l.max_html_depth, l.max_ocr_pages}) {
    k += std::to_string(v) + ",";
  }
  k += std::to_string(l.seconds_per_document) + "," + (l.ocr ? "ocr," : "no-ocr,") + std::to_string(l.ocr_seconds_per_page) + "," +
       std::to_string(l.ocr_total_seconds) + "," + std::to_string(l.ocr_dpi) + "," + std::to_string(l.max_image_pixels);
  return k;
}

// An OCR that ran out of time or could not start says nothing lasting about the document:
// such a reading is not kept, so the next run tries again.
bool worth_keeping(const extract::Document& d) {
  for (const auto& w : d.warnings) {
    if (w.find("time") != std::string::npos || w.find("budget") != std::string::npos) return false;
  }
  for (const auto& p : d.parts) {
    for (const auto& n : p.notes) {
      if (n.find("OCR failed") != std::string::npos || n.find("budget") != std::string::npos) return false;
    }
  }
  return true;
}

}  // namespace

ExtractionCache::ExtractionCache(std::filesystem::path dir) : dir_(std::move(dir)), fixed_key_(fixed_key()) {
  std::filesystem::create_directories(dir_);
}

std::string ExtractionCache::key(std::string_view body_sha256, const extract::ExtractOptions& o) const {
  if (body_sha256.size() != 64 || o.formats != nullptr) return {};
  std::string k = fixed_key_;
  k += "body ";
  k += body_sha256;
  k += "\ndeclared " + o.declared_type + "\nbase " + o.base_url + "\nfy " +
       (o.context_fiscal_year_be ? std::to_string(*o.context_fiscal_year_be) : "-") + "\nlimits " + limits_key(o.limits) + "\n";
  return sha256_hex(k);
}

std::filesystem::path ExtractionCache::file_of(const std::string& key) const { return dir_ / (key + ".doc"); }

std::optional<extract::Document> ExtractionCache::load(const std::string& key) {
  if (key.empty()) return std::nullopt;
  const auto file = file_of(key);
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto doc = decode_document(bytes);
  if (doc) fetch::touch_cache_file(file);
  return doc;
}

void ExtractionCache::save(const std::string& key, const extract::Document& document) {
  if (key.empty() || !worth_keeping(document)) return;
  fetch::write_cache_file(file_of(key), encode_document(document));
}

extract::Document ExtractionCache::extract(std::string_view bytes, std::string_view body_sha256, const extract::ExtractOptions& options) {
  const std::string k = key(body_sha256, options);
  if (auto cached = load(k)) {
    ++reused_;
    return std::move(*cached);
  }
  ++extracted_;
  auto doc = extract::extract_document(bytes, options);
  save(k, doc);
  return doc;
}

}  // namespace oitscan::gather
