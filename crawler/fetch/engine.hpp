#pragma once
// The engine behind make_fetcher(): internal to crawler/fetch (other stages use fetcher.hpp).
// Scheduling lives in engine.cpp, the completion path (digests, page verdicts, delivery) in
// engine_completion.cpp.
#include <curl/curl.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>

#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

#include "fetch/curl_asio_loop.hpp"
#include "fetch/fetcher.hpp"
#include "fetch/host_frontier.hpp"
#include "fetch/not_found_text.hpp"
#include "fetch/response_cache.hpp"
#include "fetch/robots.hpp"
#include "fetch/transfer.hpp"

namespace oitscan::fetch {

class Engine final : public Fetcher {
 public:
  explicit Engine(const FetchOptions& options);
  ~Engine() override;
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  void submit(Request request) override;
  void run(const OnResponse& on_response) override;
  void set_run_budget(std::chrono::milliseconds budget) override { options_.run_budget = budget; }

  // Runs `fn` on the loop thread once the handlers already queued have run: after the rest of the
  // socket events the loop is handling now. From the loop thread only (a callback). Whatever is
  // still queued when run() returns runs early in the next run(), or never if there is none.
  void after_this_round(std::function<void()> fn);

 private:
  using Clock = std::chrono::steady_clock;
  using milliseconds = std::chrono::milliseconds;

  struct Requester {
    std::uint64_t tag;
    std::string url;
  };
  struct Job {
    std::string url;   // normalised
    std::string host;  // frontier key
    std::vector<Requester> requesters;
    enum class Kind { request, probe, robots } kind = Kind::request;  // probe/robots: internal
    int attempt = 0;
    bool insecure = false;
    std::string tls_error;
    std::optional<Clock::time_point> first_start;
    Clock::time_point deadline{};  // first start + total_timeout
    std::optional<CachedEntry> cached;
    bool delivered = false;
    Response summary;  // kept after delivery, without body, for late duplicates
    std::unique_ptr<Transfer> transfer;
    // Requests: the probes an HTML page is compared with, most specific first (its folder's or
    // the nearest probed ancestor's, then the site root's). Probes: the one this job answers.
    std::vector<std::string> probe_keys;
  };
  struct RobotsState {
    bool done = false;
    RobotsRules rules;
    std::vector<std::size_t> waiting;  // jobs parked until the verdict
  };
  // One random path probed in one folder of one host (key: host key + folder).
  struct ProbeState {
    bool done = false;
    Response probe;
    std::vector<std::pair<std::size_t, Response>> held;  // pages waiting for the probe's verdict
  };

  // Scheduling (engine.cpp).
  void add_job(Job job, bool front);
  std::vector<std::string> plan_probes(const std::string& url, const std::string& host, const std::string& origin);
  bool ensure_probe(const std::string& host, const std::string& origin, const std::string& folder);
  void arm_wake(Clock::time_point when);
  void pump();
  void start(std::size_t index);
  milliseconds backoff(int attempt);
  void on_done(CURL* easy, CURLcode rc);
  void arm_run_budget();
  void spend_run_budget(std::string_view why);
  void watch_cancel(std::uint64_t serial);
  void end_in_flight(std::size_t index);
  void end_unstarted(std::size_t index);

  // Completion (engine_completion.cpp): stamp on the loop thread, inspect on the worker pool,
  // judge and deliver back on the loop thread.
  void complete(std::size_t index, Response r);
  void inspect(Response& r, const std::string& url, Job::Kind kind) const;
  void settle(std::size_t index, Response r);
  void finish_robots(std::size_t index, const Response& r);
  void finish_probe(std::size_t index, Response probe);
  void await_probes(std::size_t index, Response page);
  static bool judge_soft_404(Response& page, const Response& probe);
  void deliver(std::size_t index, Response r);
  void flush_late_duplicates();

  FetchOptions options_;
  boost::asio::io_context io_;
  HostFrontier frontier_;
  boost::asio::steady_timer wake_;
  boost::asio::steady_timer budget_timer_;  // FetchOptions::run_budget of the current run()
  bool budget_spent_ = false;               // until the next run(): nothing starts, all ends
  std::string_view budget_error_;           // why: kRunBudgetSpent or kRunCancelled
  boost::asio::steady_timer cancel_timer_;  // looks at FetchOptions::cancel every kCancelPoll
  std::uint64_t run_serial_ = 0;            // which run() a budget timer belongs to
  bool wake_armed_ = false;
  Clock::time_point wake_at_{};
  std::mt19937_64 rng_;
  curl_slist* resolve_ = nullptr;
  std::optional<ResponseCache> cache_;
  std::optional<boost::asio::thread_pool> pool_;  // digests and page inspection off the loop
  std::unique_ptr<CurlAsioLoop> loop_;
  std::deque<Job> jobs_;
  std::unordered_map<std::string, std::size_t> by_url_;
  std::unordered_map<CURL*, std::size_t> running_;
  std::unordered_map<std::string, ProbeState> probes_;          // by host key + folder
  std::unordered_map<std::string, std::size_t> probes_per_host_; // probes started per host key
  const NotFoundRules* not_found_rules_ = nullptr;               // null: text detection off
  std::unordered_map<std::string, RobotsState> robots_;
  std::vector<Response> late_duplicates_;
  std::size_t outstanding_ = 0;
  static constexpr milliseconds kLeastUsefulAttempt{250};
  static constexpr std::size_t kMaxPipelineBytes = 16u << 20;
  std::size_t pipeline_bytes_ = 0;  // response bodies handed to the pool, not yet settled
  std::size_t live_body_bytes_ = 0; // body bytes held by running transfers (counted as they arrive)
  const OnResponse* on_response_ = nullptr;
};

}  // namespace oitscan::fetch
