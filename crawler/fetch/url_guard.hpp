#pragma once
// The SSRF guard's first look, before any name is resolved or socket opened: the scheme must be
// http(s), and a host that is an IP address in any spelling a resolver or browser accepts
// (127.1, 0x7f.0.0.1, 2130706433, 0177.0.0.1, a trailing dot, fullwidth digits through IDNA,
// [::ffff:127.0.0.1]) is judged as that address. Without this, `127.0.0.1.` is not a literal to
// the C library and goes to DNS as a name. The socket-level guard (transfer.cpp) still judges
// every address actually connected, names included.
#include <boost/asio/ip/address.hpp>

#include <optional>
#include <string>
#include <string_view>

#include "fetch/fetch_options.hpp"

namespace oitscan::fetch {

// The address a URL host denotes literally, or nullopt when it is a name. `host` as it appears
// in a URL: bracketed IPv6, percent-escapes, IDN and one trailing dot allowed.
std::optional<boost::asio::ip::address> literal_host_address(std::string_view host);

// Why the policy refuses to contact this address ("loopback address 127.0.0.1"), or empty.
// --allow-private and the allowed_addresses exemptions apply.
std::string address_refusal(const boost::asio::ip::address& addr, const FetchOptions& options);

// Why `url` must not be fetched at all: a scheme other than http/https ("refused scheme `file:`"),
// or a literal host the policy refuses. Empty when the URL may go ahead.
std::string url_refusal(std::string_view url, const FetchOptions& options);

}  // namespace oitscan::fetch
