#pragma once
// Plain input types for the archive, independent of any fetch library: what the fetcher saw on
// the wire, and what later stages derived from it.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace oitscan::archive {

using ExtraFields = std::vector<std::pair<std::string, std::string>>;

// One HTTP request/response as it happened.
struct HttpExchange {
  std::string target_uri;
  std::string ip_address;     // empty when unknown; written as WARC-IP-Address otherwise
  std::string fetched_at;     // WARC-Date of both records: ISO-8601 UTC, e.g. 2026-11-21T01:00:00Z
  std::string request_head;   // raw request line + headers, ending with the blank line or not
  int status = 0;
  std::string response_head;  // raw status line + headers as received
  // Body bytes as received after transfer decoding (chunked removed), before content decoding
  // (a gzip Content-Encoding stays compressed: that is the HTTP entity a WARC payload is).
  std::string body;
  // Alternative to `body` for bytes owned elsewhere (the fetch result): used when `body` is empty.
  // The caller keeps them alive and unchanged until the write returns.
  std::string_view body_view;
  // Alternative to `body` for large downloads spooled to disk: streamed from this file, never
  // loaded whole. Used when non-empty.
  std::filesystem::path body_file;
  // The payload's SHA-256 (64 lowercase hex digits) when the caller has it already (the fetch
  // engine's digest of the same bytes): written as X-Oitscan-Payload-SHA256 without hashing the
  // body again. Empty: computed here.
  std::string payload_sha256;
  bool truncated = false;
  std::string truncated_reason = "length";  // WARC-Truncated value: length | time | disconnect | unspecified
  ExtraFields extra_fields;                  // extra WARC fields for the response record (e.g. X-Oitscan-*)
};

// What the archive already holds for a URL, from an earlier capture (often the history store's
// fetch log): enough to write a revisit instead of the same bytes again.
struct PriorCapture {
  std::string record_id;     // WARC-Record-ID of the earlier response
  std::string target_uri;    // its WARC-Target-URI
  std::string date;          // its WARC-Date
  std::string payload_sha1;  // its WARC-Payload-Digest ("sha1:...")
  std::string payload_sha256;
};

// Extracted text of a document (UTF-8), linked to the response it came from.
struct Conversion {
  std::string target_uri;
  std::string refers_to;  // WARC-Record-ID of the response record
  std::string date;       // empty: now
  std::string text;
  std::string content_type = "text/plain; charset=utf-8";
  ExtraFields extra_fields;  // e.g. X-Oitscan-Text-Source: ocr
};

// A JSON document about other records, e.g. the verdicts of one OIT item.
struct Metadata {
  std::string target_uri;                  // e.g. urn:oitscan:bangna:O15 (optional)
  std::string refers_to;                   // one record it is about (optional)
  std::vector<std::string> concurrent_to;  // further records it judged
  std::string date;                        // empty: now
  std::string json;
  std::string content_type = "application/json";
  ExtraFields extra_fields;
};

// Where a record landed: enough to find it again without scanning.
struct RecordRef {
  std::string record_id;
  std::string type;
  std::uint64_t offset = 0;  // byte offset of the record's gzip member (or record, uncompressed)
  std::string block_sha1;    // WARC-Block-Digest
  std::string payload_sha1;  // WARC-Payload-Digest (empty when the record has none)
  std::string payload_sha256;
  std::uint64_t payload_length = 0;
};

struct ExchangeRefs {
  std::optional<RecordRef> request;  // absent when the exchange had no request head
  RecordRef response;                // the response, or the revisit that stands for it
};

}  // namespace oitscan::archive
