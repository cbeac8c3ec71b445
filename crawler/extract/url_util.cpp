#include "extract/url_util.hpp"

#include <boost/url.hpp>

#include <cctype>

namespace oitscan::extract {
namespace {

std::string trim(std::string_view s) {
  std::size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b])) != 0) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1])) != 0) --e;
  return std::string(s.substr(b, e - b));
}

bool starts_with_ci(std::string_view s, std::string_view p) {
  if (s.size() < p.size()) return false;
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(s[i])) != p[i]) return false;
  }
  return true;
}

}  // namespace

std::string encode_href(std::string_view ref) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char ch : ref) {
    const auto c = static_cast<unsigned char>(ch);
    const bool bad = c >= 0x80 || c <= 0x20 || c == '"' || c == '<' || c == '>' || c == '\\' || c == '^' ||
                     c == '`' || c == '{' || c == '|' || c == '}' || c == 0x7F;
    if (bad) {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    } else {
      out.push_back(ch);
    }
  }
  return out;
}

std::string resolve_url(std::string_view base, std::string_view ref_in) {
  const std::string ref = trim(ref_in);
  if (ref.empty() || starts_with_ci(ref, "javascript:") || starts_with_ci(ref, "data:")) return {};
  const std::string enc = encode_href(ref);
  auto r = boost::urls::parse_uri_reference(enc);
  if (!r) return {};
  if (base.empty()) return enc;
  const std::string base_enc = encode_href(base);  // url_view points into it: keep it alive
  auto b = boost::urls::parse_uri(base_enc);
  if (!b) return enc;
  boost::urls::url dest;
  if (!boost::urls::resolve(*b, *r, dest)) return enc;
  return std::string(dest.buffer());
}

std::string query_param(std::string_view url, std::string_view key) {
  const std::string enc = encode_href(url);  // url_view points into it: keep it alive
  auto u = boost::urls::parse_uri_reference(enc);
  if (!u) return {};
  for (const auto& p : u->params()) {
    if (p.key == key) return std::string(p.value);
  }
  return {};
}

}  // namespace oitscan::extract
