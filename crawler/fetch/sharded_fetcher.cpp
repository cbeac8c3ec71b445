#include "fetch/sharded_fetcher.hpp"

#include <algorithm>
#include <stdexcept>
#include <thread>
#include <utility>

#include "fetch/engine.hpp"
#include "fetch/url_key.hpp"

namespace oitscan::fetch {

struct ShardedFetcher::Shard {
  std::unique_ptr<Engine> engine;
  std::vector<Request> pending;  // submitted, not yet handed to the engine (it is mid-pass or idle)
  std::size_t urls = 0;          // submitted in total: where the next new host goes
  bool busy = false;             // inside engine->run()
  std::thread thread;            // lives for one run()
  // Touched by the shard's thread only. Responses of one round of socket events wait here and
  // reach the caller together: one wake-up of the caller's thread per round, not per response.
  std::vector<Response> outbox;
  std::size_t outbox_bytes = 0;
  bool flush_queued = false;  // a flush is queued on the engine's loop

  std::vector<Response> take_outbox() {
    outbox_bytes = 0;
    return std::exchange(outbox, {});
  }
};

namespace {

// Share i of `total` split over n as evenly as whole numbers allow.
std::size_t share(std::size_t total, std::size_t n, std::size_t i) { return total / n + (i < total % n ? 1 : 0); }

}  // namespace

ShardedFetcher::ShardedFetcher(const FetchOptions& options)
    : run_budget_(options.run_budget),
      user_cancel_(options.cancel),
      cancel_(std::make_shared<std::atomic<bool>>(false)),
      // Responses waiting for the callback are bounded too (a slow callback holds the engines):
      // 8 MB at the default budget, as much as the callback's own queue in `oitscan fetch`.
      max_ready_bytes_(std::max<std::size_t>(options.memory_budget / 32, 1u << 20)) {
  const std::size_t n = std::clamp<std::size_t>(options.event_loops, 1, std::max<std::size_t>(options.global_concurrency, 1));
  for (std::size_t i = 0; i < n; ++i) {
    FetchOptions own = options;
    own.event_loops = 1;
    own.global_concurrency = share(options.global_concurrency, n, i);
    own.memory_budget = std::max<std::size_t>(share(options.memory_budget, n, i), 1);
    own.cancel = cancel_;
    own.run_budget = std::chrono::milliseconds{0};  // set per pass from the run's deadline
    auto shard = std::make_unique<Shard>();
    shard->engine = std::make_unique<Engine>(own);
    shards_.push_back(std::move(shard));
  }
}

ShardedFetcher::~ShardedFetcher() = default;

void ShardedFetcher::submit(Request request) {
  const auto parsed = parse_http_url(request.url);
  if (!parsed) throw std::invalid_argument("not an absolute http(s) URL: " + request.url);
  std::lock_guard lock(mu_);
  auto [it, fresh] = shard_of_host_.try_emplace(parsed->host_key, 0);
  if (fresh) {
    const auto least = std::min_element(shards_.begin(), shards_.end(), [](const auto& a, const auto& b) { return a->urls < b->urls; });
    it->second = static_cast<std::size_t>(least - shards_.begin());
  }
  Shard& shard = *shards_[it->second];
  ++shard.urls;
  shard.pending.push_back(std::move(request));
  to_shards_.notify_all();
}

// Under mu_: no pending request starts, and every engine ends what it holds at once (as a
// cancel does); waiting threads are woken to see it.
void ShardedFetcher::abandon() {
  for (auto& s : shards_) s->pending.clear();
  cancel_->store(true);
  to_shards_.notify_all();
}

bool ShardedFetcher::all_idle() const {
  return std::all_of(shards_.begin(), shards_.end(), [](const auto& s) { return !s->busy && s->pending.empty(); });
}

// A shard's thread: whenever requests are pending, one pass of its engine over them (the engine's
// run() ends when all it holds is delivered); between passes it waits for more, or for the end.
void ShardedFetcher::drive(Shard& shard, std::chrono::steady_clock::time_point deadline) {
  std::unique_lock lock(mu_);
  for (;;) {
    to_shards_.wait(lock, [&] { return stopping_ || !shard.pending.empty(); });
    if (shard.pending.empty()) return;
    std::vector<Request> batch = std::move(shard.pending);
    shard.pending.clear();
    shard.busy = true;
    lock.unlock();
    try {
      for (auto& request : batch) shard.engine->submit(std::move(request));
      if (deadline != std::chrono::steady_clock::time_point::max()) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        shard.engine->set_run_budget(std::max(left, std::chrono::milliseconds{1}));
      }
      shard.engine->run([this, &shard](Response&& r) { collect(shard, std::move(r)); });
      hand_over(shard);  // what the last round left
      lock.lock();
    } catch (...) {
      lock.lock();
      // One engine failing ends the run for all: the error is rethrown from run().
      if (!error_) error_ = std::current_exception();
      shard.take_outbox();  // dropped, as everything still coming is
      abandon();
    }
    shard.busy = false;
    to_caller_.notify_all();
  }
}

// On a shard's thread, in the engine's callback: keeps the response in the shard's outbox until the
// loop has handled the rest of its current round of events (or the outbox holds its share of the
// ready queue's bytes), then hands the lot over at once.
void ShardedFetcher::collect(Shard& shard, Response&& r) {
  shard.outbox_bytes += r.body.size();
  shard.outbox.push_back(std::move(r));
  if (shard.outbox_bytes >= max_ready_bytes_ / (2 * shards_.size())) {
    hand_over(shard);
    return;
  }
  if (shard.flush_queued) return;
  shard.flush_queued = true;
  shard.engine->after_this_round([this, &shard] {
    shard.flush_queued = false;
    hand_over(shard);
  });
}

// On a shard's thread: queues the outbox for the caller's thread, waiting while the queue is full.
void ShardedFetcher::hand_over(Shard& shard) {
  if (shard.outbox.empty()) return;
  std::vector<Response> batch = shard.take_outbox();
  std::unique_lock lock(mu_);
  to_shards_.wait(lock, [&] { return draining_ || ready_.empty() || ready_bytes_ < max_ready_bytes_; });
  if (draining_) return;
  const bool was_empty = ready_.empty();
  for (auto& r : batch) {
    ready_bytes_ += r.body.size();
    ready_.push_back(std::move(r));
  }
  if (was_empty) to_caller_.notify_all();  // otherwise the caller is awake, or already woken
}

void ShardedFetcher::run(const OnResponse& on_response) {
  using Clock = std::chrono::steady_clock;
  const auto deadline = run_budget_.count() > 0 ? Clock::now() + run_budget_ : Clock::time_point::max();
  {
    std::lock_guard lock(mu_);
    stopping_ = false;
    draining_ = false;
    error_ = nullptr;
    ready_.clear();
    ready_bytes_ = 0;
    cancel_->store(false);
  }
  // Whatever happens below (a thread that cannot start included), the threads that run are
  // stopped and joined before run() returns or throws.
  struct Join {
    ShardedFetcher& f;
    ~Join() {
      {
        std::lock_guard lock(f.mu_);
        f.stopping_ = true;
        f.draining_ = true;
        f.abandon();
      }
      for (auto& s : f.shards_) {
        if (s->thread.joinable()) s->thread.join();
      }
    }
  };
  std::exception_ptr callback_error;
  {
    Join join{*this};
    for (auto& shard : shards_) shard->thread = std::thread([this, s = shard.get(), deadline] { drive(*s, deadline); });
    std::unique_lock lock(mu_);
    for (;;) {
      to_caller_.wait_for(lock, kCancelPoll, [&] { return !ready_.empty() || all_idle(); });
      if (user_cancel_ && user_cancel_->load()) cancel_->store(true);
      if (!ready_.empty()) {
        std::deque<Response> batch;
        batch.swap(ready_);
        ready_bytes_ = 0;
        to_shards_.notify_all();
        lock.unlock();
        for (auto& r : batch) {
          if (callback_error) break;
          try {
            on_response(std::move(r));
          } catch (...) {
            // Stop everything, drop what is still coming, and rethrow once the engines are idle.
            callback_error = std::current_exception();
            std::lock_guard again(mu_);
            draining_ = true;
            abandon();
          }
        }
        lock.lock();
        continue;
      }
      if (all_idle()) break;
    }
  }
  if (callback_error) std::rethrow_exception(callback_error);
  if (error_) std::rethrow_exception(error_);
}

}  // namespace oitscan::fetch
