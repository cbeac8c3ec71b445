// The submission YAML reader on arbitrary bytes: it either returns a submission or throws
// InputError (naming file, line and field); any other exception, crash or hang is a finding.
#include <cstddef>
#include <cstdint>

#include "common/input_error.hpp"
#include "check/submission.hpp"
#include "fuzz_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto file = oitscan::fuzz::write_input("submission.yaml", data, size);
  try {
    (void)oitscan::check::load_submission_yaml(file);
  } catch (const oitscan::InputError&) {
  }
  return 0;
}
