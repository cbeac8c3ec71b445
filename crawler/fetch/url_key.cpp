#include "fetch/url_key.hpp"

#include <unicode/uidna.h>

#include <boost/url/parse.hpp>
#include <boost/url/url.hpp>

#include <array>
#include <cctype>
#include <memory>

#include "common/text.hpp"

namespace oitscan::fetch {
namespace {

bool needs_escape(unsigned char c) {
  return c >= 0x80 || c <= 0x20 || c == 0x7f || c == '"' || c == '<' || c == '>' || c == '\\' || c == '^' ||
         c == '`' || c == '{' || c == '|' || c == '}';
}

std::string percent_encode_unsafe(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  const auto hex = [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; };
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char ch = s[i];
    const auto c = static_cast<unsigned char>(ch);
    // A '%' that does not start an escape is a literal percent sign ("100%.pdf").
    const bool stray_percent = ch == '%' && !(i + 2 < s.size() && hex(s[i + 1]) && hex(s[i + 2]));
    if (!needs_escape(c) && !stray_percent) {
      out += ch;
      continue;
    }
    out += '%';
    out += hex_encode(std::string_view(&ch, 1), true);
  }
  return out;
}

// UTS #46 (IDNA2008, non-transitional) through ICU, which the project already links.
std::string idna_to_ascii(std::string_view host) {
  UErrorCode err = U_ZERO_ERROR;
  std::unique_ptr<UIDNA, decltype(&uidna_close)> idna(
      uidna_openUTS46(UIDNA_NONTRANSITIONAL_TO_ASCII | UIDNA_CHECK_BIDI | UIDNA_CHECK_CONTEXTJ, &err), &uidna_close);
  if (U_FAILURE(err)) return {};
  std::array<char, 512> out{};
  UIDNAInfo info = UIDNA_INFO_INITIALIZER;
  const int32_t n = uidna_nameToASCII_UTF8(idna.get(), host.data(), static_cast<int32_t>(host.size()), out.data(),
                                           static_cast<int32_t>(out.size()), &info, &err);
  if (U_FAILURE(err) || info.errors != 0 || n <= 0) return {};
  return std::string(out.data(), static_cast<std::size_t>(n));
}

}  // namespace

bool is_ascii(std::string_view s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

std::string ascii_url(std::string_view text) {
  const auto scheme_end = text.find("://");
  if (scheme_end == std::string_view::npos) return percent_encode_unsafe(text);  // a reference
  const auto auth_begin = scheme_end + 3;
  const auto auth_end = std::min(text.find_first_of("/?#", auth_begin), text.size());
  std::string_view authority = text.substr(auth_begin, auth_end - auth_begin);
  std::string out(text.substr(0, auth_begin));
  const auto at = authority.rfind('@');
  if (at != std::string_view::npos) {
    out += percent_encode_unsafe(authority.substr(0, at + 1));
    authority.remove_prefix(at + 1);
  }
  std::string_view host = authority, port;
  if (!authority.empty() && authority.front() != '[') {
    const auto colon = authority.rfind(':');
    if (colon != std::string_view::npos) {
      host = authority.substr(0, colon);
      port = authority.substr(colon);
    }
  }
  // "10.1.2.3." is the address 10.1.2.3. Boost.URL 1.81 reads it as the address followed by a
  // path "./secret", which normalising turns into "http://10.1.2.3secret" (a name for the resolver).
  if (host.size() > 1 && host.back() == '.' && host.find_first_not_of("0123456789.") == std::string_view::npos) {
    host.remove_suffix(1);
  }
  if (is_ascii(host)) {
    out += host;
  } else {
    const std::string ascii = idna_to_ascii(host);
    if (ascii.empty()) return {};
    out += ascii;
  }
  out += port;
  out += percent_encode_unsafe(text.substr(auth_end));
  return out;
}

std::optional<ParsedUrl> parse_http_url(std::string_view text) {
  const std::string ascii = ascii_url(text);
  if (ascii.empty()) return std::nullopt;
  auto parsed = boost::urls::parse_uri(ascii);
  if (!parsed) return std::nullopt;
  boost::urls::url u(*parsed);
  const auto scheme = u.scheme_id();
  if (scheme != boost::urls::scheme::http && scheme != boost::urls::scheme::https) return std::nullopt;
  if (!u.has_authority() || u.host().empty()) return std::nullopt;
  u.remove_fragment();
  if (u.encoded_path().empty()) u.set_encoded_path("/");
  u.normalize();
  const bool https = scheme == boost::urls::scheme::https;
  std::string port = u.has_port() ? std::string(u.port()) : std::string(https ? "443" : "80");
  const bool default_port = port == (https ? "443" : "80");
  if (default_port && u.has_port()) u.remove_port();  // http://a:80/ and http://a/ are one URL
  ParsedUrl out;
  out.normalized = std::string(u.buffer());
  const std::string host(u.encoded_host_and_port().empty() ? "" : std::string(u.encoded_host()));
  out.host_key = std::string(u.scheme()) + "://" + host + ":" + port;
  out.origin = std::string(u.scheme()) + "://" + host + (default_port ? "" : ":" + port);
  return out;
}

std::string path_and_query(std::string_view url) {
  auto u = boost::urls::parse_uri(url);
  if (!u) return "/";
  std::string out(u->encoded_path());
  if (out.empty()) out = "/";
  if (u->has_query()) out += "?" + std::string(u->encoded_query());
  return out;
}

std::string resolve_reference(std::string_view base, std::string_view reference) {
  auto b = boost::urls::parse_uri(base);
  const std::string ascii_ref = ascii_url(reference);  // servers do send raw UTF-8 in Location
  auto r = boost::urls::parse_uri_reference(ascii_ref);
  if (!b || !r) return {};
  boost::urls::url dest;
  if (!boost::urls::resolve(*b, *r, dest)) return {};
  return std::string(dest.buffer());
}

}  // namespace oitscan::fetch
