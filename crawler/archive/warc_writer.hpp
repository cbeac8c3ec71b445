#pragma once
// Writes WARC 1.1 records, each its own gzip member, to a .warc.gz (or plain .warc) file.
// Every writer session starts with a warcinfo record (a file appended to by several runs holds
// several); every later record of the session names it in WARC-Warcinfo-ID. Every write returns
// the record id and the offset of its member, which the history store keeps so a record can be
// read again without scanning the file.
// Not thread-safe: one writer per file, its calls serialised by the caller.
#include <filesystem>
#include <memory>
#include <string>

#include "archive/gzip_appender.hpp"
#include "archive/http_exchange.hpp"

namespace oitscan::archive {

inline constexpr std::string_view kProfileServerNotModified =
    "http://netpreserve.org/warc/1.1/revisit/server-not-modified";
inline constexpr std::string_view kProfileIdenticalPayload =
    "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest";

struct WarcInfo {
  std::string software;  // empty: "oitscan/<version>"
  std::string operator_name;
  std::string description;
  std::string is_part_of;  // e.g. "oitscan scan 2026-11-21"
};

class WarcWriter {
 public:
  // Opens (appending) `path`; compression follows the extension (".gz" compresses). An existing
  // file is checked first, and a record cut off by a crash is removed (repair_truncated_tail);
  // a file damaged otherwise is refused with WarcFormatError rather than appended to.
  WarcWriter(const std::filesystem::path& path, const WarcInfo& info = {});

  const std::string& warcinfo_id() const { return warcinfo_.record_id; }
  const RecordRef& warcinfo() const { return warcinfo_; }
  const std::filesystem::path& path() const { return path_; }
  // Bytes of a partial record removed from the end of the file when it was opened.
  std::uint64_t repaired_bytes() const { return repaired_bytes_; }

  // request (when request_head is not empty) + response, linked by WARC-Concurrent-To.
  ExchangeRefs write_exchange(const HttpExchange& exchange);
  // What a fetch should become: a 304 -> server-not-modified revisit of `prior`; a body whose
  // digest equals the prior payload -> identical-payload-digest revisit; else a full response.
  ExchangeRefs write_capture(const HttpExchange& exchange, const PriorCapture* prior);
  // Revisit records (with their request). The block holds only the response head.
  ExchangeRefs write_not_modified(const HttpExchange& exchange, const PriorCapture& prior);
  ExchangeRefs write_identical_payload(const HttpExchange& exchange, const PriorCapture& prior);

  RecordRef write_conversion(const Conversion& conversion);
  RecordRef write_metadata(const Metadata& metadata);

  // Forces written records to disk (fsync): call at checkpoints, e.g. before recording them in
  // the history store, so the store never points at bytes the disk lost.
  void sync() { out_.sync(); }

 private:
  RecordRef write_warcinfo(const WarcInfo& info);
  std::optional<RecordRef> write_request(const HttpExchange& ex, const std::string& request_id,
                                         const std::string& concurrent_to);
  ExchangeRefs write_revisit(const HttpExchange& ex, const PriorCapture& prior, std::string_view profile,
                             std::string payload_sha1, std::string payload_sha256);

  std::filesystem::path path_;
  std::uint64_t repaired_bytes_;
  GzipAppender out_;
  RecordRef warcinfo_;
};

}  // namespace oitscan::archive
