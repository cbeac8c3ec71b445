// The Thai date grammar on arbitrary (often invalid) UTF-8: spans must stay inside the input.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "thai/dates.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  oitscan::thai::DateOptions o;
  o.context_fiscal_year_be = 2568;
  for (const auto& d : oitscan::thai::find_dates(text, o)) {
    if (d.begin > d.end || d.end > size || !(d.first <= d.last)) std::abort();
  }
  return 0;
}
