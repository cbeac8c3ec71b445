#pragma once
// Test support: a real `oitscan serve` process on 127.0.0.1 (started with fork/exec, stopped with
// a signal), and a small HTTP/1.1 client over Boost.Beast to talk to it.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <chrono>
#include <filesystem>
#include <map>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

namespace oitscan::test {

namespace http = boost::beast::http;

struct HttpResult {
  int status = 0;
  std::map<std::string, std::string> headers;  // lower-case names; Set-Cookie values joined by "\n"
  std::string body;
  std::string header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? "" : it->second;
  }
  nlohmann::json json() const { return nlohmann::json::parse(body); }
};

inline HttpResult http_request(int port, http::verb method, const std::string& target, const std::string& body = "",
                               const std::map<std::string, std::string>& headers = {}) {
  namespace asio = boost::asio;
  asio::io_context io;
  asio::ip::tcp::socket socket(io);
  socket.connect({asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port)});
  http::request<http::string_body> req{method, target, 11};
  req.set(http::field::host, "127.0.0.1:" + std::to_string(port));
  for (const auto& [k, v] : headers) req.set(k, v);
  req.body() = body;
  req.prepare_payload();
  http::write(socket, req);
  boost::beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(512u << 20);
  http::read(socket, buffer, parser);
  HttpResult out;
  const auto& res = parser.get();
  out.status = static_cast<int>(res.result_int());
  for (const auto& f : res) {
    std::string name(f.name_string());
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    auto& slot = out.headers[name];
    slot += (slot.empty() ? "" : "\n") + std::string(f.value());
  }
  out.body = res.body();
  return out;
}

inline HttpResult get(int port, const std::string& target, const std::map<std::string, std::string>& headers = {}) {
  return http_request(port, http::verb::get, target, "", headers);
}

// `oitscan serve` with the given arguments on a fresh port; waits until /healthz answers.
class ServeProcess {
 public:
  ServeProcess(std::vector<std::string> args, int port, const std::filesystem::path& log) : port_(port) {
    args.insert(args.begin(), {OITSCAN_BINARY, "serve", "--listen", "127.0.0.1:" + std::to_string(port)});
    pid_ = ::fork();
    if (pid_ == 0) {
      const std::string log_path = log.string();
      if (!std::freopen(log_path.c_str(), "a", stderr)) ::_exit(126);
      std::vector<char*> argv;
      for (auto& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      ::execv(argv[0], argv.data());
      ::_exit(127);
    }
    for (int i = 0; i < 200; ++i) {
      try {
        if (get(port_, "/healthz").status == 200) return;
      } catch (const std::exception&) {
      }
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        throw std::runtime_error("oitscan serve exited at start; see " + log.string());
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    throw std::runtime_error("oitscan serve did not answer /healthz; see " + log.string());
  }
  ~ServeProcess() {
    if (pid_ > 0) stop(SIGKILL);
  }
  ServeProcess(const ServeProcess&) = delete;
  ServeProcess& operator=(const ServeProcess&) = delete;

  // Sends `signal` and waits for the exit; returns the exit status (128+signal when killed).
  int stop(int signal = SIGTERM) {
    if (pid_ <= 0) return -1;
    ::kill(pid_, signal);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }
  int port() const { return port_; }

 private:
  int port_;
  pid_t pid_ = -1;
};

}  // namespace oitscan::test
