#pragma once
// The extraction cache: what extract::extract_document made of a body, kept on disk next to the
// conditional-GET cache (<cache>/extracted/), so an unchanged document on a rescan (a 304, or the
// same bytes again) is neither parsed nor OCR'd again.
//
// Keyed by everything the result depends on: the body's SHA-256, the tool version and the codec
// version, the extraction options (declared type, base URL, fiscal-year context, every limit),
// whether tesseract is installed, and the bytes of the rule files extraction reads
// (formats.yaml, html-chrome.yaml, placeholders.yaml, date-roles.yaml). Changing any of them is a
// different key, so a stale entry is never used, only left to age out (the folder is pruned with
// the conditional-GET cache, by last use).
//
// Thread-safe: entries are written through a unique temporary file and a rename.
#include <atomic>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "extract/document.hpp"
#include "extract/extract.hpp"

namespace oitscan::gather {

class ExtractionCache {
 public:
  explicit ExtractionCache(std::filesystem::path dir);

  // The key of a body with digest `body_sha256` read with `options`; "" when the result cannot be
  // cached (a custom format table, no digest).
  std::string key(std::string_view body_sha256, const extract::ExtractOptions& options) const;
  std::optional<extract::Document> load(const std::string& key);
  void save(const std::string& key, const extract::Document& document);

  // The document for `bytes`: from the cache, or extracted now and stored.
  extract::Document extract(std::string_view bytes, std::string_view body_sha256, const extract::ExtractOptions& options);

  std::size_t reused() const { return reused_; }        // documents served from the cache
  std::size_t extracted() const { return extracted_; }  // documents read because they were not
  const std::filesystem::path& dir() const { return dir_; }

 private:
  std::filesystem::path file_of(const std::string& key) const;
  std::filesystem::path dir_;
  std::string fixed_key_;  // the part of every key that does not depend on the document
  std::atomic<std::size_t> reused_{0};
  std::atomic<std::size_t> extracted_{0};
};

}  // namespace oitscan::gather
