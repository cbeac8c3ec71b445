#pragma once
// OCR in this process through tesseract's C++ API (tha+eng): page pixels go straight from memory
// into an engine. No process is started and no file is written. Engines are initialised once
// (about 0.3 s of CPU each) and then reused: one is taken from a shared pool for each image and
// given back afterwards, so there are never more engines than images being read at once, which
// the CPU pool (common/cpu_pool) keeps to one per core.
#include <atomic>
#include <cstddef>
#include <string>
#include <string_view>

struct Pix;  // leptonica's image (leptonica/pix.h)

namespace oitscan::extract {

struct OcrResult {
  bool ok = false;
  std::string text;   // raw tesseract output (UTF-8), not yet normalised
  std::string error;  // why it failed: no language data, timeout, unreadable image
  double seconds = 0;
};

// True when an engine with the tha+eng language data can be initialised (the data package is
// installed and loadable). Checked once per process; the engine it made is kept for the first OCR.
// The extraction cache key includes this (gather/extraction_cache.cpp).
bool tesseract_available();

// A page as poppler renders it (poppler::image::format_argb32): rows of 32-bit words, each
// 0xAARRGGBB in the machine's byte order.
struct Argb32Image {
  const unsigned char* data = nullptr;
  int width = 0;
  int height = 0;
  int bytes_per_row = 0;
};

// A page rendered as 8-bit grey (poppler::image::format_gray8): rows of one byte per pixel,
// 0 black to 255 white. What pdf_extractor.cpp renders: a quarter of the 32-bit page's memory, and
// tesseract reads grey anyway (it converts a colour page to grey and to black and white itself).
struct Gray8Image {
  const unsigned char* data = nullptr;
  int width = 0;
  int height = 0;
  int bytes_per_row = 0;
};

// A page in the form tesseract reads (a leptonica image), so the renderer's own bitmap can be
// freed before recognition starts. Move-only.
class PageImage {
 public:
  PageImage() = default;
  // A copy of the rendered pixels; empty (false) when they are not a valid image.
  static PageImage from_argb32(const Argb32Image& page);
  static PageImage from_gray8(const Gray8Image& page);
  // Bytes of pixels held (the leptonica image), 0 when empty.
  std::size_t bytes() const;
  ~PageImage();
  PageImage(PageImage&& other) noexcept;
  PageImage& operator=(PageImage&& other) noexcept;
  PageImage(const PageImage&) = delete;
  PageImage& operator=(const PageImage&) = delete;
  explicit operator bool() const { return pix_ != nullptr; }

 private:
  friend OcrResult ocr_page(const PageImage& page, double timeout_seconds, const std::atomic<bool>* cancel);
  Pix* pix_ = nullptr;
};

// A claim on one of the process's OCR slots, as many as the CPU pool has threads
// (cpu::threads()): a page is rendered, held and read only under a slot, so the pages in flight
// and the engines made are bounded by the cores, whatever threads ask. Threads outside the pool
// (a unit's fetching thread helping with its readings) take part in the pool's work too, so
// without this a 2-core scan of two units read three pages at once, each with its bitmaps and
// engine (about 50 MB). A thread that holds a slot already takes none again. Blocks while every
// slot is taken; what runs under a slot never waits for other work, so a slot is always given back.
class OcrSlot {
 public:
  OcrSlot();
  ~OcrSlot();
  OcrSlot(const OcrSlot&) = delete;
  OcrSlot& operator=(const OcrSlot&) = delete;

 private:
  bool taken_ = false;
};

// How many tesseract engines this process has initialised (each costs about 20 MB for good).
std::size_t ocr_engines_made();

// OCRs one page. Recognition stops at `timeout_seconds` (tesseract checks its deadline between
// words; page layout analysis, which comes first, cannot be interrupted, see ocr.cpp).
// `cancel` (may be null): set, recognition stops at the next word with the error "cancelled".
OcrResult ocr_page(const PageImage& page, double timeout_seconds, const std::atomic<bool>* cancel = nullptr);

// OCRs an encoded image (PNG, JPEG, TIFF...) decoded in memory by leptonica. For a TIFF of several
// pages, the pages are read in order, at most `max_pages` of them, all within `timeout_seconds`.
OcrResult ocr_encoded_image(std::string_view bytes, double timeout_seconds, std::size_t max_pages = 1,
                            const std::atomic<bool>* cancel = nullptr);

}  // namespace oitscan::extract
