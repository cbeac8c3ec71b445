#pragma once
// The plain data handed from the fetch stage to the rest of the pipeline, up to the rule evaluator:
// one fetch result, whichever source produced it (network, folder, archive). No behaviour here.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "fetch/outcome.hpp"

namespace oitscan::fetch {

struct Request {
  std::string url;
  std::uint64_t tag = 0;  // the caller's own key, echoed back in Response::tag
};

// One hop of a redirect chain: the URL asked for and the status it answered with.
struct RedirectHop {
  std::string url;
  long status = 0;
};

// Phases of the last attempt, in milliseconds from its start (libcurl's timers); -1 when the
// phase was never reached (e.g. no TLS on plain http, no first byte on a timeout).
struct Timings {
  double dns_ms = -1;
  double connect_ms = -1;
  double tls_ms = -1;
  double first_byte_ms = -1;
  double total_ms = -1;
};

struct Response {
  std::uint64_t tag = 0;
  std::string url;        // as requested
  std::string final_url;  // after redirects
  std::vector<RedirectHop> redirects;  // every 3xx hop in order; empty when none

  Outcome outcome = Outcome::ok;
  long http_status = 0;  // of the final response; 0 when none came
  std::vector<std::pair<std::string, std::string>> headers;  // final response, in order, names as sent

  // Raw bytes after content decoding (gzip, br) but never charset-decoded: the extract stage resolves
  // charsets. content_type is the header verbatim; charset its `charset=` label verbatim (may be empty).
  std::string body;
  std::string content_type;
  std::string charset;
  bool truncated = false;  // the body was cut at the size limit
  bool from_cache = false; // body served from the conditional-GET cache (outcome not-modified)
  bool duplicate = false;  // same URL already delivered earlier in this run; body not repeated
  std::string sha256;      // hex digest of body
  std::optional<std::chrono::sys_seconds> last_modified;  // the Last-Modified header, parsed once
  // The file name the server gives in Content-Disposition (attachment or inline), parsed once:
  // UTF-8 when it came as filename*= (RFC 8187) or as percent-encoded UTF-8, otherwise the header's
  // bytes; never a directory part. Empty when the header is absent or names no file. What
  // download.php?id=17 really is ("รายงานผล.pdf") when the URL does not say.
  std::string attachment_filename;

  std::string error;      // libcurl's or our detail message for a failed fetch
  std::string tls_error;  // certificate problem seen even when --insecure-tls let the fetch proceed
  int retries = 0;        // attempts beyond the first
  long elapsed_ms = 0;    // from first attempt start to completion (retries and waits included)
  Timings timings;        // the last attempt only
  std::string fetched_at; // ISO-8601 UTC, e.g. 2026-11-21T01:00:00Z
  std::string remote_ip;  // the address actually connected
  std::string warc_record_id;  // the record holding the payload, once archived: this fetch's response, or
                               // for a revisit the original capture it refers to ("" before or when none)
  std::string warc_revisit_record_id;  // the revisit record this fetch was archived as ("" when none)
};

}  // namespace oitscan::fetch
