#include "fetch/url_key.hpp"

#include <boost/url/parse.hpp>
#include <boost/url/url.hpp>

namespace oitscan::fetch {

std::optional<ParsedUrl> parse_http_url(std::string_view text) {
  auto parsed = boost::urls::parse_uri(text);
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
  auto r = boost::urls::parse_uri_reference(reference);
  if (!b || !r) return {};
  boost::urls::url dest;
  if (!boost::urls::resolve(*b, *r, dest)) return {};
  return std::string(dest.buffer());
}

}  // namespace oitscan::fetch
