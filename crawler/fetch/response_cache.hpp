#pragma once
// The persistent conditional-GET cache: one metadata file (JSON) and one body file per URL, named
// by the SHA-256 of the normalised URL. Only responses with a validator (ETag or Last-Modified)
// are stored. Writes go to a temporary file first and are renamed, so a crash never leaves a
// half-written entry.
#include <filesystem>
#include <optional>
#include <string>

#include "fetch/response.hpp"

namespace oitscan::fetch {

struct CachedEntry {
  std::string etag;
  std::string last_modified;
  std::string content_type;
  std::string attachment_filename;  // a 304 rarely repeats Content-Disposition
  std::string final_url;
  long http_status = 0;
  std::string body;
};

class ResponseCache {
 public:
  explicit ResponseCache(std::filesystem::path dir);
  std::optional<CachedEntry> lookup(const std::string& normalized_url) const;
  void store(const std::string& normalized_url, const Response& response) const;

 private:
  std::filesystem::path entry_base(const std::string& normalized_url) const;
  std::filesystem::path dir_;
};

}  // namespace oitscan::fetch
