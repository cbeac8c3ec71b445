// OCR in this process (extract/ocr.cpp): no program started, no file written, the per-page
// deadline honoured, OpenMP kept off, engines reused without carrying state, pages of one scan
// OCR'd side by side. Each case runs in its own process (catch_discover_tests), so the thread and
// child counts below start from a fresh process.
#include <catch2/catch.hpp>
#include <poppler-document.h>
#include <poppler-image.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "common/cpu_pool.hpp"
#include "extract/fixtures.hpp"
#include "extract/ocr.hpp"
#include "thai/normalize.hpp"

using namespace oitscan;

namespace {

volatile std::sig_atomic_t children_ended = 0;
void count_child(int) { children_ended = children_ended + 1; }

// Sets an environment variable for the scope, restoring the old value afterwards.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const std::string& value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    ::setenv(name, value.c_str(), 1);
  }
  ~ScopedEnv() {
    if (old_) ::setenv(name_, old_->c_str(), 1);
    else ::unsetenv(name_);
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  const char* name_;
  std::optional<std::string> old_;
};

int threads_of_this_process() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("Threads:", 0) == 0) return std::stoi(line.substr(8));
  }
  return -1;
}

// Page 1 of the scanned fixture rendered the way pdf_extractor.cpp renders it.
extract::PageImage rendered_scan_page() {
  const std::string bytes = test::read_fixture("thai-order-scanned.pdf");
  std::unique_ptr<poppler::document> pdf(poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  REQUIRE(pdf);
  std::unique_ptr<poppler::page> page(pdf->create_page(0));
  REQUIRE(page);
  poppler::page_renderer renderer;
  renderer.set_render_hint(poppler::page_renderer::antialiasing, true);
  renderer.set_render_hint(poppler::page_renderer::text_antialiasing, true);
  const poppler::image img = renderer.render_page(page.get(), 200, 200);
  REQUIRE(img.format() == poppler::image::format_argb32);
  return extract::PageImage::from_argb32(
      {reinterpret_cast<const unsigned char*>(img.const_data()), img.width(), img.height(), img.bytes_per_row()});
}

// The same page rendered as 8-bit grey, as pdf_extractor.cpp renders it now.
extract::PageImage rendered_grey_scan_page(const std::string& fixture, int page_index) {
  const std::string bytes = test::read_fixture(fixture);
  std::unique_ptr<poppler::document> pdf(poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  REQUIRE(pdf);
  std::unique_ptr<poppler::page> page(pdf->create_page(page_index));
  REQUIRE(page);
  poppler::page_renderer renderer;
  renderer.set_render_hint(poppler::page_renderer::antialiasing, true);
  renderer.set_render_hint(poppler::page_renderer::text_antialiasing, true);
  renderer.set_image_format(poppler::image::format_gray8);
  const poppler::image img = renderer.render_page(page.get(), 200, 200);
  REQUIRE(img.format() == poppler::image::format_gray8);
  return extract::PageImage::from_gray8(
      {reinterpret_cast<const unsigned char*>(img.const_data()), img.width(), img.height(), img.bytes_per_row()});
}

bool has_note(const extract::Part& part, const std::string& fragment) {
  for (const auto& n : part.notes) {
    if (n.find(fragment) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("OCR starts no program and writes no file: no PATH, no usable TMPDIR, still Thai text", "[extract][ocr]") {
  // TMPDIR below a regular file: nothing can be created there, not even by root. An empty PATH
  // finds no tesseract program. Any child process that ended would raise SIGCHLD.
  const auto blocker = std::filesystem::temp_directory_path() / ("oitscan-ocr-blocker-" + std::to_string(::getpid()));
  { std::ofstream(blocker) << "a file, not a folder"; }
  struct sigaction sa {};
  sa.sa_handler = count_child;
  struct sigaction old {};
  REQUIRE(::sigaction(SIGCHLD, &sa, &old) == 0);
  extract::Document doc;
  {
    const ScopedEnv path("PATH", "");
    const ScopedEnv tmpdir("TMPDIR", (blocker / "tmp").string());
    CHECK_THROWS(std::filesystem::temp_directory_path());  // the old OCR path made its folder there
    doc = test::extract_fixture("thai-order-scanned.pdf");
  }
  ::sigaction(SIGCHLD, &old, nullptr);
  std::filesystem::remove(blocker);
  CHECK(children_ended == 0);
  REQUIRE(doc.parts.size() == 1);
  CHECK(doc.parts[0].source == extract::TextSource::Ocr);
  CHECK(doc.parts[0].text.find("สำนักงานเขตลาดกระบัง") != std::string::npos);
}

TEST_CASE("OCR: the per-page deadline stops a page that takes longer", "[extract][ocr][limits]") {
  // Reading this page takes about a second; 50 ms is spent before recognition reaches its first
  // words, so the monitor's deadline must stop it.
  extract::ExtractOptions o;
  o.limits.ocr_seconds_per_page = 0.05;
  const auto doc = test::extract_fixture("thai-order-scanned.pdf", o);
  REQUIRE(doc.parts.size() == 1);
  CHECK(doc.parts[0].source == extract::TextSource::TextLayer);
  CHECK(doc.parts[0].text.empty());
  CHECK(has_note(doc.parts[0], "OCR failed: tesseract timed out"));
  CHECK(doc.text_source() == "text-layer");
}

TEST_CASE("OCR: a cancelled reading stops the page in flight and starts no other", "[extract][ocr][cancel]") {
  // A worker that lost its job's lease sets the flag: nothing it reads will be used.
  auto flag = std::make_shared<std::atomic<bool>>(false);
  extract::ExtractOptions o;
  o.cancel = flag;
  SECTION("set before the reading: no page is read") {
    flag->store(true);
    const auto doc = test::extract_fixture("thai-order-scanned-2p.pdf", o);
    REQUIRE(doc.parts.size() == 2);
    for (const auto& part : doc.parts) {
      CHECK(part.source == extract::TextSource::TextLayer);
      CHECK(has_note(part, "OCR failed: cancelled before the page was read"));
    }
  }
  SECTION("set while a page is being read: recognition stops there") {
    // Reading the page takes about a second; the flag is set soon after recognition starts.
    std::thread canceller([flag] {
      std::this_thread::sleep_for(std::chrono::milliseconds(300));
      flag->store(true);
    });
    const auto doc = test::extract_fixture("thai-order-scanned.pdf", o);
    canceller.join();
    REQUIRE(doc.parts.size() == 1);
    CHECK(doc.parts[0].source == extract::TextSource::TextLayer);
    CHECK(has_note(doc.parts[0], "OCR failed: cancelled"));
  }
  SECTION("never set: the page is read as usual") {
    const auto doc = test::extract_fixture("thai-order-scanned.pdf", o);
    REQUIRE(doc.parts.size() == 1);
    CHECK(doc.parts[0].source == extract::TextSource::Ocr);
  }
}

TEST_CASE("OCR: an engine is reused without carrying state, and OpenMP starts no threads", "[extract][ocr]") {
  const extract::PageImage page = rendered_scan_page();
  REQUIRE(page);
  const int threads_before = threads_of_this_process();
  const extract::OcrResult first = extract::ocr_page(page, 120);
  const extract::OcrResult second = extract::ocr_page(page, 120);  // the same engine, from the pool
  // Debian's tesseract runs its LSTM in OpenMP regions; left alone they would start a team of
  // threads beside ours (ocr.cpp keeps every region on the calling thread).
  CHECK(threads_of_this_process() == threads_before);
  REQUIRE(first.ok);
  REQUIRE(second.ok);
  CHECK(first.text == second.text);
  const double cer = test::character_error_rate(thai::normalize(test::read_fixture("thai-order-page1.txt")),
                                                thai::normalize(first.text));
  CHECK(cer < 0.15);
}

TEST_CASE("OCR: an empty page image is refused, not read", "[extract][ocr]") {
  const extract::PageImage empty = extract::PageImage::from_argb32({nullptr, 0, 0, 0});
  CHECK_FALSE(empty);
  const extract::OcrResult r = extract::ocr_page(empty, 10);
  CHECK_FALSE(r.ok);
  CHECK_FALSE(r.error.empty());
  const extract::OcrResult garbage = extract::ocr_encoded_image("not an image at all", 10);
  CHECK_FALSE(garbage.ok);
  CHECK(garbage.error.find("image format") != std::string::npos);
}

TEST_CASE("scanned PDF of two pages: both pages OCR'd on the CPU pool, each with its own text", "[extract][pdf][ocr]") {
  const auto doc = test::extract_fixture("thai-order-scanned-2p.pdf");
  REQUIRE(doc.parts.size() == 2);
  for (const auto& part : doc.parts) {
    CHECK(part.source == extract::TextSource::Ocr);
    CHECK(has_note(part, "text from OCR (tesseract tha+eng, 200 dpi"));
  }
  const double cer1 = test::character_error_rate(thai::normalize(test::read_fixture("thai-order-page1.txt")), doc.parts[0].text);
  const double cer2 = test::character_error_rate(thai::normalize(test::read_fixture("thai-order-page2.txt")), doc.parts[1].text);
  std::cout << "CER OCR of the two-page scan: page 1 " << cer1 * 100 << " %, page 2 " << cer2 * 100 << " %\n";
  CHECK(cer1 < 0.15);
  CHECK(cer2 < 0.15);
}

TEST_CASE("OCR of a grey page: a quarter of the colour page's memory, the same Thai text read", "[extract][ocr]") {
  const extract::PageImage colour = rendered_scan_page();
  const extract::PageImage grey = rendered_grey_scan_page("thai-order-scanned.pdf", 0);
  REQUIRE(colour);
  REQUIRE(grey);
  // 8 bits per pixel instead of 32 (rows padded to whole 32-bit words in both).
  CHECK(grey.bytes() * 4 <= colour.bytes() + 16 * 2400);
  CHECK(grey.bytes() * 4 >= colour.bytes());
  const extract::OcrResult from_colour = extract::ocr_page(colour, 120);
  const extract::OcrResult from_grey = extract::ocr_page(grey, 120);
  REQUIRE(from_colour.ok);
  REQUIRE(from_grey.ok);
  const std::string reference = thai::normalize(test::read_fixture("thai-order-page1.txt"));
  const double cer_colour = test::character_error_rate(reference, thai::normalize(from_colour.text));
  const double cer_grey = test::character_error_rate(reference, thai::normalize(from_grey.text));
  std::cout << "CER OCR of scanned page 1: colour " << cer_colour * 100 << " %, grey " << cer_grey * 100 << " %\n";
  CHECK(thai::normalize(from_grey.text).find("สำนักงานเขตลาดกระบัง") != std::string::npos);
  CHECK(cer_grey < 0.15);
  CHECK(cer_grey <= cer_colour + 0.005);  // grey reads as well as colour did (within half a point)
}

TEST_CASE("OCR of a grey page: an image whose rows are shorter than its width is refused", "[extract][ocr]") {
  const unsigned char pixels[16] = {};
  CHECK_FALSE(extract::PageImage::from_gray8({pixels, 8, 2, 4}));
  CHECK_FALSE(extract::PageImage::from_gray8({nullptr, 8, 2, 8}));
  CHECK(extract::PageImage::from_gray8({pixels, 8, 2, 8}));
}

TEST_CASE("OCR slots: pages read at once, and engines made, never exceed the CPU pool's threads", "[extract][ocr]") {
  // Four threads outside the pool (as a scan's unit threads are) each read the page at once; the
  // pool is capped at 2, so two engines serve them in turn.
  cpu::limit_threads(2);
  const std::string bytes = test::read_fixture("thai-order-scanned.pdf");
  std::unique_ptr<poppler::document> pdf(poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  REQUIRE(pdf);
  std::unique_ptr<poppler::page> page(pdf->create_page(0));
  REQUIRE(page);
  poppler::page_renderer renderer;
  renderer.set_image_format(poppler::image::format_gray8);
  const poppler::image img = renderer.render_page(page.get(), 200, 200);
  REQUIRE(img.format() == poppler::image::format_gray8);
  const extract::Gray8Image pixels{reinterpret_cast<const unsigned char*>(img.const_data()), img.width(), img.height(), img.bytes_per_row()};
  std::vector<extract::OcrResult> results(4);
  std::vector<std::thread> readers;
  for (auto& r : results) {
    readers.emplace_back([&r, &pixels] { r = extract::ocr_page(extract::PageImage::from_gray8(pixels), 120); });
  }
  for (auto& t : readers) t.join();
  CHECK(extract::ocr_engines_made() >= 1);
  CHECK(extract::ocr_engines_made() <= 2);
  for (const auto& r : results) {
    REQUIRE(r.ok);
    CHECK(r.text == results[0].text);
  }
  // A thread holding a slot takes none again (a nested read never waits for itself).
  cpu::limit_threads(1);
  {
    const extract::OcrSlot outer;
    const extract::OcrSlot inner;
    const extract::OcrResult nested = extract::ocr_page(extract::PageImage::from_gray8(pixels), 120);
    CHECK(nested.ok);
  }
  cpu::limit_threads(0);
}
