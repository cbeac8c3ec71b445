#include "common/cpu_pool.hpp"

#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/task_arena.h>
#include <oneapi/tbb/task_group.h>

#include <mutex>

namespace oitscan::cpu {
namespace {

std::mutex cap_mutex;
std::unique_ptr<tbb::global_control> cap;  // absent: TBB's default, one thread per core

}  // namespace

void limit_threads(std::size_t n) {
  std::lock_guard<std::mutex> lock(cap_mutex);
  cap.reset();
  if (n > 0) cap = std::make_unique<tbb::global_control>(tbb::global_control::max_allowed_parallelism, n);
}

std::size_t threads() {
  return tbb::global_control::active_value(tbb::global_control::max_allowed_parallelism);
}

void for_each_index(std::size_t n, const std::function<void(std::size_t)>& fn) {
  if (n == 0) return;
  if (n == 1) return fn(0);
  // Grain 1: the items are documents or pages, each worth milliseconds to seconds, never cheap
  // enough to batch.
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, 1), [&](const tbb::blocked_range<std::size_t>& r) {
    for (std::size_t i = r.begin(); i != r.end(); ++i) fn(i);
  });
}

struct TaskGroup::Impl {
  tbb::task_group group;
};

TaskGroup::TaskGroup() : impl_(std::make_unique<Impl>()) {}

TaskGroup::~TaskGroup() {
  // A group may not be destroyed with tasks still queued; an exception here has nowhere to go
  // (the owner is already unwinding or has waited), so it is dropped.
  try {
    impl_->group.wait();
  } catch (...) {
  }
}

void TaskGroup::run(std::function<void()> task) { impl_->group.run(std::move(task)); }

void TaskGroup::wait() { impl_->group.wait(); }

}  // namespace oitscan::cpu
