#pragma once
// Bounds for hostile or merely huge documents. Hitting one is an explained outcome
// ("limit-exceeded" plus a warning naming the limit), never a crash or a hang.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>

namespace oitscan::extract {

struct Limits {
  std::size_t max_input_bytes = 200u << 20;
  std::size_t max_member_bytes = 64u << 20;         // one decompressed zip member
  std::size_t max_decompressed_bytes = 256u << 20;  // all members read from one container
  std::size_t max_compression_ratio = 1000;         // zip member: uncompressed / compressed
  std::size_t max_pages = 500;
  std::size_t max_cells = 1'000'000;
  // Normalised text of the whole document, all parts (pages, sheets, paragraphs, cells) together:
  // about 700 dense pages of Thai, the budget gather keeps per document, so `oitscan extract` shows
  // the text `check` judges. What is read costs a multiple of this downstream (spans, dates, JSON):
  // at 64 MiB, `extract --json` of a workbook of 300 sheets sharing one 18 MB part peaked at 1.7 GB.
  std::size_t max_text_bytes = 4u << 20;
  std::size_t max_links = 20'000;
  std::size_t max_html_depth = 400;
  double seconds_per_document = 300.0;
  // OCR of image-only or garbled pages (tesseract tha+eng).
  bool ocr = true;
  std::size_t max_ocr_pages = 20;
  double ocr_seconds_per_page = 60.0;
  double ocr_total_seconds = 300.0;
  int ocr_dpi = 200;
  std::uint64_t max_image_pixels = 60'000'000;  // a 1 kB PNG can declare a 100 000 x 100 000 canvas
};

class LimitExceeded : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Wall-clock budget of one document.
class Budget {
 public:
  explicit Budget(double seconds) : start_(Clock::now()), seconds_(seconds) {}
  double elapsed() const { return std::chrono::duration<double>(Clock::now() - start_).count(); }
  double remaining() const { return seconds_ - elapsed(); }
  void check(const char* what) const {
    if (elapsed() > seconds_) throw LimitExceeded(std::string("time per document exceeded while ") + what);
  }

 private:
  using Clock = std::chrono::steady_clock;
  Clock::time_point start_;
  double seconds_;
};

}  // namespace oitscan::extract
