#include "fetch/header_values.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <vector>
#include <cctype>
#include <charconv>
#include <ctime>
#include <memory>
#include <stdexcept>

#include "common/text.hpp"

namespace oitscan::fetch {

std::optional<std::chrono::milliseconds> parse_retry_after(std::string_view value,
                                                           std::chrono::system_clock::time_point now) {
  value = trim(value);
  if (value.empty()) return std::nullopt;
  long long secs = 0;
  const auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), secs);
  if (ec == std::errc() && ptr == value.data() + value.size()) {
    return std::chrono::milliseconds(std::max(0LL, secs) * 1000);
  }
  // HTTP-date: libcurl's parser handles the three RFC 9110 formats.
  const auto when = parse_http_date(value);
  if (!when) return std::nullopt;
  const auto diff = *when - now;
  return std::max(std::chrono::milliseconds(0), std::chrono::duration_cast<std::chrono::milliseconds>(diff));
}

std::optional<std::chrono::sys_seconds> parse_http_date(std::string_view value) {
  // libcurl's parser handles the three RFC 9110 formats.
  const std::string copy(trim(value));
  if (copy.empty()) return std::nullopt;
  const time_t when = curl_getdate(copy.c_str(), nullptr);
  if (when < 0) return std::nullopt;
  return std::chrono::sys_seconds(std::chrono::seconds(when));
}

std::string charset_label(std::string_view content_type) {
  std::size_t pos = 0;
  while ((pos = content_type.find(';', pos)) != std::string_view::npos) {
    ++pos;
    std::string_view param = content_type.substr(pos);
    param = param.substr(0, param.find(';'));
    param = trim(param);
    const auto eq = param.find('=');
    if (eq == std::string_view::npos) continue;
    if (!iequals(trim(param.substr(0, eq)), "charset")) continue;
    std::string_view v = trim(param.substr(eq + 1));
    if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
    return std::string(v);
  }
  return {};
}

namespace {

struct DispositionParam {
  std::string name;  // lower case
  std::string value; // quotes removed, backslash escapes resolved
};

// The parameters after the disposition type, honouring quoted strings (a ';' inside quotes is
// part of the value). Some servers leave the type out (`filename="x.pdf"` alone): then the
// first segment is a parameter too.
std::vector<DispositionParam> disposition_params(std::string_view v) {
  std::vector<DispositionParam> params;
  const std::size_t first_semicolon = v.find(';');
  std::size_t at = v.find('=') < first_semicolon ? 0 : first_semicolon;  // start of a parameter
  if (at != 0 && at != std::string_view::npos) ++at;
  while (at != std::string_view::npos && at < v.size()) {
    const std::size_t eq = v.find_first_of("=;", at);
    if (eq == std::string_view::npos) break;
    if (v[eq] == ';') {  // a parameter without a value
      at = eq + 1;
      continue;
    }
    DispositionParam p{ascii_lower(trim(v.substr(at, eq - at))), {}};
    std::size_t j = eq + 1;
    while (j < v.size() && (v[j] == ' ' || v[j] == '\t')) ++j;
    std::size_t next = std::string_view::npos;
    if (j < v.size() && v[j] == '"') {
      for (++j; j < v.size() && v[j] != '"'; ++j) {
        if (v[j] == '\\' && j + 1 < v.size()) ++j;
        p.value += v[j];
      }
      next = v.find(';', j);
    } else {
      next = v.find(';', j);
      p.value = std::string(trim(v.substr(j, next == std::string_view::npos ? std::string_view::npos : next - j)));
    }
    params.push_back(std::move(p));
    at = next == std::string_view::npos ? next : next + 1;
  }
  return params;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// %XX escapes decoded; a '%' not followed by two hex digits stays as it is.
std::string percent_decode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

// Well-formed UTF-8 (no overlongs, surrogates or code points past U+10FFFF).
bool valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (len == 0 || i + len > s.size()) return false;
    std::uint32_t cp = len == 1 ? c : c & (0x7Fu >> len);
    for (std::size_t k = 1; k < len; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3Fu);
    }
    constexpr std::uint32_t least[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < least[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += len;
  }
  return true;
}

std::string latin1_to_utf8(std::string_view s) {
  std::string out;
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x80) {
      out += ch;
    } else {
      out += static_cast<char>(0xC0 | (c >> 6));
      out += static_cast<char>(0x80 | (c & 0x3F));
    }
  }
  return out;
}

// An RFC 8187 ext-value (charset'language'percent-encoded) as UTF-8; empty when its charset is
// neither UTF-8 nor ISO-8859-1 or the bytes do not fit the charset it claims.
std::string decode_ext_value(std::string_view v) {
  const auto q1 = v.find('\'');
  const auto q2 = q1 == std::string_view::npos ? q1 : v.find('\'', q1 + 1);
  if (q2 == std::string_view::npos) return {};
  const std::string_view charset = v.substr(0, q1);
  const std::string bytes = percent_decode(v.substr(q2 + 1));
  if (iequals(charset, "utf-8")) return valid_utf8(bytes) ? bytes : std::string();
  if (iequals(charset, "iso-8859-1")) return latin1_to_utf8(bytes);
  return {};
}

bool has_non_ascii(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
}

// Only the last path segment: the name must never steer where a caller writes a file.
std::string base_name(std::string name) {
  const auto sep = name.find_last_of("/\\");
  if (sep != std::string::npos) name.erase(0, sep + 1);
  return name;
}

}  // namespace

std::string content_disposition_filename(std::string_view value) {
  std::string plain, extended;
  for (const auto& p : disposition_params(value)) {
    if (p.name == "filename*" && extended.empty()) extended = decode_ext_value(p.value);
    if (p.name == "filename" && plain.empty()) plain = p.value;
  }
  if (!extended.empty()) return base_name(std::move(extended));
  if (plain.find('%') != std::string::npos) {
    std::string decoded = percent_decode(plain);
    if (has_non_ascii(decoded) && valid_utf8(decoded)) plain = std::move(decoded);
  }
  return base_name(std::move(plain));
}

void read_entity_headers(Response& r) {
  r.content_type.clear();
  r.last_modified.reset();
  r.attachment_filename.clear();
  for (const auto& [name, value] : r.headers) {
    if (iequals(name, "content-type")) r.content_type = value;
    if (iequals(name, "last-modified")) r.last_modified = parse_http_date(value);
    if (iequals(name, "content-disposition") && r.attachment_filename.empty())
      r.attachment_filename = content_disposition_filename(value);
  }
  r.charset = charset_label(r.content_type);
}

}  // namespace oitscan::fetch
