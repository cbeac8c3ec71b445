#pragma once
// Reads WARC records (1.0 or 1.1) from a .warc.gz or a plain .warc, checking framing as it goes:
// version line, well-formed fields, the mandatory fields, a Content-Length the block really has,
// and the CRLF CRLF after it. Everything is bounded; garbage is refused with a WarcFormatError
// naming the file and the offset.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "archive/warc_fields.hpp"
#include "archive/warc_input.hpp"

namespace oitscan::archive {

struct ReaderLimits {
  std::uint64_t max_record_bytes = 512ULL * 1024 * 1024;  // Content-Length above this is refused
  std::size_t max_header_bytes = 256 * 1024;               // all WARC header lines of one record
};

struct WarcRecord {
  std::string version;  // "WARC/1.1"
  WarcFields fields;
  std::string block;            // empty when read with load_block = false
  std::uint64_t offset = 0;     // stored offset of the record (its gzip member for .warc.gz)
  std::uint64_t length = 0;     // Content-Length
  bool own_member = true;       // false when several records share one gzip member

  std::string type() const { return fields.get("WARC-Type").value_or(""); }
  std::string record_id() const { return fields.get("WARC-Record-ID").value_or(""); }
  std::string target_uri() const { return fields.get("WARC-Target-URI").value_or(""); }
  std::string date() const { return fields.get("WARC-Date").value_or(""); }
};

class WarcReader {
 public:
  explicit WarcReader(const std::filesystem::path& path, ReaderLimits limits = {}, std::uint64_t start_offset = 0);

  // The next record, or nullopt at the end of the file. load_block = false skips the block
  // (still checking its length and terminator), for scans that only need the headers.
  std::optional<WarcRecord> next(bool load_block = true);

 private:
  WarcInput in_;
  ReaderLimits limits_;
};

// Makes a WARC file written by oitscan appendable again after a crash: when the file ends inside
// a record (a writer killed mid-record leaves a cut gzip member), that partial record, which no
// caller was ever given an offset for, is cut off. Returns the bytes removed. Any other damage is
// not repaired: it throws WarcFormatError, since appending would bury it.
std::uint64_t repair_truncated_tail(const std::filesystem::path& path);

// The record that starts at `offset` (as returned by WarcWriter or stored in the history).
WarcRecord read_record_at(const std::filesystem::path& path, std::uint64_t offset, ReaderLimits limits = {});

// Recomputes the digests a record declares. A digest the record does not declare, or uses an
// algorithm other than sha1 for, counts as not checked.
struct DigestCheck {
  bool block_checked = false;
  bool block_ok = false;
  bool payload_checked = false;
  bool payload_ok = false;
  bool sha256_checked = false;  // X-Oitscan-Payload-SHA256
  bool sha256_ok = false;
  bool ok() const {
    return (!block_checked || block_ok) && (!payload_checked || payload_ok) && (!sha256_checked || sha256_ok);
  }
};
DigestCheck verify_digests(const WarcRecord& record);

// The payload of a record: the HTTP body of a response/request, the whole block otherwise.
std::string_view payload_of(const WarcRecord& record);

}  // namespace oitscan::archive
