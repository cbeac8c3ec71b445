// The bulk CSV reader on arbitrary bytes: submissions or InputError, nothing else.
#include <cstddef>
#include <cstdint>

#include "common/input_error.hpp"
#include "check/submission.hpp"
#include "fuzz_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto file = oitscan::fuzz::write_input("units.csv", data, size);
  try {
    (void)oitscan::check::load_submissions_csv(file);
  } catch (const oitscan::InputError&) {
  }
  return 0;
}
