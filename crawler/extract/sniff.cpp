#include "extract/sniff.hpp"

#include <magic.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <memory>

#include "extract/csv_shape.hpp"
#include "extract/zip_reader.hpp"
#include "thai/charset.hpp"

#include "common/text.hpp"

namespace oitscan::extract {
namespace {

std::string magic_mime(std::string_view bytes) {
  struct Closer {
    void operator()(magic_set* m) const { magic_close(m); }
  };
  // A magic cookie is not thread-safe and loading the database costs milliseconds: one per thread.
  thread_local std::unique_ptr<magic_set, Closer> cookie = [] {
    std::unique_ptr<magic_set, Closer> m(magic_open(MAGIC_MIME_TYPE | MAGIC_ERROR));
    if (m && magic_load(m.get(), nullptr) != 0) m.reset();
    return m;
  }();
  if (!cookie) return {};
  // The first MiB is enough for every signature we care about and bounds the time.
  const std::size_t n = std::min<std::size_t>(bytes.size(), 1u << 20);
  const char* r = magic_buffer(cookie.get(), bytes.data(), n);
  return r == nullptr ? std::string() : std::string(r);
}

std::string lower_head(std::string_view bytes, std::size_t n) {
  return ascii_lower(bytes.substr(0, n));
}

Format container_format(std::string_view bytes, const Limits& limits) {
  auto z = ZipReader::open(bytes, limits);
  if (!z) return Format::unknown;
  if (z->has("mimetype")) {
    try {
      if (auto m = z->read("mimetype")) {
        if (m->find("opendocument.text") != std::string::npos) return Format::odt;
        if (m->find("opendocument.spreadsheet") != std::string::npos) return Format::ods;
      }
    } catch (const LimitExceeded&) {
    }
  }
  if (z->has("[Content_Types].xml") || z->has("word/document.xml") || z->has("xl/workbook.xml")) {
    if (z->has("word/document.xml")) return Format::docx;
    if (z->has("xl/workbook.xml")) return Format::xlsx;
    if (z->has("ppt/presentation.xml")) return Format::pptx;
  }
  if (z->has("content.xml")) return Format::odt;  // ODF without a mimetype member
  return Format::zip;
}

// Excel's "Unicode text" export is UTF-16 with a BOM: its NUL bytes do not make it binary.
bool has_utf16_bom(std::string_view bytes) {
  return bytes.substr(0, 2) == "\xFF\xFE" || bytes.substr(0, 2) == "\xFE\xFF";
}

bool looks_binary(std::string_view bytes) {
  if (has_utf16_bom(bytes)) return false;
  const std::string_view head = bytes.substr(0, 4096);
  return std::find(head.begin(), head.end(), '\0') != head.end();
}

Format text_format(std::string_view bytes, bool declared_csv) {
  const std::string head = lower_head(bytes, 2048);
  const std::size_t first = head.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
  if (first == std::string::npos) return Format::text;
  const std::string_view h = std::string_view(head).substr(first);
  for (const char* tag : {"<!doctype html", "<html", "<head", "<body", "<meta", "<title", "<div", "<p>", "<p ", "<table", "<script",
                          "<iframe", "<span", "<a href", "<img", "<br", "<h1", "<h2", "<ul", "<form", "<style"}) {
    if (h.substr(0, std::string_view(tag).size()) == tag || head.find(std::string(tag)) != std::string::npos) {
      if (h.substr(0, 5) == "<?xml" && head.find("<html") == std::string::npos) break;
      return Format::html;
    }
  }
  if (h.substr(0, 5) == "<?xml" || (h.substr(0, 1) == "<" && h.find('>') != std::string_view::npos)) return Format::xml;
  if ((h[0] == '{' || h[0] == '[') && bytes.size() <= (16u << 20) && nlohmann::json::accept(bytes)) return Format::json;
  // Decoding first (BOM dropped, windows-874 and UTF-16 to UTF-8) keeps the encoding from
  // mattering to the table's shape.
  const auto decoded = thai::decode_to_utf8(bytes.substr(0, 64 * 1024), "", {false});
  const CsvEvidence evidence = declared_csv ? CsvEvidence::Declared : CsvEvidence::Bytes;
  if (csv_delimiter(decoded.text, evidence)) return Format::csv;
  return Format::text;
}

// A format the first bytes settle beyond doubt, with the MIME type libmagic would name for it:
// for these libmagic is not asked (it was 15 % of a scan's CPU, mostly on HTML).
struct Signature {
  Format format;
  const char* mime;
};

std::optional<Signature> certain_signature(std::string_view bytes) {
  if (bytes.substr(0, 5) == "%PDF-") return Signature{Format::pdf, "application/pdf"};
  if (bytes.substr(0, 8) == "\x89PNG\r\n\x1a\n") return Signature{Format::png, "image/png"};
  if (bytes.substr(0, 3) == "\xFF\xD8\xFF") return Signature{Format::jpeg, "image/jpeg"};
  if (bytes.substr(0, 6) == "GIF87a" || bytes.substr(0, 6) == "GIF89a") return Signature{Format::gif, "image/gif"};
  // A page that opens (after a BOM and blank space) with a doctype or <html> and has no NUL.
  const std::string head = lower_head(bytes, 512);
  const std::size_t first = head.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
  if (first != std::string::npos && (head.compare(first, 14, "<!doctype html") == 0 || head.compare(first, 5, "<html") == 0) &&
      !looks_binary(bytes)) {
    return Signature{Format::html, "text/html"};
  }
  return std::nullopt;
}

}  // namespace

Sniffed sniff(std::string_view bytes, const Limits& limits, std::optional<Format> declared) {
  Sniffed s;
  if (const auto sig = certain_signature(bytes)) {
    s.format = sig->format;
    s.mime = sig->mime;
    s.how = "signature";
    return s;
  }
  s.mime = magic_mime(bytes);
  s.how = "magic";
  const std::string& m = s.mime;
  auto is = [&](std::string_view prefix) { return m.compare(0, prefix.size(), prefix) == 0; };
  if (bytes.substr(0, 5) == "%PDF-" || m == "application/pdf") {
    s.format = Format::pdf;
  } else if (bytes.substr(0, 2) == "PK" || m == "application/zip" || is("application/vnd.openxmlformats") ||
             is("application/vnd.oasis.opendocument")) {
    s.format = container_format(bytes, limits);
    s.how = "container";
  } else if (m == "image/png") {
    s.format = Format::png;
  } else if (m == "image/jpeg") {
    s.format = Format::jpeg;
  } else if (m == "image/tiff") {
    s.format = Format::tiff;
  } else if (m == "image/gif") {
    s.format = Format::gif;
  } else if (m == "application/msword") {
    s.format = Format::doc;
  } else if (m == "application/vnd.ms-excel") {
    s.format = Format::xls;
  } else if (m == "text/rtf" || m == "application/rtf") {
    s.format = Format::rtf;
  } else if (is("text/") || m == "application/json" || m == "application/xml" || m == "application/csv" ||
             m == "application/octet-stream" || m.empty()) {
    // libmagic calls windows-874 HTML "application/octet-stream" at times: look at the text.
    if (!looks_binary(bytes) && !bytes.empty()) {
      s.format = text_format(bytes, declared == Format::csv);
      s.how = "text-heuristic";
    } else {
      s.format = Format::unknown;
    }
  } else {
    s.format = Format::unknown;
  }
  return s;
}

}  // namespace oitscan::extract
