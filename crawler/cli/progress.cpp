#include "cli/progress.hpp"

#include "common/control_chars.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <sstream>

#include "check/pipeline.hpp"

namespace oitscan::cli {
namespace {

std::chrono::milliseconds plain_interval() {
  if (const char* env = std::getenv("OITSCAN_PROGRESS_SECONDS"); env != nullptr && *env != '\0') {
    char* end = nullptr;
    const double s = std::strtod(env, &end);
    if (end != env && *end == '\0' && s > 0 && s < 3600) return std::chrono::milliseconds(static_cast<long long>(s * 1000));
  }
  return std::chrono::seconds(5);
}

std::string bytes_text(unsigned long long b) {
  char buf[32];
  if (b < 1024) std::snprintf(buf, sizeof buf, "%llu B", b);
  else if (b < 1024ull * 1024) std::snprintf(buf, sizeof buf, "%.1f KB", static_cast<double>(b) / 1024);
  else if (b < 1024ull * 1024 * 1024) std::snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(b) / (1024.0 * 1024));
  else std::snprintf(buf, sizeof buf, "%.2f GB", static_cast<double>(b) / (1024.0 * 1024 * 1024));
  return buf;
}

std::string clock_text(std::chrono::seconds s) {
  char buf[32];
  const long long t = s.count();
  if (t >= 3600) std::snprintf(buf, sizeof buf, "%lld:%02lld:%02lld", t / 3600, (t / 60) % 60, t % 60);
  else std::snprintf(buf, sizeof buf, "%lld:%02lld", t / 60, t % 60);
  return buf;
}

std::size_t terminal_columns() {
  winsize w{};
  if (::ioctl(STDERR_FILENO, TIOCGWINSZ, &w) == 0 && w.ws_col >= 20) return w.ws_col;
  return 80;
}

// The first `columns` characters of a UTF-8 line, cut between characters, never inside one.
// (Counting code points: the line is ASCII but for "·" and, with --lang th, Thai words, whose
// combining marks take no column, so the cut is if anything early.)
std::string fit_columns(const std::string& line, std::size_t columns) {
  std::size_t seen = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const bool starts_character = (static_cast<unsigned char>(line[i]) & 0xC0) != 0x80;
    if (starts_character && seen++ == columns) return line.substr(0, i);
  }
  return line;
}

std::size_t ocr_pages_of(const check::CheckRun& run) {
  std::size_t pages = 0;
  for (const auto& [url, record] : run.records) {
    if (!record.read) continue;
    for (const auto& part : record.document.parts) pages += part.source == extract::TextSource::Ocr ? 1 : 0;
  }
  return pages;
}

}  // namespace

Progress::Progress(const Terminal& term, std::size_t units_total, std::size_t items_submitted)
    : term_(term), interval_(term.tty ? std::chrono::milliseconds(250) : plain_interval()), units_total_(units_total),
      items_submitted_(items_submitted) {
  if (!term_.quiet) thread_ = std::thread([this] { loop(); });
}

Progress::~Progress() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
  // Left by an error (an exception passing through): the error message gets a clean line.
  std::lock_guard lock(mutex_);
  clear_live_line();
  unfiltered_stderr().flush();
}

void Progress::unit_started(const std::string&) {
  std::lock_guard lock(mutex_);
  ++units_running_;
}

void Progress::batch_started(std::size_t urls) {
  std::lock_guard lock(mutex_);
  documents_seen_ += urls;
}

void Progress::fetched(const fetch::Response& r) {
  failures_.add(r);
  std::lock_guard lock(mutex_);
  ++documents_done_;
  if (!r.duplicate) bytes_ += r.body.size();
  failed_ = failures_.failed_urls();
}

void Progress::unit_finished(const std::string& unit, const check::CheckRun* run, const std::string& error) {
  std::string line;
  {
    std::lock_guard lock(mutex_);
    ++units_done_;
    if (units_running_ > 0) --units_running_;
    if (run != nullptr) {
      items_judged_ += run->items.size();
      ocr_pages_ += ocr_pages_of(*run);
    }
  }
  if (units_total_ <= 1) return;  // check: the summary says the rest
  if (run == nullptr && error.empty()) {
    line = printable(unit) + ": " + term_.say("ตรวจเสร็จแล้วในรอบก่อนที่ถูกขัดจังหวะ", "done earlier (resumed scan)");
  } else if (run == nullptr) {
    line = printable(unit) + ": " + term_.paint(Terminal::Color::red, term_.say("ตรวจไม่ได้", "could not be checked")) + ": " + printable(error);
  } else {
    std::size_t pass = 0, fail = 0, unverified = 0;
    for (const auto& item : run->items) {
      const auto v = evaluate::to_string(item.verdict);
      (v == "pass" ? pass : v == "fail" ? fail : unverified)++;
    }
    std::ostringstream s;
    s << printable(unit) << ": " << term_.paint(Terminal::Color::green, std::to_string(pass) + " pass") << ", "
      << (fail > 0 ? term_.paint(Terminal::Color::red, std::to_string(fail) + " fail") : std::string("0 fail")) << ", "
      << (unverified > 0 ? term_.paint(Terminal::Color::yellow, std::to_string(unverified) + " unverified") : std::string("0 unverified"));
    line = s.str();
  }
  note(line);
}

void Progress::note(const std::string& line) {
  if (term_.quiet) return;
  std::lock_guard lock(mutex_);
  clear_live_line();
  unfiltered_stderr() << "oitscan: " << line << "\n";
  unfiltered_stderr().flush();
}

void Progress::finish(const HintContext& context) {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
  if (term_.quiet) return;
  std::lock_guard lock(mutex_);
  clear_live_line();
  unfiltered_stderr() << "oitscan: " << status_line() << "\n";
  const auto lines = failures_.lines(term_, context);
  if (!lines.empty()) {
    unfiltered_stderr() << "oitscan: " << term_.paint(Terminal::Color::bold, term_.say("ดึงข้อมูลไม่สำเร็จ:", "could not fetch:")) << "\n";
    for (const auto& l : lines) unfiltered_stderr() << "  " << l << "\n";
  }
  unfiltered_stderr().flush();
}

void Progress::loop() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    wake_.wait_for(lock, interval_, [&] { return stopping_; });
    if (stopping_) break;
    if (term_.tty) {
      // A line that wraps cannot be redrawn with \r: keep it inside the terminal's width.
      const std::string line = fit_columns(status_line(), terminal_columns() - 1);
      unfiltered_stderr() << "\r\033[K" << term_.paint(Terminal::Color::dim, line);
      live_line_shown_ = true;
    } else {
      unfiltered_stderr() << "oitscan: " << status_line() << "\n";
    }
    unfiltered_stderr().flush();
  }
}

void Progress::clear_live_line() {
  if (live_line_shown_) unfiltered_stderr() << "\r\033[K";
  live_line_shown_ = false;
}

std::string Progress::status_line() const {
  using namespace std::chrono;
  const auto elapsed = duration_cast<seconds>(steady_clock::now() - started_);
  const bool th = term_.lang == Lang::th;
  std::ostringstream s;
  if (units_total_ > 1) s << (th ? "หน่วยงาน " : "units ") << units_done_ << "/" << units_total_ << " · ";
  if (items_judged_ > 0) s << (th ? "ตัวชี้วัด " : "items ") << items_judged_ << (th ? " ตัดสินแล้ว" : " judged") << " · ";
  else s << (th ? "ตัวชี้วัด " : "items ") << items_submitted_ << (th ? " ที่ส่ง" : " submitted") << " · ";
  s << (th ? "เอกสาร " : "documents ") << documents_done_ << "/" << documents_seen_ << " · " << bytes_text(bytes_);
  if (ocr_pages_ > 0) s << " · OCR " << ocr_pages_ << (th ? " หน้า" : " pages");
  if (failed_ > 0) s << " · " << failed_ << (th ? " ดึงไม่สำเร็จ" : " failed");
  s << " · " << clock_text(elapsed);
  if (units_total_ > 1 && units_done_ > 0 && units_done_ < units_total_) {
    const auto eta = seconds(elapsed.count() * static_cast<long long>(units_total_ - units_done_) / static_cast<long long>(units_done_));
    s << " · ETA " << clock_text(eta);
  }
  return s.str();
}

}  // namespace oitscan::cli
