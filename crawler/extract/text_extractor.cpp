// CSV, JSON, XML and plain text: charset resolution (no <meta> prescan), Thai normalisation, and
// locations: CSV cells as "cell B7" (RFC 4180 quoting, delimiter , ; or tab), other text by line.
#include <algorithm>
#include <filesystem>
#include <fstream>

#include "extract/extractor.hpp"
#include "extract/ocr.hpp"
#include "extract/ooxml_common.hpp"
#include "thai/charset.hpp"
#include "thai/normalize.hpp"

namespace oitscan::extract {
namespace {

std::string column_name(std::size_t col) {
  std::string s;
  ++col;
  while (col > 0) {
    s.insert(s.begin(), static_cast<char>('A' + (col - 1) % 26));
    col = (col - 1) / 26;
  }
  return s;
}

char guess_delimiter(std::string_view text) {
  const std::string_view first = text.substr(0, text.find('\n'));
  char best = ',';
  std::ptrdiff_t best_count = 0;
  for (char d : {',', ';', '\t'}) {
    const auto c = std::count(first.begin(), first.end(), d);
    if (c > best_count) best = d, best_count = c;
  }
  return best;
}

class CsvExtractor final : public Extractor {
 public:
  void extract(std::string_view bytes, const ExtractContext& ctx, Document& doc) const override {
    const thai::DecodedText decoded = thai::decode_to_utf8(bytes, ctx.content_type, {false});
    doc.charset = decoded.encoding_used;
    doc.charset_how = decoded.how_decided;
    const std::string& t = decoded.text;
    const char delim = guess_delimiter(t);
    PartBuilder b("table", ctx.limits);
    std::size_t row = 0, col = 0, cells = 0;
    std::string field;
    bool quoted = false, row_has_cell = false;
    auto end_field = [&] {
      if (!field.empty()) {
        if (row_has_cell) b.append("\t");
        const std::size_t start = b.mark();
        b.append(field);
        b.span(start, "cell " + column_name(col) + std::to_string(row + 1));
        row_has_cell = true;
      }
      if (++cells > ctx.limits.max_cells) {
        doc.parts.push_back(b.finish());
        throw LimitExceeded("more cells than the cell limit (" + std::to_string(ctx.limits.max_cells) + ")");
      }
      field.clear();
      ++col;
    };
    for (std::size_t i = 0; i < t.size(); ++i) {
      const char c = t[i];
      if (quoted) {
        if (c == '"' && i + 1 < t.size() && t[i + 1] == '"') {
          field.push_back('"');
          ++i;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.push_back(c);
        }
      } else if (c == '"' && field.empty()) {
        quoted = true;
      } else if (c == delim) {
        end_field();
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && i + 1 < t.size() && t[i + 1] == '\n') ++i;
        end_field();
        if (row_has_cell) b.append("\n");
        ++row;
        col = 0;
        row_has_cell = false;
        if ((row & 4095) == 0) ctx.budget.check("reading CSV");
      } else {
        field.push_back(c);
      }
    }
    if (!field.empty() || col > 0) end_field();
    doc.parts.push_back(b.finish());
  }
};

class TextExtractor final : public Extractor {
 public:
  void extract(std::string_view bytes, const ExtractContext& ctx, Document& doc) const override {
    const thai::DecodedText decoded = thai::decode_to_utf8(bytes, ctx.content_type, {ctx.format == "xml"});
    doc.charset = decoded.encoding_used;
    doc.charset_how = decoded.how_decided;
    if (decoded.text.size() > ctx.limits.max_text_bytes) throw LimitExceeded("text larger than the text limit");
    PartBuilder b("text", ctx.limits);
    std::size_t line = 0, start = 0;
    const std::string& t = decoded.text;
    for (std::size_t i = 0; i <= t.size(); ++i) {
      if (i == t.size() || t[i] == '\n') {
        ++line;
        const std::size_t s = b.mark();
        b.append(std::string_view(t).substr(start, i - start));
        b.span(s, "line " + std::to_string(line));
        if (i < t.size()) b.append("\n");
        start = i + 1;
      }
    }
    doc.parts.push_back(b.finish());
  }
};

// PNG/JPEG/TIFF: the whole image through OCR.
class ImageExtractor final : public Extractor {
 public:
  void extract(std::string_view bytes, const ExtractContext& ctx, Document& doc) const override {
    Part part;
    part.label = "image";
    part.source = TextSource::Ocr;
    part.quality = 0;
    if (!ctx.limits.ocr) {
      part.notes.emplace_back("OCR disabled");
      doc.parts.push_back(std::move(part));
      return;
    }
    const std::filesystem::path file = temp_file_path("." + ctx.format);
    {
      std::ofstream out(file, std::ios::binary);
      out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    }
    const double timeout = std::min(ctx.limits.ocr_seconds_per_page, std::max(1.0, ctx.budget.remaining()));
    const OcrResult r = run_tesseract(file, timeout);
    std::error_code ec;
    std::filesystem::remove(file, ec);
    if (!r.ok) {
      part.notes.push_back("OCR failed: " + r.error);
      doc.warnings.push_back("OCR failed: " + r.error);
    } else {
      thai::NormalizeOptions norm;
      norm.repair_pdf_spaces = true;
      part.text = thai::normalize(r.text, norm);
      part.notes.push_back("text from OCR (tesseract tha+eng); Thai digits need review");
    }
    doc.parts.push_back(std::move(part));
  }
};

}  // namespace

std::shared_ptr<const Extractor> make_csv_extractor() { return std::make_shared<CsvExtractor>(); }
std::shared_ptr<const Extractor> make_text_extractor() { return std::make_shared<TextExtractor>(); }
std::shared_ptr<const Extractor> make_image_extractor() { return std::make_shared<ImageExtractor>(); }

}  // namespace oitscan::extract
