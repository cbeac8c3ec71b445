#include "fetch/test_server.hpp"

#include <brotli/encode.h>
#include <zlib.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ip/v6_only.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <thread>

namespace oitscan::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using asio::ip::tcp;
using asio::awaitable;

namespace {

constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

// window_bits: 15 + 16 gzip, 15 zlib, -15 raw deflate.
std::string zlib_compress(const std::string& in, int window_bits) {
  z_stream zs{};
  if (deflateInit2(&zs, Z_BEST_SPEED, Z_DEFLATED, window_bits, 8, Z_DEFAULT_STRATEGY) != Z_OK) throw std::runtime_error("deflateInit2");
  std::string out(deflateBound(&zs, static_cast<uLong>(in.size())) + 32, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  zs.avail_in = static_cast<uInt>(in.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&zs, Z_FINISH);
  deflateEnd(&zs);
  if (rc != Z_STREAM_END) throw std::runtime_error("deflate");
  out.resize(zs.total_out);
  return out;
}

std::string gzip(const std::string& in) { return zlib_compress(in, 15 + 16); }

std::string brotli(const std::string& in) {
  std::string out(BrotliEncoderMaxCompressedSize(in.size()) + 64, '\0');
  std::size_t n = out.size();
  if (!BrotliEncoderCompress(5, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_TEXT, in.size(),
                             reinterpret_cast<const std::uint8_t*>(in.data()), &n, reinterpret_cast<std::uint8_t*>(out.data())))
    throw std::runtime_error("BrotliEncoderCompress");
  out.resize(n);
  return out;
}

std::string encode(const std::string& body, const std::string& coding) {
  if (coding == "gzip") return gzip(body);
  if (coding == "deflate") return zlib_compress(body, 15);
  if (coding == "deflate-raw") return zlib_compress(body, -15);
  if (coding == "br") return brotli(body);
  if (coding.empty()) return body;
  throw std::runtime_error("test server: unknown coding " + coding);
}

std::string reason(int status) {
  const auto r = http::obsolete_reason(static_cast<http::status>(status));
  return r.empty() ? "Status" : std::string(r);
}

// The path as a web server maps it: query dropped, %XX escapes decoded (nginx does the same), so
// a route matches whether the client sent raw UTF-8 or percent-encoded bytes.
std::string decoded_path(const std::string& target) {
  const std::string raw = target.substr(0, target.find('?'));
  std::string out;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] == '%' && i + 2 < raw.size() && std::isxdigit(static_cast<unsigned char>(raw[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(raw[i + 2]))) {
      out += static_cast<char>(std::stoi(raw.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += raw[i];
    }
  }
  return out;
}

std::string strip_port(std::string host) {
  if (!host.empty() && host.front() == '[') return host.substr(0, host.find(']') + 1);
  const auto colon = host.rfind(':');
  return colon == std::string::npos ? host : host.substr(0, colon);
}

bool header_equals(const std::vector<std::pair<std::string, std::string>>& headers, std::string_view name,
                   const std::string& value) {
  if (value.empty()) return false;
  for (const auto& [n, v] : headers) {
    if (beast::iequals(n, name) && v == value) return true;
  }
  return false;
}

}  // namespace

TlsFiles make_test_certificate(const std::string& dir) {
  std::filesystem::create_directories(dir);
  TlsFiles f{dir + "/cert.pem", dir + "/key.pem"};
  const std::string cmd =
      "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj /CN=localhost"
      " -addext subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1 -keyout '" + f.key + "' -out '" + f.cert +
      "' >/dev/null 2>&1";
  if (std::system(cmd.c_str()) != 0) throw std::runtime_error("openssl could not make a test certificate");
  return f;
}

struct TestServer::Impl {
  asio::io_context io;
  asio::ssl::context tls_ctx{asio::ssl::context::tls_server};
  asio::ssl::context legacy_ctx{asio::ssl::context::tls_server};
  tcp::acceptor plain{io};
  tcp::acceptor secure{io};
  tcp::acceptor legacy{io};
  tcp::acceptor plain6{io};
  std::thread thread;

  mutable std::mutex mu;
  std::vector<Route> routes;
  std::map<std::string, std::size_t> route_hits;  // by route index + host
  std::vector<LoggedRequest> log;
  std::map<std::string, std::size_t> in_flight, max_in_flight;

  // Picks the scripted answer for a request and records it.
  ScriptedResponse pick(const LoggedRequest& req) {
    std::lock_guard lock(mu);
    log.push_back(req);
    ++in_flight[req.host];
    max_in_flight[req.host] = std::max(max_in_flight[req.host], in_flight[req.host]);
    const std::string path = decoded_path(req.target);
    const Route* found = nullptr;
    std::size_t found_prefix = 0;
    for (const auto& r : routes) {
      if ((!r.host.empty() && r.host != req.host) || r.responses.empty()) continue;
      if (r.path == path) {  // an exact path beats every pattern
        found = &r;
        break;
      }
      // "/ita/*" serves every path under /ita/ (a portal section); "*" alone is the site-wide
      // fallback. The longest prefix wins, the first route among equals.
      if (r.path.empty() || r.path.back() != '*') continue;
      const std::string prefix = r.path.substr(0, r.path.size() - 1);
      if (path.compare(0, prefix.size(), prefix) == 0 && (found == nullptr || prefix.size() + 1 > found_prefix)) {
        found = &r;
        found_prefix = prefix.size() + 1;
      }
    }
    if (found == nullptr) {
      ScriptedResponse nf;
      nf.status = 404;
      nf.headers = {{"Content-Type", "text/html"}};
      nf.body = "<html><body><h1>404 Not Found</h1></body></html>";
      return nf;
    }
    const std::string key = found->host + " " + found->path;
    const std::size_t n = route_hits[key]++;
    return found->responses[std::min(n, found->responses.size() - 1)];
  }

  void done(const std::string& host) {
    std::lock_guard lock(mu);
    --in_flight[host];
  }

  static awaitable<void> pause(int ms) {
    asio::steady_timer t(co_await asio::this_coro::executor, std::chrono::milliseconds(ms));
    co_await t.async_wait(use_tuple);
  }

  template <typename Stream>
  awaitable<bool> answer(Stream& stream, const ScriptedResponse& script, const LoggedRequest& req) {
    if (script.delay_ms > 0) co_await pause(script.delay_ms);
    int status = script.status;
    std::string body = script.gzip ? gzip(script.body) : encode(script.body, script.encoding);
    if (script.cut_encoded) body.resize(std::min(body.size(), *script.cut_encoded));
    auto headers = script.headers;
    // Conditional GET: answer 304 when the validators match the scripted ETag / Last-Modified.
    if (header_equals(headers, "ETag", req.if_none_match) || header_equals(headers, "Last-Modified", req.if_modified_since)) {
      status = 304;
      body.clear();
    }
    std::string head = "HTTP/1.1 " + std::to_string(status) + " " + reason(status) + "\r\n";
    for (const auto& [n, v] : headers) head += n + ": " + v + "\r\n";
    if (script.gzip && status != 304) head += "Content-Encoding: gzip\r\n";
    if (!script.encoding.empty() && status != 304)
      head += "Content-Encoding: " + (script.encoding == "deflate-raw" ? std::string("deflate") : script.encoding) + "\r\n";
    if (status == 304) {
    } else if (script.chunked) {
      head += "Transfer-Encoding: chunked\r\n";
    } else {
      head += "Content-Length: " + std::to_string(body.size()) + "\r\n";
    }
    head += "\r\n";
    auto [ec, n] = co_await asio::async_write(stream, asio::buffer(head), use_tuple);
    if (ec) co_return false;
    if (script.stall_ms > 0) co_await pause(script.stall_ms);

    if (script.reset_after) {
      const auto part = body.substr(0, std::min(body.size(), *script.reset_after));
      co_await asio::async_write(stream, asio::buffer(part), use_tuple);
      auto& sock = beast::get_lowest_layer(stream);
      boost::system::error_code ignored;
      sock.set_option(asio::socket_base::linger(true, 0), ignored);  // close -> RST
      sock.close(ignored);
      co_return false;
    }
    if (script.close_after) {
      std::string part = body.substr(0, std::min(body.size(), *script.close_after));
      if (script.chunked) {
        char size_hex[32];
        std::snprintf(size_hex, sizeof size_hex, "%zx\r\n", part.size());
        part = std::string(size_hex) + part + "\r\n";  // a whole chunk, then no last chunk
      }
      co_await asio::async_write(stream, asio::buffer(part), use_tuple);
      boost::system::error_code ignored;
      beast::get_lowest_layer(stream).shutdown(tcp::socket::shutdown_send, ignored);  // FIN, not RST
      co_return false;
    }
    const std::size_t step = script.drip_bytes > 0 ? script.drip_bytes : (script.chunked ? script.chunk_size : body.size());
    for (std::size_t off = 0; off < body.size(); off += step) {
      const std::string piece = body.substr(off, step);
      const std::string framed = script.chunked ? ([&] {
        char size_hex[32];
        std::snprintf(size_hex, sizeof size_hex, "%zx\r\n", piece.size());
        return std::string(size_hex) + piece + "\r\n";
      })() : piece;
      auto [wec, wn] = co_await asio::async_write(stream, asio::buffer(framed), use_tuple);
      if (wec) co_return false;
      if (script.drip_interval_ms > 0) co_await pause(script.drip_interval_ms);
    }
    if (script.chunked && status != 304) {
      auto [cec, cn] = co_await asio::async_write(stream, asio::buffer(std::string("0\r\n\r\n")), use_tuple);
      if (cec) co_return false;
    }
    co_return true;
  }

  template <typename Stream>
  awaitable<void> serve(Stream& stream) {
    beast::flat_buffer buffer;
    for (;;) {
      http::request<http::string_body> req;
      auto [ec, n] = co_await http::async_read(stream, buffer, req, use_tuple);
      if (ec) co_return;
      LoggedRequest logged{strip_port(std::string(req[http::field::host])), std::string(req.target()),
                           std::string(req[http::field::user_agent]), std::string(req[http::field::if_none_match]),
                           std::string(req[http::field::if_modified_since]),
                           std::string(req[http::field::accept_encoding])};
      const ScriptedResponse script = pick(logged);
      const bool alive = co_await answer(stream, script, logged);
      done(logged.host);
      if (!alive || !req.keep_alive()) co_return;
    }
  }

  awaitable<void> plain_session(tcp::socket sock) {
    co_await serve(sock);
    boost::system::error_code ignored;
    sock.shutdown(tcp::socket::shutdown_both, ignored);
  }

  awaitable<void> tls_session(tcp::socket sock, asio::ssl::context& ctx) {
    asio::ssl::stream<tcp::socket> stream(std::move(sock), ctx);
    auto [ec] = co_await stream.async_handshake(asio::ssl::stream_base::server, use_tuple);
    if (ec) co_return;  // e.g. the client rejected our certificate
    co_await serve(stream);
  }

  awaitable<void> accept_loop(tcp::acceptor& acceptor, asio::ssl::context* tls) {
    for (;;) {
      auto [ec, sock] = co_await acceptor.async_accept(use_tuple);
      if (ec) co_return;
      if (tls != nullptr) asio::co_spawn(io, tls_session(std::move(sock), *tls), asio::detached);
      else asio::co_spawn(io, plain_session(std::move(sock)), asio::detached);
    }
  }

  static void listen(tcp::acceptor& a, const tcp::endpoint& ep) {
    a.open(ep.protocol());
    a.set_option(tcp::acceptor::reuse_address(true));
    if (ep.protocol() == tcp::v6()) a.set_option(asio::ip::v6_only(true));
    a.bind(ep);
    a.listen();
  }
};

TestServer::TestServer(const TlsFiles& tls) : impl_(std::make_unique<Impl>()) {
  impl_->tls_ctx.use_certificate_chain_file(tls.cert);
  impl_->tls_ctx.use_private_key_file(tls.key, asio::ssl::context::pem);
  // The legacy listener speaks TLS 1.0 only, with OpenSSL's security level lowered so it may.
  impl_->legacy_ctx.use_certificate_chain_file(tls.cert);
  impl_->legacy_ctx.use_private_key_file(tls.key, asio::ssl::context::pem);
  SSL_CTX_set_security_level(impl_->legacy_ctx.native_handle(), 0);
  SSL_CTX_set_min_proto_version(impl_->legacy_ctx.native_handle(), TLS1_VERSION);
  SSL_CTX_set_max_proto_version(impl_->legacy_ctx.native_handle(), TLS1_VERSION);
  SSL_CTX_set_cipher_list(impl_->legacy_ctx.native_handle(), "DEFAULT:@SECLEVEL=0");
  Impl::listen(impl_->plain, {asio::ip::make_address("127.0.0.1"), 0});
  Impl::listen(impl_->secure, {asio::ip::make_address("127.0.0.1"), 0});
  Impl::listen(impl_->legacy, {asio::ip::make_address("127.0.0.1"), 0});
  try {
    Impl::listen(impl_->plain6, {asio::ip::make_address("::1"), 0});
  } catch (const std::exception&) {
    boost::system::error_code ignored;
    impl_->plain6.close(ignored);  // no IPv6 loopback on this machine
  }
  asio::co_spawn(impl_->io, impl_->accept_loop(impl_->plain, nullptr), asio::detached);
  asio::co_spawn(impl_->io, impl_->accept_loop(impl_->secure, &impl_->tls_ctx), asio::detached);
  asio::co_spawn(impl_->io, impl_->accept_loop(impl_->legacy, &impl_->legacy_ctx), asio::detached);
  if (impl_->plain6.is_open()) asio::co_spawn(impl_->io, impl_->accept_loop(impl_->plain6, nullptr), asio::detached);
  impl_->thread = std::thread([this] { impl_->io.run(); });
}

TestServer::~TestServer() {
  impl_->io.stop();
  impl_->thread.join();
}

unsigned short TestServer::http_port() const { return impl_->plain.local_endpoint().port(); }
unsigned short TestServer::https_port() const { return impl_->secure.local_endpoint().port(); }
unsigned short TestServer::legacy_https_port() const { return impl_->legacy.local_endpoint().port(); }
unsigned short TestServer::http6_port() const {
  return impl_->plain6.is_open() ? impl_->plain6.local_endpoint().port() : 0;
}

void TestServer::set_routes(std::vector<Route> routes) {
  std::lock_guard lock(impl_->mu);
  impl_->routes = std::move(routes);
  impl_->route_hits.clear();
  impl_->log.clear();
  impl_->max_in_flight.clear();
}

std::vector<LoggedRequest> TestServer::requests() const {
  std::lock_guard lock(impl_->mu);
  return impl_->log;
}

std::size_t TestServer::hits(const std::string& path) const {
  std::lock_guard lock(impl_->mu);
  std::size_t n = 0;
  for (const auto& r : impl_->log) if (decoded_path(r.target) == path) ++n;
  return n;
}

std::size_t TestServer::max_in_flight(const std::string& host) const {
  std::lock_guard lock(impl_->mu);
  auto it = impl_->max_in_flight.find(host);
  return it == impl_->max_in_flight.end() ? 0 : it->second;
}

}  // namespace oitscan::testing
