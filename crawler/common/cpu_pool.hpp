#pragma once
// The process's CPU pool: every CPU-bound step (reading a document, OCR of a page, judging an
// item) runs on one set of threads sized to the machine, shared by every unit of a scan. It is
// oneTBB's work-stealing scheduler behind a narrow interface, chosen because its waits are
// cooperative: a thread waiting for its own tasks runs queued tasks meanwhile, so nested work (the
// pages of a PDF inside the documents of a unit inside a scan) neither deadlocks nor starts more
// threads than there are cores.
//
// Network I/O never runs here: a fetch event loop submits work to a TaskGroup and goes on
// fetching; only CPU work waits on the pool.
#include <cstddef>
#include <functional>
#include <memory>

namespace oitscan::cpu {

// Caps the pool at `threads` (0 = one per core), for the whole process. Call once, early (main,
// `--cpu N`); later calls replace the cap. Threads already running finish their task first.
void limit_threads(std::size_t threads);
// How many tasks may run at once.
std::size_t threads();

// Runs fn(i) for every i in [0, n) on the pool and returns when all are done; the calling thread
// takes part. The first exception thrown by fn is rethrown here (the others are dropped).
void for_each_index(std::size_t n, const std::function<void(std::size_t)>& fn);

// Tasks started one at a time (a document as soon as its body arrives) and awaited together.
// Not copyable; destroying a group waits for its tasks.
class TaskGroup {
 public:
  TaskGroup();
  ~TaskGroup();
  TaskGroup(const TaskGroup&) = delete;
  TaskGroup& operator=(const TaskGroup&) = delete;

  // Queues `task`; returns at once. Safe from any thread, including from inside a task.
  void run(std::function<void()> task);
  // Returns when every task run so far has finished; the calling thread runs tasks meanwhile.
  // Rethrows the first exception a task threw.
  void wait();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace oitscan::cpu
