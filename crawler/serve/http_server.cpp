#include "serve/http_server.hpp"

#include <sys/socket.h>
#include <sys/time.h>

#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>

#include <iostream>
#include <thread>

namespace oitscan::serve {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

namespace {

void set_timeouts(tcp::socket& socket, std::chrono::seconds timeout) {
  timeval tv{};
  tv.tv_sec = static_cast<time_t>(timeout.count());
  ::setsockopt(socket.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  ::setsockopt(socket.native_handle(), SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
}

Reply plain_error(http::status status, std::string_view text) { return text_reply(status, std::string(text) + "\n"); }

}  // namespace

std::pair<std::string, unsigned short> split_listen(const std::string& listen) {
  const auto colon = listen.rfind(':');
  if (colon == std::string::npos || colon + 1 == listen.size()) throw std::invalid_argument("expected ADDR:PORT, got '" + listen + "'");
  std::string host = listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  int port = 0;
  try {
    std::size_t used = 0;
    port = std::stoi(listen.substr(colon + 1), &used);
    if (used != listen.size() - colon - 1) port = -1;
  } catch (const std::exception&) {
    port = -1;
  }
  if (port < 0 || port > 65535) throw std::invalid_argument("the port of '" + listen + "' is not a number 0-65535");
  return {host, static_cast<unsigned short>(port)};
}

HttpServer::HttpServer(asio::io_context& io, const std::string& address, unsigned short port, ServerLimits limits, Handler handler)
    : acceptor_(io), limits_(limits), handler_(std::move(handler)) {
  boost::system::error_code ec;
  const auto addr = asio::ip::make_address(address, ec);
  if (ec) throw std::invalid_argument("--listen: '" + address + "' is not an IP address");
  const tcp::endpoint endpoint(addr, port);
  acceptor_.open(endpoint.protocol());
  acceptor_.set_option(asio::socket_base::reuse_address(true));
  acceptor_.bind(endpoint, ec);
  if (ec) throw std::runtime_error("--listen: cannot bind " + address + ":" + std::to_string(port) + ": " + ec.message());
  acceptor_.listen(asio::socket_base::max_listen_connections);
}

unsigned short HttpServer::port() const { return acceptor_.local_endpoint().port(); }

void HttpServer::start() { accept(); }

void HttpServer::stop() {
  stopped_ = true;
  boost::system::error_code ec;
  acceptor_.close(ec);
  std::lock_guard lock(sockets_mutex_);
  for (int fd : sockets_) ::shutdown(fd, SHUT_RDWR);
}

bool HttpServer::wait_idle(std::chrono::milliseconds limit) const {
  const auto until = std::chrono::steady_clock::now() + limit;
  while (connections_.load() > 0 && std::chrono::steady_clock::now() < until) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  return connections_.load() == 0;
}

void HttpServer::accept() {
  acceptor_.async_accept([this](boost::system::error_code ec, tcp::socket socket) {
    if (stopped_) return;
    if (!ec) {
      if (connections_.load() >= limits_.max_connections) {
        // Over the limit: say so and close, on this thread (short and bounded by the timeout).
        set_timeouts(socket, std::chrono::seconds(2));
        auto reply = plain_error(http::status::service_unavailable, "too many connections");
        reply.response.set(http::field::retry_after, "5");
        reply.response.keep_alive(false);
        reply.response.prepare_payload();
        boost::system::error_code wec;
        http::write(socket, reply.response, wec);
      } else {
        ++connections_;
        std::thread([this, s = std::move(socket)]() mutable {
          serve(std::move(s));
          --connections_;
        }).detach();
      }
    }
    accept();
  });
}

void HttpServer::serve(tcp::socket socket) {
  set_timeouts(socket, limits_.io_timeout);
  const int fd = socket.native_handle();
  {
    std::lock_guard lock(sockets_mutex_);
    if (stopped_) return;
    sockets_.insert(fd);
  }
  struct Forget {
    HttpServer& server;
    int fd;
    ~Forget() {
      std::lock_guard lock(server.sockets_mutex_);
      server.sockets_.erase(fd);
    }
  } forget{*this, fd};
  boost::system::error_code ec;
  const auto remote = socket.remote_endpoint(ec);
  const std::string client = ec ? "unknown" : remote.address().to_string();
  boost::beast::flat_buffer buffer;
  for (;;) {
    http::request_parser<http::string_body> parser;
    parser.header_limit(16 * 1024);
    parser.body_limit(limits_.max_body_bytes);
    http::read(socket, buffer, parser, ec);
    if (ec == http::error::end_of_stream || ec == asio::error::connection_reset) break;
    if (ec) {
      if (ec == http::error::body_limit) {
        auto reply = plain_error(http::status::payload_too_large, "request body too large");
        reply.response.keep_alive(false);
        reply.response.prepare_payload();
        http::write(socket, reply.response, ec);
      } else if (ec != asio::error::would_block && ec != asio::error::timed_out && ec != asio::error::eof) {
        auto reply = plain_error(http::status::bad_request, "malformed request");
        reply.response.keep_alive(false);
        reply.response.prepare_payload();
        http::write(socket, reply.response, ec);
      }
      break;
    }
    Request request = parser.release();
    Reply reply;
    try {
      reply = handler_(request, client);
    } catch (const std::exception& e) {
      std::cerr << "oitscan serve: " << request.method_string() << " " << request.target() << ": " << e.what() << "\n";
      reply = plain_error(http::status::internal_server_error, "internal error");
    }
    reply.response.version(request.version());
    if (reply.stream) {
      // Event streams: the head now, then the body as it comes; the connection ends with it.
      reply.response.keep_alive(false);
      http::response_serializer<http::string_body> head(reply.response);
      http::write_header(socket, head, ec);
      if (ec) break;
      reply.stream([&](std::string_view piece) {
        boost::system::error_code wec;
        asio::write(socket, asio::buffer(piece.data(), piece.size()), wec);
        return !wec;
      });
      break;
    }
    reply.response.keep_alive(request.keep_alive() && !stopped_);
    reply.response.prepare_payload();
    http::write(socket, reply.response, ec);
    if (ec || !reply.response.keep_alive()) break;
  }
  socket.shutdown(tcp::socket::shutdown_both, ec);
}

}  // namespace oitscan::serve
