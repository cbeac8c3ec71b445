#include "fetch/host_frontier.hpp"

#include <algorithm>

namespace oitscan::fetch {

void HostFrontier::push(const std::string& host, std::size_t job, bool front) {
  auto [it, fresh] = hosts_.try_emplace(host);
  if (fresh) it->second.delay = limits_.min_delay;
  if (front) it->second.queue.push_front(job);
  else it->second.queue.push_back(job);
  ++queued_;
}

std::optional<HostFrontier::Ready> HostFrontier::take_ready(Clock::time_point now) {
  if (active_ >= limits_.global || queued_ == 0 || hosts_.empty()) return std::nullopt;
  // Scan once around the ring, starting just after the host served last.
  auto start = hosts_.upper_bound(cursor_);
  auto it = start;
  for (std::size_t n = 0; n < hosts_.size(); ++n, ++it) {
    if (it == hosts_.end()) it = hosts_.begin();
    Host& h = it->second;
    if (h.queue.empty() || h.active >= limits_.per_host || now < h.not_before) continue;
    const std::size_t job = h.queue.front();
    h.queue.pop_front();
    --queued_;
    ++h.active;
    ++active_;
    h.not_before = now + h.delay;
    cursor_ = it->first;
    return Ready{it->first, job};
  }
  return std::nullopt;
}

std::vector<std::size_t> HostFrontier::drain() {
  std::vector<std::size_t> jobs;
  jobs.reserve(queued_);
  for (auto& [name, h] : hosts_) {
    jobs.insert(jobs.end(), h.queue.begin(), h.queue.end());
    h.queue.clear();
  }
  queued_ = 0;
  return jobs;
}

std::optional<HostFrontier::Clock::time_point> HostFrontier::next_wakeup(Clock::time_point now) const {
  // With every global slot taken, or a host at its own cap, only a finishing transfer can make
  // progress, and that already wakes the engine. Returning such hosts here would spin the loop.
  if (active_ >= limits_.global) return std::nullopt;
  std::optional<Clock::time_point> best;
  for (const auto& [name, h] : hosts_) {
    if (h.queue.empty() || h.active >= limits_.per_host || h.not_before <= now) continue;
    if (!best || h.not_before < *best) best = h.not_before;
  }
  return best;
}

void HostFrontier::finished(const std::string& host, ms latency) {
  auto it = hosts_.find(host);
  if (it == hosts_.end() || it->second.active == 0) return;
  Host& h = it->second;
  --h.active;
  --active_;
  if (limits_.adaptive) {
    // Aim at `per_host` requests in flight per latency period; move halfway towards that target
    // so a single slow answer does not swing the delay.
    const ms target = latency / static_cast<long>(std::max<std::size_t>(1, limits_.per_host));
    h.delay = std::clamp((h.delay + target) / 2, limits_.min_delay, limits_.max_delay);
  }
}

void HostFrontier::release(const std::string& host) {
  auto it = hosts_.find(host);
  if (it == hosts_.end() || it->second.active == 0) return;
  --it->second.active;
  --active_;
}

void HostFrontier::back_off(const std::string& host, Clock::time_point until, bool slow_down) {
  auto it = hosts_.find(host);
  if (it == hosts_.end()) return;
  Host& h = it->second;
  h.not_before = std::max(h.not_before, until);
  if (slow_down) h.delay = std::clamp(std::max(h.delay * 2, ms(1000)), limits_.min_delay, limits_.max_delay);
}

std::size_t HostFrontier::active(const std::string& host) const {
  auto it = hosts_.find(host);
  return it == hosts_.end() ? 0 : it->second.active;
}

HostFrontier::ms HostFrontier::delay(const std::string& host) const {
  auto it = hosts_.find(host);
  return it == hosts_.end() ? ms(0) : it->second.delay;
}

}  // namespace oitscan::fetch
