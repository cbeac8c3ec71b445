// Charset resolution and Thai normalisation on arbitrary bytes; the matching view's offset map
// must always point inside the display text.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "thai/charset.hpp"
#include "thai/normalize.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const auto decoded = oitscan::thai::decode_to_utf8(bytes, size > 0 && data[0] % 2 == 0 ? "text/html; charset=tis-620" : "");
  oitscan::thai::NormalizeOptions o;
  o.repair_pdf_spaces = size > 1 && data[1] % 2 == 0;
  const std::string display = oitscan::thai::normalize(decoded.text, o);
  const auto view = oitscan::thai::make_matching_view(display, size > 2 && data[2] % 2 == 0);
  for (std::size_t i = 0; i < view.text.size(); ++i) {
    if (view.display_begin[i] > view.display_end[i] || view.display_end[i] > display.size()) std::abort();
  }
  return 0;
}
