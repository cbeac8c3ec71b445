#include "archive/warc_fields.hpp"

#include <openssl/rand.h>

#include <array>
#include <cstdio>
#include <ctime>
#include <stdexcept>

#include "common/text.hpp"
#include "common/time.hpp"

namespace oitscan::archive {

namespace {
bool is_digit(char c) { return c >= '0' && c <= '9'; }
}  // namespace

bool is_token(std::string_view name) {
  if (name.empty()) return false;
  static constexpr std::string_view separators = "()<>@,;:\\\"/[]?={} \t";
  for (char c : name) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 32 || u >= 127 || separators.find(c) != std::string_view::npos) return false;
  }
  return true;
}

void WarcFields::add(std::string_view name, std::string_view value) {
  if (!is_token(name)) throw std::invalid_argument("WARC field name is not a token: " + std::string(name));
  for (char c : value) {
    if (c == '\r' || c == '\n' || c == '\0') {
      throw std::invalid_argument("WARC field " + std::string(name) + " holds a CR, LF or NUL byte");
    }
  }
  fields_.emplace_back(std::string(name), std::string(value));
}

std::optional<std::string> WarcFields::get(std::string_view name) const {
  for (const auto& [n, v] : fields_) {
    if (iequals(n, name)) return v;
  }
  return std::nullopt;
}

std::vector<std::string> WarcFields::get_all(std::string_view name) const {
  std::vector<std::string> out;
  for (const auto& [n, v] : fields_) {
    if (iequals(n, name)) out.push_back(v);
  }
  return out;
}

std::string WarcFields::serialize() const {
  std::string out;
  for (const auto& [n, v] : fields_) {
    out += n;
    out += ": ";
    out += v;
    out += "\r\n";
  }
  return out;
}

std::string new_record_id() {
  std::array<unsigned char, 16> b{};
  if (RAND_bytes(b.data(), static_cast<int>(b.size())) != 1) throw std::runtime_error("OpenSSL: RAND_bytes failed");
  b[6] = static_cast<unsigned char>((b[6] & 0x0FU) | 0x40U);  // version 4
  b[8] = static_cast<unsigned char>((b[8] & 0x3FU) | 0x80U);  // RFC 4122 variant
  static constexpr std::string_view digits = "0123456789abcdef";
  std::string out = "<urn:uuid:";
  for (std::size_t i = 0; i < b.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
    out.push_back(digits[b[i] >> 4U]);
    out.push_back(digits[b[i] & 15U]);
  }
  out.push_back('>');
  return out;
}

std::string warc_date_now() { return iso8601_utc_now(); }

bool is_warc_date(std::string_view v) {
  // YYYY-MM-DDThh:mm:ss then optional .fraction then Z
  static constexpr std::string_view shape = "dddd-dd-ddTdd:dd:dd";
  if (v.size() < shape.size() + 1) return false;
  for (std::size_t i = 0; i < shape.size(); ++i) {
    if (shape[i] == 'd' ? !is_digit(v[i]) : v[i] != shape[i]) return false;
  }
  std::size_t i = shape.size();
  if (v[i] == '.') {
    std::size_t digits = 0;
    for (++i; i < v.size() && is_digit(v[i]); ++i) ++digits;
    if (digits == 0 || digits > 9) return false;
  }
  return i + 1 == v.size() && v[i] == 'Z';
}

std::string warc_uri(std::string_view uri) {
  static constexpr std::string_view hex = "0123456789ABCDEF";
  std::string out;
  out.reserve(uri.size());
  for (char c : uri) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7F || c == '<' || c == '>' || c == '"') {
      out.push_back('%');
      out.push_back(hex[u >> 4U]);
      out.push_back(hex[u & 15U]);
    } else {
      out.push_back(c);
    }
  }
  return out;
}

}  // namespace oitscan::archive
