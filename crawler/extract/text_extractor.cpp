// CSV, JSON, XML and plain text: charset resolution (no <meta> prescan), Thai normalisation, and
// locations: CSV cells as "cell B7" (RFC 4180 quoting, delimiter , ; or tab), other text by line.
#include <algorithm>
#include <cstdint>
#include <optional>
#include <filesystem>
#include <fstream>

#include "extract/csv_shape.hpp"
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

// The sniffer's reading of the table's shape, so a title block above the header row does not
// hide a ';' or tab delimiter. The sniffer only calls text CSV when some delimiter shapes it.
char guess_delimiter(std::string_view text) {
  return csv_delimiter(text, CsvEvidence::Declared).value_or(',');
}

class CsvExtractor final : public Extractor {
 public:
  void extract(std::string_view bytes, const ExtractContext& ctx, Document& doc) const override {
    const thai::DecodedText decoded = thai::decode_to_utf8(bytes, ctx.content_type, {false});
    doc.charset = decoded.encoding_used;
    doc.charset_how = decoded.how_decided;
    const std::string& t = decoded.text;
    const char delim = guess_delimiter(t);
    PartBuilder b("table", ctx);
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
        throw LimitExceeded("more cells than the cell limit (" + std::to_string(ctx.limits.max_cells) + ")");
      }
      field.clear();
      ++col;
    };
    try {
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
    } catch (const LimitExceeded&) {
      doc.parts.push_back(b.finish());  // what was read before the limit is kept
      throw;
    }
    doc.parts.push_back(b.finish());
  }
};

class TextExtractor final : public Extractor {
 public:
  void extract(std::string_view bytes, const ExtractContext& ctx, Document& doc) const override {
    const thai::DecodedText decoded = thai::decode_to_utf8(bytes, ctx.content_type, {ctx.format == Format::xml});
    doc.charset = decoded.encoding_used;
    doc.charset_how = decoded.how_decided;
    PartBuilder b("text", ctx);
    std::size_t line = 0, start = 0;
    const std::string& t = decoded.text;
    try {
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
    } catch (const LimitExceeded&) {
      doc.parts.push_back(b.finish());  // what was read before the limit is kept
      throw;
    }
    doc.parts.push_back(b.finish());
  }
};

std::uint32_t be32(std::string_view b, std::size_t i) {
  return (std::uint32_t{static_cast<unsigned char>(b[i])} << 24) | (std::uint32_t{static_cast<unsigned char>(b[i + 1])} << 16) |
         (std::uint32_t{static_cast<unsigned char>(b[i + 2])} << 8) | std::uint32_t{static_cast<unsigned char>(b[i + 3])};
}
std::uint32_t be16(std::string_view b, std::size_t i) {
  return (std::uint32_t{static_cast<unsigned char>(b[i])} << 8) | std::uint32_t{static_cast<unsigned char>(b[i + 1])};
}

// Width x height from the PNG IHDR or the JPEG SOFn header, so that a tiny file declaring a huge
// canvas is refused before the OCR engine allocates it. nullopt when not found (TIFF, odd files).
std::optional<std::uint64_t> declared_pixels(std::string_view b) {
  if (b.size() >= 24 && b.substr(12, 4) == "IHDR") return std::uint64_t{be32(b, 16)} * be32(b, 20);
  if (b.size() >= 4 && static_cast<unsigned char>(b[0]) == 0xFF && static_cast<unsigned char>(b[1]) == 0xD8) {
    std::size_t i = 2;
    while (i + 9 < b.size()) {
      if (static_cast<unsigned char>(b[i]) != 0xFF) return std::nullopt;
      const auto marker = static_cast<unsigned char>(b[i + 1]);
      if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
        return std::uint64_t{be16(b, i + 5)} * be16(b, i + 7);
      }
      i += 2 + be16(b, i + 2);
    }
  }
  return std::nullopt;
}

// PNG/JPEG/TIFF: the whole image through OCR.
class ImageExtractor final : public Extractor {
 public:
  void extract(std::string_view bytes, const ExtractContext& ctx, Document& doc) const override {
    if (auto px = declared_pixels(bytes); px && *px > ctx.limits.max_image_pixels) {
      throw LimitExceeded("image declares " + std::to_string(*px) + " pixels (limit " +
                          std::to_string(ctx.limits.max_image_pixels) + ")");
    }
    Part part;
    part.label = "image";
    part.source = TextSource::Ocr;
    part.quality = 0;
    if (!ctx.limits.ocr) {
      part.notes.emplace_back("OCR disabled");
      doc.parts.push_back(std::move(part));
      return;
    }
    // Decoded and OCR'd in memory (leptonica, tesseract's API); every page of a TIFF, as before.
    const double timeout = std::min(ctx.limits.ocr_seconds_per_page, std::max(1.0, ctx.budget.remaining()));
    const OcrResult r = ocr_encoded_image(bytes, timeout, ctx.limits.max_ocr_pages, ctx.cancel);
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
