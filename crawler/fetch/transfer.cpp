#include "fetch/transfer.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <openssl/ssl.h>

#include <boost/asio/ip/address.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstring>
#include <stdexcept>

#include "common/text.hpp"
#include "fetch/content_decoder.hpp"
#include "fetch/curl_asio_loop.hpp"
#include "fetch/header_values.hpp"
#include "fetch/url_guard.hpp"
#include "fetch/url_key.hpp"

namespace oitscan::fetch {
namespace {

template <typename T>
void set(CURL* easy, CURLoption option, T value) {
  const CURLcode rc = curl_easy_setopt(easy, option, value);
  if (rc != CURLE_OK) throw std::runtime_error(std::string("curl_easy_setopt: ") + curl_easy_strerror(rc));
}

bool is_tls_failure(CURLcode rc) {
  switch (rc) {
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_SSL_CIPHER:
      return true;
    default:
      return false;
  }
}

std::optional<boost::asio::ip::address> to_address(const curl_sockaddr& a) {
  if (a.family == AF_INET && a.addrlen >= sizeof(sockaddr_in)) {
    sockaddr_in in{};
    std::memcpy(&in, &a.addr, sizeof in);
    return boost::asio::ip::address_v4(ntohl(in.sin_addr.s_addr));
  }
  if (a.family == AF_INET6 && a.addrlen >= sizeof(sockaddr_in6)) {
    sockaddr_in6 in6{};
    std::memcpy(&in6, &a.addr, sizeof in6);
    boost::asio::ip::address_v6::bytes_type bytes{};
    std::memcpy(bytes.data(), in6.sin6_addr.s6_addr, bytes.size());
    return boost::asio::ip::address_v6(bytes, in6.sin6_scope_id);
  }
  return std::nullopt;
}

}  // namespace

Transfer::Transfer(const FetchOptions& options, curl_slist* resolve, CurlAsioLoop& loop, std::string url,
                   const AttemptSettings& settings)
    : options_(options), loop_(loop), easy_(curl_easy_init()), url_(std::move(url)),
      started_(std::chrono::steady_clock::now()), live_body_bytes_(settings.live_body_bytes), current_url_(url_) {
  if (easy_ == nullptr) throw std::runtime_error("curl_easy_init failed");
  set(easy_, CURLOPT_PRIVATE, static_cast<void*>(this));
  set(easy_, CURLOPT_URL, url_.c_str());
  set(easy_, CURLOPT_NOSIGNAL, 1L);
  // No proxy from the environment (http_proxy ...): the SSRF guard must judge the address of the
  // site itself, and a district's self-check must not silently go through someone else's proxy.
  set(easy_, CURLOPT_PROXY, "");
  set(easy_, CURLOPT_PROTOCOLS_STR, "http,https");
  set(easy_, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  set(easy_, CURLOPT_FOLLOWLOCATION, 1L);
  set(easy_, CURLOPT_MAXREDIRS, options.max_redirects);
  set(easy_, CURLOPT_USERAGENT, options.user_agent.c_str());
  // Content codings are decoded here (content_decoder.hpp), not by libcurl, which accepts a
  // compressed stream that stops early as a whole body. Transfer codings (chunked) stay with libcurl.
  set(easy_, CURLOPT_ACCEPT_ENCODING, kAcceptEncoding);
  set(easy_, CURLOPT_HTTP_CONTENT_DECODING, 0L);
  const auto budget = std::max(settings.time_left, std::chrono::milliseconds(1));
  set(easy_, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(std::min(options.connect_timeout, budget).count()));
  set(easy_, CURLOPT_TIMEOUT_MS, static_cast<long>(budget.count()));
  set(easy_, CURLOPT_LOW_SPEED_LIMIT, options.low_speed_bytes_per_s);
  set(easy_, CURLOPT_LOW_SPEED_TIME, static_cast<long>(options.low_speed_time.count()));
  // A declared Content-Length over the limit fails before any body is read; the write callback
  // enforces the same limit for chunked or compressed bodies (decompression bombs included).
  set(easy_, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(options.max_body_bytes));
  set(easy_, CURLOPT_BUFFERSIZE, 64L * 1024L);
  if (resolve != nullptr) set(easy_, CURLOPT_RESOLVE, resolve);
  set(easy_, CURLOPT_SSL_VERIFYPEER, settings.verify_tls ? 1L : 0L);
  set(easy_, CURLOPT_SSL_VERIFYHOST, settings.verify_tls ? 2L : 0L);
  if (!settings.verify_tls) {
    // The --insecure-tls re-fetch also gets past what old government servers (old IIS) fail
    // with under OpenSSL 3's defaults: TLS 1.0/1.1, weak ciphers, no secure renegotiation. The
    // first, verified attempt's error is what gets recorded as the finding.
    set(easy_, CURLOPT_SSLVERSION, static_cast<long>(CURL_SSLVERSION_TLSv1_0));
    set(easy_, CURLOPT_SSL_CIPHER_LIST, "DEFAULT:@SECLEVEL=0");
    set(easy_, CURLOPT_SSL_CTX_FUNCTION, &Transfer::on_ssl_context);
  }
  if (!options.cacert.empty()) {
    // Extra trust on top of the system store: OpenSSL consults both the file and the directory.
    set(easy_, CURLOPT_CAINFO, options.cacert.c_str());
    set(easy_, CURLOPT_CAPATH, "/etc/ssl/certs");
  }
  if (!settings.if_none_match.empty())
    request_headers_ = curl_slist_append(request_headers_, ("If-None-Match: " + settings.if_none_match).c_str());
  if (!settings.if_modified_since.empty())
    request_headers_ = curl_slist_append(request_headers_, ("If-Modified-Since: " + settings.if_modified_since).c_str());
  if (request_headers_ != nullptr) set(easy_, CURLOPT_HTTPHEADER, request_headers_);
  set(easy_, CURLOPT_WRITEFUNCTION, &Transfer::on_body);
  set(easy_, CURLOPT_WRITEDATA, static_cast<void*>(this));
  set(easy_, CURLOPT_HEADERFUNCTION, &Transfer::on_header);
  set(easy_, CURLOPT_HEADERDATA, static_cast<void*>(this));
  set(easy_, CURLOPT_OPENSOCKETFUNCTION, &Transfer::on_open_socket);
  set(easy_, CURLOPT_OPENSOCKETDATA, static_cast<void*>(this));
  set(easy_, CURLOPT_CLOSESOCKETFUNCTION, &CurlAsioLoop::close_socket_callback);
  set(easy_, CURLOPT_CLOSESOCKETDATA, static_cast<void*>(&loop_));
}

Transfer::~Transfer() {
  curl_easy_cleanup(easy_);
  curl_slist_free_all(request_headers_);
}

size_t Transfer::on_body(char* data, size_t size, size_t count, void* self) {
  auto* t = static_cast<Transfer*>(self);
  const size_t n = size * count;
  if (!t->decoder_) t->decoder_ = std::make_unique<ContentDecoder>(t->content_encoding());
  // The coded bytes are bounded too: a stream that decodes to nothing must not run on forever.
  t->coded_bytes_ += n;
  const std::size_t before = t->body_.size();
  const bool fine = t->coded_bytes_ <= t->options_.max_body_bytes &&
                    t->decoder_->feed(std::string_view(data, n), t->body_, t->options_.max_body_bytes);
  if (t->live_body_bytes_ != nullptr) *t->live_body_bytes_ += t->body_.size() - before;
  if (fine) return n;
  if (t->coded_bytes_ > t->options_.max_body_bytes || t->decoder_->over_limit()) t->truncated_ = true;
  else t->decode_failed_ = true;
  return 0;  // makes libcurl stop with CURLE_WRITE_ERROR
}

std::string Transfer::content_encoding() const {
  std::string codings;
  for (const auto& [name, value] : block_headers_) {
    if (!iequals(name, "content-encoding")) continue;
    if (!codings.empty()) codings += ',';
    codings += value;
  }
  return codings;
}

size_t Transfer::on_header(char* data, size_t size, size_t count, void* self) {
  const size_t n = size * count;
  auto* t = static_cast<Transfer*>(self);
  t->header_line(std::string_view(data, n));
  return t->refused_.empty() ? n : 0;  // 0 stops libcurl before it follows a refused redirect
}

void Transfer::header_line(std::string_view line) {
  if (line.rfind("HTTP/", 0) == 0) {
    // A new response starts (one per redirect hop, plus any 1xx).
    block_status_ = 0;
    block_location_.clear();
    block_headers_.clear();
    decoder_.reset();
    const auto sp = line.find(' ');
    if (sp != std::string_view::npos) {
      const auto code = line.substr(sp + 1, 3);
      std::from_chars(code.data(), code.data() + code.size(), block_status_);
    }
    return;
  }
  if (trim(line).empty()) {
    if (block_status_ >= 300 && block_status_ < 400 && !block_location_.empty()) {
      hops_.push_back({current_url_, block_status_});
      const std::string next = resolve_reference(current_url_, block_location_);
      // Judged before libcurl follows it: a file:, gopher: or ftp: target is refused outright
      // (final, no retry), and a literal private address in any spelling never reaches a resolver.
      refused_ = url_refusal(next.empty() ? block_location_ : next, options_);
      if (!next.empty()) current_url_ = next;
    }
    return;
  }
  const auto colon = line.find(':');
  if (colon == std::string_view::npos) return;
  std::string name(trim(line.substr(0, colon)));
  std::string value(trim(line.substr(colon + 1)));
  if (iequals(name, "location")) block_location_ = value;
  if (iequals(name, "content-length") && block_status_ >= 200 && block_status_ < 300 && body_.empty()) {
    // One allocation for the whole body instead of repeated growth (bounded by the size limit).
    std::size_t declared = 0;
    const auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), declared);
    // Capped, so that many large declared bodies do not claim memory before any byte arrives.
    if (ec == std::errc() && declared <= options_.max_body_bytes) body_.reserve(std::min<std::size_t>(declared, 8u << 20));
  }
  block_headers_.emplace_back(std::move(name), std::move(value));
}

CURLcode Transfer::on_ssl_context(CURL*, void* ssl_ctx, void*) {
  auto* ctx = static_cast<SSL_CTX*>(ssl_ctx);
  SSL_CTX_set_options(ctx, SSL_OP_LEGACY_SERVER_CONNECT);
  SSL_CTX_set_security_level(ctx, 0);
  return CURLE_OK;
}

curl_socket_t Transfer::on_open_socket(void* self, curlsocktype, curl_sockaddr* address) {
  auto* t = static_cast<Transfer*>(self);
  const auto addr = to_address(*address);
  if (!addr) {
    t->blocked_ = "unsupported address family";
    return CURL_SOCKET_BAD;
  }
  if (std::string why = address_refusal(*addr, t->options_); !why.empty()) {
    t->blocked_ = std::move(why);
    return CURL_SOCKET_BAD;  // libcurl reports CURLE_COULDNT_CONNECT (or tries the next address)
  }
  return t->loop_.open_socket(*address);
}

void Transfer::finish(CURLcode result, Response& out) {
  long status = 0;
  curl_easy_getinfo(easy_, CURLINFO_RESPONSE_CODE, &status);
  char* effective = nullptr;
  curl_easy_getinfo(easy_, CURLINFO_EFFECTIVE_URL, &effective);
  char* ip = nullptr;
  curl_easy_getinfo(easy_, CURLINFO_PRIMARY_IP, &ip);

  out.url = url_;
  out.final_url = effective != nullptr ? effective : url_;
  out.redirects = hops_;
  out.http_status = status;
  out.headers = block_headers_;
  out.body = std::move(body_);
  out.truncated = truncated_;
  out.remote_ip = ip != nullptr ? ip : "";
  const auto phase = [&](CURLINFO info) {
    curl_off_t us = 0;
    return curl_easy_getinfo(easy_, info, &us) == CURLE_OK && us > 0 ? static_cast<double>(us) / 1000.0 : -1.0;
  };
  out.timings = {phase(CURLINFO_NAMELOOKUP_TIME_T), phase(CURLINFO_CONNECT_TIME_T), phase(CURLINFO_APPCONNECT_TIME_T),
                 phase(CURLINFO_STARTTRANSFER_TIME_T), phase(CURLINFO_TOTAL_TIME_T)};
  read_entity_headers(out);
  out.error = result == CURLE_OK ? "" : curl_easy_strerror(result);

  retryable_ = false;
  switch (result) {
    case CURLE_OK:
      if (status == 304) out.outcome = Outcome::not_modified;
      else if (status == 429 || status == 503) out.outcome = Outcome::rate_limited, retryable_ = true;
      else if (status >= 300) out.outcome = Outcome::http_error, retryable_ = status == 500 || status == 502 || status == 504;
      else out.outcome = Outcome::ok;
      break;
    case CURLE_OPERATION_TIMEDOUT:
      out.outcome = Outcome::timeout;
      retryable_ = true;
      break;
    case CURLE_COULDNT_RESOLVE_HOST:
      out.outcome = Outcome::dns_error;
      break;
    case CURLE_TOO_MANY_REDIRECTS:
      out.outcome = Outcome::too_many_redirects;
      break;
    case CURLE_FILESIZE_EXCEEDED:
      out.outcome = Outcome::too_large;
      out.truncated = true;
      break;
    case CURLE_WRITE_ERROR:
      if (!refused_.empty()) {
        out.outcome = Outcome::blocked_address;
        out.error = "refused by the address policy: redirect to " + refused_;
      } else if (decode_failed_) {
        out.outcome = status >= 300 ? Outcome::http_error : Outcome::truncated;
        out.truncated = true;
        out.error = "the body cannot be decoded: " + decoder_->problem();
      } else {
        out.outcome = truncated_ ? Outcome::too_large : Outcome::connect_error;
      }
      break;
    case CURLE_PARTIAL_FILE:
      // Fewer bytes than Content-Length, or a chunked body without its last chunk: the server or
      // something on the way cut it. Possibly transient, so retried like a reset.
      out.outcome = Outcome::truncated;
      out.truncated = true;
      retryable_ = true;
      break;
    case CURLE_UNSUPPORTED_PROTOCOL:
      // A redirect to a scheme libcurl may not follow (our header check sees it first; this is the
      // backstop): a policy refusal, final.
      out.outcome = Outcome::blocked_address;
      out.error = "refused by the address policy: " + out.error;
      break;
    case CURLE_COULDNT_CONNECT:
      if (!blocked_.empty()) {
        out.outcome = Outcome::blocked_address;
        out.error = "refused by the address policy: " + blocked_;
      } else {
        out.outcome = Outcome::connect_error;
        retryable_ = true;
      }
      break;
    default:
      if (is_tls_failure(result)) {
        out.outcome = Outcome::tls_error;
        out.tls_error = out.error;
      } else {
        // Resets, empty replies, truncated transfers, HTTP/2 stream errors: the connection failed.
        out.outcome = Outcome::connect_error;
        retryable_ = true;
      }
  }
  if (result == CURLE_OK && decoder_ && !decoder_->complete()) {
    // Transfer complete, content not: the compressed stream stopped before its end marker.
    out.truncated = true;
    out.error = "the body is incomplete: " + decoder_->problem();
    if (out.outcome == Outcome::ok) out.outcome = Outcome::truncated;
  }
  if (result == CURLE_OK && (status == 429 || status == 503)) {
    for (const auto& [name, value] : out.headers) {
      if (!iequals(name, "retry-after")) continue;
      if (auto wait = parse_retry_after(value, std::chrono::system_clock::now())) {
        has_retry_after_ = true;
        retry_after_ = *wait;
      }
    }
  }
}

}  // namespace oitscan::fetch
