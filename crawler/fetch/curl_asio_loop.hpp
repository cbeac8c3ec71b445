#pragma once
// Drives libcurl's multi interface from one Boost.Asio event loop (curl_multi_socket_action):
// libcurl tells us which sockets to watch (CURLMOPT_SOCKETFUNCTION) and when to wake it
// (CURLMOPT_TIMERFUNCTION); Asio waits and calls back into libcurl. No polling, no thread per request.
//
// Rules kept here (each one a known trap):
//  * curl_multi_socket_action is only ever called from an Asio handler, never from inside a libcurl
//    callback, so it is never re-entered;
//  * a socket wait is re-armed after every event for as long as libcurl still wants that direction;
//  * timeout_ms == -1 from libcurl deletes the timer; 0 means "as soon as possible", which still goes
//    through the timer so that it runs outside the callback;
//  * sockets are opened and closed through CURLOPT_OPENSOCKETFUNCTION / CLOSESOCKETFUNCTION, so
//    Asio owns them; a socket libcurl opened itself (if any) is watched through a dup()ed descriptor.
#include <curl/curl.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>

#include <functional>
#include <memory>
#include <unordered_map>

namespace oitscan::fetch {

class CurlAsioLoop {
 public:
  using DoneHandler = std::function<void(CURL* easy, CURLcode result)>;

  CurlAsioLoop(boost::asio::io_context& io, DoneHandler on_done);
  ~CurlAsioLoop();
  CurlAsioLoop(const CurlAsioLoop&) = delete;
  CurlAsioLoop& operator=(const CurlAsioLoop&) = delete;

  // Starts a configured easy handle; its completion arrives through the DoneHandler. The handle
  // is removed from the multi before the handler runs; the caller then owns it again.
  void add(CURL* easy);
  // Takes a running easy handle out before it completes (no DoneHandler call for it); libcurl
  // closes its connection through close_socket_callback. Not from inside a libcurl callback.
  void remove(CURL* easy);
  void set_connection_limits(long per_host, long total);

  // To be installed by whoever configures an easy handle: opens the socket libcurl asks for as an
  // Asio socket (the caller decides before whether the address is allowed at all).
  curl_socket_t open_socket(const curl_sockaddr& address);
  static int close_socket_callback(void* loop, curl_socket_t fd);

  std::size_t running() const { return running_handles_; }

 private:
  struct Watched;
  static int socket_callback(CURL* easy, curl_socket_t fd, int what, void* self, void* socketp);
  static int timer_callback(CURLM* multi, long timeout_ms, void* self);
  void watch(curl_socket_t fd, int what);
  void arm(const std::shared_ptr<Watched>& w, int direction);
  void on_ready(const std::shared_ptr<Watched>& w, int direction, const boost::system::error_code& ec);
  void on_timer(const boost::system::error_code& ec);
  void socket_action(curl_socket_t fd, int ev_bitmask);
  void drain_completed();

  boost::asio::io_context& io_;
  DoneHandler on_done_;
  CURLM* multi_ = nullptr;
  boost::asio::steady_timer timer_;
  std::unordered_map<curl_socket_t, std::shared_ptr<Watched>> sockets_;
  std::size_t running_handles_ = 0;
  bool immediate_pending_ = false;  // a posted "timeout 0" action not yet run
};

}  // namespace oitscan::fetch
