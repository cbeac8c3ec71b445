#include "extract/pdf_links.hpp"

#include <zlib.h>

#include <algorithm>

namespace oitscan::extract {
namespace {

// PDF literal strings after /URI: "/URI (https://...)" with backslash escapes.
void scan_uris(std::string_view bytes, std::size_t max, std::vector<std::string>& out) {
  std::size_t pos = 0;
  while (out.size() < max && (pos = bytes.find("/URI", pos)) != std::string_view::npos) {
    pos += 4;
    std::size_t i = pos;
    while (i < bytes.size() && (bytes[i] == ' ' || bytes[i] == '\r' || bytes[i] == '\n')) ++i;
    if (i >= bytes.size() || bytes[i] != '(') continue;
    std::string s;
    int depth = 1;
    for (++i; i < bytes.size() && s.size() < 4096; ++i) {
      const char c = bytes[i];
      if (c == '\\' && i + 1 < bytes.size()) {
        s.push_back(bytes[++i]);
        continue;
      }
      if (c == '(') ++depth;
      if (c == ')' && --depth == 0) break;
      s.push_back(c);
    }
    if (!s.empty() && std::find(out.begin(), out.end(), s) == out.end()) out.push_back(std::move(s));
  }
}

// Inflates a zlib stream up to `limit` bytes; returns what was inflated (possibly partial).
std::string inflate_bounded(std::string_view data, std::size_t limit, bool& hit_limit) {
  std::string out;
  z_stream z{};
  if (inflateInit(&z) != Z_OK) return out;
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(std::min<std::size_t>(data.size(), UINT32_MAX));
  char buf[65536];
  for (;;) {
    z.next_out = reinterpret_cast<Bytef*>(buf);
    z.avail_out = sizeof buf;
    const int rc = inflate(&z, Z_NO_FLUSH);
    out.append(buf, sizeof buf - z.avail_out);
    if (out.size() > limit) {
      hit_limit = true;
      out.resize(limit);
      break;
    }
    if (rc != Z_OK) break;  // Z_STREAM_END, or corrupt data: keep what we have
  }
  inflateEnd(&z);
  return out;
}

}  // namespace

PdfUriScan pdf_uri_entries(std::string_view pdf, std::size_t max_links, std::size_t max_inflated_bytes) {
  PdfUriScan r;
  scan_uris(pdf, max_links, r.uris);
  std::size_t inflated_total = 0;
  std::size_t pos = 0;
  while (r.uris.size() < max_links && (pos = pdf.find("/ObjStm", pos)) != std::string_view::npos) {
    pos += 7;
    // The dictionary ends at the "stream" keyword that follows; it must say /FlateDecode.
    const std::size_t kw = pdf.find("stream", pos);
    if (kw == std::string_view::npos || kw - pos > 2048) continue;
    const std::string_view dict = pdf.substr(pos, kw - pos);
    if (dict.find("/FlateDecode") == std::string_view::npos || dict.find("/DecodeParms") != std::string_view::npos) {
      continue;
    }
    std::size_t start = kw + 6;
    if (start < pdf.size() && pdf[start] == '\r') ++start;
    if (start < pdf.size() && pdf[start] == '\n') ++start;
    const std::size_t end = pdf.find("endstream", start);
    if (end == std::string_view::npos) break;
    bool hit = false;
    const std::size_t budget = max_inflated_bytes > inflated_total ? max_inflated_bytes - inflated_total : 0;
    if (budget == 0) {
      r.truncated = true;
      break;
    }
    const std::string objects = inflate_bounded(pdf.substr(start, end - start), budget, hit);
    inflated_total += objects.size();
    r.truncated = r.truncated || hit;
    ++r.object_streams;
    scan_uris(objects, max_links, r.uris);
    pos = end;
  }
  return r;
}

}  // namespace oitscan::extract
