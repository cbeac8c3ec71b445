#pragma once
// Several fetch engines, each with its own event loop on its own thread, behind the one Fetcher
// interface (FetchOptions::event_loops > 1). One event loop is bound by one core: on a machine
// with spare cores, the socket reads, libcurl's parsing and the copies of a big fetch list are
// spread over them.
//
// Hosts are the unit of sharding: every URL of one host goes to the same engine, so per-host
// politeness (connections, adaptive delay), robots.txt, soft-404 probes and de-duplication behave
// exactly as in one engine. A new host goes to the engine with the fewest URLs so far.
// Responses still reach the callback on the thread that called run(), and the callback may
// submit more: those wait until their engine's current pass ends and then start at once.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "fetch/fetcher.hpp"

namespace oitscan::fetch {

class ShardedFetcher final : public Fetcher {
 public:
  // Splits options.global_concurrency and options.memory_budget over the engines; every engine
  // has the per-host limits, the worker threads and the queue limit of `options`.
  explicit ShardedFetcher(const FetchOptions& options);
  ~ShardedFetcher() override;
  ShardedFetcher(const ShardedFetcher&) = delete;
  ShardedFetcher& operator=(const ShardedFetcher&) = delete;

  void submit(Request request) override;
  void run(const OnResponse& on_response) override;
  void set_run_budget(std::chrono::milliseconds budget) override { run_budget_ = budget; }

 private:
  struct Shard;
  void drive(Shard& shard, std::chrono::steady_clock::time_point deadline);
  void collect(Shard& shard, Response&& r);
  void hand_over(Shard& shard);
  void abandon();         // under mu_
  bool all_idle() const;  // under mu_

  std::vector<std::unique_ptr<Shard>> shards_;
  std::unordered_map<std::string, std::size_t> shard_of_host_;
  std::chrono::milliseconds run_budget_;
  std::shared_ptr<const std::atomic<bool>> user_cancel_;
  std::shared_ptr<std::atomic<bool>> cancel_;  // what the engines watch: the user's flag, or our stop
  std::size_t max_ready_bytes_;

  mutable std::mutex mu_;
  std::condition_variable to_shards_;  // new requests, room in the ready queue, stop
  std::condition_variable to_caller_;  // a response is ready, a shard went idle
  std::deque<Response> ready_;         // delivered by the engines, not yet given to the callback
  std::size_t ready_bytes_ = 0;
  bool stopping_ = false;
  bool draining_ = false;  // the callback threw: responses are dropped until every engine is idle
  std::exception_ptr error_;
};

}  // namespace oitscan::fetch
