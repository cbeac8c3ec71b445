#pragma once
// The persistent conditional-GET cache: one metadata file (JSON) and one body file per URL, named
// by the SHA-256 of the normalised URL. Only responses with a validator (ETag or Last-Modified)
// are stored. Writes go to a uniquely named temporary file first and are renamed, so a crash (or
// two units of a scan storing the same URL) never leaves a half-written entry.
//
// The cache also remembers where each stored body was archived (CaptureRef): a later 304 for the
// URL becomes a WARC revisit record pointing at that capture instead of a copy of the body.
//
// Bounded: entries unused for `max_age` are removed, and beyond `max_bytes` the least recently
// used files go first (prune(), run when the cache is opened). Other stages may keep their own
// files in the folder (the extraction cache does, under extracted/): they are pruned alike.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "fetch/response.hpp"

namespace oitscan::fetch {

// Where a cached body was archived: the WARC response record that holds it.
struct CaptureRef {
  std::string record_id;   // WARC-Record-ID of the response record
  std::string target_uri;  // its WARC-Target-URI
  std::string date;        // its WARC-Date
  std::string payload_sha1;    // its WARC-Payload-Digest ("sha1:BASE32")
  std::string payload_sha256;  // hex, as Response::sha256
};

struct CachedEntry {
  std::string etag;
  std::string last_modified;
  std::string content_type;
  std::string attachment_filename;  // a 304 rarely repeats Content-Disposition
  std::string final_url;
  long http_status = 0;
  std::string body;
  std::optional<CaptureRef> capture;  // where this body was archived, once it was
};

struct CacheLimits {
  std::uint64_t max_bytes = 4ull << 30;             // all files of the folder together
  std::chrono::hours max_age{24 * 60};              // unused this long: removed (60 days)
};

// What prune() removed.
struct PruneReport {
  std::size_t files_removed = 0;
  std::uint64_t bytes_removed = 0;
  std::uint64_t bytes_kept = 0;
};

class ResponseCache {
 public:
  // Opens (creates) the folder and prunes it to `limits` unless `prune_on_open` is false (a
  // second view of a cache its owner has just pruned).
  explicit ResponseCache(std::filesystem::path dir, CacheLimits limits = {}, bool prune_on_open = true);
  std::optional<CachedEntry> lookup(const std::string& normalized_url) const;
  void store(const std::string& normalized_url, const Response& response) const;

  // Only the capture of an entry (no body read): nullopt when the URL is not cached or its body
  // was never archived.
  std::optional<CaptureRef> capture_of(const std::string& normalized_url) const;
  // Records where the cached body of `normalized_url` was archived, if the entry still holds
  // the body with that digest (a body replaced meanwhile keeps its own capture, or none).
  void remember_capture(const std::string& normalized_url, const CaptureRef& capture) const;

  // Drops the entry of `normalized_url`: its next fetch is unconditional.
  void forget(const std::string& normalized_url) const;

  // Removes files unused for longer than max_age, then the least recently used until the folder
  // holds at most max_bytes. Files being written (*.tmp*) by another process are left alone
  // unless older than max_age.
  PruneReport prune() const;

  const std::filesystem::path& dir() const { return dir_; }

 private:
  std::filesystem::path entry_base(const std::string& normalized_url) const;
  std::filesystem::path dir_;
  CacheLimits limits_;
};

// Prunes any cache folder (recursively) to `limits`, by last use (file modification time, which
// lookups refresh).
PruneReport prune_cache_folder(const std::filesystem::path& dir, const CacheLimits& limits);
// Marks a cache file as just used, so pruning by least recent use keeps it.
void touch_cache_file(const std::filesystem::path& file);
// Writes `bytes` to `file` through a unique temporary file and a rename; false on any failure
// (a cache that cannot be written is only a missed optimisation).
bool write_cache_file(const std::filesystem::path& file, std::string_view bytes);

}  // namespace oitscan::fetch
