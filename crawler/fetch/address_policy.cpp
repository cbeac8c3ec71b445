#include "fetch/address_policy.hpp"

#include <cstdint>

namespace oitscan::fetch {
namespace {

bool in_v4(std::uint32_t a, std::uint32_t net, int prefix) {
  const std::uint32_t mask = prefix == 0 ? 0u : ~std::uint32_t{0} << (32 - prefix);
  return (a & mask) == (net & mask);
}

constexpr std::uint32_t v4(unsigned a, unsigned b, unsigned c, unsigned d) {
  return (std::uint32_t{a} << 24) | (std::uint32_t{b} << 16) | (std::uint32_t{c} << 8) | std::uint32_t{d};
}

std::string_view forbidden_v4(std::uint32_t a) {
  if (in_v4(a, v4(169, 254, 169, 254), 32)) return "metadata";  // AWS/GCP/Azure/OpenStack metadata
  if (in_v4(a, v4(100, 100, 100, 200), 32)) return "metadata";  // Alibaba Cloud metadata
  if (in_v4(a, v4(127, 0, 0, 0), 8)) return "loopback";
  if (in_v4(a, v4(0, 0, 0, 0), 8)) return "unspecified";
  if (in_v4(a, v4(10, 0, 0, 0), 8) || in_v4(a, v4(172, 16, 0, 0), 12) || in_v4(a, v4(192, 168, 0, 0), 16))
    return "private";
  if (in_v4(a, v4(100, 64, 0, 0), 10)) return "private";  // carrier-grade NAT
  if (in_v4(a, v4(169, 254, 0, 0), 16)) return "link-local";
  if (in_v4(a, v4(224, 0, 0, 0), 4)) return "multicast";
  if (in_v4(a, v4(240, 0, 0, 0), 4)) return "reserved";  // incl. 255.255.255.255
  if (in_v4(a, v4(192, 0, 0, 0), 24) || in_v4(a, v4(198, 18, 0, 0), 15)) return "reserved";
  return {};
}

}  // namespace

std::string_view forbidden_reason(const boost::asio::ip::address& addr) {
  if (addr.is_v4()) return forbidden_v4(addr.to_v4().to_uint());
  const auto a6 = addr.to_v6();
  const auto b = a6.to_bytes();
  if (a6.is_v4_mapped()) return forbidden_v4(boost::asio::ip::make_address_v4(boost::asio::ip::v4_mapped, a6).to_uint());
  if (a6.is_loopback()) return "loopback";
  if (a6.is_unspecified()) return "unspecified";
  // ::a.b.c.d (deprecated IPv4-compatible) and 64:ff9b::/96 (NAT64) carry an IPv4 address.
  bool v4_compatible = true;
  for (int i = 0; i < 12; ++i) v4_compatible = v4_compatible && b[static_cast<std::size_t>(i)] == 0;
  const bool nat64 = b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b;
  if (v4_compatible || nat64) {
    const std::uint32_t a = v4(b[12], b[13], b[14], b[15]);
    return forbidden_v4(a);
  }
  if (a6.is_link_local()) return "link-local";
  if (a6.is_multicast()) return "multicast";
  if (b[0] == 0xfd && b[1] == 0x00 && b[2] == 0x0e && b[3] == 0xc2) return "metadata";  // fd00:ec2::254 (AWS)
  if ((b[0] & 0xfe) == 0xfc) return "private";   // fc00::/7 unique local
  if (b[0] == 0xfe && (b[1] & 0xc0) == 0xc0) return "private";  // fec0::/10 site-local (deprecated)
  return {};
}

}  // namespace oitscan::fetch
