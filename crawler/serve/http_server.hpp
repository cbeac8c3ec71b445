#pragma once
// The HTTP/1.1 server (Boost.Beast): accepts on one address, serves each connection on its own
// thread with synchronous reads and writes bounded by socket timeouts (a request is small and
// handled quickly; an event stream holds its thread while it lasts). Connections, request heads
// and bodies are bounded; a connection over the limit is answered 503 and closed.
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>
#include <set>
#include <string>

#include "serve/http_reply.hpp"

namespace oitscan::serve {

struct ServerLimits {
  std::size_t max_connections = 256;
  std::size_t max_body_bytes = 3u << 20;  // a 2 MB submission in a multipart form, with room
  std::chrono::seconds io_timeout{30};    // idle keep-alive and slow clients
};

class HttpServer {
 public:
  using Handler = std::function<Reply(const Request&, const std::string& client)>;

  // Binds at once (throws naming the address when it cannot); serving starts with run().
  HttpServer(boost::asio::io_context& io, const std::string& address, unsigned short port, ServerLimits limits, Handler handler);
  unsigned short port() const;
  // Accepts on the io_context; returns at once (run the io_context to serve).
  void start();
  // Stops accepting and cuts open connections (idle keep-alives, event streams) by shutting
  // their sockets down; a request being handled still gets its answer written if it can.
  void stop();
  // Waits up to `limit` for every connection thread to end; true when none is left.
  bool wait_idle(std::chrono::milliseconds limit) const;
  std::size_t open_connections() const { return connections_.load(); }

 private:
  void accept();
  void serve(boost::asio::ip::tcp::socket socket);

  boost::asio::ip::tcp::acceptor acceptor_;
  ServerLimits limits_;
  Handler handler_;
  std::atomic<std::size_t> connections_{0};
  std::atomic<bool> stopped_{false};
  mutable std::mutex sockets_mutex_;
  std::set<int> sockets_;  // native handles of open connections, for stop()
};

// "127.0.0.1:8568" or "[::1]:8568" → address and port; throws std::invalid_argument.
std::pair<std::string, unsigned short> split_listen(const std::string& listen);

}  // namespace oitscan::serve
