// Feeds arbitrary bytes to one registered extractor (chosen at build time) under small limits.
// Exceptions are the extractor's way to report malformed input; crashes, leaks, UB and hangs are bugs.
#include <cstddef>
#include <cstdint>
#include <exception>
#include <string_view>

#include "extract/extractor.hpp"
#include "extract/format.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace oitscan::extract;
  static const Extractor* extractor = builtin_extractors().find(OITSCAN_FUZZ_EXTRACTOR);
  Limits limits;
  limits.ocr = false;
  limits.max_member_bytes = 4u << 20;
  limits.max_decompressed_bytes = 16u << 20;
  limits.max_text_bytes = 4u << 20;
  limits.max_pages = 5;
  limits.max_cells = 20'000;
  limits.seconds_per_document = 5;
  Budget budget(limits.seconds_per_document);
  // The extractor's name is its format's, except the image extractor's (it reads png, jpeg, tiff).
  static const Format format = format_from_string(OITSCAN_FUZZ_EXTRACTOR).value_or(Format::png);
  ExtractContext ctx{limits, budget, "https://www.example.go.th/district/", "", format};
  Document doc;
  try {
    extractor->extract(std::string_view(reinterpret_cast<const char*>(data), size), ctx, doc);
  } catch (const std::exception&) {
  }
  return 0;
}
