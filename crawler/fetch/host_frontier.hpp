#pragma once
// The politeness frontier: one queue per host (scheme://host:port), a cap on concurrent transfers
// per host and in total, an adaptive per-host delay between request starts (AutoThrottle-style:
// it follows the host's response latency), and per-host back-off windows for 429/503, Retry-After
// and retries. Pure bookkeeping with the clock passed in, so it is testable without a network.
// Round-robin over hosts means one slow host only ever holds its own slots, never the others'.
#include <chrono>
#include <cstddef>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace oitscan::fetch {

class HostFrontier {
 public:
  using Clock = std::chrono::steady_clock;
  using ms = std::chrono::milliseconds;

  struct Limits {
    std::size_t per_host = 2;
    std::size_t global = 64;
    ms min_delay{0};
    ms max_delay{10'000};
    bool adaptive = true;
  };
  explicit HostFrontier(Limits limits) : limits_(limits) {}

  void push(const std::string& host, std::size_t job, bool front = false);

  struct Ready {
    std::string host;
    std::size_t job;
  };
  // The next job allowed to start at `now` (round-robin over hosts); it counts as active from here.
  std::optional<Ready> take_ready(Clock::time_point now);

  // When a job that is queued but held back only by a delay or back-off (at `now`) becomes
  // startable; empty when nothing is waiting on time alone.
  std::optional<Clock::time_point> next_wakeup(Clock::time_point now) const;

  // A transfer of `host` ended after `latency`; frees its slot and adapts the host's delay.
  void finished(const std::string& host, ms latency);
  // A taken job that ended without a transfer (e.g. refused by robots.txt): frees its slot only.
  void release(const std::string& host);
  // Nothing starts on `host` before `until`; `slow_down` also doubles its delay (429/503).
  void back_off(const std::string& host, Clock::time_point until, bool slow_down);
  // Takes every queued job out at once, whatever its host's limits (the run's time is up); the
  // jobs are not counted as active.
  std::vector<std::size_t> drain();

  std::size_t active() const { return active_; }
  std::size_t active(const std::string& host) const;
  ms delay(const std::string& host) const;
  bool has_queued() const { return queued_ > 0; }

 private:
  struct Host {
    std::deque<std::size_t> queue;
    std::size_t active = 0;
    Clock::time_point not_before{};
    ms delay{0};
  };
  Limits limits_;
  std::map<std::string, Host> hosts_;
  std::string cursor_;  // host after which the next round-robin scan starts
  std::size_t active_ = 0;
  std::size_t queued_ = 0;
};

}  // namespace oitscan::fetch
