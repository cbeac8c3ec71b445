#pragma once
// Content-Encoding decoding done by us, not by libcurl, for one reason: libcurl accepts a gzip,
// deflate or brotli stream that simply stops (a server killed mid-write with the Content-Length
// already sent, a proxy that cut the body) and hands over half a page as if it were whole. Here
// every stream must reach its own end marker, or the body is `truncated` (unverifiable), never `ok`.
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace oitscan::fetch {

// The Accept-Encoding we send: exactly the codings ContentDecoder understands.
inline constexpr const char* kAcceptEncoding = "gzip, deflate, br";

class ContentDecoder {
 public:
  // `content_encoding`: the header value(s), comma-joined, in the order the server applied them
  // ("gzip", "deflate, br", "identity", or empty for none). Codings are case-insensitive.
  explicit ContentDecoder(std::string_view content_encoding);
  ~ContentDecoder();
  ContentDecoder(const ContentDecoder&) = delete;
  ContentDecoder& operator=(const ContentDecoder&) = delete;

  // Decodes the next piece of the body, appending to `out` without letting it grow past `limit`
  // bytes. False when the data is corrupt, the coding unknown, or the output would pass `limit`
  // (over_limit() then says which); nothing more may be fed after a false.
  bool feed(std::string_view in, std::string& out, std::size_t limit);

  // After the transfer ended: true when no coding was applied, no byte arrived, or every coded
  // stream reached its end marker.
  bool complete() const;
  bool over_limit() const { return over_limit_; }
  // Why the body cannot be used ("gzip stream ends early", "unknown content coding `zstd`" ...);
  // empty when complete().
  std::string problem() const;

  // One coding stage; the chain runs them from the last applied to the first.
  class Stage;

 private:
  std::vector<std::unique_ptr<Stage>> stages_;  // in decoding order
  std::string unknown_;  // a coding we cannot decode
  std::string error_;
  bool fed_ = false;
  bool over_limit_ = false;
};

}  // namespace oitscan::fetch
