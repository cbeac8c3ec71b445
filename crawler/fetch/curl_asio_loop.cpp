#include "fetch/curl_asio_loop.hpp"

#include <boost/asio/post.hpp>

#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <stdexcept>
#include <utility>

namespace oitscan::fetch {

namespace asio = boost::asio;

// One watched descriptor. `want` is what libcurl currently asks for (CURL_POLL_IN/OUT bits); the
// *_waiting flags say whether an Asio wait is outstanding, so that a wait is never armed twice.
struct CurlAsioLoop::Watched {
  explicit Watched(asio::io_context& io) : socket(io) {}
  asio::ip::tcp::socket socket;
  curl_socket_t fd = CURL_SOCKET_BAD;
  int want = 0;
  bool read_waiting = false;
  bool write_waiting = false;
  bool owned = true;    // opened by us through CURLOPT_OPENSOCKETFUNCTION
  bool closed = false;  // libcurl closed it; late handlers must do nothing
};

CurlAsioLoop::CurlAsioLoop(asio::io_context& io, DoneHandler on_done)
    : io_(io), on_done_(std::move(on_done)), multi_(curl_multi_init()), timer_(io) {
  if (multi_ == nullptr) throw std::runtime_error("curl_multi_init failed");
  curl_multi_setopt(multi_, CURLMOPT_SOCKETFUNCTION, &CurlAsioLoop::socket_callback);
  curl_multi_setopt(multi_, CURLMOPT_SOCKETDATA, this);
  curl_multi_setopt(multi_, CURLMOPT_TIMERFUNCTION, &CurlAsioLoop::timer_callback);
  curl_multi_setopt(multi_, CURLMOPT_TIMERDATA, this);
}

CurlAsioLoop::~CurlAsioLoop() {
  timer_.cancel();
  curl_multi_cleanup(multi_);  // closes pooled connections through close_socket_callback
  // Whatever is left (dup()s of foreign descriptors) is ours to close.
  for (auto& [fd, w] : sockets_) {
    w->closed = true;
    boost::system::error_code ignored;
    w->socket.close(ignored);
  }
}

void CurlAsioLoop::set_connection_limits(long per_host, long total) {
  // The frontier already caps transfers per host and in total. Here only the per-host connection
  // count is capped, as a second line of defence. A total connection cap is deliberately not set:
  // with many hosts it makes libcurl close idle keep-alive connections to open new ones (churn).
  curl_multi_setopt(multi_, CURLMOPT_MAX_HOST_CONNECTIONS, per_host);
  curl_multi_setopt(multi_, CURLMOPT_MAXCONNECTS, std::max(64L, 2 * total));  // idle pool size
}

void CurlAsioLoop::add(CURL* easy) {
  const CURLMcode rc = curl_multi_add_handle(multi_, easy);
  if (rc != CURLM_OK) throw std::runtime_error(std::string("curl_multi_add_handle: ") + curl_multi_strerror(rc));
  ++running_handles_;
}

void CurlAsioLoop::remove(CURL* easy) {
  if (curl_multi_remove_handle(multi_, easy) == CURLM_OK) --running_handles_;
}

curl_socket_t CurlAsioLoop::open_socket(const curl_sockaddr& address) {
  const asio::ip::tcp protocol = address.family == AF_INET6 ? asio::ip::tcp::v6() : asio::ip::tcp::v4();
  auto w = std::make_shared<Watched>(io_);
  boost::system::error_code ec;
  w->socket.open(protocol, ec);
  if (ec) return CURL_SOCKET_BAD;
  w->fd = w->socket.native_handle();
  sockets_[w->fd] = w;
  return w->fd;
}

int CurlAsioLoop::close_socket_callback(void* loop, curl_socket_t fd) {
  auto* self = static_cast<CurlAsioLoop*>(loop);
  const auto it = self->sockets_.find(fd);
  if (it == self->sockets_.end()) return ::close(fd);
  auto w = it->second;
  self->sockets_.erase(it);
  w->closed = true;
  w->want = 0;
  boost::system::error_code ec;
  w->socket.close(ec);  // pending waits complete with operation_aborted and see `closed`
  return ec ? -1 : 0;
}

int CurlAsioLoop::socket_callback(CURL*, curl_socket_t fd, int what, void* self, void*) {
  static_cast<CurlAsioLoop*>(self)->watch(fd, what);
  return 0;
}

void CurlAsioLoop::watch(curl_socket_t fd, int what) {
  auto it = sockets_.find(fd);
  if (what == CURL_POLL_REMOVE) {
    if (it == sockets_.end()) return;
    it->second->want = 0;  // outstanding waits fire later and are ignored; no cancel, see arm()
    if (!it->second->owned) {
      it->second->closed = true;
      boost::system::error_code ec;
      it->second->socket.close(ec);  // closes only our dup()
      sockets_.erase(it);
    }
    return;
  }
  if (it == sockets_.end()) {
    // A descriptor libcurl created without our open-socket callback: watch a duplicate so that
    // Asio never closes libcurl's descriptor.
    auto w = std::make_shared<Watched>(io_);
    const int dup_fd = ::dup(fd);
    if (dup_fd < 0) return;
    boost::system::error_code ec;
    w->socket.assign(asio::ip::tcp::v4(), dup_fd, ec);
    if (ec) {
      ::close(dup_fd);
      return;
    }
    w->fd = fd;
    w->owned = false;
    it = sockets_.emplace(fd, std::move(w)).first;
  }
  auto w = it->second;
  w->want = what == CURL_POLL_INOUT ? (CURL_POLL_IN | CURL_POLL_OUT) : what;
  if (w->want & CURL_POLL_IN) arm(w, CURL_POLL_IN);
  if (w->want & CURL_POLL_OUT) arm(w, CURL_POLL_OUT);
}

void CurlAsioLoop::arm(const std::shared_ptr<Watched>& w, int direction) {
  // Waits are never cancelled when interest changes: a stale wait simply finds `want` without its
  // direction and ends. Cancelling would race with re-arming and could lose an event.
  bool& waiting = direction == CURL_POLL_IN ? w->read_waiting : w->write_waiting;
  if (waiting || w->closed) return;
  waiting = true;
  const auto kind = direction == CURL_POLL_IN ? asio::ip::tcp::socket::wait_read : asio::ip::tcp::socket::wait_write;
  w->socket.async_wait(kind, [this, w, direction](const boost::system::error_code& ec) { on_ready(w, direction, ec); });
}

void CurlAsioLoop::on_ready(const std::shared_ptr<Watched>& w, int direction, const boost::system::error_code& ec) {
  (direction == CURL_POLL_IN ? w->read_waiting : w->write_waiting) = false;
  if (ec == asio::error::operation_aborted || w->closed) return;
  if ((w->want & direction) == 0) return;
  const int mask = ec ? CURL_CSELECT_ERR : (direction == CURL_POLL_IN ? CURL_CSELECT_IN : CURL_CSELECT_OUT);
  socket_action(w->fd, mask);
  if (!w->closed && (w->want & direction)) arm(w, direction);
}

int CurlAsioLoop::timer_callback(CURLM*, long timeout_ms, void* self) {
  auto* loop = static_cast<CurlAsioLoop*>(self);
  if (timeout_ms < 0) {
    loop->timer_.cancel();
    return 0;
  }
  if (timeout_ms == 0) {
    // "Act as soon as possible": a posted handler (outside this callback) is cheaper than arming
    // the timer, which costs a timerfd syscall each time. One pending post is enough.
    loop->timer_.cancel();
    if (!loop->immediate_pending_) {
      loop->immediate_pending_ = true;
      boost::asio::post(loop->io_, [loop] {
        loop->immediate_pending_ = false;
        loop->socket_action(CURL_SOCKET_TIMEOUT, 0);
      });
    }
    return 0;
  }
  loop->timer_.expires_after(std::chrono::milliseconds(timeout_ms));  // cancels a pending wait
  loop->timer_.async_wait([loop](const boost::system::error_code& ec) { loop->on_timer(ec); });
  return 0;
}

void CurlAsioLoop::on_timer(const boost::system::error_code& ec) {
  if (ec) return;  // replaced or deleted
  socket_action(CURL_SOCKET_TIMEOUT, 0);
}

void CurlAsioLoop::socket_action(curl_socket_t fd, int ev_bitmask) {
  int still_running = 0;
  curl_multi_socket_action(multi_, fd, ev_bitmask, &still_running);
  drain_completed();
}

void CurlAsioLoop::drain_completed() {
  int left = 0;
  while (CURLMsg* msg = curl_multi_info_read(multi_, &left)) {
    if (msg->msg != CURLMSG_DONE) continue;
    CURL* easy = msg->easy_handle;
    const CURLcode result = msg->data.result;
    curl_multi_remove_handle(multi_, easy);  // `msg` is invalid from here on
    --running_handles_;
    on_done_(easy, result);
  }
}

}  // namespace oitscan::fetch
