// `oitscan fetch URL... [--json]`: the fetch engine on its own (contracts.md), for diagnostics and
// benchmarks. One line per URL, in completion order.
#include <CLI/CLI.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <algorithm>
#include <cmath>
#include <condition_variable>
#include <deque>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <mutex>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "cli/commands.hpp"
#include "cli/help_text.hpp"
#include "cli/fetch_flags.hpp"
#include "common/input_error.hpp"
#include "fetch/fetcher.hpp"
#include "fetch/response_json.hpp"
#include "fetch/url_key.hpp"

namespace oitscan::cli {
namespace {

std::chrono::milliseconds seconds_option(double s, const char* name) {
  if (!(s > 0) || !std::isfinite(s)) throw InputError("<arguments>", 0, name, "must be a positive number of seconds");
  return std::chrono::milliseconds(static_cast<long long>(s * 1000.0));
}

std::vector<std::string> read_url_list(const std::string& file) {
  std::ifstream in(file);
  if (!in) throw InputError(file, 0, "", "cannot read the URL list");
  std::vector<std::string> urls;
  std::string line;
  while (std::getline(in, line)) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    if (!line.empty() && line.front() != '#') urls.push_back(line);
  }
  return urls;
}

// Plain POSIX calls: one open, as few writes as the kernel takes, one close (an ofstream per
// body cost a FILE, a locale and a buffer each time).
void write_file(const std::filesystem::path& path, std::string_view body) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  bool fine = fd >= 0;
  while (fine && !body.empty()) {
    const ssize_t n = ::write(fd, body.data(), body.size());
    if (n < 0 && errno == EINTR) continue;
    fine = n > 0;
    if (fine) body.remove_prefix(static_cast<std::size_t>(n));
  }
  const int saved = errno;
  if (fd >= 0 && ::close(fd) != 0) fine = false;
  if (!fine) std::cerr << "oitscan fetch: cannot write " << path.string() << ": " << std::strerror(saved) << "\n";
}

// Everything done with a response after the engine delivers it: its report line (JSON or text)
// and its body file, in delivery order.
// - With one event loop the callback runs on the loop's thread, so this work runs on a thread of
//   its own and the loop only moves bytes. The queue is bounded (in bytes and in responses) to
//   keep memory flat when the disk or the terminal is slower than the network. Lines are gathered
//   and written in blocks, and whenever the queue runs dry, so a slow run still shows each line
//   as it comes.
// - With several loops the callback runs on the caller's thread, which has nothing else to do:
//   the work is done right there (`inline_work`), each line written as its response is. A second
//   hand-off would cost two thread wake-ups per response (measured: half the context switches).
class ResponseWriter {
 public:
  ResponseWriter(bool json, std::string body_dir, bool inline_work)
      : json_(json), body_dir_(std::move(body_dir)), inline_(inline_work) {
    if (!inline_) thread_ = std::thread([this] { loop(); });
  }
  ~ResponseWriter() { stop(); }

  // Waits for the last lines and bodies; rethrows what reporting a response threw (as the
  // callback would have, had the report been written on the engine's thread).
  void close() {
    stop();
    if (error_) std::rethrow_exception(error_);
  }
  ResponseWriter(const ResponseWriter&) = delete;
  ResponseWriter& operator=(const ResponseWriter&) = delete;

  void write(fetch::Response r) {
    if (inline_) {
      try {
        report(r);
        flush_output();
      } catch (...) {
        if (!error_) error_ = std::current_exception();  // the first one; the rest still get written
      }
      return;
    }
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return queued_bytes_ < kMaxQueuedBytes && queue_.size() < kMaxQueued; });
    queued_bytes_ += r.body.size();
    queue_.push_back(std::move(r));
    cv_.notify_all();
  }

 private:
  static constexpr std::size_t kMaxQueuedBytes = 8u << 20;
  static constexpr std::size_t kMaxQueued = 4096;
  static constexpr std::size_t kOutputBlock = 64u << 10;

  void report(fetch::Response& r) {
    auto line = fetch::response_to_json(r);
    if (!body_dir_.empty() && !r.duplicate) {
      const auto path = std::filesystem::path(body_dir_) / std::to_string(r.tag);
      line["body_path"] = path.string();
      write_file(path, r.body);
    }
    if (json_) {
      out_ += line.dump();
      out_ += '\n';
      return;
    }
    std::ostringstream text;
    text << line["outcome"].get<std::string>() << "\t" << r.http_status << "\t" << line["bytes"] << " B\t"
         << r.elapsed_ms << " ms\t" << r.url;
    if (r.final_url != r.url) text << " -> " << r.final_url;
    if (!r.error.empty()) text << "\t(" << r.error << ")";
    if (!r.tls_error.empty()) text << "\t[TLS: " << r.tls_error << "]";
    text << "\n";
    out_ += text.str();
  }

  void stop() {
    if (!thread_.joinable()) return;
    {
      std::lock_guard lock(mu_);
      closing_ = true;
    }
    cv_.notify_all();
    thread_.join();
  }

  void flush_output() {
    std::cout.write(out_.data(), static_cast<std::streamsize>(out_.size()));
    std::cout.flush();
    out_.clear();
  }

  void loop() {
    for (;;) {
      std::unique_lock lock(mu_);
      if (queue_.empty() && !out_.empty()) {
        lock.unlock();
        flush_output();
        lock.lock();
      }
      cv_.wait(lock, [&] { return closing_ || !queue_.empty(); });
      if (queue_.empty()) return;
      fetch::Response r = std::move(queue_.front());
      queue_.pop_front();
      lock.unlock();
      const std::size_t bytes = r.body.size();
      try {
        report(r);
        if (out_.size() >= kOutputBlock) flush_output();
      } catch (...) {
        if (!error_) error_ = std::current_exception();  // the first one; the rest still get written
      }
      lock.lock();
      queued_bytes_ -= bytes;
      cv_.notify_all();
    }
  }

  const bool json_;
  const std::string body_dir_;
  const bool inline_;
  std::string out_;  // report lines not yet written
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<fetch::Response> queue_;
  std::size_t queued_bytes_ = 0;
  bool closing_ = false;
  std::exception_ptr error_;  // written by the thread, read after join
  std::thread thread_;  // not with inline_work; last: starts once everything above exists
};

}  // namespace

Runner add_fetch_command(CLI::App& app) {
  struct Options {
    std::vector<std::string> urls;
    std::string input;
    bool json = false;
    double connect_timeout = 10;
    FetchFlags fetch;
    std::string body_dir;
    std::size_t max_bytes = 64u << 20;
    long max_redirects = 10;
    std::size_t concurrency = 64;
    int retries = 2;
    bool no_probe = false;
    bool no_adaptive = false;
    std::optional<std::size_t> workers;  // unset: 1 with one loop, 0 with more
    std::size_t loops = std::max(1u, std::thread::hardware_concurrency());
  };
  auto opt = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("fetch", "Fetch URLs with the crawler's engine and report each outcome");
  cmd->add_option("URL", opt->urls, "http(s) URLs to fetch");
  cmd->add_option("-i,--input", opt->input, "file with one URL per line (# comments allowed)");
  cmd->add_flag("--json", opt->json, "one JSON object per URL per line");
  add_fetch_flags(*cmd, opt->fetch);
  add_politeness_flags(*cmd, opt->fetch);
  describe_command(*cmd, {
      "oitscan fetch https://www.bangna.example.go.th/ita/O15.pdf",
      "oitscan fetch --input urls.txt --json --per-host 1 --min-delay-ms 500",
      "oitscan fetch http://www.demo.test:8080/ --resolve www.demo.test:8080:127.0.0.1 --allow-private",
  });
  in_range(cmd->add_option("--connect-timeout", opt->connect_timeout, "connect time limit, seconds (default 10)"), 0.001, kMaxTimeoutSeconds);
  cmd->add_option("--body-dir", opt->body_dir, "write each body to DIR/<n> (n = position of the URL)");
  in_range(cmd->add_option("--max-bytes", opt->max_bytes, "largest body kept; larger ones are truncated (too-large)"), 1, 4294967296.0);
  in_range(cmd->add_option("--max-redirects", opt->max_redirects, "redirects followed before too-many-redirects"), 0, 50);
  in_range(cmd->add_option("--concurrency", opt->concurrency, "concurrent transfers in total (default 64)"), 1, 1024);
  in_range(cmd->add_option("--retries", opt->retries, "retries of transient failures (default 2)"), 0, 10);
  cmd->add_flag("--no-soft404-probe", opt->no_probe, "do not probe random paths (host root and page folders) for soft 404s");
  in_range(cmd->add_option("--workers", opt->workers, "threads for digests and page checks, per loop (0 = on the event loop; default 1 with one loop, 0 with more)"), 0, 64);
  in_range(cmd->add_option("--loops", opt->loops, "event loops, each on a thread of its own with its share of the hosts (default: one per core)"), 1, 64);
  cmd->add_flag("--no-adaptive-delay", opt->no_adaptive, "do not adapt the per-host delay to response times");

  return [opt]() {
    std::vector<std::string> urls = opt->urls;
    if (!opt->input.empty()) {
      auto more = read_url_list(opt->input);
      urls.insert(urls.end(), more.begin(), more.end());
    }
    if (urls.empty()) throw InputError("<arguments>", 0, "URL", "give at least one URL or --input FILE");
    for (const auto& u : urls) {
      if (!fetch::parse_http_url(u)) throw InputError("<arguments>", 0, "URL", "not an absolute http(s) URL: " + u);
    }
    fetch::FetchOptions fo = to_fetch_options(opt->fetch);
    fo.connect_timeout = std::min(seconds_option(opt->connect_timeout, "--connect-timeout"), fo.total_timeout);
    fo.max_body_bytes = opt->max_bytes;
    fo.max_redirects = opt->max_redirects;
    fo.global_concurrency = opt->concurrency;
    fo.max_retries = opt->retries;
    fo.soft404_probe = !opt->no_probe;
    fo.adaptive_delay = !opt->no_adaptive;
    // With a loop per core the cores are busy already: digests on the loop threads save a hand-off
    // per response and the bodies waiting for a worker (8 MB per loop), at the same speed (measured).
    fo.worker_threads = opt->workers.value_or(opt->loops > 1 ? 0 : 1);
    fo.event_loops = opt->loops;
    if (!opt->body_dir.empty()) std::filesystem::create_directories(opt->body_dir);

    std::unique_ptr<fetch::Fetcher> fetcher;
    try {
      fetcher = fetch::make_fetcher(fo);
    } catch (const std::invalid_argument& e) {
      throw InputError("<arguments>", 0, "--resolve", e.what());
    }
    for (std::size_t i = 0; i < urls.size(); ++i) fetcher->submit({urls[i], i});

    bool all_ok = true;
    {
      ResponseWriter writer(opt->json, opt->body_dir, /*inline_work=*/fo.event_loops > 1);
      fetcher->run([&](fetch::Response&& r) {
        const bool ok = (r.outcome == fetch::Outcome::ok || r.outcome == fetch::Outcome::not_modified) && r.tls_error.empty();
        all_ok = all_ok && ok;
        writer.write(std::move(r));
      });
      writer.close();  // waits for the last lines and bodies
    }
    std::cout.flush();
    return all_ok ? 0 : 1;
  };
}

}  // namespace oitscan::cli
