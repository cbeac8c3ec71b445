// Format sniffing (libmagic, zip members, text heuristics) on arbitrary bytes.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "extract/sniff.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  oitscan::extract::Limits limits;
  limits.max_member_bytes = 1u << 20;
  (void)oitscan::extract::sniff(std::string_view(reinterpret_cast<const char*>(data), size), limits);
  return 0;
}
