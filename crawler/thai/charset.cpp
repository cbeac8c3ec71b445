#include "thai/charset.hpp"

#include <unicode/ucnv.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cctype>
#include <memory>

#include "thai/utf8.hpp"

#include "common/text.hpp"

namespace oitscan::thai {
namespace {

std::string lower_trim(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '"' || c == '\'' || std::isspace(static_cast<unsigned char>(c)) != 0) continue;
    out.push_back(ascii_lower(c));
  }
  return out;
}

bool icu_knows(const std::string& name) {
  UErrorCode status = U_ZERO_ERROR;
  UConverter* conv = ucnv_open(name.c_str(), &status);
  if (conv != nullptr) ucnv_close(conv);
  return U_SUCCESS(status) && conv != nullptr;
}

std::string transcode(std::string_view bytes, const std::string& encoding) {
  if (encoding == "UTF-8") {
    // Re-encode so invalid sequences become U+FFFD consistently.
    std::string out;
    out.reserve(bytes.size());
    for (std::size_t i = 0; i < bytes.size();) append_utf8(out, next_code_point(bytes, i));
    return out;
  }
  const icu::UnicodeString u(bytes.data(), static_cast<int32_t>(std::min<std::size_t>(bytes.size(), INT32_MAX)),
                             encoding.c_str());
  std::string out;
  u.toUTF8String(out);
  return out;
}

// WHATWG "prescan a byte stream to determine its encoding", simplified: finds charset= inside a
// <meta ...> tag in the first 1024 bytes (both <meta charset=x> and http-equiv content forms).
std::string meta_prescan(std::string_view bytes) {
  const std::string head = ascii_lower(bytes.substr(0, 1024));
  std::size_t pos = 0;
  while ((pos = head.find("<meta", pos)) != std::string::npos) {
    const std::size_t close = head.find('>', pos);
    const std::string tag = head.substr(pos, close == std::string::npos ? std::string::npos : close - pos);
    const std::size_t cs = tag.find("charset");
    if (cs != std::string::npos) {
      std::size_t v = cs + 7;
      while (v < tag.size() && (tag[v] == ' ' || tag[v] == '=')) ++v;
      while (v < tag.size() && (tag[v] == '"' || tag[v] == '\'')) ++v;
      std::size_t e = v;
      while (e < tag.size() && (std::isalnum(static_cast<unsigned char>(tag[e])) != 0 || tag[e] == '-' ||
                                tag[e] == '_' || tag[e] == ':' || tag[e] == '.')) {
        ++e;
      }
      if (e > v) return tag.substr(v, e - v);
    }
    pos += 5;
  }
  return {};
}

}  // namespace

std::string charset_from_content_type(std::string_view content_type) {
  const std::string lower = ascii_lower(content_type);
  const std::size_t p = lower.find("charset=");
  if (p == std::string::npos) return {};
  std::size_t e = lower.find(';', p);
  return lower_trim(std::string_view(lower).substr(p + 8, e == std::string::npos ? std::string::npos : e - p - 8));
}

std::string canonical_encoding(std::string_view label) {
  const std::string l = lower_trim(label);
  if (l.empty()) return {};
  if (l == "utf-8" || l == "utf8" || l == "unicode-1-1-utf-8") return "UTF-8";
  // The Thai family: WHATWG decodes all of these as windows-874.
  if (l == "tis-620" || l == "tis620" || l == "iso-8859-11" || l == "iso8859-11" || l == "windows-874" ||
      l == "cp874" || l == "x-cp874" || l == "dos-874" || l == "iso-ir-166") {
    return "windows-874";
  }
  // The Latin-1 family: WHATWG decodes all of these as windows-1252.
  if (l == "iso-8859-1" || l == "latin1" || l == "us-ascii" || l == "ascii" || l == "windows-1252" ||
      l == "cp1252" || l == "iso8859-1" || l == "l1") {
    return "windows-1252";
  }
  if (l == "utf-16" || l == "utf-16le") return "UTF-16LE";
  if (l == "utf-16be") return "UTF-16BE";
  if (icu_knows(l)) return l;
  return {};
}

DecodedText decode_to_utf8(std::string_view bytes, std::string_view content_type, const DecodeOptions& options) {
  auto starts = [&](std::string_view p) { return bytes.substr(0, p.size()) == p; };
  if (starts("\xEF\xBB\xBF")) return {transcode(bytes.substr(3), "UTF-8"), "UTF-8", "bom"};
  if (starts("\xFF\xFE")) return {transcode(bytes.substr(2), "UTF-16LE"), "UTF-16LE", "bom"};
  if (starts("\xFE\xFF")) return {transcode(bytes.substr(2), "UTF-16BE"), "UTF-16BE", "bom"};

  if (const std::string enc = canonical_encoding(charset_from_content_type(content_type)); !enc.empty()) {
    return {transcode(bytes, enc), enc, "content-type"};
  }
  if (options.meta_prescan) {
    std::string enc = canonical_encoding(meta_prescan(bytes));
    // A page that claims UTF-16 in an ASCII-compatible <meta> is lying (WHATWG: use UTF-8).
    if (enc == "UTF-16LE" || enc == "UTF-16BE") enc = "UTF-8";
    if (!enc.empty()) return {transcode(bytes, enc), enc, "meta"};
  }
  if (is_valid_utf8(bytes)) return {std::string(bytes), "UTF-8", "utf8-valid"};

  // Guess: Thai words are runs of high bytes in 0xA1..0xFB (windows-874 letters); Latin-1 text
  // has isolated accented letters between ASCII ones.
  std::size_t high = 0, thai = 0;
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    const auto b = static_cast<unsigned char>(bytes[i]);
    if (b < 0x80) continue;
    ++high;
    const bool prev_high = i > 0 && static_cast<unsigned char>(bytes[i - 1]) >= 0xA1;
    const bool next_high = i + 1 < bytes.size() && static_cast<unsigned char>(bytes[i + 1]) >= 0xA1;
    if (b >= 0xA1 && b <= 0xFB && (prev_high || next_high)) ++thai;
  }
  if (thai * 10 >= high * 8) return {transcode(bytes, "windows-874"), "windows-874", "guess-thai"};
  return {transcode(bytes, "windows-1252"), "windows-1252", "guess-latin"};
}

}  // namespace oitscan::thai
