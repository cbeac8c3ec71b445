#pragma once
// The progress of `check` and `scan` on stderr. On a terminal, one live line redrawn a few times a
// second (units done/total, items judged, documents fetched/seen, bytes, OCR pages, failures,
// elapsed, ETA); on a pipe or a log file, the same as a plain line every few seconds
// (OITSCAN_PROGRESS_SECONDS, default 5), so a nightly log shows the run moving without drowning.
// Fed by the hooks of check::run_unit and scan::run_scan, from any thread.
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <string>
#include <thread>

#include "cli/failure_fold.hpp"
#include "cli/terminal.hpp"
#include "fetch/response.hpp"

namespace oitscan::check {
struct CheckRun;
}

namespace oitscan::cli {

class Progress {
 public:
  Progress(const Terminal& term, std::size_t units_total, std::size_t items_submitted);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  void unit_started(const std::string& unit);
  void batch_started(std::size_t urls);
  void fetched(const fetch::Response& r);
  // `run` is null when the unit could not be checked (`error` says why), or, with no error, when a
  // resumed scan skips a unit an earlier run finished.
  void unit_finished(const std::string& unit, const check::CheckRun* run, const std::string& error);
  // A line of its own above the live display (or in the log).
  void note(const std::string& line);
  // Stops the display, leaving the last state as a plain line, then the folded failures with hints.
  void finish(const HintContext& context);

  const FailureFold& failures() const { return failures_; }

 private:
  void loop();
  std::string status_line() const;  // mutex_ held
  void clear_live_line();           // mutex_ held

  Terminal term_;
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
  std::chrono::milliseconds interval_;
  FailureFold failures_;

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  bool live_line_shown_ = false;
  std::size_t units_total_ = 0, units_done_ = 0, units_running_ = 0;
  std::size_t items_submitted_ = 0, items_judged_ = 0;
  std::size_t documents_seen_ = 0, documents_done_ = 0, failed_ = 0;
  std::size_t ocr_pages_ = 0;
  unsigned long long bytes_ = 0;
  std::thread thread_;
};

}  // namespace oitscan::cli
