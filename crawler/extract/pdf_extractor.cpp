// PDF (poppler-cpp): text page by page in raw order (poppler's other layouts reorder Thai marks,
// debian-deps.md §3), Thai space repair, a per-page quality score, and OCR of the pages that fail
// it. The text layers are read one page after another; the pages that need OCR are then rendered
// and OCR'd as tasks of the CPU pool (common/cpu_pool), as many at once as there are cores: a
// scanned, signed announcement of several pages no longer takes one core for its whole length.
// Each task opens its own poppler document on the same bytes (a poppler document is not meant to
// be used by two threads at once; opening one costs milliseconds next to seconds of OCR), renders
// its page into memory and hands the pixels to tesseract in this process (ocr.hpp).
// poppler-cpp 22.12 has no annotation API, so link annotations are read from /URI entries in the
// file's objects (plain and inside Flate object streams, pdf_links.cpp), and URLs printed in the
// text are added with their page.
#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-image.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>

#include <algorithm>
#include <atomic>
#include <climits>
#include <cmath>
#include <ctime>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/cpu_pool.hpp"
#include "extract/extractor.hpp"
#include "extract/ocr.hpp"
#include "common/time.hpp"
#include "extract/pdf_links.hpp"
#include "extract/text_quality.hpp"
#include "thai/normalize.hpp"

namespace oitscan::extract {
namespace {

void quiet_poppler(const std::string&, void*) {}

std::string utf8(const poppler::ustring& u) {
  const poppler::byte_array b = u.to_utf8();
  return std::string(b.begin(), b.end());
}

std::string iso_time(std::time_t t) {
  if (t <= 0) return {};
  return iso8601_utc(t);
}

// URLs printed in the page text.
void printed_urls(const std::string& text, const std::string& location, std::size_t max, std::vector<Link>& links) {
  std::size_t pos = 0;
  while (links.size() < max) {
    const std::size_t a = text.find("http://", pos);
    const std::size_t b = text.find("https://", pos);
    const std::size_t s = std::min(a, b);
    if (s == std::string::npos) break;
    std::size_t e = s;
    while (e < text.size() && static_cast<unsigned char>(text[e]) > 0x20 && text[e] != ')' && text[e] != '"') ++e;
    links.push_back({text.substr(s, e - s), "", location});
    pos = e;
  }
}

class PdfExtractor final : public Extractor {
 public:
  void extract(std::string_view bytes, const ExtractContext& ctx, Document& doc) const override {
    poppler::set_debug_error_function(quiet_poppler, nullptr);
    if (bytes.size() > INT_MAX) throw LimitExceeded("PDF larger than 2 GiB");
    std::unique_ptr<poppler::document> pdf(
        poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
    if (!pdf) throw std::runtime_error("poppler could not open the PDF");
    if (pdf->is_locked()) {
      doc.outcome = "encrypted";
      doc.warnings.emplace_back("the PDF is password-protected");
      return;
    }
    doc.title = thai::normalize(utf8(pdf->info_key("Title")));
    if (auto c = iso_time(pdf->get_creation_date_t()); !c.empty()) doc.metadata_dates.push_back({"creation", c});
    if (auto m = iso_time(pdf->get_modification_date_t()); !m.empty()) doc.metadata_dates.push_back({"modification", m});
    const PdfUriScan uris = pdf_uri_entries(bytes, ctx.limits.max_links, ctx.limits.max_decompressed_bytes);
    for (const auto& u : uris.uris) doc.links.push_back({u, "", "annotation"});
    if (uris.truncated) doc.warnings.emplace_back("object streams larger than the decompression limit: links may be missing");

    const int pages = pdf->pages();
    doc.page_count = pages > 0 ? static_cast<std::size_t>(pages) : 0;
    const std::size_t n = std::min<std::size_t>(doc.page_count, ctx.limits.max_pages);
    if (n < doc.page_count) {
      doc.warnings.push_back("only the first " + std::to_string(n) + " of " + std::to_string(doc.page_count) +
                             " pages were read (page limit)");
    }
    std::vector<OcrJob> ocr_jobs;
    std::size_t text_bytes = 0;
    for (std::size_t i = 0; i < n; ++i) {
      ctx.budget.check("reading PDF pages");
      std::unique_ptr<poppler::page> page(pdf->create_page(static_cast<int>(i)));
      Part part;
      part.label = "page " + std::to_string(i + 1);
      part.source = TextSource::TextLayer;
      if (!page) {
        part.notes.emplace_back("poppler could not read this page");
        doc.parts.push_back(std::move(part));
        continue;
      }
      std::string raw = utf8(page->text(poppler::rectf(), poppler::page::raw_order_layout));
      std::erase(raw, '\f');  // poppler ends every page with a form feed
      TextQuality q = assess_text_layer(raw);
      part.quality = q.score;
      part.notes = q.notes;
      if (q.needs_ocr && q.latin1_garble * 2 > q.chars) {
        if (auto thai_text = redecode_latin1_as_thai(raw)) {
          const TextQuality q2 = assess_text_layer(*thai_text);
          if (!q2.needs_ocr) {
            raw = std::move(*thai_text);
            q = q2;
            part.quality = q2.score;
            part.notes.emplace_back("text layer re-decoded: TIS-620 bytes drawn with a Latin-1 font");
          }
        }
      }
      thai::NormalizeOptions norm;
      norm.repair_pdf_spaces = true;
      part.text = thai::normalize(raw, norm);
      if (q.needs_ocr) {
        if (!ctx.limits.ocr) {
          part.notes.emplace_back("OCR needed but disabled");
        } else if (ocr_jobs.size() >= ctx.limits.max_ocr_pages) {
          part.notes.emplace_back("OCR needed but the OCR budget is spent");
          doc.warnings.push_back(part.label + ": OCR budget spent, text layer kept");
        } else if (!tesseract_available()) {
          part.notes.emplace_back("OCR needed but tesseract is not installed");
        } else {
          ocr_jobs.push_back({doc.parts.size(), static_cast<int>(i), render_dpi(*page, ctx.limits.ocr_dpi)});
        }
      }
      text_bytes += part.text.size();
      if (text_bytes > ctx.limits.max_text_bytes) throw LimitExceeded("PDF text larger than the text limit");
      doc.parts.push_back(std::move(part));
    }
    run_ocr(bytes, ocr_jobs, ctx, doc);
    text_bytes = 0;
    for (const auto& part : doc.parts) {
      text_bytes += part.text.size();
      if (text_bytes > ctx.limits.max_text_bytes) throw LimitExceeded("PDF text larger than the text limit");
      printed_urls(part.text, part.label, ctx.limits.max_links, doc.links);
    }
  }

 private:
  // A page to OCR: which part it becomes, which page of the file, and at what resolution.
  struct OcrJob {
    std::size_t part = 0;
    int page = 0;
    double dpi = 0;
  };

  // Keep the bitmap bounded: a poster-sized page is rendered at a lower resolution.
  static double render_dpi(const poppler::page& page, int ocr_dpi) {
    const poppler::rectf box = page.page_rect();
    double dpi = ocr_dpi;
    const double pixels = (box.width() / 72.0 * dpi) * (box.height() / 72.0 * dpi);
    if (pixels > 40e6) dpi *= std::sqrt(40e6 / pixels);
    return dpi;
  }

  // Renders one page into memory as grey (in a poppler document of this task's own) and OCRs it.
  // The renderer's bitmap is copied into tesseract's image form and freed before recognition.
  static OcrResult render_and_ocr(std::string_view bytes, const OcrJob& job, double timeout_seconds,
                                  const std::atomic<bool>* cancel) {
    const OcrSlot slot;  // the bitmaps and the engine of one page per core, process-wide
    PageImage image;
    {
      std::unique_ptr<poppler::document> pdf(
          poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
      std::unique_ptr<poppler::page> page(pdf && !pdf->is_locked() ? pdf->create_page(job.page) : nullptr);
      if (!page) return {false, {}, "could not render the page", 0};
      poppler::page_renderer renderer;
      renderer.set_render_hint(poppler::page_renderer::antialiasing, true);
      renderer.set_render_hint(poppler::page_renderer::text_antialiasing, true);
      // Grey, not 32-bit colour: a quarter of the memory per page in flight (an A4 page at
      // 200 dpi is 3.9 MB instead of 15.5 MB, in the renderer, in our image and in tesseract's
      // copy), and tesseract reads grey anyway.
      renderer.set_image_format(poppler::image::format_gray8);
      const poppler::image img = renderer.render_page(page.get(), job.dpi, job.dpi);
      if (!img.is_valid() || img.format() != poppler::image::format_gray8) return {false, {}, "could not render the page", 0};
      image = PageImage::from_gray8(
          {reinterpret_cast<const unsigned char*>(img.const_data()), img.width(), img.height(), img.bytes_per_row()});
    }
    return ocr_page(image, timeout_seconds, cancel);
  }

  // Renders and OCRs the pages on the CPU pool and lays each page's text over its part. Pages not
  // started before the document's OCR time is spent keep their text layer.
  static void run_ocr(std::string_view bytes, const std::vector<OcrJob>& jobs, const ExtractContext& ctx, Document& doc) {
    if (jobs.empty()) return;
    struct Outcome {
      bool started = false;
      bool cancelled = false;  // not started: the caller cancelled the reading
      OcrResult result;
    };
    std::vector<Outcome> outcomes(jobs.size());
    const double ocr_start = ctx.budget.elapsed();
    cpu::for_each_index(jobs.size(), [&](std::size_t i) {
      if (ctx.cancelled()) {
        outcomes[i].cancelled = true;
        return;
      }
      if (ctx.budget.elapsed() - ocr_start >= ctx.limits.ocr_total_seconds || ctx.budget.remaining() <= 0) return;
      outcomes[i].started = true;
      const double timeout = std::min(ctx.limits.ocr_seconds_per_page, std::max(1.0, ctx.budget.remaining()));
      outcomes[i].result = render_and_ocr(bytes, jobs[i], timeout, ctx.cancel);
    });

    for (std::size_t i = 0; i < jobs.size(); ++i) {
      Part& part = doc.parts[jobs[i].part];
      const OcrResult& r = outcomes[i].result;
      if (outcomes[i].cancelled) {
        part.notes.emplace_back("OCR failed: cancelled before the page was read");
      } else if (!outcomes[i].started) {
        part.notes.emplace_back("OCR needed but the OCR budget is spent");
        doc.warnings.push_back(part.label + ": OCR budget spent, text layer kept");
      } else if (!r.ok) {
        part.notes.push_back("OCR failed: " + r.error);
      } else {
        thai::NormalizeOptions norm;
        norm.repair_pdf_spaces = true;  // tesseract also splits Thai words before marks
        part.text = thai::normalize(r.text, norm);
        part.source = TextSource::Ocr;
        part.notes.push_back("text from OCR (tesseract tha+eng, " + std::to_string(static_cast<int>(jobs[i].dpi)) + " dpi, " +
                             std::to_string(static_cast<int>(r.seconds * 1000)) + " ms); Thai digits need review");
      }
    }
  }
};

}  // namespace

std::shared_ptr<const Extractor> make_pdf_extractor() { return std::make_shared<PdfExtractor>(); }

}  // namespace oitscan::extract
