// The CPU pool (common/cpu_pool.hpp): all indices run, nested waits finish, failures surface,
// the cap holds, and tasks run while the thread that queued them is busy elsewhere.
#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>
#include <vector>

#include "common/cpu_pool.hpp"

using namespace oitscan;

TEST_CASE("for_each_index runs every index once") {
  std::vector<std::atomic<int>> hits(1000);
  cpu::for_each_index(hits.size(), [&](std::size_t i) { ++hits[i]; });
  CHECK(std::all_of(hits.begin(), hits.end(), [](const std::atomic<int>& h) { return h.load() == 1; }));
}

TEST_CASE("nested parallel work inside tasks completes without deadlock") {
  // Documents of units, pages of documents: three levels, each waiting for the one below.
  std::atomic<int> leaves{0};
  cpu::TaskGroup units;
  for (int u = 0; u < 4; ++u) {
    units.run([&] {
      cpu::for_each_index(8, [&](std::size_t) { cpu::for_each_index(16, [&](std::size_t) { ++leaves; }); });
    });
  }
  units.wait();
  CHECK(leaves == 4 * 8 * 16);
}

TEST_CASE("a task's exception reaches the waiter") {
  cpu::TaskGroup group;
  std::atomic<int> finished{0};
  for (int i = 0; i < 10; ++i) {
    group.run([&, i] {
      if (i == 3) throw std::runtime_error("page 3 could not be read");
      ++finished;
    });
  }
  CHECK_THROWS_WITH(group.wait(), "page 3 could not be read");
  CHECK_THROWS_WITH(cpu::for_each_index(5, [](std::size_t i) {
    if (i == 4) throw std::invalid_argument("index 4");
  }), "index 4");
}

TEST_CASE("the cap bounds how many tasks run at once") {
  cpu::limit_threads(1);
  CHECK(cpu::threads() == 1);
  std::atomic<int> running{0}, most{0};
  cpu::for_each_index(6, [&](std::size_t) {
    const int now = ++running;
    int seen = most.load();
    while (now > seen && !most.compare_exchange_weak(seen, now)) {
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    --running;
  });
  CHECK(most == 1);
  cpu::limit_threads(0);
  CHECK(cpu::threads() >= 1);
}

TEST_CASE("queued tasks run while the queuing thread does other work") {
  // The gatherer's event loop queues a document and goes on fetching: the pool must not need the
  // queuing thread's help to make progress.
  std::atomic<bool> ran{false};
  cpu::TaskGroup group;
  group.run([&] { ran = true; });
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!ran && std::chrono::steady_clock::now() < until) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  CHECK(ran);
  group.wait();
}
