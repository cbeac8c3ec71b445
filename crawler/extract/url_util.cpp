#include "extract/url_util.hpp"

#include <boost/url.hpp>

#include <cctype>

#include "common/text.hpp"

namespace oitscan::extract {
namespace {

bool starts_with_ci(std::string_view s, std::string_view p) { return s.size() >= p.size() && iequals(s.substr(0, p.size()), p); }

}  // namespace

std::string encode_href(std::string_view ref) {
  std::string out;
  for (char ch : ref) {
    const auto c = static_cast<unsigned char>(ch);
    const bool bad = c >= 0x80 || c <= 0x20 || c == '"' || c == '<' || c == '>' || c == '\\' || c == '^' ||
                     c == '`' || c == '{' || c == '|' || c == '}' || c == 0x7F;
    if (bad) {
      out.push_back('%');
      out += hex_encode(std::string_view(&ch, 1), true);
    } else {
      out.push_back(ch);
    }
  }
  return out;
}

std::string resolve_url(std::string_view base, std::string_view ref_in) {
  const std::string ref(trim(ref_in));
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
