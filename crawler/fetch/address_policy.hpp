#pragma once
// The SSRF guard: which socket addresses a scanner of user-typed URLs must never contact.
// Applied to the address actually being connected (after DNS, --resolve and every redirect).
#include <boost/asio/ip/address.hpp>

#include <string_view>

namespace oitscan::fetch {

// A short reason ("loopback", "private", "link-local", "multicast", "metadata", "unspecified",
// "reserved") when the address is forbidden for an ordinary public fetch, empty when it is fine.
// IPv4-mapped and NAT64-free IPv4-compatible IPv6 forms are judged as the IPv4 address they carry.
std::string_view forbidden_reason(const boost::asio::ip::address& addr);

}  // namespace oitscan::fetch
