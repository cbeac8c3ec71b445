#pragma once
// A scripted HTTP/1.1 server for the fetch tests, built on Boost.Beast inside the test process.
// It listens on 127.0.0.1 (plain and TLS) and on [::1] (plain), and answers each request from a
// script: status, headers, body, and misbehaviour on demand (delay, stall after the headers, slow
// drip, chunked, gzip, connection reset). It records every request so tests can count hits and
// measure how many requests a host had in flight at once.
#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace oitscan::testing {

struct ScriptedResponse {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  bool gzip = false;
  bool chunked = false;
  std::size_t chunk_size = 1000;
  int delay_ms = 0;             // before anything is sent
  int stall_ms = 0;             // after the headers, before the body
  std::size_t drip_bytes = 0;   // send the body this many bytes at a time ...
  int drip_interval_ms = 0;     // ... with this pause in between
  std::optional<std::size_t> reset_after;  // body bytes sent before an abortive close (RST)
  // Content coding applied by the server ("gzip", "deflate" (zlib), "deflate-raw", "br"); sets
  // Content-Encoding (deflate-raw as "deflate", as broken servers send it).
  std::string encoding;
  std::optional<std::size_t> cut_encoded;  // keep only this many coded bytes; Content-Length matches them
  // Declare the whole body (Content-Length or chunked), send this many body bytes, then close the
  // connection cleanly (FIN): a short body, or a chunked one without its last chunk.
  std::optional<std::size_t> close_after;
};

// Responses for successive hits of one route; the last one repeats.
struct Route {
  std::string host;  // empty = any host
  std::string path;  // exact; "/dir/*" = any path under /dir/ (longest wins); "*" = any other path
  std::vector<ScriptedResponse> responses;
};

struct LoggedRequest {
  std::string host;
  std::string target;
  std::string user_agent;
  std::string if_none_match;
  std::string if_modified_since;
  std::string accept_encoding;
};

struct TlsFiles {
  std::string cert;  // PEM, self-signed for localhost, 127.0.0.1 and ::1
  std::string key;
};

// Generates a fresh key and certificate with the openssl CLI into `dir` (once per process).
TlsFiles make_test_certificate(const std::string& dir);

class TestServer {
 public:
  explicit TestServer(const TlsFiles& tls);
  ~TestServer();
  TestServer(const TestServer&) = delete;
  TestServer& operator=(const TestServer&) = delete;

  unsigned short http_port() const;
  unsigned short https_port() const;
  unsigned short legacy_https_port() const;  // TLS 1.0 only, like an old IIS
  unsigned short http6_port() const;  // 0 when ::1 is unavailable

  void set_routes(std::vector<Route> routes);
  std::vector<LoggedRequest> requests() const;
  std::size_t hits(const std::string& path) const;
  std::size_t max_in_flight(const std::string& host) const;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace oitscan::testing
