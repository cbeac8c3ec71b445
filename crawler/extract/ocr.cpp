#include "extract/ocr.hpp"

#include <dlfcn.h>
#include <leptonica/allheaders.h>
#include <tesseract/baseapi.h>
#include <tesseract/ocrclass.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cmath>
#include <cstring>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

#include "common/cpu_pool.hpp"

namespace oitscan::extract {
namespace {

constexpr const char* kLanguages = "tha+eng";

// The resolution a rendered page declares to tesseract. The page was read before through a PNG
// written by poppler-cpp, whose writer stamps 75 dpi on every image, and the tesseract CLI took
// that as the source resolution. Declaring the same keeps the text byte-identical to what the
// CLI produced (checked on the test scans); declaring the true 200 dpi moved a line and read
// slightly worse (CER 3.37 % instead of 3.23 % on the fixture page). Tesseract measures the text
// size itself for its layout either way.
constexpr int kDeclaredPageDpi = 75;

// Text beyond this is dropped: no page holds 8 MiB of text; a hostile image could produce more.
constexpr std::size_t kMaxTextBytes = 8u << 20;

struct PixDeleter {
  void operator()(Pix* p) const { pixDestroy(&p); }
};
using PixPtr = std::unique_ptr<Pix, PixDeleter>;

using Engine = tesseract::TessBaseAPI;

std::atomic<std::size_t> engines_made{0};

// The OCR slots (OcrSlot): how many are taken, and whether this thread holds one.
std::mutex slots_mutex;
std::condition_variable slot_freed;
std::size_t slots_taken = 0;
thread_local bool this_thread_holds_slot = false;

// Debian's libtesseract is built with OpenMP: the LSTM computes its gates in `omp parallel
// num_threads(4)` regions. Inside our CPU pool (one thread per core) each page would then start
// its own team of OpenMP threads, which spin while they wait: one page measured 4 threads and 2.5x
// the CPU time. The num_threads clause overrides omp_set_num_threads(), and OMP_THREAD_LIMIT is
// read only when libgomp is loaded (before main), so we set max-active-levels to 0 instead: every
// parallel region then runs on the thread that meets it. libgomp keeps this setting per process or
// per thread depending on its version, so it is set on every thread that runs OCR. Looked up at
// run time because we do not build with OpenMP ourselves, and a tesseract built without it has no
// OpenMP runtime to configure.
void keep_openmp_on_this_thread() {
  thread_local bool done = false;
  if (done) return;
  done = true;
  using SetLevels = void (*)(int);
  static const auto set_levels = reinterpret_cast<SetLevels>(::dlsym(RTLD_DEFAULT, "omp_set_max_active_levels"));
  if (set_levels != nullptr) set_levels(0);
}

// Initialised engines not in use. An engine is taken for one image and given back, so the pool
// holds as many engines as images were ever read at once: one per CPU-pool thread at most when
// called from the pool. Engines are kept for the life of the process (initialising one costs
// about 0.3 s of CPU), and so is the pool itself: it is never destroyed, because tesseract's own
// globals may already be gone when static destructors run at exit.
class EnginePool {
 public:
  static EnginePool& instance() {
    static EnginePool* const pool = new EnginePool;
    return *pool;
  }

  // An idle engine, or a new one; nullptr when the language data cannot be loaded.
  std::unique_ptr<Engine> take() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (!idle_.empty()) {
        std::unique_ptr<Engine> e = std::move(idle_.back());
        idle_.pop_back();
        return e;
      }
    }
    return make_engine();
  }

  void give_back(std::unique_ptr<Engine> e) {
    e->Clear();  // drops the page image and results, keeps the loaded models
    std::lock_guard<std::mutex> lock(mutex_);
    idle_.push_back(std::move(e));
  }

 private:
  static std::unique_ptr<Engine> make_engine() {
    auto e = std::make_unique<Engine>();
    static std::once_flag quiet;
    std::call_once(quiet, [&e] {
      setMsgSeverity(L_SEVERITY_NONE);  // leptonica's messages to stderr
      // tesseract's diagnostics (a missing language file, "Estimating resolution as ...") would go
      // to this process's stderr through tprintf; the CLI's went to /dev/null. debug_file is one
      // setting for the whole process, so it is set once, before the first Init.
      e->SetVariable("debug_file", "/dev/null");
    });
    // Engines are initialised one at a time: Init reads tesseract's process-wide settings, and
    // this happens once per engine, not per page.
    static std::mutex init_mutex;
    std::lock_guard<std::mutex> lock(init_mutex);
    // Same as the CLI: default engine (LSTM with this data), data found the way the CLI finds it
    // (TESSDATA_PREFIX, else the path Debian compiled in).
    if (e->Init(nullptr, kLanguages, tesseract::OEM_DEFAULT) != 0) return nullptr;
    engines_made.fetch_add(1, std::memory_order_relaxed);
    // The API's default is a single block of text; the CLI's, and ours, is automatic layout.
    e->SetPageSegMode(tesseract::PSM_AUTO);
    return e;
  }

  std::mutex mutex_;
  std::vector<std::unique_ptr<Engine>> idle_;
};

// An engine taken from the pool for one image, given back when this goes out of scope.
class EngineLease {
 public:
  EngineLease() : engine_(EnginePool::instance().take()) {}
  ~EngineLease() {
    if (engine_) EnginePool::instance().give_back(std::move(engine_));
  }
  EngineLease(const EngineLease&) = delete;
  EngineLease& operator=(const EngineLease&) = delete;
  Engine* get() const { return engine_.get(); }

 private:
  std::unique_ptr<Engine> engine_;
};

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::string timeout_message(double timeout_seconds) {
  return "tesseract timed out after " + std::to_string(static_cast<int>(std::ceil(timeout_seconds))) + " s";
}

// Recognises `pix` with `engine` and appends its text, within `monitor`'s deadline. Empty string
// on success, else the reason.
std::string recognise(Engine& engine, Pix* pix, tesseract::ETEXT_DESC& monitor, double timeout_seconds, std::string& text) {
  keep_openmp_on_this_thread();
  // No state may carry over from an earlier image (the CLI started fresh for every page).
  engine.ClearAdaptiveClassifier();
  engine.SetImage(pix);
  // Layout analysis runs first and cannot be interrupted; word recognition checks the deadline
  // before every word and stops there.
  if (engine.Recognize(&monitor) < 0) {
    if (monitor.cancel_this != nullptr && static_cast<const std::atomic<bool>*>(monitor.cancel_this)->load()) return "cancelled";
    return monitor.deadline_exceeded() ? timeout_message(timeout_seconds) : "tesseract could not read the image";
  }
  const std::unique_ptr<char[]> out(engine.GetUTF8Text());
  if (out) text.append(out.get(), std::min(std::strlen(out.get()), kMaxTextBytes - std::min(kMaxTextBytes, text.size())));
  return {};
}

// The deadline as tesseract's progress monitor holds it (milliseconds from now, at least 1), and
// the caller's cancel flag, which tesseract asks about before every word.
void set_deadline(tesseract::ETEXT_DESC& monitor, double timeout_seconds, const std::atomic<bool>* cancel) {
  const double ms = std::clamp(timeout_seconds * 1000.0, 1.0, 24.0 * 3600 * 1000);
  monitor.set_deadline_msecs(static_cast<std::int32_t>(ms));
  if (cancel != nullptr) {
    // tesseract's callback type takes a void*; the flag is only ever read through it.
    monitor.cancel_this = const_cast<void*>(static_cast<const void*>(cancel));
    monitor.cancel = [](void* flag, int) { return static_cast<const std::atomic<bool>*>(flag)->load(); };
  }
}

// The rendered page as a leptonica image: 32-bit RGB words (0xRRGGBB00, alpha unused), which is
// what the PNG the CLI read became too.
Pix* pix_from_argb32(const Argb32Image& page) {
  if (page.data == nullptr || page.width <= 0 || page.height <= 0 || page.bytes_per_row / 4 < page.width) return nullptr;
  Pix* pix = pixCreate(page.width, page.height, 32);
  if (pix == nullptr) return nullptr;
  pixSetSpp(pix, 3);
  l_uint32* const dest = pixGetData(pix);
  const auto words_per_line = static_cast<std::size_t>(pixGetWpl(pix));
  for (int y = 0; y < page.height; ++y) {
    const unsigned char* src = page.data + static_cast<std::size_t>(y) * static_cast<std::size_t>(page.bytes_per_row);
    l_uint32* row = dest + static_cast<std::size_t>(y) * words_per_line;
    for (int x = 0; x < page.width; ++x) {
      std::uint32_t argb = 0;
      std::memcpy(&argb, src + static_cast<std::size_t>(x) * 4, 4);
      row[x] = argb << 8;  // 0xAARRGGBB -> 0xRRGGBB00
    }
  }
  pixSetResolution(pix, kDeclaredPageDpi, kDeclaredPageDpi);
  return pix;
}

// The grey page as a leptonica image of 8 bits per pixel, no colour map: tesseract keeps its own
// copy of what it is given, so a grey page costs it a quarter of a colour one, and its grey
// conversion of a colour page becomes a clone.
Pix* pix_from_gray8(const Gray8Image& page) {
  if (page.data == nullptr || page.width <= 0 || page.height <= 0 || page.bytes_per_row < page.width) return nullptr;
  Pix* pix = pixCreate(page.width, page.height, 8);
  if (pix == nullptr) return nullptr;
  l_uint32* const dest = pixGetData(pix);
  const auto words_per_line = static_cast<std::size_t>(pixGetWpl(pix));
  for (int y = 0; y < page.height; ++y) {
    const unsigned char* src = page.data + static_cast<std::size_t>(y) * static_cast<std::size_t>(page.bytes_per_row);
    l_uint32* row = dest + static_cast<std::size_t>(y) * words_per_line;
    // leptonica packs 4 pixels per 32-bit word, the first in the most significant byte.
    for (int x = 0; x < page.width; ++x) SET_DATA_BYTE(row, x, src[x]);
  }
  pixSetResolution(pix, kDeclaredPageDpi, kDeclaredPageDpi);
  return pix;
}

bool is_tiff(l_int32 format) {
  switch (format) {
    case IFF_TIFF: case IFF_TIFF_PACKBITS: case IFF_TIFF_RLE: case IFF_TIFF_G3: case IFF_TIFF_G4:
    case IFF_TIFF_LZW: case IFF_TIFF_ZIP: case IFF_TIFF_JPEG:
      return true;
    default:
      return false;
  }
}

}  // namespace

OcrSlot::OcrSlot() {
  if (this_thread_holds_slot) return;
  std::unique_lock<std::mutex> lock(slots_mutex);
  // Read each time: `--cpu N` may set the cap after the first page.
  slot_freed.wait(lock, [] { return slots_taken < std::max<std::size_t>(1, cpu::threads()); });
  ++slots_taken;
  taken_ = this_thread_holds_slot = true;
}

OcrSlot::~OcrSlot() {
  if (!taken_) return;
  this_thread_holds_slot = false;
  {
    std::lock_guard<std::mutex> lock(slots_mutex);
    --slots_taken;
  }
  slot_freed.notify_one();
}

std::size_t ocr_engines_made() { return engines_made.load(std::memory_order_relaxed); }

bool tesseract_available() {
  static const bool available = [] {
    const EngineLease lease;  // the engine made here is given back to the pool for the first OCR
    return lease.get() != nullptr;
  }();
  return available;
}

PageImage PageImage::from_argb32(const Argb32Image& page) {
  PageImage image;
  image.pix_ = pix_from_argb32(page);
  return image;
}

PageImage PageImage::from_gray8(const Gray8Image& page) {
  PageImage image;
  image.pix_ = pix_from_gray8(page);
  return image;
}

std::size_t PageImage::bytes() const {
  if (pix_ == nullptr) return 0;
  return static_cast<std::size_t>(pixGetWpl(pix_)) * 4 * static_cast<std::size_t>(pixGetHeight(pix_));
}

PageImage::~PageImage() {
  if (pix_ != nullptr) pixDestroy(&pix_);
}

PageImage::PageImage(PageImage&& other) noexcept : pix_(std::exchange(other.pix_, nullptr)) {}

PageImage& PageImage::operator=(PageImage&& other) noexcept {
  if (this != &other) {
    if (pix_ != nullptr) pixDestroy(&pix_);
    pix_ = std::exchange(other.pix_, nullptr);
  }
  return *this;
}

OcrResult ocr_page(const PageImage& page, double timeout_seconds, const std::atomic<bool>* cancel) {
  OcrResult r;
  const OcrSlot slot;  // before the clock starts: waiting for a core is not reading
  const auto start = std::chrono::steady_clock::now();
  tesseract::ETEXT_DESC monitor;
  set_deadline(monitor, timeout_seconds, cancel);
  const EngineLease lease;
  if (lease.get() == nullptr) {
    r.error = "tesseract could not load its tha+eng language data";
  } else if (!page) {
    r.error = "the rendered page is not a valid image";
  } else {
    r.error = recognise(*lease.get(), page.pix_, monitor, timeout_seconds, r.text);
    r.ok = r.error.empty();
  }
  r.seconds = seconds_since(start);
  return r;
}

OcrResult ocr_encoded_image(std::string_view bytes, double timeout_seconds, std::size_t max_pages,
                            const std::atomic<bool>* cancel) {
  OcrResult r;
  const OcrSlot slot;  // the decoded image and the engine, like a rendered page's
  const auto start = std::chrono::steady_clock::now();
  tesseract::ETEXT_DESC monitor;
  set_deadline(monitor, timeout_seconds, cancel);
  const auto* data = reinterpret_cast<const l_uint8*>(bytes.data());
  l_int32 format = IFF_UNKNOWN;
  if (bytes.size() < 12 || findFileFormatBuffer(data, &format) != 0 || format == IFF_UNKNOWN) {
    r.error = "leptonica does not know this image format";
    r.seconds = seconds_since(start);
    return r;
  }
  const EngineLease lease;
  if (lease.get() == nullptr) {
    r.error = "tesseract could not load its tha+eng language data";
    r.seconds = seconds_since(start);
    return r;
  }
  // Like the CLI: every page of a TIFF (up to max_pages), each followed by a form feed; any other
  // format is one image.
  std::size_t offset = 0;
  for (std::size_t page = 0; page < std::max<std::size_t>(1, max_pages); ++page) {
    PixPtr pix(is_tiff(format) ? pixReadMemFromMultipageTiff(data, bytes.size(), &offset) : pixReadMem(data, bytes.size()));
    if (!pix) {
      if (page == 0) r.error = "leptonica could not decode the image";
      break;
    }
    r.error = recognise(*lease.get(), pix.get(), monitor, timeout_seconds, r.text);
    if (!r.error.empty()) break;
    if (!is_tiff(format) || offset == 0) break;
    r.text += '\f';
  }
  r.ok = r.error.empty();
  r.seconds = seconds_since(start);
  return r;
}

}  // namespace oitscan::extract
