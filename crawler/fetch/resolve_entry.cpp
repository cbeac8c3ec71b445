#include "fetch/resolve_entry.hpp"

#include <boost/asio/ip/address.hpp>

#include <algorithm>
#include <charconv>
#include <stdexcept>
#include <string_view>

namespace oitscan::fetch {

// curl's --resolve syntax: HOST:PORT:ADDR[,ADDR]..., ADDR possibly [bracketed] IPv6.
void validate_resolve_entry(const std::string& entry) {
  const auto bad = [&](const char* why) { throw std::invalid_argument("--resolve " + entry + ": " + why); };
  const auto c1 = entry.find(':');
  const auto c2 = c1 == std::string::npos ? std::string::npos : entry.find(':', c1 + 1);
  if (c1 == 0 || c2 == std::string::npos) bad("expected HOST:PORT:ADDR");
  unsigned port = 0;
  const auto [p, ec] = std::from_chars(entry.data() + c1 + 1, entry.data() + c2, port);
  if (ec != std::errc() || p != entry.data() + c2 || port == 0 || port > 65535) bad("bad port");
  std::string_view addrs(entry);
  addrs.remove_prefix(c2 + 1);
  if (addrs.empty()) bad("missing address");
  while (!addrs.empty()) {
    std::string_view a = addrs.substr(0, addrs.find(','));
    addrs.remove_prefix(std::min(addrs.size(), a.size() + 1));
    if (a.size() >= 2 && a.front() == '[' && a.back() == ']') a = a.substr(1, a.size() - 2);
    boost::system::error_code aec;
    boost::asio::ip::make_address(std::string(a), aec);
    if (aec) bad("address is not an IP address");
  }
}

}  // namespace oitscan::fetch
