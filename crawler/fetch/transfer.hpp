#pragma once
// One HTTP attempt on one libcurl easy handle: sets the limits, collects the redirect chain,
// headers and (size-capped) body, applies the SSRF guard to every socket, and maps the result to an
// Outcome. Scheduling, retries and caching live in the engine, not here.
#include <curl/curl.h>

#include <chrono>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "fetch/fetch_options.hpp"
#include "fetch/response.hpp"

namespace oitscan::fetch {

class CurlAsioLoop;
class ContentDecoder;

struct AttemptSettings {
  bool verify_tls = true;
  std::size_t* live_body_bytes = nullptr;  // the engine's count of body bytes held by transfers
  std::chrono::milliseconds time_left{0};  // of the URL's total budget; caps this attempt
  std::string if_none_match;      // conditional GET validators from the cache
  std::string if_modified_since;
};

class Transfer {
 public:
  Transfer(const FetchOptions& options, curl_slist* resolve, CurlAsioLoop& loop, std::string url,
           const AttemptSettings& settings);
  ~Transfer();
  Transfer(const Transfer&) = delete;
  Transfer& operator=(const Transfer&) = delete;

  CURL* easy() const { return easy_; }
  std::size_t body_size() const { return body_.size(); }

  // Fills `out` (everything but tag, retries, elapsed, fetched_at, sha256) from the finished attempt.
  void finish(CURLcode result, Response& out);

  // Set after finish(): transient failures the engine may retry, and the server's Retry-After.
  bool retryable() const { return retryable_; }
  std::chrono::milliseconds retry_after() const { return retry_after_; }
  bool has_retry_after() const { return has_retry_after_; }
  std::chrono::steady_clock::time_point started() const { return started_; }

 private:
  static size_t on_body(char* data, size_t size, size_t count, void* self);
  static size_t on_header(char* data, size_t size, size_t count, void* self);
  static CURLcode on_ssl_context(CURL* easy, void* ssl_ctx, void* self);
  static curl_socket_t on_open_socket(void* self, curlsocktype purpose, curl_sockaddr* address);
  void header_line(std::string_view line);
  std::string content_encoding() const;  // of the response whose body is arriving

  const FetchOptions& options_;
  CurlAsioLoop& loop_;
  CURL* easy_ = nullptr;
  curl_slist* request_headers_ = nullptr;
  std::string url_;
  std::chrono::steady_clock::time_point started_;

  // Collected while the transfer runs.
  std::string body_;
  std::size_t* live_body_bytes_ = nullptr;
  bool truncated_ = false;           // cut at the size limit
  std::unique_ptr<ContentDecoder> decoder_;  // for the body of the current header block
  std::size_t coded_bytes_ = 0;      // body bytes as they came over the wire
  bool decode_failed_ = false;       // corrupt or unknown content coding
  std::string refused_;              // why a redirect target was refused before following it
  std::string blocked_;              // why the SSRF guard refused an address (empty if it did not)
  std::string current_url_;          // URL of the response whose headers are arriving
  long block_status_ = 0;            // status of the header block being read
  std::string block_location_;
  std::vector<std::pair<std::string, std::string>> block_headers_;
  std::vector<RedirectHop> hops_;

  bool retryable_ = false;
  bool has_retry_after_ = false;
  std::chrono::milliseconds retry_after_{0};
};

}  // namespace oitscan::fetch
