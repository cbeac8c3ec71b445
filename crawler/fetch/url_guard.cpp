#include "fetch/url_guard.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <charconv>

#include "common/text.hpp"
#include "fetch/address_policy.hpp"
#include "fetch/url_key.hpp"

namespace oitscan::fetch {
namespace {

// The scheme of an absolute URL or reference, lower-cased, without the colon; empty when none.
std::string scheme_of(std::string_view url) {
  const auto colon = url.find(':');
  if (colon == std::string_view::npos || colon == 0) return {};
  for (std::size_t i = 0; i < colon; ++i) {
    const char c = url[i];
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (i > 0 && ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'));
    if (!ok) return {};
  }
  return ascii_lower(url.substr(0, colon));
}

std::string percent_decoded(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    unsigned value = 0;
    if (s[i] == '%' && i + 2 < s.size() &&
        std::from_chars(s.data() + i + 1, s.data() + i + 3, value, 16).ptr == s.data() + i + 3) {
      out += static_cast<char>(value);
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

}  // namespace

std::optional<boost::asio::ip::address> literal_host_address(std::string_view host) {
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    std::string inner(host.substr(1, host.size() - 2));
    if (const auto pct = inner.find('%'); pct != std::string::npos) inner.resize(pct);  // zone id
    boost::system::error_code ec;
    const auto a6 = boost::asio::ip::make_address_v6(inner, ec);
    if (ec) return std::nullopt;
    return boost::asio::ip::address(a6);
  }
  // Percent-escapes decoded ("%31%32%37.0.0.1"), then through the same IDNA mapping the fetcher
  // applies (fullwidth digits and dots become ASCII). Done by hand, not by a URL parser, which
  // may take the "127.0.0.1" of "127.0.0.1.example" for an address.
  std::string name = percent_decoded(host);
  if (!is_ascii(name)) {
    const std::string ascii = ascii_url("http://" + name + "/");
    if (ascii.size() < 8) return std::nullopt;
    name = ascii.substr(7, ascii.size() - 8);
  }
  name = ascii_lower(name);
  if (!name.empty() && name.back() == '.') name.pop_back();
  if (name.empty() || name.find_first_not_of("0123456789abcdefx.") != std::string::npos) return std::nullopt;
  // inet_aton is the C library's own reading of numeric hosts: dotted parts in decimal, octal
  // (leading 0) or hex (0x), fewer than four parts filling the last ones (127.1, 2130706433).
  in_addr a{};
  if (inet_aton(name.c_str(), &a) == 0) return std::nullopt;
  return boost::asio::ip::address_v4(ntohl(a.s_addr));
}

std::string address_refusal(const boost::asio::ip::address& addr, const FetchOptions& options) {
  if (options.allow_private) return {};
  for (const auto& allowed : options.allowed_addresses) {
    boost::system::error_code ec;
    const auto a = boost::asio::ip::make_address(allowed, ec);
    if (!ec && a == addr) return {};
  }
  const std::string_view reason = forbidden_reason(addr);
  if (reason.empty()) return {};
  return std::string(reason) + " address " + addr.to_string();
}

std::string url_refusal(std::string_view url, const FetchOptions& options) {
  const std::string scheme = scheme_of(url);
  if (scheme != "http" && scheme != "https") return "refused scheme `" + scheme.substr(0, 20) + ":` (only http and https are fetched)";
  // The host as written, taken by hand: Boost.URL 1.81 reads the host of "http://127.0.0.1.:80/"
  // as "127.0.0.1" and of "http://127.0.0.1.example/" as an IPv4 address too.
  const std::string ascii = ascii_url(url);
  const auto start = ascii.find("://");
  if (start == std::string::npos) return {};  // not a URL libcurl could fetch either
  std::string_view authority(ascii);
  authority = authority.substr(start + 3);
  authority = authority.substr(0, authority.find_first_of("/?#"));
  if (const auto at = authority.rfind('@'); at != std::string_view::npos) authority.remove_prefix(at + 1);
  std::string_view host = authority;
  if (!host.empty() && host.front() == '[') {
    host = host.substr(0, host.find(']') + 1);
  } else if (const auto colon = host.rfind(':'); colon != std::string_view::npos) {
    host = host.substr(0, colon);
  }
  if (const auto addr = literal_host_address(host)) return address_refusal(*addr, options);
  return {};
}

}  // namespace oitscan::fetch
